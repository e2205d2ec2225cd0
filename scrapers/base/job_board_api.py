"""``JobBoardApiSpider``: JSON (or XML) job-board APIs (ATS boards, Korean boards, aggregators).

One list per board, optionally paginated, optionally one detail call per posting when the
list lacks the text. A subclass is a handful of declarative class attributes:

    class RecruiteeSpider(JobBoardApiSpider):
        name = "recruitee"                                   # = source id = families.yaml key
        list_url = "https://{board}.recruitee.com/api/offers/"
        pagination = NoPagination()                          # scrapers/pagination.py
        detail_url = None                                    # "…/jobs/{id}": one call per entry

Where a response keeps its postings, their ids and public URLs, and whether it is XML, is
``families.yaml``; the hooks below read it and rarely need overriding.
"""

from __future__ import annotations

import string
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, ClassVar
from urllib.parse import quote, urljoin, urlsplit

from scrapy.http import Response

from scrapers.base.source import SourceSpider, fingerprint
from scrapers.families import Family, family
from scrapers.middlewares import origin_url
from scrapers.pagination import NoPagination, Pagination
from scrapers.quarantine import BadResponse, decoded_text, expect_list, json_body, pluck
from scrapers.xmldoc import XmlError, xml_document

# Keys whose null value means "no data" in the envelopes of Korean APIs (Wanted, Jumpit,
# Woowa ...), which answer HTTP 200 with e.g. {"code": "9002", "data": null}.
NULLABLE_PAYLOAD_KEYS = ("data", "result", "job")


class JobBoardApiSpider(SourceSpider):
    #: list endpoint; placeholders {board}, {page} (1-based), {offset}, {limit}
    list_url: str = ""
    #: how the list pages (scrapers/pagination.py); its placeholder must be in list_url
    pagination: ClassVar[Pagination] = NoPagination()
    #: detail endpoint per list entry, str.format over the entry ("{ref}", "…/jobs/{id}");
    #: None when the list entry is the posting
    detail_url: str | None = None
    #: list-entry keys that change without the posting changing (ignored by incremental)
    volatile_list_keys: frozenset[str] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        wanted = cls.pagination.placeholder
        if cls.list_url and wanted and f"{{{wanted}}}" not in cls.list_url:
            raise TypeError(
                f"{cls.__name__}: {type(cls.pagination).__name__} pages through "
                f"{{{wanted}}}, which list_url lacks"
            )

    # --- hooks: by default, what scrapers/families.yaml says of the spider's family -------
    @property
    def family(self) -> Family:
        return family(self.name)

    def read_body(self, response: Response) -> Any:
        """The parsed body: JSON, or an XML feed as a JSON-like tree (``scrapers.xmldoc``)."""
        if self.family.format != "xml":
            return json_body(response)
        try:
            return xml_document(decoded_text(response).encode("utf-8"), self.family.xml_lists)
        except XmlError as exc:
            raise BadResponse("malformed_xml", str(exc)) from None

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

    def posting_url(
        self, entry: dict[str, Any], context: Mapping[str, str] | None = None
    ) -> str | None:
        """The public page of a posting (canonicalized by the provenance middleware)."""
        return self.family.posting_url(entry, context)

    def next_page(self, data: Any, response: Response, page: int, listed: int) -> str | None:
        """URL of the next list page, or None when this page was the last.

        ``listed`` counts the entries of this board's pages so far, this one included.
        """
        return self.pagination.next_url(self, data, response, page, listed)

    def detail_url_for(self, entry: dict[str, Any]) -> str | None:
        """``detail_url`` filled from the entry; None when a key it needs is missing."""
        if self.detail_url is None:
            return None
        values = {}
        for _, key, _, _ in string.Formatter().parse(self.detail_url):
            if key is not None:
                value = entry.get(key)
                if value is None or isinstance(value, (dict, list)) or str(value) == "":
                    return None
                values[key] = value
        return self.detail_url.format(**values)

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

    def response_context(self, response: Response) -> dict[str, str]:
        """What a URL template may use besides the entry: ``{_host}``, ``{_board}``."""
        host = urlsplit(origin_url(response)).netloc
        return {"_host": host, "_board": str(response.meta.get("board") or "")}

    async def start(self) -> AsyncIterator[Any]:
        for board in self.boards:
            self.ledger.board_requested(board)
            yield self.request(self.list_url_for(board, 1), self.parse_list, board=board, page=1)
        for url in self.urls:
            self.ledger.board_requested(url)
            yield self.request(url, self.parse_list, board=url, page=1)

    def parse_list(self, response: Response) -> Iterator[Any]:
        data = self.read_body(response)
        check_error_body(data)
        entries = expect_list(self.postings_in(data), "the posting list")
        board, page = response.meta["board"], response.meta["page"]
        listed = response.meta.get("listed", 0) + len(entries)
        self.ledger.board_listed(board, len(entries))
        envelope = self.family.envelope_of(data)
        context = self.response_context(response)
        for entry in entries:
            if self.detail_url is None:
                url = self.posting_url(entry, context)
                yield self.posting(entry, self.posting_id(entry), url, envelope=envelope)
                continue
            detail = self.detail_url_for(entry)
            if detail is None:
                self.crawler.stats.inc_value("careermarket/skipped/no_detail_url")
                continue
            key = str(self.posting_id(entry))
            marker = fingerprint(entry, self.volatile_list_keys)
            if not self.unchanged(key, marker):
                yield self.request(
                    detail, self.parse_detail, board=board, ledger_key=key, ledger_marker=marker
                )
        next_url = self.next_page(data, response, page, listed) if entries else None
        if next_url and page < self.max_pages:
            # Before this page's details: the sooner every list page is read, the more detail
            # requests there are to share (a shared frontier pops by priority, not by age).
            yield self.request(
                next_url, self.parse_list, board=board, page=page + 1, listed=listed, priority=1
            )
        elif next_url:
            self.crawler.stats.inc_value("careermarket/max_pages_reached")

    def parse_detail(self, response: Response) -> Iterator[Any]:
        data = self.read_body(response)
        check_error_body(data)
        payload = self.detail_payload(data)
        if not isinstance(payload, dict):
            raise BadResponse("unexpected_shape", "the detail body holds no posting object")
        self.mark_landed(response)
        url = self.posting_url(payload, self.response_context(response))
        yield self.posting(payload, self.posting_id(payload), url)


def check_error_body(data: Any) -> None:
    """Raise ``error_body`` for an HTTP-200 body that is really an error envelope."""
    if not isinstance(data, dict):
        return
    null_keys = [k for k in NULLABLE_PAYLOAD_KEYS if k in data and data[k] is None]
    if null_keys or data.get("error") or data.get("errors"):
        said = {k: data[k] for k in ("code", "status", "message", "error") if k in data}
        raise BadResponse("error_body", f"null {null_keys or 'payload'}; {said}")
