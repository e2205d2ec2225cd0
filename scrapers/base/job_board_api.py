"""``JobBoardApiSpider``: JSON job-board APIs (ATS boards, Korean boards, aggregators).

One list per board, optionally paginated, optionally one detail call per posting when the
list lacks the text. A subclass is a handful of class attributes plus the hooks below.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, urljoin

from scrapy.http import Response

from scrapers.base.source import SourceSpider, fingerprint
from scrapers.families import Family, family
from scrapers.middlewares import origin_url
from scrapers.quarantine import BadResponse, expect_list, json_body, pluck

# Keys whose null value means "no data" in the envelopes of Korean APIs (Wanted, Jumpit,
# Woowa ...), which answer HTTP 200 with e.g. {"code": "9002", "data": null}.
NULLABLE_PAYLOAD_KEYS = ("data", "result", "job")


class JobBoardApiSpider(SourceSpider):
    #: list endpoint; placeholders {board}, {page} (1-based), {offset}, {limit}
    list_url: str = ""
    #: list-entry keys that change without the posting changing (ignored by incremental)
    volatile_list_keys: frozenset[str] = frozenset()

    # --- hooks: by default, what scrapers/families.yaml says of the spider's family -------
    @property
    def family(self) -> Family:
        return family(self.name)

    def postings_in(self, data: Any) -> list[Any]:
        """The list entries of one list response that are postings (skips are counted)."""
        path = self.family.list_path
        entries = expect_list(pluck(data, *path) if path else data, "the posting list")
        kept, skipped = self.family.split(entries)
        for reason, count in skipped.items():
            self.crawler.stats.inc_value(f"careermarket/skipped/{reason}", count)
        return kept

    def posting_id(self, entry: dict[str, Any]) -> Any:
        return self.family.posting_id(entry)

    def posting_url(self, entry: dict[str, Any]) -> str | None:
        """The public page of a posting (canonicalized by the provenance middleware)."""
        return self.family.posting_url(entry)

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        """URL of the next list page, or None when this page was the last.

        ``listed`` counts the entries of this board's pages so far, this one included.
        """
        return None

    def detail_url(self, entry: dict[str, Any]) -> str | None:
        """URL of the detail API for a list entry; None when the list entry is the posting."""
        return None

    def detail_payload(self, data: Any) -> Any:
        path = self.family.detail_path
        return pluck(data, *path) if path else data

    # --- machinery ---------------------------------------------------------------------
    def list_url_for(self, board: str, page: int) -> str:
        return self.list_url.format(
            board=quote(board, safe=""),
            page=page,
            offset=(page - 1) * self.page_size,
            limit=self.page_size,
        )

    def follow_link(self, response: Response, link: str) -> str:
        """Resolve a (relative) link against the real URL, not the replay one."""
        return urljoin(origin_url(response), link)

    async def start(self) -> AsyncIterator[Any]:
        for board in self.boards:
            self.ledger.board_requested(board)
            yield self.request(self.list_url_for(board, 1), self.parse_list, board=board, page=1)
        for url in self.urls:
            self.ledger.board_requested(url)
            yield self.request(url, self.parse_list, board=url, page=1)

    def parse_list(self, response: Response) -> Iterator[Any]:
        data = json_body(response)
        check_error_body(data)
        entries = expect_list(self.postings_in(data), "the posting list")
        board, page = response.meta["board"], response.meta["page"]
        listed = response.meta.get("listed", 0) + len(entries)
        self.ledger.board_listed(board, len(entries))
        for entry in entries:
            detail = self.detail_url(entry)
            if detail is None:
                yield self.posting(entry, self.posting_id(entry), self.posting_url(entry))
                continue
            key = str(self.posting_id(entry))
            if not self.unchanged(key, fingerprint(entry, self.volatile_list_keys)):
                yield self.request(detail, self.parse_detail, board=board, ledger_key=key)
        next_url = self.next_page(data, response, page, listed) if entries else None
        if next_url and page < self.max_pages:
            yield self.request(next_url, self.parse_list, board=board, page=page + 1, listed=listed)
        elif next_url:
            self.crawler.stats.inc_value("careermarket/max_pages_reached")

    def parse_detail(self, response: Response) -> Iterator[Any]:
        data = json_body(response)
        check_error_body(data)
        payload = self.detail_payload(data)
        if not isinstance(payload, dict):
            raise BadResponse("unexpected_shape", "the detail body holds no posting object")
        self.mark_landed(response)
        yield self.posting(payload, self.posting_id(payload), self.posting_url(payload))


def check_error_body(data: Any) -> None:
    """Raise ``error_body`` for an HTTP-200 body that is really an error envelope."""
    if not isinstance(data, dict):
        return
    null_keys = [k for k in NULLABLE_PAYLOAD_KEYS if k in data and data[k] is None]
    if null_keys or data.get("error") or data.get("errors"):
        said = {k: data[k] for k in ("code", "status", "message", "error") if k in data}
        raise BadResponse("error_body", f"null {null_keys or 'payload'}; {said}")
