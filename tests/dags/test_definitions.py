"""Dagster: the definitions load, and their graph equals the committed snapshot.

A change to asset keys, dependencies, partitions, checks, jobs, schedules or sensors shows as a
diff of `definitions_snapshot.txt`. After a deliberate change, regenerate it with
`.venv/bin/python tests/dags/test_definitions.py --update` and commit it with the change.
"""

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from dags.definitions import defs
from dags.jobs import CRAWL_JOBS, LIVE
from dags.partitions import CRAWLED_FAMILIES, SOURCE_FAMILIES, SOURCE_GROUPS, registered_keys
from dags.schedules import CRAWL_SCHEDULES
from pipelines.sources import ADAPTERS
from scrapers.sources import load_sources
from warehouse.paths import PROJECT_ROOT

SNAPSHOT = Path(__file__).parent / "definitions_snapshot.txt"


def describe(definitions: dg.Definitions) -> str:
    """A stable, line-per-fact description of the graph and its automation."""
    graph = definitions.resolve_asset_graph()
    lines = ["# assets: key [group] partitioned? <- parents"]
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        parents = ", ".join(sorted(p.to_user_string() for p in node.parent_keys)) or "-"
        parts = "partitioned" if node.partitions_def else "unpartitioned"
        auto = " auto" if node.automation_condition else ""
        fresh = " freshness" if node.freshness_policy else ""
        lines.append(
            f"{key.to_user_string()} [{node.group_name}] {parts}{auto}{fresh} <- {parents}"
        )
    lines.append("# checks: asset:name blocking|warn")
    for check_key in sorted(graph.asset_check_keys, key=lambda k: k.to_user_string()):
        blocking = graph.get_check_spec(check_key).blocking
        lines.append(f"{check_key.to_user_string()} {'blocking' if blocking else 'warn'}")
    lines.append("# jobs: name <- assets")
    for job in sorted(definitions.resolve_all_job_defs(), key=lambda j: j.name):
        if job.name.startswith("__"):
            continue
        keys = sorted(k.to_user_string() for k in job.asset_layer.executable_asset_keys)
        lines.append(f"{job.name} <- {', '.join(keys)}")
    lines.append("# schedules: name cron job default_status")
    for schedule in sorted(definitions.schedules or [], key=lambda s: s.name):
        lines.append(
            f"{schedule.name} '{schedule.cron_schedule}' {schedule.job_name} "
            f"{schedule.default_status.value}"
        )
    lines.append("# sensors: name type default_status")
    for sensor in sorted(definitions.sensors or [], key=lambda s: s.name):
        lines.append(f"{sensor.name} {sensor.sensor_type.value} {sensor.default_status.value}")
    return "\n".join(lines) + "\n"


def test_definitions_equal_the_committed_snapshot():
    expected = SNAPSHOT.read_text(encoding="utf-8")
    actual = describe(defs)
    assert actual == expected, (
        "the Dagster graph changed; if that is intended, run "
        "`.venv/bin/python tests/dags/test_definitions.py --update` and commit the file"
    )


def test_dagster_definitions_validate_passes():
    done = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-m", "dags.definitions"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_spider_belongs_to_one_crawl_schedule_group():
    grouped = [f for families in SOURCE_GROUPS.values() for f in families]
    assert len(grouped) == len(set(grouped))
    assert set(CRAWLED_FAMILIES) == set(load_sources())
    assert set(CRAWLED_FAMILIES) <= set(SOURCE_FAMILIES) == set(ADAPTERS)


def test_crawl_schedules_are_stopped_and_request_one_run_per_family_of_the_day():
    schedule = next(s for s in CRAWL_SCHEDULES if s.name == "crawl_korean_boards_schedule")
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    with dg.instance_for_test() as instance:
        day = dg.build_schedule_context(
            instance=instance,
            scheduled_execution_time=datetime(2026, 11, 20, 0, 30, tzinfo=UTC),
            repository_def=defs.get_repository_def(),
        )
        requests = list(schedule.evaluate_tick(day).run_requests or [])
        # The partitions it crawls into are registered before its runs launch.
        assert registered_keys(instance) == ["2026-11-20|jumpit", "2026-11-20|wanted"]
    assert [(r.partition_key, r.run_key) for r in requests] == [
        ("2026-11-20|wanted", "crawl:2026-11-20|wanted"),
        ("2026-11-20|jumpit", "crawl:2026-11-20|jumpit"),
    ]
    # The crawl jobs crawl: their run config switches the raw source to live.
    assert all(job.config == LIVE for job in CRAWL_JOBS.values())


if __name__ == "__main__" and "--update" in sys.argv:
    SNAPSHOT.write_text(describe(defs), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
