"""Partitioned materialization: every landed partition in one run, single partitions, a date's
range, re-runs that change no count, and a live crawl into today's partition."""

import json
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb

from dags.assets.normalized import NORMALIZED, QUARANTINED
from dags.assets.raw import RAW
from dags.partitions import (
    RANGE_END_TAG,
    RANGE_START_TAG,
    family_of,
    register_keys,
    registered_keys,
)
from dags.resources import RawSource
from scrapers.replay import ReplayServer, offline_spider_args

from .conftest import checks_by_name, not_passing, partition_counts, table_counts

WANTED = "2026-11-21|wanted"
JUMPIT = "2026-11-19|jumpit"


def landed_keys(snapshot: Path) -> set[str]:
    return {f"{d.name}|{family_of(d.parent.name)}" for d in snapshot.glob("*/*") if d.is_dir()}


def snapshot_lines(snapshot: Path) -> int:
    return sum(
        1
        for path in snapshot.glob("*/*/*.jsonl")
        for line in path.read_bytes().splitlines()
        if line.strip()
    )


def test_one_run_materializes_every_landed_partition_and_passes_every_check(
    run_job, instance, data_root
):
    result = run_job()
    assert result.success
    assert not_passing(result) == []
    # Every non-blocking check reports as a WARN, never as an ERROR.
    for evaluation in result.get_asset_check_evaluations():
        assert evaluation.blocking == (evaluation.severity == dg.AssetCheckSeverity.ERROR)
    keys = landed_keys(data_root / "snapshot")
    assert "2026-10-01|unknown" in keys and len(keys) == 32
    for asset in (RAW, NORMALIZED, QUARANTINED):
        assert instance.get_materialized_partitions(asset) == keys, asset
    counts = table_counts(data_root)
    assert counts["raw_postings"] == snapshot_lines(data_root / "snapshot") == 116
    assert counts["raw_postings"] == counts["normalized_postings"] + counts["quarantined_postings"]
    with duckdb.connect(str(data_root / "careermarket.duckdb"), read_only=True) as conn:
        indeed = conn.execute(
            "select reason from quarantined_postings where source = 'indeed'"
        ).fetchall()
    assert indeed == [("unknown_source",)]  # quarantined, never skipped
    manifest = json.loads((data_root / "exports" / "manifest.json").read_text())
    assert all(t["rows"] > 0 for t in manifest["tables"])


def test_a_second_full_run_changes_no_count(run_job, data_root):
    assert run_job().success
    first = table_counts(data_root)
    assert run_job().success
    assert table_counts(data_root) == first


def test_two_partitions_then_a_rerun_of_one_changes_no_count(run_job, instance, data_root):
    assert run_job("ingest_postings_job", partition_key=WANTED).success
    assert run_job("ingest_postings_job", partition_key=JUMPIT).success
    before = {t: partition_counts(data_root, t) for t in ("raw_postings", "normalized_postings")}
    assert set(before["raw_postings"]) == {("wanted", "2026-11-21"), ("jumpit", "2026-11-19")}
    rerun = run_job("ingest_postings_job", partition_key=WANTED)
    assert rerun.success
    after = {t: partition_counts(data_root, t) for t in ("raw_postings", "normalized_postings")}
    assert after == before  # no duplicate of wanted's rows, and jumpit's rows kept
    assert instance.get_materialized_partitions(RAW) == {WANTED, JUMPIT}
    assert {e.partition for e in rerun.get_asset_materialization_events()} == {WANTED}


def test_a_partition_run_rebuilds_the_tables_downstream(run_job, data_root):
    result = run_job(partition_key=WANTED)
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {"warehouse/stg_postings", "exports/parquet_exports"} <= materialized
    counts = table_counts(data_root)
    assert counts["raw_postings"] == 4 and 0 < counts["stg_postings"] <= 4


def test_a_backfill_range_covers_the_registered_keys_between_its_ends(run_job, instance, data_root):
    register_keys(instance, landed_keys(data_root / "snapshot"))
    keys = registered_keys(instance)
    start, end = keys.index("2026-10-01|unknown"), keys.index("2026-10-09|remoteok")
    tags = {RANGE_START_TAG: keys[start], RANGE_END_TAG: keys[end]}
    result = run_job("ingest_postings_job", tags=tags)
    assert result.success
    raw_partitions = {
        e.partition for e in result.get_asset_materialization_events() if e.asset_key == RAW
    }
    # A single run over the landed pairs between the range's ends, and nothing else.
    assert raw_partitions == set(keys[start : end + 1]) and len(raw_partitions) > 2
    assert ("indeed", "2026-10-01") in partition_counts(data_root, "quarantined_postings")
    assert checks_by_name(result)["normalized/normalized_postings:no_posting_lost"].passed


def test_a_partition_whose_landing_files_are_gone_is_emptied_alone(run_job, data_root):
    assert run_job("ingest_postings_job", partition_key=WANTED).success
    assert run_job("ingest_postings_job", partition_key=JUMPIT).success
    for path in (data_root / "snapshot" / "wanted" / "2026-11-21").glob("*.jsonl"):
        path.unlink()
    assert run_job("ingest_postings_job", partition_key=WANTED).success
    assert partition_counts(data_root, "raw_postings") == {("jumpit", "2026-11-19"): 5}
    assert ("wanted", "2026-11-21") not in partition_counts(data_root, "normalized_postings")


def test_a_live_run_crawls_todays_partition_and_ingests_what_landed(run_job, data_root):
    today = datetime.now(UTC).date().isoformat()
    with ReplayServer() as server:
        live = RawSource(
            mode="live",
            spider_args={**offline_spider_args("jumpit"), "base_url": server.url},
            crawl_settings={"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0"},
            crawl_timeout_seconds=120,
        )
        result = run_job(
            "crawl_korean_boards_job", partition_key=f"{today}|jumpit", raw_source=live
        )
    assert result.success, not_passing(result)
    landed = list((data_root / "raw" / "jumpit" / today).glob("*.jsonl"))
    assert len(landed) == 1
    lines = [line for line in landed[0].read_bytes().splitlines() if line.strip()]
    counts = partition_counts(data_root, "raw_postings")
    assert counts == {("jumpit", today): len(lines)} and len(lines) > 0
