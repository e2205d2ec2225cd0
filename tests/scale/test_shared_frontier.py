"""Two crawl workers sharing one frontier in Redis (scrapers/frontier.py) land exactly what
one worker lands, fetch no URL twice (counted by the replay server), and keep every ledger
update. Synthetic SmartRecruiters-shaped responses: 8 list pages, 80 detail calls, each
detail answered after 0.1 s so that both workers usually get work (not asserted: which
worker fetches what is the scheduler's business; what lands and what is fetched is ours)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from scrapers.replay import ReplayServer
from scrapers.runner import run_crawl, run_shared_crawl

pytestmark = pytest.mark.scale

COMPANY = "FrontierLabs"
POSTINGS, PAGE = 80, 10
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
    "CLOSESPIDER_ERRORCOUNT": "1",
    "LOG_LEVEL": "INFO",
}
ARGS = {"boards": COMPANY, "page_size": str(PAGE)}
LEDGER = "careermarket:ledger:smartrecruiters"


@pytest.fixture(scope="module")
def replay(
    tmp_path_factory: pytest.TempPathFactory, smartrecruiters_board
) -> Iterator[ReplayServer]:
    root = tmp_path_factory.mktemp("frontier-replay")
    smartrecruiters_board(
        root,
        COMPANY,
        postings=POSTINGS,
        page=PAGE,
        first_id=610000000000000,
        title="Data Engineer",
        text="<p>Kafka and dbt, {n}.</p>",
        meta=lambda pid: {"delay": 0.1},
    )
    with ReplayServer(root) as server:
        yield server


def landed(paths: list[Path]) -> list[tuple[str, str]]:
    records = [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines()]
    return sorted(
        (r["source_posting_id"], json.dumps(r["payload"], sort_keys=True)) for r in records
    )


def fetched(log: list[dict]) -> Counter:
    return Counter((r["host"], r["path"], r["query"]) for r in log if r["path"] != "/robots.txt")


def shared(replay: ReplayServer, redis_url: str, data_dir: Path, **settings: str):
    return run_shared_crawl(
        "smartrecruiters",
        workers=2,
        redis_url=redis_url,
        data_dir=data_dir,
        spider_args={"base_url": replay.url, **ARGS},
        settings={**SETTINGS, **settings},
        timeout=60,
    )


def test_two_workers_land_exactly_what_one_lands_and_fetch_no_url_twice(
    replay, redis_url, tmp_path
):
    replay.reset()
    one = run_crawl(
        "smartrecruiters",
        data_dir=tmp_path / "one",
        spider_args={"base_url": replay.url, **ARGS},
        settings=SETTINGS,
        timeout=60,
    )
    one_fetched = fetched(replay.log())
    replay.reset()
    two = shared(replay, redis_url, tmp_path / "two")
    log = replay.log()
    assert one.ok and two.ok, two.failure_reason
    assert len(two.workers) == 2 and len(two.landing_files) == 2

    assert len(landed(one.landing_files)) == POSTINGS
    assert landed(two.landing_files) == landed(one.landing_files)
    two_fetched = fetched(log)
    assert max(two_fetched.values()) == 1, [k for k, n in two_fetched.items() if n > 1]
    assert set(two_fetched) == set(one_fetched)  # 8 list pages + 80 details, each once
    assert sum(two_fetched.values()) == POSTINGS + POSTINGS // PAGE
    # robots.txt is read once by each worker that sent a request (a worker that found the
    # queue already drained sends none), never more.
    robots = sum(r["path"] == "/robots.txt" for r in log)
    assert robots == sum(1 for n in two.summary["requests_per_worker"] if n > 0)
    # The workers' own counts add up to what the server saw. How the work splits between
    # them is not asserted: on an idle machine the first worker may drain the queue alone.
    per_worker = two.summary["requests_per_worker"]
    assert sum(per_worker) == sum(two_fetched.values())
    assert sum(two.summary["postings_per_worker"]) == POSTINGS


def test_the_ledger_survives_two_workers(replay, redis_url, tmp_path):
    import redis  # the scale extra: imported here, so `make test` collects this module without it

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    replay.reset()
    first = shared(replay, redis_url, tmp_path / "data")
    assert first.ok, first.failure_reason
    assert sum(first.summary["postings_per_worker"]) == POSTINGS  # whichever worker landed them
    ledger = client.hgetall(f"{LEDGER}:postings")
    assert len(ledger) == POSTINGS  # no worker's updates lost
    entries = [json.loads(v) for v in ledger.values()]
    assert all(len(e["marker"]) == 16 and e["landed_at"].endswith("Z") for e in entries)
    assert client.hgetall(f"{LEDGER}:boards") == {COMPANY: str(POSTINGS)}  # summed pages
    assert client.keys(f"careermarket:smartrecruiters:{first.run_id}:*") == []  # run forgotten

    replay.reset()
    # nothing to share this time (8 list pages in a row): no need to wait for peers
    second = shared(replay, redis_url, tmp_path / "data", CAREERMARKET_FRONTIER_IDLE_CLOSE="0")
    assert second.ok, second.failure_reason
    assert second.item_count == 0
    assert second.stats["careermarket/details_skipped_unchanged"] == POSTINGS
    assert [k for k in fetched(replay.log()) if "/postings/" in k[1]] == []  # no detail refetched
    assert second.boards_emptied == {}  # 80 listed again: not an emptied board


def test_the_cli_crawls_host_boards_with_two_workers_as_with_one(redis_url, tmp_path):
    runner = CliRunner()
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["crawl", "recruitee", "-o", str(one)]).exit_code == 0
    result = runner.invoke(
        app, ["crawl", "recruitee", "--workers", "2", "--redis-url", redis_url, "-o", str(two)]
    )
    assert result.exit_code == 0, result.output
    assert '"workers": 2' in result.output
    assert landed([two]) == landed([one]) and len(landed([one])) == 3
