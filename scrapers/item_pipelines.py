"""Item pipelines (named so to stay clear of the top-level ``pipelines`` package).

Order: validate (100) -> quarantine (200) -> drop duplicates (300). Every drop increments
a named ``careermarket/...`` stats counter.
"""

from __future__ import annotations

import json
import os
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from scrapers import layout
from scrapers.feedstorage import PART_SUFFIX
from scrapers.items import QUARANTINE_FIELDS, QuarantineRecord, RawPosting
from scrapers.middlewares import utc_now


class ValidatePipeline:
    """A posting without an id or a payload becomes a quarantine record, not a landing line."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawPosting):
            return item
        problems = []
        if not isinstance(item.get("source_posting_id"), str) or not item["source_posting_id"]:
            problems.append("source_posting_id is empty")
        if not isinstance(item.get("payload"), dict) or not item["payload"]:
            problems.append("payload is not a non-empty object")
        if not str(item.get("url", "")).startswith(("http://", "https://")):
            problems.append("url is not http(s)")
        if not problems:
            return item
        return QuarantineRecord(
            url=item.get("url"),
            http_status=item.get("http_status"),
            reason="invalid_record",
            detail="; ".join(problems),
            body_excerpt=json.dumps(item.get("payload"), ensure_ascii=False)[:500],
            fetched_at=item.get("fetched_at"),
        )


class QuarantinePipeline:
    """Write quarantine records to ``data/quarantine/<source>/<date>/<crawl_id>.jsonl``.

    Same atomic rule as the landing feed: lines go to a ``.part`` file that is renamed
    when the spider closes. Counters: ``careermarket/quarantine/<reason>`` and
    ``careermarket/quarantine_count``.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuarantinePipeline:
        return cls(crawler)

    @property
    def path(self) -> os.PathLike[str]:
        spider = self.crawler.spider
        return layout.quarantine_path(spider.data_dir, spider.name, spider.crawl_id)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, QuarantineRecord):
            return item
        spider = self.crawler.spider
        item["source"] = spider.name
        item["crawl_id"] = spider.crawl_id
        item.setdefault("fetched_at", utc_now())
        line = {field: item.get(field) for field in QUARANTINE_FIELDS}
        self._open().write(json.dumps(line, ensure_ascii=False) + "\n")
        stats = self.crawler.stats
        stats.inc_value(f"careermarket/quarantine/{item['reason']}")
        stats.inc_value("careermarket/quarantine_count")
        raise DropItem(f"quarantined ({item['reason']}): {item.get('url')}", log_level="INFO")

    def _open(self) -> IO[str]:
        if self.file is None:
            part = f"{self.path}{PART_SUFFIX}"
            os.makedirs(os.path.dirname(part), exist_ok=True)
            self.file = open(part, "w", encoding="utf-8")  # noqa: SIM115 - closed in close_spider
        return self.file

    def close_spider(self) -> None:
        if self.file is None:
            return  # nothing quarantined: no file at all
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(f"{self.path}{PART_SUFFIX}", self.path)


class DuplicatesPipeline:
    """Drop a posting already seen in this crawl (same source and id); count it.

    In a shared-frontier run (``scrapers.frontier``) "this crawl" is every worker of the
    run: the ids go into the run's Redis set, and the first worker to add one lands it.
    """

    def __init__(self, crawler: Crawler, shared: tuple[Any, str] | None = None):
        self.crawler = crawler
        self.seen: set[tuple[str, str]] = set()
        self.shared = shared  # (redis client, set key) of a shared run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuplicatesPipeline:
        settings = crawler.settings
        run = settings.get("CAREERMARKET_FRONTIER_RUN")
        if not run or not settings.get("REDIS_URL"):
            return cls(crawler)
        from scrapers.frontier import redis_client, run_keys

        spider_name = crawler.spidercls.name
        key = run_keys(spider_name, run).postings
        return cls(crawler, (redis_client(settings["REDIS_URL"]), key))

    def _seen_before(self, key: tuple[str, str]) -> bool:
        if self.shared is not None:
            client, set_key = self.shared
            return client.sadd(set_key, "\t".join(key)) == 0
        if key in self.seen:
            return True
        self.seen.add(key)
        return False

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawPosting):
            return item
        key = (item["source"], item["source_posting_id"])
        if self._seen_before(key):
            self.crawler.stats.inc_value("careermarket/duplicates_dropped")
            raise DropItem(f"duplicate posting {key}", log_level="INFO")
        self.crawler.stats.inc_value("careermarket/postings")
        return item
