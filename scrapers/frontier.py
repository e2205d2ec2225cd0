"""A crawl frontier shared by N worker processes through Redis (``pip install '.[scale]'``).

``careermarket crawl SOURCE --workers N --redis-url redis://…`` starts N ordinary
``scrapy crawl`` processes of one spider with the settings of ``worker_settings``:

- scrapy-redis's ``Scheduler`` and its ``RFPDupeFilter`` (keyed by the URL the spider
  meant: ``frontier_dupefilter.py``): one request queue and one set of request fingerprints
  for the run, so each URL is fetched by one worker only. Every worker
  runs the spider's own ``start()`` (not ``RedisSpider``, whose ``start_requests`` Scrapy
  2.13+ no longer calls: rmax/scrapy-redis#317); the shared dupefilter lets the first worker
  to schedule a start request have it, the others' copies are filtered.
- ``SCHEDULER_PERSIST = True``: scrapy-redis clears the queue and dupefilter when *a*
  worker closes otherwise, which would drop its peers' pending requests. The run's keys are
  removed by the coordinator (``forget_run``) once every worker has exited.
- ``FrontierIdleClose``: our spiders are not ``RedisSpider``, so nothing keeps a worker
  open for ever (rmax/scrapy-redis#107); a worker whose own requests are done stays open
  while the shared queue still holds requests, or ``CAREERMARKET_FRONTIER_IDLE_CLOSE``
  seconds with it empty (a peer may still be parsing a page that adds more), then closes.
- ``CAREERMARKET_HOST_BUDGET``: one politeness budget per host for all workers, in Redis
  (``scrapers/politeness.py``): requests to a host start ``DOWNLOAD_DELAY`` apart whichever
  worker sends them, and a Retry-After pauses the host for every worker.
- ``DuplicatesPipeline`` checks posting ids against the run's Redis set, and the ledger is
  ``scrapers.ledger.RedisLedger``.

Each worker lands its own file (crawl id ``<run>-w<k>``) and writes its own report;
``scrapers.runner.run_shared_crawl`` runs them and sums the results.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

PREFIX = "careermarket"
# scrapers.politeness.HANDLERS, spelled here so that the coordinator need not import Scrapy.
HANDLERS = {
    "http": "scrapers.politeness.HostBudgetDownloadHandler",
    "https": "scrapers.politeness.HostBudgetDownloadHandler",
}


@dataclass(frozen=True)
class RunKeys:
    """The Redis keys of one shared run of one source (all removed by ``forget_run``)."""

    source: str
    run: str

    def key(self, name: str) -> str:
        return f"{PREFIX}:{self.source}:{self.run}:{name}"

    @property
    def requests(self) -> str:
        return self.key("requests")

    @property
    def dupefilter(self) -> str:
        return self.key("dupefilter")

    @property
    def postings(self) -> str:
        return self.key("postings")

    @property
    def listed(self) -> str:
        return self.key("listed")

    @property
    def listed_ok(self) -> str:
        return self.key("listed_ok")

    @property
    def live(self) -> str:
        return self.key("live")

    def all(self) -> list[str]:
        return [
            self.requests,
            self.dupefilter,
            self.postings,
            self.listed,
            self.listed_ok,
            self.live,
        ]


def run_keys(source: str, run: str) -> RunKeys:
    return RunKeys(source, run)


def redis_client(url: str) -> Any:
    """A ``redis.Redis`` for ``url`` with str replies; a clear error without the extra."""
    try:
        import redis
    except ImportError:  # pragma: no cover - depends on the install
        raise RuntimeError("a Redis URL needs the scale extra: pip install -e '.[scale]'") from None
    return redis.Redis.from_url(url, decode_responses=True)


def worker_settings(source: str, run: str, redis_url: str) -> dict[str, str]:
    """The ``-s`` settings of one worker of a shared run (see the module docstring)."""
    keys = run_keys(source, run)
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapers.frontier_dupefilter.OriginRFPDupeFilter",
        "SCHEDULER_PERSIST": "True",
        # scrapy-redis formats these with %(spider)s; ours are already per source and run.
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",  # FrontierIdleClose: ZCARD
        "CAREERMARKET_FRONTIER_RUN": run,
        # One politeness budget per host across the workers (scrapers/politeness.py).
        "CAREERMARKET_HOST_BUDGET": "True",
        "DOWNLOAD_HANDLERS": json.dumps(HANDLERS),
    }


def start_run(redis_url: str, source: str, run: str, workers: int) -> None:
    """Before the workers start: a clean slate, and ``live`` = N (see ``RedisLedger``)."""
    client = redis_client(redis_url)
    keys = run_keys(source, run)
    client.delete(*keys.all())
    client.set(keys.live, workers)


def forget_run(redis_url: str, source: str, run: str) -> None:
    """After the last worker: the run's queue, fingerprints and counters go."""
    redis_client(redis_url).delete(*run_keys(source, run).all())


class FrontierIdleClose:
    """Close an idle worker once the shared queue has stayed empty for a grace period.

    On ``spider_idle`` (this worker has nothing in flight) it raises ``DontCloseSpider``
    while the run's queue holds requests, or until ``CAREERMARKET_FRONTIER_IDLE_CLOSE``
    seconds have passed since it first found the queue empty; then the worker closes with
    Scrapy's own ``finished``. The engine re-checks an idle spider every heartbeat (5 s), so
    a lingering worker takes a peer's follow-up requests at that pace.
    """

    def __init__(self, crawler: Any, grace: float, queue_key: str, client: Any):
        self.crawler = crawler
        self.grace = grace
        self.queue_key = queue_key
        self.client = client
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierIdleClose:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        settings = crawler.settings
        if not settings.get("CAREERMARKET_FRONTIER_RUN") or not settings.get("REDIS_URL"):
            raise NotConfigured("not a shared-frontier worker")
        ext = cls(
            crawler,
            settings.getfloat("CAREERMARKET_FRONTIER_IDLE_CLOSE"),
            settings["SCHEDULER_QUEUE_KEY"],
            redis_client(settings["REDIS_URL"]),
        )
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.busy, signal=signals.response_received)
        return ext

    def busy(self, **kwargs: Any) -> None:
        self.idle_since = None

    def spider_idle(self, spider: Any) -> None:
        from scrapy.exceptions import DontCloseSpider

        if self.client.zcard(self.queue_key):  # scrapy-redis's PriorityQueue is a sorted set
            self.idle_since = None
            raise DontCloseSpider("the shared frontier still holds requests")
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.grace:
            raise DontCloseSpider("waiting for peers' follow-up requests")
        self.crawler.stats.set_value("careermarket/frontier_idle_close", self.grace)
