"""Greenhouse job boards: ``GET /v1/boards/{token}/jobs?content=true``, one list per board.

Payload: one ``jobs[]`` item, ``content`` still HTML-entity-escaped as served. Where the
postings, ids and URLs are: ``families.yaml``.
"""

from scrapers.base.job_board_api import JobBoardApiSpider


class GreenhouseSpider(JobBoardApiSpider):
    name = "greenhouse"
    list_url = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"
