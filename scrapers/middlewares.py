"""Cross-cutting crawl behaviour, so spiders only describe their source.

- ``BaseUrlMiddleware``: ``-a base_url=`` moves every request onto a replay server.
- ``ProvenanceMiddleware``: stamps URL, fetch time, crawl id and HTTP facts on items, and
  turns ``BadResponse`` raised by a callback into a quarantine record.
- ``PoliteRetryMiddleware``: retries 429/5xx/timeouts and connection errors; a Retry-After
  pauses the whole host, other retries wait an exponential backoff; DNS failures fail fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from scrapy.utils.request import RequestFingerprinter
from scrapy.utils.response import response_status_message

from scrapers.items import QuarantineRecord, RawPosting
from scrapers.quarantine import BadResponse, body_excerpt
from scrapers.urls import canonical_url, rewrite_to_base


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def origin_url(response: Response) -> str:
    """The URL as the spider meant it (before any base_url rewrite)."""
    return response.meta.get("origin_url", response.url)


class BaseUrlMiddleware(BaseSpiderMiddleware):
    """Rewrite the scheme and host of every request when the spider has a ``base_url``.

    The original URL stays in ``meta["origin_url"]``: records keep the real site's URL. The
    request keeps the real site's ``Host`` header, as behind a reverse proxy, so the replay
    server can tell boards apart that live on their own subdomain (``acme.recruitee.com``).
    """

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        base_url = getattr(self.crawler.spider, "base_url", None)
        if not base_url or "origin_url" in request.meta:
            return request
        new = request.replace(url=rewrite_to_base(request.url, base_url))
        new.meta["origin_url"] = request.url
        new.headers.setdefault("Host", urlsplit(request.url).netloc)
        return new


class OriginRequestFingerprinter(RequestFingerprinter):
    """Scrapy's request fingerprint, of the URL the spider meant (``meta["origin_url"]``).

    Under ``base_url`` two boards that differ only in their host (``a.recruitee.com`` and
    ``b.recruitee.com``) are rewritten onto one replay URL; deduplicating by the origin URL
    keeps them two requests, exactly as in a live crawl. Live, the two URLs are the same.
    """

    def fingerprint(self, request: Request) -> bytes:
        origin = request.meta.get("origin_url")
        return super().fingerprint(request.replace(url=origin) if origin else request)


class ProvenanceMiddleware(BaseSpiderMiddleware):
    """Stamp provenance on every item a callback yields (cf. alltheplaces track_sources)."""

    def process_spider_input(self, response: Response) -> None:
        response.meta.setdefault("fetched_at", utc_now())

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if response is None:
            return item
        if isinstance(item, RawPosting):
            self._stamp_posting(item, response)
        elif isinstance(item, QuarantineRecord):
            self._stamp_quarantine(item, response)
        return item

    def process_spider_exception(
        self, response: Response, exception: Exception
    ) -> Iterable[Any] | None:
        if not isinstance(exception, BadResponse):
            return None  # a real bug: let it count as a spider error
        record = QuarantineRecord(reason=exception.reason, detail=exception.detail)
        self._stamp_quarantine(record, response)
        return [record]

    def _stamp_posting(self, item: RawPosting, response: Response) -> None:
        spider = self.crawler.spider
        item["source"] = spider.name
        item["spider"] = spider.name
        item["crawl_id"] = spider.crawl_id
        item["fetched_at"] = response.meta.get("fetched_at") or utc_now()
        item["url"] = canonical_url(item.get("url") or origin_url(response))
        item["http_status"] = response.status
        item["content_type"] = response.headers.get("Content-Type", b"").decode("latin-1")
        item["encoding"] = response.encoding if isinstance(response, TextResponse) else None

    def _stamp_quarantine(self, record: QuarantineRecord, response: Response) -> None:
        record.setdefault("url", origin_url(response))
        record.setdefault("http_status", response.status)
        record.setdefault("body_excerpt", body_excerpt(response))
        record.setdefault("fetched_at", response.meta.get("fetched_at") or utc_now())


class PoliteRetryMiddleware(RetryMiddleware):
    """``RetryMiddleware`` that is polite to the host and quick to give up on a dead one.

    - A 429/503 with ``Retry-After`` pauses the host's download slot that long, so no
      request to that host goes out before it elapses (``pause_host``); the retried request
      waits in the slot's queue with the others. A value above
      ``CAREERMARKET_RETRY_AFTER_MAX`` gives up at once instead. In a shared-frontier
      worker the pause also holds the host for the other workers (``pause_peers``).
    - Other retries wait ``CAREERMARKET_RETRY_BACKOFF_BASE * 2**(n-1)`` seconds, capped by
      ``CAREERMARKET_RETRY_BACKOFF_MAX``; that wait holds only the retried request.
    - ``CAREERMARKET_RETRY_TIMES_BY_EXCEPTION`` caps the retries of some download errors: a
      host that does not resolve is not retried, a refused connection once.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PoliteRetryMiddleware:
        mw = super().from_crawler(crawler)
        settings = crawler.settings
        mw.backoff_base = settings.getfloat("CAREERMARKET_RETRY_BACKOFF_BASE", 2.0)
        mw.backoff_max = settings.getfloat("CAREERMARKET_RETRY_BACKOFF_MAX", 60.0)
        mw.retry_after_max = settings.getfloat("CAREERMARKET_RETRY_AFTER_MAX", 300.0)
        mw.retry_caps = [
            (load_object(path), int(times))
            for path, times in settings.getdict("CAREERMARKET_RETRY_TIMES_BY_EXCEPTION").items()
        ]
        # response_downloaded fires before the slot hands out its next request.
        crawler.signals.connect(mw.pause_host, signal=signals.response_downloaded)
        return mw

    def pause_host(self, response: Response, request: Request) -> None:
        """On a 429/503 (any retried status) with an acceptable Retry-After, hold the host's
        slot that long."""
        if response.status not in self.retry_http_codes:
            return
        seconds = parse_retry_after(response.headers.get("Retry-After"))
        if seconds is None or seconds <= 0 or seconds > self.retry_after_max:
            return
        self.pause_peers(request, seconds)
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None:
            return
        # The downloader sends the next request once `lastseen + delay` has passed, and only
        # checks when the delay is non-zero: move lastseen past the pause, and give a slot
        # without delay a tiny one until the pause is over.
        resume_at = monotonic() + seconds
        if resume_at <= slot.lastseen:
            return  # already paused at least this long
        slot.lastseen = resume_at
        if not slot.delay:
            slot.delay = PAUSE_DELAY
            call_later(seconds, _drop_pause_delay, slot)
        self.crawler.stats.inc_value("careermarket/host_paused")
        self.crawler.stats.inc_value("careermarket/retry_wait_seconds", seconds)

    def pause_peers(self, request: Request, seconds: float) -> None:
        """In a shared-frontier worker, pause the host for every worker of every run too
        (``scrapers/politeness.py``); a single-process crawl never imports it."""
        if not self.crawler.settings.getbool("CAREERMARKET_HOST_BUDGET"):
            return
        from scrapers.politeness import host_budget, request_host

        budget = host_budget(self.crawler)
        if budget is not None:
            budget.pause(request_host(request), seconds)
            self.crawler.stats.inc_value("careermarket/host_paused_shared")

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            self.crawler.stats.inc_value("careermarket/retry_after_too_long")
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if retry_after is not None:
            self.crawler.stats.inc_value("careermarket/retry_after_honoured")
        else:
            await self._wait(self.backoff(retry.meta["retry_times"]))
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        for exception_type, times in self.retry_caps:
            if isinstance(exception, exception_type):
                request.meta["max_retry_times"] = min(
                    times, request.meta.get("max_retry_times", self.max_retry_times)
                )
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await self._wait(self.backoff(retry.meta["retry_times"]))
        return retry

    def backoff(self, retry_times: int) -> float:
        return min(self.backoff_base * 2 ** (retry_times - 1), self.backoff_max)

    async def _wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        # Imported here: importing the reactor at module level would install the default one.
        from twisted.internet import reactor, task

        self.crawler.stats.inc_value("careermarket/retry_wait_seconds", seconds)
        await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


PAUSE_DELAY = 0.001  # seconds: a delay-less slot needs some delay to honour `lastseen`


def _drop_pause_delay(slot: Any) -> None:
    if slot.delay == PAUSE_DELAY:  # unless AutoThrottle has set a delay of its own since
        slot.delay = 0.0


def parse_retry_after(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
