"""Recruitee careers sites: ``GET https://{company}.recruitee.com/api/offers/``.

Payload: one ``offers[]`` item (description and requirements as HTML). One response per
company, no pagination.
"""

from scrapers.base.job_board_api import JobBoardApiSpider


class RecruiteeSpider(JobBoardApiSpider):
    name = "recruitee"
    list_url = "https://{board}.recruitee.com/api/offers/"
