"""One politeness budget per host across the workers of a shared crawl (scrapers/politeness.py),
on a real redis-server: the budget's scripts alone, then two crawl workers against the replay
server, whose request log (arrival times) is the judge.

Gaps are measured where the requests arrive, the budget decides when they may leave: a worker
descheduled between its turn and its send shifts one arrival, so gaps are compared with the
delay less a small tolerance (TOLERANCE), far below what two unbudgeted workers would show
(gaps near 0: each would keep only its own distance)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import pairwise

import pytest

from scrapers.replay import ReplayServer
from scrapers.runner import run_shared_crawl

pytestmark = pytest.mark.scale

COMPANY = "PoliteHost"
POSTINGS, PAGE = 20, 10
DELAY = 0.5  # DOWNLOAD_DELAY: the distance between two requests to a host, all workers
TOLERANCE = 0.06
PAUSED_ID = str(630000000000000 + 13)  # answers 429 with Retry-After the first time
RETRY_AFTER = 2
API_HOST = "api.smartrecruiters.com"
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": str(DELAY),
    "DOWNLOAD_DELAY_JITTER": "0",  # Scrapy's default jitter only widens gaps; keep it exact
    "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
    "LOG_LEVEL": "INFO",
}


def replay_meta(pid: str) -> dict:
    """Every detail answers after 50 ms; the paused one first answers 429 with Retry-After."""
    if pid != PAUSED_ID:
        return {"delay": 0.05}
    return {"sequence": [{"status": 429, "headers": {"Retry-After": str(RETRY_AFTER)}}, {}]}


@pytest.fixture(scope="module")
def replay(
    tmp_path_factory: pytest.TempPathFactory, smartrecruiters_board
) -> Iterator[ReplayServer]:
    root = tmp_path_factory.mktemp("politeness-replay")
    smartrecruiters_board(
        root,
        COMPANY,
        postings=POSTINGS,
        page=PAGE,
        first_id=630000000000000,
        title="Analytics Engineer",
        text="<p>Airflow, {n}.</p>",
        meta=replay_meta,
    )
    with ReplayServer(root) as server:
        yield server


def test_the_budget_scripts_space_turns_and_pause_every_caller(redis_url):
    from scrapers.frontier import redis_client
    from scrapers.politeness import HostBudget, host_key

    one = HostBudget(redis_client(redis_url), delay=0.3)
    two = HostBudget(redis_client(redis_url), delay=0.3)  # another worker, its own connection
    assert one.take("example.org", 0.3) == 0  # the first turn goes at once
    waited = two.take("example.org", 0.3)  # the other worker must wait out the interval
    assert 0.2 < waited <= 0.3
    assert two.take("other.example.org", 0.3) == 0  # hosts are budgeted apart
    time.sleep(waited)
    assert two.take("example.org", 0.3) == 0
    assert one.pause("example.org", 1.5) == 1.5  # a Retry-After from one worker...
    assert 1.3 < two.take("example.org", 0.3) <= 1.5  # ...holds the other
    assert one.pause("example.org", 0.5) > 1.3  # a shorter pause never shortens a longer one
    ttl = one.client.pttl(host_key("example.org"))
    assert 0 < ttl <= 2500  # the key goes once its time has passed


def arrivals(log: list[dict], host: str) -> list[dict]:
    return sorted((r for r in log if r["host"] == host), key=lambda r: r["time"])


def test_two_workers_keep_one_download_delay_per_host_and_share_a_retry_after(
    replay, redis_url, tmp_path
):
    replay.reset()
    started = time.monotonic()
    result = run_shared_crawl(
        "smartrecruiters",
        workers=2,
        redis_url=redis_url,
        data_dir=tmp_path / "data",
        spider_args={"base_url": replay.url, "boards": COMPANY, "page_size": str(PAGE)},
        settings=SETTINGS,
        timeout=120,
    )
    elapsed = time.monotonic() - started
    log = replay.log()
    assert result.ok, result.failure_reason
    assert result.item_count == POSTINGS  # the paused posting was retried and landed

    api = arrivals(log, API_HOST)
    assert len(api) == POSTINGS // PAGE + POSTINGS + 1  # lists, details, the one retry
    gaps = [b["time"] - a["time"] for a, b in pairwise(api)]
    split = result.summary["requests_per_worker"]
    assert min(gaps) >= DELAY - TOLERANCE, (min(gaps), split)
    assert elapsed >= sum(gaps)  # the host set the pace of the run

    # The 429's Retry-After held the host for both workers: nothing reached it meanwhile.
    first_429 = next(i for i, r in enumerate(api) if PAUSED_ID in r["path"])
    assert api[first_429 + 1]["time"] - api[first_429]["time"] >= RETRY_AFTER - TOLERANCE
    assert result.stats["careermarket/host_paused_shared"] == 1
    assert result.summary["host_budget_wait_seconds"] > RETRY_AFTER  # the workers waited
    # robots.txt (one per worker, on the replay server's own host) is budgeted as well
    robots = [r for r in log if r["path"] == "/robots.txt"]
    assert len(robots) == 2 and abs(robots[1]["time"] - robots[0]["time"]) >= DELAY - TOLERANCE
