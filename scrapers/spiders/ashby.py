"""Ashby job boards: ``GET /posting-api/job-board/{org}?includeCompensation=true``.

Payload: one ``jobs[]`` item, with its ``compensation`` block.
"""

from typing import Any

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.quarantine import pluck


class AshbySpider(JobBoardApiSpider):
    name = "ashby"
    list_url = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"

    def postings_in(self, data: Any) -> list[Any]:
        return pluck(data, "jobs")

    def posting_url(self, entry: dict[str, Any]) -> str | None:
        return entry.get("jobUrl")
