"""SmartRecruiters: the company postings list (no text), then each posting's detail (``ref``).

Payload: the posting detail object (with ``jobAd.sections``).
"""

from typing import Any

from scrapy.http import Response

from scrapers.base.job_board_api import JobBoardApiSpider


class SmartrecruitersSpider(JobBoardApiSpider):
    name = "smartrecruiters"
    list_url = "https://api.smartrecruiters.com/v1/companies/{board}/postings?limit={limit}&offset={offset}"

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        if listed >= data.get("totalFound", 0):
            return None
        return self.list_url_for(response.meta["board"], page + 1)

    def detail_url(self, entry: dict[str, Any]) -> str | None:
        return entry.get("ref")
