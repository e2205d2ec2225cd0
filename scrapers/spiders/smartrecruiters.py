"""SmartRecruiters: the company postings list (no text, offset/limit against ``totalFound``),
then each posting's detail (its ``ref``).

Payload: the posting detail object (with ``jobAd.sections``).
"""

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.pagination import Offset


class SmartrecruitersSpider(JobBoardApiSpider):
    name = "smartrecruiters"
    list_url = "https://api.smartrecruiters.com/v1/companies/{board}/postings?limit={limit}&offset={offset}"
    pagination = Offset(total=("totalFound",))
    detail_url = "{ref}"
