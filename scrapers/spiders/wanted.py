"""원티드 (Wanted): the job list by category (``links.next`` pagination), then the job detail
``GET /api/v4/jobs/{id}``; only the detail carries the text.

Payload: the detail's ``job`` object. ``boards`` are Wanted category_tag ids (job_ids).
"""

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.pagination import NextLink


class WantedSpider(JobBoardApiSpider):
    name = "wanted"
    page_size = 20
    list_url = (
        "https://www.wanted.co.kr/api/chaos/navigation/v1/results?job_group_id=518"
        "&job_ids={board}&country=kr&job_sort=job.latest_order&years=-1&locations=all"
        "&limit={limit}&offset={offset}"
    )
    pagination = NextLink(link=("links", "next"))
    detail_url = "https://www.wanted.co.kr/api/v4/jobs/{id}"
    # Bookmarks, rewards and response stats change daily; the posting does not.
    volatile_list_keys = frozenset(
        {"is_bookmark", "reward", "reward_total", "company", "title_img", "user_oriented_tags"}
    )
