"""Partitions are what landed: dynamic `date|source` keys registered as data lands, from the data
directory a run reads, starting at the first landed date, with no grid of empty pairs."""

from datetime import UTC, datetime

import dagster as dg
import pytest

from careermarket.running import PartitionError, parse_partition, resolve_target, run_assets
from dags.assets.raw import RAW
from dags.partitions import (
    KEYS_TAG,
    LANDED_PARTITIONS,
    crawl_partitions,
    family_of,
    register_keys,
    registered_keys,
    run_partition_keys,
)
from dags.resources import RawSource
from warehouse.paths import DataPaths

from .conftest import partition_counts, write_landing

RECORD = {
    "source": "lever",
    "source_posting_id": "old-1",
    "url": "https://example.org/jobs/old-1",
    "fetched_at": "2025-01-05T09:00:00Z",
    "payload": {"id": "old-1", "text": "Data Engineer", "descriptionPlain": "Python and SQL."},
}


def landed_keys(data_root) -> set[str]:
    return {
        f"{d.name}|{family_of(d.parent.name)}"
        for root in (data_root / "snapshot", data_root / "raw")
        for d in root.glob("*/*")
        if any(d.glob("*.jsonl"))
    }


def test_the_partitions_are_dynamic_and_start_empty():
    assert isinstance(crawl_partitions, dg.DynamicPartitionsDefinition)
    assert crawl_partitions.name == LANDED_PARTITIONS
    assert registered_keys(dg.DagsterInstance.ephemeral()) == []


def test_a_run_registers_exactly_the_landed_pairs_and_none_is_missing(run_job, instance, data_root):
    assert run_job().success
    keys = registered_keys(instance)
    assert set(keys) == landed_keys(data_root) and len(keys) == 32
    assert keys == sorted(keys)  # a day's families sit together in the UI
    # Every partition the UI lists is materialized: nothing shows as missing.
    assert instance.get_materialized_partitions(RAW) == set(keys)
    first = min(k.split("|")[0] for k in keys)
    assert first == "2026-06-03"  # the oldest landed folder of the snapshot, not a fixed day
    # A second run registers nothing new.
    assert run_job().success
    assert registered_keys(instance) == keys


def test_the_data_dir_a_run_reads_decides_the_partitions(data_root, tmp_path, monkeypatch):
    # A folder older than anything in the project's data/: once a warning "outside the
    # partitions" under a fixed set of landing roots; now a partition like any other.
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    write_landing(data_root / "raw", "lever", "2025-01-05", [RECORD])
    outcome = run_assets(data_root)
    assert outcome.success, outcome.problems
    assert not [p for p in outcome.problems if "outside" in p.text]
    instance = dg.DagsterInstance.get()
    assert "2025-01-05|lever" in registered_keys(instance)
    assert "2025-01-05|lever" in instance.get_materialized_partitions(RAW)


def test_a_sensor_registers_the_landed_pairs_and_runs_only_new_raw_files(instance, tmp_path):
    from dags.definitions import defs
    from dags.resources import DataDirResource
    from dags.sensors import new_landing_files_sensor

    write_landing(tmp_path / "raw", "lever", "2025-01-05", [RECORD])
    write_landing(tmp_path / "snapshot", "wanted", "2026-11-21", [RECORD])
    context = dg.build_sensor_context(
        instance=instance,
        resources={"data_dir": DataDirResource(root=str(tmp_path))},
        repository_def=defs.get_repository_def(),
    )
    result = new_landing_files_sensor(context)
    assert [r.partition_key for r in result.run_requests] == ["2025-01-05|lever"]
    [request] = result.dynamic_partitions_requests
    assert request.partitions_def_name == LANDED_PARTITIONS
    assert list(request.partition_keys) == ["2025-01-05|lever", "2026-11-21|wanted"]
    # Once registered, a later evaluation asks for no second registration (and, the cursor
    # having moved, for no run).
    register_keys(instance, request.partition_keys)
    context.update_cursor(result.cursor)
    again = new_landing_files_sensor(context)
    assert not again.dynamic_partitions_requests and not again.run_requests


def test_a_targeted_run_needs_a_landed_key_and_registers_it(data_root, instance):
    paths, source = DataPaths(data_root), RawSource()
    with pytest.raises(PartitionError, match="nothing landed"):
        resolve_target(parse_partition("2026-11-22|wanted"), instance, source, paths)
    with pytest.raises(PartitionError, match="nothing landed"):
        resolve_target(parse_partition("2025-01-01"), instance, source, paths)
    assert registered_keys(instance) == []
    one = resolve_target(parse_partition("2026-11-21|wanted"), instance, source, paths)
    assert one.partition_key == "2026-11-21|wanted" and not one.tags
    day = resolve_target(parse_partition("2026-10-01"), instance, source, paths)
    assert day.keys == ("2026-10-01|unknown",)  # only the indeed folder landed that day
    assert day.tags == {KEYS_TAG: "2026-10-01|unknown"}
    assert registered_keys(instance) == ["2026-11-21|wanted", "2026-10-01|unknown"]


def test_a_live_run_may_target_todays_crawl_before_it_lands(data_root, instance):
    today = datetime.now(UTC).date().isoformat()
    live = RawSource(mode="live", sources=["jumpit"])
    target = resolve_target(parse_partition(today), instance, live, DataPaths(data_root))
    assert target.keys == (f"{today}|jumpit",)


def test_a_date_run_loads_that_days_partitions_only(run_job, instance, data_root):
    register_keys(instance, landed_keys(data_root))
    result = run_job("ingest_postings_job", tags={KEYS_TAG: "2026-11-12|lever"})
    assert result.success
    events = [e for e in result.get_asset_materialization_events() if e.asset_key == RAW]
    # One event for the run's asset, one per partition it loaded.
    assert {e.partition for e in events} == {None, "2026-11-12|lever"}
    assert set(partition_counts(data_root, "raw_postings")) == {("lever", "2026-11-12")}


def test_a_backfill_range_follows_the_registration_order(instance):
    register_keys(instance, ["2026-11-21|wanted"])
    register_keys(instance, ["2026-11-21|lever", "2026-11-19|jumpit"])
    assert registered_keys(instance) == [
        "2026-11-21|wanted",
        "2026-11-19|jumpit",
        "2026-11-21|lever",
    ]
    run = dg.DagsterRun(
        job_name="ingest_postings_job",
        tags={
            "dagster/asset_partition_range_start": "2026-11-19|jumpit",
            "dagster/asset_partition_range_end": "2026-11-21|lever",
        },
    )
    assert run_partition_keys(run, instance) == ["2026-11-19|jumpit", "2026-11-21|lever"]
