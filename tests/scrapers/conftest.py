"""Spider tests crawl the replay server through Scrapy's real downloader.

Each crawl runs as ``python -m scrapy crawl`` in a subprocess via ``scrapers.runner`` (the
code path the CLI and Dagster use): a Twisted reactor cannot restart inside pytest, and a
hung crawl is killed by the runner's timeout instead of hanging the suite.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scrapers.replay import RESPONSES_DIR, ReplayServer
from scrapers.runner import CrawlResult, run_crawl

# Fast but otherwise production behaviour: robots.txt, retries and timeouts stay on.
TEST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "CLOSESPIDER_ERRORCOUNT": "1",  # a parser exception closes the crawl -> result.ok False
    "DOWNLOAD_TIMEOUT": "5",
    "RETRY_TIMES": "2",
    "CAREERMARKET_RETRY_BACKOFF_BASE": "0.05",
    "LOG_LEVEL": "INFO",
}
CRAWL_TIMEOUT = 60


@dataclass
class Crawl:
    """One finished test crawl: the runner's result plus what it wrote and what was asked."""

    result: CrawlResult
    items: list[dict[str, Any]]
    quarantined: list[dict[str, Any]]
    requests: list[dict[str, Any]]  # replay server log since the reset before this crawl

    @property
    def stats(self) -> dict[str, Any]:
        return self.result.stats

    def item(self, posting_id: str) -> dict[str, Any]:
        matches = [i for i in self.items if i["source_posting_id"] == posting_id]
        assert len(matches) == 1, f"{posting_id}: {len(matches)} records"
        return matches[0]

    def paths(self) -> list[str]:
        return [r["path"] for r in self.requests]

    def log_text(self) -> str:
        assert self.result.log_path is not None
        return self.result.log_path.read_text(encoding="utf-8")

    def assert_finished_politely(self) -> None:
        """Finished cleanly, fetched robots.txt first, announced itself honestly."""
        assert self.result.ok, self.log_text()[-3000:]
        assert self.stats.get("log_count/ERROR", 0) == 0, self.log_text()[-3000:]
        assert self.stats["robotstxt/request_count"] == 1
        assert self.requests[0]["path"] == "/robots.txt"
        assert "+https://github.com/careermarket/careermarket" in self.requests[0]["user_agent"]

    def assert_envelope(self, record: dict[str, Any]) -> None:
        """The CONTRACT §2 envelope plus provenance extras, stamped by the middleware."""
        source = self.result.source
        assert record["source"] == source
        assert record["spider"] == source
        assert isinstance(record["source_posting_id"], str) and record["source_posting_id"]
        assert record["url"].startswith("https://")
        assert "127.0.0.1" not in record["url"], "records keep the real site's URL"
        assert record["crawl_id"] == self.result.crawl_id
        assert len(record["fetched_at"]) == 20 and record["fetched_at"].endswith("Z")
        assert record["http_status"] == 200
        assert isinstance(record["payload"], dict)
        assert list(record)[:6] == [
            "source",
            "source_posting_id",
            "url",
            "fetched_at",
            "crawl_id",
            "payload",
        ]


def read_jsonl(paths: list[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines()]


@pytest.fixture(scope="session")
def replay() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        yield server


@pytest.fixture
def crawl(replay: ReplayServer, tmp_path: Path) -> Callable[..., Crawl]:
    """``crawl("greenhouse", boards="hanbit-ai")`` -> ``Crawl``.

    ``data_dir`` defaults to this test's tmp_path (so two crawls in one test share their
    ledger); ``reset=False`` keeps the server's hit counters (sequences continue).
    """

    def run(
        source: str,
        *,
        data_dir: Path | None = None,
        reset: bool = True,
        settings: dict[str, str] | None = None,
        **spider_args: str,
    ) -> Crawl:
        if reset:
            replay.reset()
        start = len(replay.log())
        result = run_crawl(
            source,
            data_dir=data_dir or tmp_path / "data",
            spider_args={"base_url": replay.url, **spider_args},
            settings={**TEST_SETTINGS, **(settings or {})},
            timeout=CRAWL_TIMEOUT,
        )
        return Crawl(
            result=result,
            items=read_jsonl(result.landing_files),
            quarantined=read_jsonl(result.quarantine_files),
            requests=replay.log()[start:],
        )

    return run


@pytest.fixture
def served() -> Callable[[str], Any]:
    """The JSON body a recorded response serves, e.g. ``served("greenhouse/v1/...json")``."""

    def load(relative: str) -> Any:
        return json.loads((RESPONSES_DIR / relative).read_text(encoding="utf-8"))

    return load
