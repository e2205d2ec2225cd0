"""점핏 (Jumpit): the positions list by job category (``page`` against ``totalCount``), then
the position detail with responsibility / qualifications / preferredRequirements.

Payload: the detail's ``result`` object. ``boards`` are Jumpit jobCategory ids.
"""

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.pagination import PageNumber


class JumpitSpider(JobBoardApiSpider):
    name = "jumpit"
    list_url = (
        "https://jumpit-api.saramin.co.kr/api/positions?jobCategory={board}&sort=reg_dt&page={page}"
    )
    pagination = PageNumber(total=("result", "totalCount"))
    detail_url = "https://jumpit-api.saramin.co.kr/api/position/{id}"
    volatile_list_keys = frozenset(
        {"viewCount", "scrapCount", "scraped", "applied", "celebration", "logo", "imagePath"}
    )
