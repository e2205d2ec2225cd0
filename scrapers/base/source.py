"""``SourceSpider``: what every careermarket spider shares.

- arguments: ``base_url``, ``boards``, ``urls``, ``sitemaps``, ``crawl_id``, ``page_size``
  (comma-separated lists; without any of boards/urls/sitemaps, ``sources.yaml`` decides);
- the landing feed ``data/raw/<source>/<date>/<crawl_id>.jsonl`` added to ``FEEDS``;
- the per-source ledger (incremental crawls, board counts);
- request / posting helpers and the errback that quarantines failed downloads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scrapers import layout
from scrapers.items import RAW_FIELDS, QuarantineRecord, RawPosting
from scrapers.ledger import open_ledger
from scrapers.sources import SourceEntry, load_sources

RAW_ITEM_CLASS = "scrapers.items.RawPosting"


def split_arg(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return [part.strip() for part in value.split(",") if part.strip()]


def add_landing_feed(settings: BaseSettings) -> None:
    """Add the landing feed to FEEDS, keeping feeds given with -o/-O on the command line."""
    data_dir = Path(settings["CAREERMARKET_DATA_DIR"]).resolve()
    uri = data_dir.as_uri() + "/raw/%(name)s/%(crawl_date)s/%(crawl_id)s.jsonl"
    feeds = {key: dict(opts) for key, opts in settings.getdict("FEEDS").items()}
    for opts in feeds.values():
        # -O out.jsonl gets exactly the landing records, in the same field order.
        opts.setdefault("item_classes", [RAW_ITEM_CLASS])
        opts.setdefault("fields", RAW_FIELDS)
    feeds[uri] = {
        "format": "jsonlines",
        "encoding": "utf-8",
        "item_classes": [RAW_ITEM_CLASS],
        "fields": RAW_FIELDS,
        "overwrite": True,
        "store_empty": True,  # an empty landing file records "crawled, nothing new"
    }
    priority = max(settings.getpriority("FEEDS") or 0, SETTINGS_PRIORITIES["spider"])
    settings.set("FEEDS", feeds, priority=priority)


def fingerprint(obj: Any, ignore: frozenset[str] = frozenset()) -> str:
    """A short stable digest of a list entry, without its volatile keys (view counts ...)."""
    if isinstance(obj, dict):
        obj = {k: v for k, v in obj.items() if k not in ignore}
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class SourceSpider(scrapy.Spider):
    """Base of every spider; subclasses set ``name`` and describe their source."""

    name: str
    page_size: int = 100

    def __init__(
        self,
        *args: Any,
        base_url: str | None = None,
        boards: str | None = None,
        urls: str | None = None,
        sitemaps: str | None = None,
        crawl_id: str | None = None,
        page_size: str | int | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.base_url = base_url or None
        self.started_at = datetime.now(UTC)
        self.crawl_id = crawl_id or layout.new_crawl_id(self.started_at)
        self.crawl_date = layout.crawl_date(self.crawl_id)  # also validates a given id
        if page_size:
            self.page_size = int(page_size)
        given = (split_arg(boards), split_arg(urls), split_arg(sitemaps))
        if not any(given):
            entry = load_sources().get(self.name, SourceEntry())
            given = (list(entry.boards), list(entry.urls), list(entry.sitemaps))
        self.boards, self.urls, self.sitemaps = given

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if not settings.frozen:
            # Here, not in update_settings: `scrapy crawl` merges the command line's FEEDS
            # into the crawler after update_settings, which would drop the landing feed.
            add_landing_feed(settings)
        spider.data_dir = Path(settings["CAREERMARKET_DATA_DIR"]).resolve()
        spider.ledger = open_ledger(settings, spider.data_dir, spider.name)
        spider.incremental = settings.getbool("CAREERMARKET_INCREMENTAL")
        spider.refetch_after = timedelta(days=settings.getfloat("CAREERMARKET_REFETCH_AFTER_DAYS"))
        spider.max_pages = settings.getint("CAREERMARKET_MAX_PAGES")
        return spider

    # --- helpers for subclasses ----------------------------------------------------------
    def request(
        self,
        url: str,
        callback: Any,
        *,
        board: str | None = None,
        priority: int = 0,
        **meta: Any,
    ) -> scrapy.Request:
        """A request whose failures are quarantined (see ``on_error``)."""
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"board": board, **meta},
            priority=priority,
        )

    def posting(
        self,
        payload: dict[str, Any],
        posting_id: Any,
        url: str | None,
        envelope: dict[str, Any] | None = None,
    ) -> RawPosting:
        """A raw posting; the provenance middleware stamps source, time and HTTP facts.

        ``envelope``: the list response's keys ``families.yaml`` keeps beside the payload
        (Workable's account ``name``), which stays exactly as served.
        """
        # A missing id becomes "" and is quarantined as invalid_record by validation.
        item = RawPosting(
            payload=payload, source_posting_id="" if posting_id is None else str(posting_id)
        )
        if url:
            item["url"] = url
        if envelope:
            item["envelope"] = envelope
        return item

    def unchanged(self, key: str, marker: str) -> bool:
        """Incremental check: was ``key`` landed with this marker recently? Counts skips.

        When it was not, the caller puts ``ledger_key`` and ``ledger_marker`` in the detail
        request's meta: whichever crawl worker fetches the detail records it (``mark_landed``).
        """
        if self.incremental and self.ledger.is_unchanged(
            key, marker, datetime.now(UTC), self.refetch_after
        ):
            self.crawler.stats.inc_value("careermarket/details_skipped_unchanged")
            return True
        return False

    def mark_landed(self, response: Response) -> None:
        """Record that the detail behind ``response`` produced a posting."""
        key, marker = response.meta.get("ledger_key"), response.meta.get("ledger_marker")
        if key is not None and marker is not None:
            fetched_at = (
                response.meta.get("fetched_at") or f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"
            )
            self.ledger.landed(key, marker, fetched_at)

    # --- failures --------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> Iterator[QuarantineRecord]:
        """Quarantine a request that ended without a usable response."""
        if failure.check(HttpError):
            response: Response = failure.value.response
            yield QuarantineRecord(
                reason=f"http_{response.status}",
                detail=f"board {response.meta.get('board')!r}: HTTP {response.status}",
            )  # the provenance middleware adds URL, status and body excerpt
            return
        if failure.check(IgnoreRequest):
            return  # forbidden by robots.txt: counted as robotstxt/forbidden, not a response
        request = failure.request
        reason = "timeout" if failure.check(DownloadTimeoutError) else "download_error"
        yield QuarantineRecord(
            url=request.meta.get("origin_url", request.url),
            http_status=None,
            reason=reason,
            detail=f"{failure.type.__name__}: {failure.getErrorMessage()}",
            body_excerpt=None,
        )
