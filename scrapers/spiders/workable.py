"""Workable job boards: the account widget API with ``details=true`` (text included).

Payload: one ``jobs[]`` item; the account's display ``name`` rides along as the record's
``envelope`` (``families.yaml``). One response per account, no pagination.
"""

from scrapers.base.job_board_api import JobBoardApiSpider


class WorkableSpider(JobBoardApiSpider):
    name = "workable"
    list_url = "https://apply.workable.com/api/v1/widget/accounts/{board}?details=true"
