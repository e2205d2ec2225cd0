"""Exact counts: a same-day re-crawl replaces what it landed again instead of doubling the
partition, and the `.part` files of killed crawls are removed (and named) by the next crawl."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from careermarket.cli import app
from scrapers.landing import CrawlLock, remove_stale_parts, supersede_earlier
from scrapers.runner import run_crawl
from warehouse.load import Partition, landing_files, landing_lines

from .conftest import CRAWL_TIMEOUT, TEST_SETTINGS, read_jsonl

DAY = "2026-11-20"


def line(posting_id: str, crawl_id: str, title: str = "Data Engineer") -> str:
    record = {
        "source": "greenhouse",
        "source_posting_id": posting_id,
        "url": f"https://example.com/jobs/{posting_id}",
        "fetched_at": f"{DAY}T01:00:00Z",
        "crawl_id": crawl_id,
        "payload": {"id": posting_id, "title": title},
    }
    return json.dumps(record) + "\n"


def test_a_later_crawl_replaces_only_the_postings_it_landed_again(tmp_path):
    folder = tmp_path / "raw" / "greenhouse" / DAY
    folder.mkdir(parents=True)
    first = folder / "20261120T010000Z-aaaaaa.jsonl"
    original = line("1", "a") + line("2", "a") + "{cut short\n" + line("3", "a")
    first.write_text(original, "utf-8")
    untouched = folder / "20261120T020000Z-bbbbbb.jsonl"  # shares no posting with the last
    untouched.write_text(line("9", "b"), "utf-8")
    last = folder / "20261120T030000Z-cccccc.jsonl"
    last.write_text(line("2", "c", "Senior Data Engineer") + line("3", "c") + line("4", "c"))

    assert supersede_earlier(last) == {"20261120T010000Z-aaaaaa": 2}
    # Posting 1 (closed since) and the unparseable line stay; 2 and 3 live on in `last` only.
    assert first.read_text("utf-8") == line("1", "a") + "{cut short\n"
    assert (folder / f"{first.name}.superseded").read_text("utf-8") == original
    assert untouched.read_text("utf-8") == line("9", "b")
    assert [
        p.name
        for p in landing_files(tmp_path / "raw")[Partition("greenhouse", date.fromisoformat(DAY))]
    ] == [
        first.name,
        untouched.name,
        last.name,
    ]
    # A crawl that re-landed everything leaves the earlier file nothing: it is removed.
    again = folder / "20261120T040000Z-dddddd.jsonl"
    again.write_text(line("1", "d") + line("9", "d"))
    assert supersede_earlier(again) == {
        "20261120T010000Z-aaaaaa": 1,
        "20261120T020000Z-bbbbbb": 1,
    }
    assert first.read_text("utf-8") == "{cut short\n"
    assert not untouched.exists()
    # The first supersede's copy is the original file, not what was left of it.
    assert (folder / f"{first.name}.superseded").read_text("utf-8") == original


def test_same_day_recrawl_does_not_double_the_partitions_raw_rows(replay, tmp_path):
    data = tmp_path / "data"

    def crawl(crawl_id: str, boards: str):
        return run_crawl(
            "greenhouse",
            data_dir=data,
            crawl_id=crawl_id,
            spider_args={"base_url": replay.url, "boards": boards},
            settings=TEST_SETTINGS,
            timeout=CRAWL_TIMEOUT,
        )

    first = crawl("20261120T010000Z-aaaaaa", "hanbit-ai,hanbit-labs")
    second = crawl("20261120T020000Z-bbbbbb", "hanbit-labs")  # a narrower re-crawl
    assert first.ok and second.ok
    relanded = {i["source_posting_id"] for i in read_jsonl(second.landing_files)}
    assert len(relanded) == 2
    assert second.superseded == {first.crawl_id: 2}

    [files] = landing_files(data / "raw").values()
    records = read_jsonl(files)
    assert len(records) == 4, "every posting once (4 + 2 before), none lost"
    assert len({r["source_posting_id"] for r in records}) == 4
    # The re-crawled board's postings are the second crawl's; the other board's the first's.
    by_crawl = {r["source_posting_id"]: r["crawl_id"] for r in records}
    assert {i for i, c in by_crawl.items() if c == second.crawl_id} == relanded
    assert len(list(landing_lines(files))) == 4  # the lines the warehouse loads


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(line("1", "x"), "utf-8")
    return path


def test_stale_parts_of_dead_crawls_go_and_a_running_crawls_stay(tmp_path):
    dead = _touch(tmp_path / "raw" / "lever" / DAY / "20261120T010000Z-dead00.jsonl.part")
    dead_q = _touch(tmp_path / "quarantine" / "lever" / DAY / "20261120T010000Z-dead00.jsonl.part")
    live = _touch(tmp_path / "raw" / "lever" / DAY / "20261120T020000Z-a11ve0.jsonl.part")
    landed = _touch(tmp_path / "raw" / "lever" / DAY / "20261120T000000Z-000000.jsonl")
    running = CrawlLock(tmp_path, "lever", "20261120T020000Z-a11ve0")
    running.acquire()
    try:
        assert remove_stale_parts(tmp_path, "lever") == [dead, dead_q]
    finally:
        running.release()
    assert live.exists() and landed.exists()
    assert remove_stale_parts(tmp_path, "lever") == [live]  # its crawl is gone now


def test_the_next_crawl_removes_and_names_stale_parts(tmp_path):
    data = tmp_path / "data"
    stale = _touch(data / "raw" / "lever" / DAY / "20261120T010000Z-dead00.jsonl.part")
    out = tmp_path / "raw.jsonl"
    result = CliRunner().invoke(app, ["crawl", "lever", "--data-dir", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert (
        "removed 1 stale .part file(s) of killed lever crawls: 20261120T010000Z-dead00.jsonl.part"
        in result.stderr.splitlines()
    )
    assert len(out.read_text("utf-8").splitlines()) == 4
