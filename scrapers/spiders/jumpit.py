"""점핏 (Jumpit): the positions list by job category (``page``), then the position detail
with responsibility / qualifications / preferredRequirements.

Payload: the detail's ``result`` object. ``boards`` are Jumpit jobCategory ids.
"""

from typing import Any

from scrapy.http import Response

from scrapers.base.job_board_api import JobBoardApiSpider


class JumpitSpider(JobBoardApiSpider):
    name = "jumpit"
    list_url = (
        "https://jumpit-api.saramin.co.kr/api/positions?jobCategory={board}&sort=reg_dt&page={page}"
    )
    volatile_list_keys = frozenset(
        {"viewCount", "scrapCount", "scraped", "applied", "celebration", "logo", "imagePath"}
    )

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        if listed >= data["result"].get("totalCount", 0):
            return None
        return self.list_url_for(response.meta["board"], page + 1)

    def detail_url(self, entry: dict[str, Any]) -> str | None:
        return f"https://jumpit-api.saramin.co.kr/api/position/{entry['id']}"
