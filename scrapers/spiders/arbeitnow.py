"""Arbeitnow: ``GET /api/job-board-api``, paginated by ``links.next``.

Payload: one ``data[]`` item; its id is the ``slug`` (``families.yaml``).
"""

from typing import Any

from scrapy.http import Response

from scrapers.base.job_board_api import JobBoardApiSpider


class ArbeitnowSpider(JobBoardApiSpider):
    name = "arbeitnow"

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        link = (data.get("links") or {}).get("next")
        return self.follow_link(response, link) if link else None
