"""Lever postings: ``GET /v0/postings/{company}?mode=json``, paginated with skip/limit.

Payload: one posting of the top-level array (``families.yaml``: ``list: []``).
"""

from typing import Any

from scrapy.http import Response

from scrapers.base.job_board_api import JobBoardApiSpider


class LeverSpider(JobBoardApiSpider):
    name = "lever"
    list_url = "https://api.lever.co/v0/postings/{board}?mode=json&skip={offset}&limit={limit}"

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        # A short page is the last one.
        if listed < page * self.page_size:
            return None
        return self.list_url_for(response.meta["board"], page + 1)
