"""Arbeitnow: ``GET /api/job-board-api``, paginated by ``links.next``.

Payload: one ``data[]`` item; its id is the ``slug`` (``families.yaml``).
"""

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.pagination import NextLink


class ArbeitnowSpider(JobBoardApiSpider):
    name = "arbeitnow"
    pagination = NextLink(link=("links", "next"))
