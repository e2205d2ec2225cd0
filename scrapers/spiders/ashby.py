"""Ashby job boards: ``GET /posting-api/job-board/{org}?includeCompensation=true``.

Payload: one ``jobs[]`` item, with its ``compensation`` block. Where the postings, ids and
URLs are: ``families.yaml``.
"""

from scrapers.base.job_board_api import JobBoardApiSpider


class AshbySpider(JobBoardApiSpider):
    name = "ashby"
    list_url = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"
