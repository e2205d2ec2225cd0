"""Per-host politeness shared by the workers of a shared crawl, through Redis.

Scrapy's download slots (``DOWNLOAD_DELAY``, AutoThrottle's delay, a Retry-After pause)
live in one process, so N workers of one run would each keep their own distance from a
host: N times the rate the settings mean. Here each host has one time in Redis,
``careermarket:host:<host>:next_at`` (milliseconds on the Redis server's clock, so workers on
different machines agree), before which no worker may send it a request:

- ``HostBudgetDownloadHandler`` wraps Scrapy's HTTP(S) handler. Just before a request goes on
  the wire (after the local slot let it go) it runs ``TAKE``: when ``next_at`` has passed
  the request may go and ``next_at`` becomes now + the interval, in one atomic script;
  otherwise the handler sleeps the time left and asks again. So requests to a host from all
  workers together start at least one interval apart, whichever worker sends them.
- The interval is ``DOWNLOAD_DELAY``, or this worker's slot delay when AutoThrottle has
  raised it (a slow host slows every worker).
- ``pause(host, seconds)`` (``PAUSE``, from ``PoliteRetryMiddleware`` on a Retry-After)
  moves ``next_at`` to now + seconds unless it is already later: every worker waits.

The keys are per host, not per run: two runs (or two sources) on one host share its budget.
Each key expires once its time has passed. Enabled by ``worker_settings``
(``scrapers/frontier.py``); a single-process crawl never loads this module.
The Redis calls are blocking (as scrapy-redis's scheduler's are): one short round trip per
request, to a server on the same network.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import build_from_crawler, load_object

from scrapers.frontier import PREFIX, redis_client

# KEYS[1]: the host's key; ARGV[1]: interval in ms. Returns 0 (go; the next request to the
# host may start an interval from now) or the milliseconds still to wait (nothing changed).
TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < next_at then
  return next_at - now
end
local interval = tonumber(ARGV[1])
if interval > 0 then
  redis.call('SET', KEYS[1], now + interval, 'PX', interval + 1000)
end
return 0
"""

# KEYS[1]: the host's key; ARGV[1]: pause in ms. Returns the ms until the host reopens.
PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
local resume = now + tonumber(ARGV[1])
if resume > next_at then
  redis.call('SET', KEYS[1], resume, 'PX', tonumber(ARGV[1]) + 1000)
  return tonumber(ARGV[1])
end
return next_at - now
"""

SETTING = "CAREERMARKET_HOST_BUDGET"  # on in a shared-frontier worker (worker_settings)
INNER_HANDLERS = {
    "http": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
    "https": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
}


def host_key(host: str) -> str:
    return f"{PREFIX}:host:{host}:next_at"


def request_host(request: Request) -> str:
    """The host the spider meant (under ``-a base_url`` every request goes to the replay
    server, which keeps the real ``Host``): the host a live crawl would be polite to."""
    return (urlsplit(request.meta.get("origin_url", request.url)).hostname or "").lower()


class HostBudget:
    """The Redis side: ``take`` a turn at a host, or ``pause`` it for every worker."""

    def __init__(self, client: Any, delay: float):
        self.client = client
        self.delay = delay
        self._take = client.register_script(TAKE)
        self._pause = client.register_script(PAUSE)

    def take(self, host: str, interval: float) -> float:
        """0 when a request to ``host`` may start now (and the host's next turn is set an
        ``interval`` later), else the seconds to wait before asking again."""
        waited = self._take(keys=[host_key(host)], args=[max(0, round(interval * 1000))])
        return int(waited) / 1000

    def pause(self, host: str, seconds: float) -> float:
        """No worker sends ``host`` a request for ``seconds``; the seconds it stays closed."""
        left = self._pause(keys=[host_key(host)], args=[max(0, round(seconds * 1000))])
        return int(left) / 1000


def host_budget(crawler: Crawler) -> HostBudget | None:
    """This crawler's budget (one per process), or None outside a shared-frontier worker."""
    settings = crawler.settings
    if not settings.getbool(SETTING) or not settings.get("REDIS_URL"):
        return None
    budget = getattr(crawler, "_careermarket_host_budget", None)
    if budget is None:
        budget = HostBudget(
            redis_client(settings["REDIS_URL"]), settings.getfloat("DOWNLOAD_DELAY")
        )
        crawler._careermarket_host_budget = budget  # type: ignore[attr-defined]
    return budget


class HostBudgetDownloadHandler:
    """Scrapy's HTTP(S) download handler, after a turn at the host's shared budget."""

    lazy = True

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        budget = host_budget(crawler)
        if budget is None:
            raise RuntimeError(f"{type(self).__name__} needs {SETTING} and REDIS_URL")
        self.budget = budget
        self.inner: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostBudgetDownloadHandler:
        return cls(crawler)

    def interval(self, request: Request) -> float:
        """DOWNLOAD_DELAY, or this worker's slot delay when AutoThrottle raised it."""
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        slot = downloader.slots.get(request.meta.get("download_slot", "")) if downloader else None
        return max(self.budget.delay, getattr(slot, "delay", 0.0) or 0.0)

    async def download_request(self, request: Request) -> Response:
        host = request_host(request)
        interval = self.interval(request)
        stats = self.crawler.stats
        while (wait := self.budget.take(host, interval)) > 0:
            if stats is not None:
                stats.inc_value("careermarket/host_budget_wait_seconds", wait)
            await _sleep(wait)
        if self.inner is None:
            scheme = urlsplit(request.url).scheme
            self.inner = build_from_crawler(load_object(INNER_HANDLERS[scheme]), self.crawler)
        return await self.inner.download_request(request)

    async def close(self) -> None:
        if self.inner is not None:
            await self.inner.close()


async def _sleep(seconds: float) -> None:
    # Imported here: importing the reactor at module level would install the default one.
    from twisted.internet import reactor, task

    await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))
