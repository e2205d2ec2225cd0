"""new_landing_files_sensor: a cursor over <data>/raw, one keyed run per partition with new files."""

import json
import os
from pathlib import Path

import dagster as dg
import pytest

from dags.definitions import defs
from dags.resources import DataDirResource
from dags.sensors import LandingCursor, new_landing_files_sensor

from .conftest import write_landing

RECORD = {"source": "wanted", "source_posting_id": "1", "url": "", "fetched_at": "", "payload": {}}


@pytest.fixture
def raw_root(tmp_path: Path) -> Path:
    return tmp_path / "data" / "raw"


def evaluate(instance: dg.DagsterInstance, raw_root: Path, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(
        cursor=cursor,
        instance=instance,
        resources={"data_dir": DataDirResource(root=str(raw_root.parent))},
        repository_def=defs.get_repository_def(),
    )
    return new_landing_files_sensor(context)


def requests(result: dg.SensorResult) -> list[tuple[str, str]]:
    return sorted((r.partition_key, r.run_key) for r in result.run_requests or [])


def test_new_files_request_one_keyed_run_per_partition_and_the_cursor_remembers(raw_root, instance):
    write_landing(raw_root, "wanted", "2026-11-22", [RECORD], "20261122T010000Z-aaaaaa")
    write_landing(raw_root, "wanted", "2026-11-22", [RECORD], "20261122T020000Z-bbbbbb")
    write_landing(raw_root, "indeed", "2026-11-22", [RECORD], "20261122T010000Z-cccccc")
    (raw_root / "jumpit" / "2026-11-22").mkdir(parents=True)
    (raw_root / "jumpit" / "2026-11-22" / "20261122T030000Z-dddddd.jsonl.part").write_text("{}\n")

    first = evaluate(instance, raw_root, None)
    keys = [key for key, _ in requests(first)]
    assert keys == ["2026-11-22|unknown", "2026-11-22|wanted"]  # *.part is still being written
    assert all(run_key.startswith(f"{key}:") for key, run_key in requests(first))
    # Deterministic: the same files give the same run keys.
    assert requests(evaluate(instance, raw_root, None)) == requests(first)

    second = evaluate(instance, raw_root, first.cursor)
    assert not second.run_requests and second.skip_reason is not None
    assert json.loads(second.cursor) == json.loads(first.cursor)

    path = write_landing(
        raw_root, "wanted", "2026-11-22", [RECORD, RECORD], "20261122T040000Z-eeeeee"
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, LandingCursor.parse(first.cursor).mtime_ns + 1))
    third = evaluate(instance, raw_root, second.cursor)
    assert [key for key, _ in requests(third)] == ["2026-11-22|wanted"]
    assert requests(third)[0][1] != dict(requests(first))["2026-11-22|wanted"]


def test_a_file_with_the_same_mtime_as_the_cursor_is_still_new(raw_root, instance):
    a = write_landing(raw_root, "lever", "2026-11-22", [RECORD], "a")
    first = evaluate(instance, raw_root, None)
    b = write_landing(raw_root, "lever", "2026-11-23", [RECORD], "b")
    os.utime(b, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns))
    second = evaluate(instance, raw_root, first.cursor)
    assert [key for key, _ in requests(second)] == ["2026-11-23|lever"]


def test_a_partition_ingested_after_its_newest_file_is_not_requested_again(raw_root, instance):
    write_landing(raw_root, "greenhouse", "2026-11-22", [RECORD], "x")
    instance.report_runless_asset_event(
        dg.AssetMaterialization(
            dg.AssetKey(["raw", "raw_postings"]), partition="2026-11-22|greenhouse"
        )
    )
    result = evaluate(instance, raw_root, None)
    assert not result.run_requests
    assert LandingCursor.parse(result.cursor).mtime_ns > 0  # seen, and remembered


def test_the_cursor_round_trips():
    cursor = LandingCursor(5, frozenset({"a", "b"}))
    assert LandingCursor.parse(cursor.dump()) == cursor
    assert LandingCursor.parse(None) == LandingCursor()
