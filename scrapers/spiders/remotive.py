"""Remotive: ``GET /api/remote-jobs?category={category}``. Payload: one ``jobs[]`` item
(where the postings, ids and URLs are: ``families.yaml``)."""

from scrapers.base.job_board_api import JobBoardApiSpider


class RemotiveSpider(JobBoardApiSpider):
    name = "remotive"
    list_url = "https://remotive.com/api/remote-jobs?category={board}"
