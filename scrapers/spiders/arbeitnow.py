"""Arbeitnow: ``GET /api/job-board-api``, paginated by ``links.next``.

Payload: one ``data[]`` item.
"""

from typing import Any

from scrapy.http import Response

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.quarantine import pluck


class ArbeitnowSpider(JobBoardApiSpider):
    name = "arbeitnow"

    def postings_in(self, data: Any) -> list[Any]:
        return pluck(data, "data")

    def posting_id(self, entry: dict[str, Any]) -> Any:
        return entry.get("slug")

    def posting_url(self, entry: dict[str, Any]) -> str | None:
        return entry.get("url")

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        link = (data.get("links") or {}).get("next")
        return self.follow_link(response, link) if link else None
