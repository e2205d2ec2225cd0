"""Where a crawl's files live below the data root. Standard library only (the runner and
the Dagster side import it without Scrapy).

    raw/<source>/<YYYY-MM-DD>/<crawl_id>.jsonl         landed postings (CONTRACT §2)
    quarantine/<source>/<YYYY-MM-DD>/<crawl_id>.jsonl  responses that could not be postings
    crawls/<source>/<YYYY-MM-DD>/<crawl_id>.json       crawl report: stats, counts, files
    state/<source>/ledger.json                         incremental + board-count state
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path


def new_crawl_id(now: datetime | None = None) -> str:
    """Sortable and unique: ``20261120T031209Z-3f9a1c``."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def crawl_date(crawl_id: str) -> str:
    """The UTC date a crawl started, read back from its id."""
    return datetime.strptime(crawl_id[:8], "%Y%m%d").strftime("%Y-%m-%d")


def landing_path(data_dir: Path, source: str, crawl_id: str) -> Path:
    return Path(data_dir) / "raw" / source / crawl_date(crawl_id) / f"{crawl_id}.jsonl"


def quarantine_path(data_dir: Path, source: str, crawl_id: str) -> Path:
    return Path(data_dir) / "quarantine" / source / crawl_date(crawl_id) / f"{crawl_id}.jsonl"


def report_path(data_dir: Path, source: str, crawl_id: str) -> Path:
    return Path(data_dir) / "crawls" / source / crawl_date(crawl_id) / f"{crawl_id}.json"


def ledger_path(data_dir: Path, source: str) -> Path:
    return Path(data_dir) / "state" / source / "ledger.json"
