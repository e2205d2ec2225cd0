"""Lever postings: ``GET /v0/postings/{company}?mode=json``, paginated with skip/limit.

Payload: one posting of the top-level array (``families.yaml``: ``list: []``). A short
page is the last one.
"""

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.pagination import Offset


class LeverSpider(JobBoardApiSpider):
    name = "lever"
    list_url = "https://api.lever.co/v0/postings/{board}?mode=json&skip={offset}&limit={limit}"
    pagination = Offset()
