"""End-of-crawl bookkeeping: report emptied boards, save the ledger, write the crawl report.

The crawl report (``data/crawls/<source>/<date>/<crawl_id>.json``) is what
``scrapers.runner.run_crawl`` reads back: stats, counts and the files this crawl wrote.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from scrapers import layout

logger = logging.getLogger(__name__)


class CrawlReportExtension:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.finish_reason: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReportExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        # engine_stopped fires after every spider_closed handler, i.e. after the landing
        # feed has been renamed into place.
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.finish_reason = reason
        ledger = getattr(spider, "ledger", None)
        if ledger is None:
            return
        emptied = ledger.emptied_boards()
        stats = self.crawler.stats
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
        if landing.exists():
            # Only a finalized landing file may vouch for the details recorded as landed.
            spider.ledger.save()
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
            "stats": {key: _jsonable(value) for key, value in sorted(stats.items())},
        }
        path = layout.report_path(spider.data_dir, spider.name, spider.crawl_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
