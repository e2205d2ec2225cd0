"""Remotive: ``GET /api/remote-jobs?category={category}``. Payload: one ``jobs[]`` item."""

from typing import Any

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.quarantine import pluck


class RemotiveSpider(JobBoardApiSpider):
    name = "remotive"
    list_url = "https://remotive.com/api/remote-jobs?category={board}"

    def postings_in(self, data: Any) -> list[Any]:
        return pluck(data, "jobs")

    def posting_url(self, entry: dict[str, Any]) -> str | None:
        return entry.get("url")
