"""Greenhouse job boards: ``GET /v1/boards/{token}/jobs?content=true``, one list per board.

Payload: one ``jobs[]`` item, ``content`` still HTML-entity-escaped as served.
"""

from typing import Any

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.quarantine import pluck


class GreenhouseSpider(JobBoardApiSpider):
    name = "greenhouse"
    list_url = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"

    def postings_in(self, data: Any) -> list[Any]:
        return pluck(data, "jobs")

    def posting_url(self, entry: dict[str, Any]) -> str | None:
        return entry.get("absolute_url")
