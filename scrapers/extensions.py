"""Crawl bookkeeping: stale ``.part`` files at the start; at the end, a failed crawl
(``scrapers.outcome``), emptied boards, same-day re-crawls, the ledger and the crawl report.

The crawl report (``data/crawls/<source>/<date>/<crawl_id>.json``) is what
``scrapers.runner.run_crawl`` reads back: stats, counts and the files this crawl wrote.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler

from scrapers import layout
from scrapers.landing import CrawlLock, landing_lock, remove_stale_parts, supersede_earlier
from scrapers.outcome import failure_cause

logger = logging.getLogger(__name__)


class CrawlReportExtension:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.finish_reason: str | None = None
        self.failure: str | None = None
        self.hosts: set[str] = set()  # where the spider's requests went (for the failure line)
        self.lock: CrawlLock | None = None
        self.stale_parts: list[str] = []
        self.superseded: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReportExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        # engine_stopped fires after every spider_closed handler, i.e. after the landing
        # feed has been renamed into place.
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        if not hasattr(spider, "ledger"):
            return
        self.lock = CrawlLock(spider.data_dir, spider.name, spider.crawl_id)
        self.lock.acquire()
        with landing_lock(spider.data_dir, spider.name):
            removed = remove_stale_parts(spider.data_dir, spider.name)
        if removed:
            self.stale_parts = [str(p) for p in removed]
            self.crawler.stats.set_value("careermarket/stale_parts_removed", len(removed))
            logger.warning(
                "removed %d stale .part file(s) of killed %s crawls: %s",
                len(removed),
                spider.name,
                ", ".join(p.name for p in removed),
            )

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        self.hosts.add(urlsplit(request.url).netloc.rpartition("@")[2])

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.finish_reason = reason
        stats = self.crawler.stats
        self.failure = failure_cause(stats.get_stats(), self.hosts)
        if self.failure:
            stats.set_value("careermarket/crawl_failed", 1)
            logger.error("crawl failed: %s", self.failure)
        ledger = getattr(spider, "ledger", None)
        if ledger is None:
            return
        emptied = ledger.emptied_boards()
        stats.set_value("careermarket/boards_emptied", len(emptied))
        for board, last_count in emptied.items():
            stats.set_value(f"careermarket/board_emptied/{board}", last_count)
            logger.warning(
                "%s board %r listed 0 postings this crawl; it listed %d last time",
                spider.name,
                board,
                last_count,
            )

    def engine_stopped(self) -> None:
        spider = self.crawler.spider
        if spider is None or not hasattr(spider, "ledger"):
            return
        landing = layout.landing_path(spider.data_dir, spider.name, spider.crawl_id)
        quarantine = layout.quarantine_path(spider.data_dir, spider.name, spider.crawl_id)
        if self.failure:
            # Nothing answered: an empty file would claim "crawled, nothing new".
            landing.unlink(missing_ok=True)
            _remove_empty_folders(landing.parent, upto=spider.data_dir / "raw")
        if landing.exists():
            # Only a finalized landing file may vouch for the details recorded as landed.
            spider.ledger.save()
            with landing_lock(spider.data_dir, spider.name):
                self.superseded = supersede_earlier(landing)
            for earlier, n in self.superseded.items():
                logger.info("replaced %d postings landed earlier today by crawl %s", n, earlier)
            self.crawler.stats.set_value(
                "careermarket/superseded_postings", sum(self.superseded.values())
            )
        stats = self.crawler.stats.get_stats()
        report: dict[str, Any] = {
            "source": spider.name,
            "crawl_id": spider.crawl_id,
            "finish_reason": self.finish_reason or stats.get("finish_reason"),
            "landing_file": str(landing) if landing.exists() else None,
            "quarantine_file": str(quarantine) if quarantine.exists() else None,
            "postings": stats.get("careermarket/postings", 0),
            "quarantined": stats.get("careermarket/quarantine_count", 0),
            "boards_listed": dict(sorted(spider.ledger.listed.items())),
            "boards_emptied": spider.ledger.emptied_boards(),
            "failure": self.failure,
            "superseded": self.superseded,
            "stale_parts_removed": self.stale_parts,
            "stats": {key: _jsonable(value) for key, value in sorted(stats.items())},
        }
        path = layout.report_path(spider.data_dir, spider.name, spider.crawl_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
        if self.lock is not None:
            self.lock.release()


def _remove_empty_folders(folder: Path, upto: Path) -> None:
    """Remove ``folder`` and its parents below ``upto`` while they are empty."""
    while folder != upto and upto in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (or gone): leave it
        folder = folder.parent


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
