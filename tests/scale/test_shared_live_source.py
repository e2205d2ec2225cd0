"""A live crawl job whose raw source has `crawl_workers` + `redis_url` crawls with two workers
on the shared frontier (against the bundled replay and a real redis-server), and the partition
ingests what the workers landed."""

from __future__ import annotations

from datetime import UTC, datetime

import dagster as dg
import duckdb
import pytest

from dags.definitions import build_definitions, default_resources
from scrapers.replay import ReplayServer, offline_spider_args

pytestmark = pytest.mark.scale


def test_a_live_partition_crawled_by_two_workers_ingests_what_they_landed(data_root, redis_url):
    today = datetime.now(UTC).date().isoformat()
    with ReplayServer() as server:
        # A run's config, as a deployment launches it (the crawl jobs' own config sets `mode`
        # and, from CAREERMARKET_REDIS_URL, the frontier: dags/jobs.py live_config).
        live = {
            "mode": "live",
            "spider_args": {**offline_spider_args("jumpit"), "base_url": server.url},
            "crawl_settings": {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"},
            "crawl_timeout_seconds": 120,
            "crawl_workers": 2,
            "redis_url": redis_url,
        }
        job = build_definitions(default_resources(str(data_root))).resolve_job_def(
            "crawl_korean_boards_job"
        )
        result = job.execute_in_process(
            run_config={"resources": {"raw_source": {"config": live}}},
            instance=dg.DagsterInstance.ephemeral(),
            partition_key=f"{today}|jumpit",
            raise_on_error=False,
        )
        fetched = [r for r in server.log() if r["path"] != "/robots.txt"]
    assert result.success
    landed = sorted((data_root / "raw" / "jumpit" / today).glob("*.jsonl"))
    assert landed and {p.stem.rsplit("-", 1)[1] for p in landed} <= {"w1", "w2"}  # workers'
    lines = [line for p in landed for line in p.read_bytes().splitlines() if line.strip()]
    assert len(lines) > 0
    # no URL fetched twice across the workers
    urls = [(r["host"], r["path"], r["query"]) for r in fetched]
    assert len(urls) == len(set(urls))
    with duckdb.connect(str(data_root / "careermarket.duckdb"), read_only=True) as conn:
        counts = conn.execute(
            "select source, crawl_date::varchar, count(*) from raw_postings group by all"
        ).fetchall()
    assert ("jumpit", today, len(lines)) in counts
