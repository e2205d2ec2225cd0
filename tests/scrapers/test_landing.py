"""Atomic landing: complete files appear by rename; a killed crawl leaves only .part files."""

from pathlib import Path

from scrapers.feedstorage import AtomicFileFeedStorage
from scrapers.runner import run_crawl


def test_feed_is_written_to_part_and_renamed_when_stored(tmp_path):
    target = tmp_path / "raw" / "x.jsonl"
    storage = AtomicFileFeedStorage(target.as_uri(), feed_options={"overwrite": True})
    handle = storage.open(None)
    handle.write(b'{"a": 1}\n')
    assert not target.exists()
    assert (tmp_path / "raw" / "x.jsonl.part").exists()
    storage.store(handle)
    assert target.read_bytes() == b'{"a": 1}\n'
    assert not (tmp_path / "raw" / "x.jsonl.part").exists()


def test_append_mode_keeps_what_the_file_held(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old\n")
    storage = AtomicFileFeedStorage(str(target), feed_options={"overwrite": False})
    handle = storage.open(None)
    handle.write(b"new\n")
    storage.store(handle)
    assert target.read_bytes() == b"old\nnew\n"


def test_killed_crawl_leaves_only_a_part_file_and_no_ledger(replay, tmp_path: Path):
    replay.reset()
    # polaris-labs answers at once (the feed file opens with its first item); frozen-org
    # answers after 10 s, and the runner kills the crawl at 6 s.
    result = run_crawl(
        "ashby",
        data_dir=tmp_path,
        spider_args={"base_url": replay.url, "boards": "polaris-labs,frozen-org"},
        settings={"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"},
        timeout=6,
    )
    assert result.returncode == -9 and not result.ok
    assert result.landing_files == [] and result.report_path is None
    raw = list((tmp_path / "raw" / "ashby").rglob("*"))
    assert [p.name for p in raw if p.is_file()] == [f"{result.crawl_id}.jsonl.part"]
    ledger = tmp_path / "state" / "ashby" / "ledger.json"
    assert not ledger.exists(), "nothing landed, so nothing is remembered"
