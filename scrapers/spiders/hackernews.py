"""Hacker News "Ask HN: Who is hiring?": every top-level comment of the thread is a posting.

Without ``boards`` (story ids) the newest thread by the ``whoishiring`` account is found
through Algolia's search API. Payload: one top-level comment object of the Algolia item
API (``/api/v1/items/<id>``), replies included, with its ``story_id``. Deleted or flagged
comments (no text) are skipped and counted by the rule in ``families.yaml``.
"""

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy.http import Response

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.quarantine import BadResponse, expect_list, json_body, pluck

HIRING_TITLE = re.compile(r"who is hiring\?", re.IGNORECASE)


class HackernewsSpider(JobBoardApiSpider):
    name = "hackernews"
    list_url = "https://hn.algolia.com/api/v1/items/{board}"
    search_url = (
        "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=10"
    )

    async def start(self) -> AsyncIterator[Any]:
        if self.boards or self.urls:
            async for request in super().start():
                yield request
            return
        yield self.request(self.search_url, self.parse_search)

    def parse_search(self, response: Response) -> Iterator[Any]:
        hits = expect_list(pluck(json_body(response), "hits"), "hits")
        threads = [h for h in hits if HIRING_TITLE.search(h.get("title") or "")]
        if not threads:
            raise BadResponse("unexpected_shape", "no 'Who is hiring?' story in the search hits")
        story_id = str(threads[0]["objectID"])  # search_by_date: newest first
        self.ledger.board_requested(story_id)
        yield self.request(self.list_url_for(story_id, 1), self.parse_list, board=story_id, page=1)
