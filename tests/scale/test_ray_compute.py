"""Normalize on a real local Ray cluster (`ray_cluster`, tests/scale/conftest.py) gives the
local path's rows, record for record: on the bundled snapshot, on 20,000 generated postings,
and through the Dagster asset with `compute: ray`."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from dags.definitions import build_definitions, default_resources
from dags.ray_compute import RayRunner, digest
from dags.resources import ComputeResource
from pipelines.batch import Runner
from pipelines.columns import POSTING_BATCH, QUARANTINE_BATCH
from warehouse.load import landing_files, landing_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generated_postings import write_generated

pytestmark = pytest.mark.scale
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def local_and_ray(files, taxonomy, address, workers=1, actors=1):
    """(digest, counts) of the local runner and of the Ray runner over the same files, and
    the Ray run's Ray Data stats."""
    with Runner(taxonomy, workers) as local:
        expected = digest(local.run(landing_lines(files)))
    with RayRunner(taxonomy, address, actors=actors) as ray_runner:
        chunks = list(ray_runner.run(landing_lines(files)))
        stats = ray_runner.stats or ""
    for chunk in chunks:  # the schemas travel through Ray unchanged
        assert chunk.postings.schema == POSTING_BATCH
        assert chunk.quarantined.schema == QUARANTINE_BATCH
    return expected, digest(chunks), stats


def test_ray_normalizes_the_snapshot_as_the_local_path_does(data_root, taxonomy, ray_cluster):
    partitions = landing_files(data_root / "snapshot")
    files = [f for part in sorted(partitions) for f in partitions[part]]
    expected, got, stats = local_and_ray(files, taxonomy, ray_cluster)
    assert got == expected
    _, counts = expected
    assert counts["raw"] == sum(1 for _ in landing_lines(files))
    # Both outcomes are compared: the snapshot has damaged lines on purpose.
    assert counts["postings"] > 100 and counts["quarantined"] > 0
    assert "NormalizeActor" in stats  # the work ran in the Ray Data actors


def test_ray_normalizes_20k_generated_postings_as_the_local_path_does(
    tmp_path, taxonomy, ray_cluster
):
    landing = write_generated(tmp_path / "raw" / "csv" / "2026-12-01" / "gen.jsonl", 20_000)
    # Two local processes and two actors: chunks finish out of order on both sides.
    expected, got, stats = local_and_ray([landing], taxonomy, ray_cluster, workers=2, actors=2)
    assert got == expected
    counts = expected[1]
    assert counts["raw"] == counts["postings"] + counts["quarantined"] == 20_000
    assert counts["postings"] > 15_000
    assert "NormalizeActor" in stats


def _table_digest(database: Path, table: str) -> tuple[str, int]:
    with duckdb.connect(str(database), read_only=True) as conn:
        rows: pa.Table = conn.execute(
            f"select * from {table} order by source, crawl_date, landing_file, line_no"
        ).to_arrow_table()
    sha = hashlib.sha256()
    for row in rows.to_pylist():
        sha.update(json.dumps(row, ensure_ascii=False, default=repr).encode() + b"\n")
    return sha.hexdigest(), rows.num_rows


def test_the_dagster_asset_on_ray_materializes_the_local_rows(data_root, ray_cluster):
    import dagster as dg

    def materialize(compute: ComputeResource, where: str) -> dict[str, tuple[str, int]]:
        resources = {**default_resources(str(data_root)), "compute": compute}
        instance = dg.DagsterInstance.ephemeral()
        result = (
            build_definitions(resources)
            .resolve_job_def("ingest_postings_job")
            .execute_in_process(run_config=QUIET, instance=instance, raise_on_error=False)
        )
        assert result.success
        # The run says where it normalized: the Ray run did not fall back to local processes.
        assert any(where in e.user_message for e in instance.all_logs(result.run_id))
        database = data_root / "careermarket.duckdb"
        tables = ("raw_postings", "normalized_postings", "quarantined_postings")
        return {t: _table_digest(database, t) for t in tables}

    local = materialize(ComputeResource(), "normalized on 1 local process(es)")
    ray = ComputeResource(kind="ray", ray_address=ray_cluster)
    on_ray = materialize(ray, f"normalized on Ray Data at {ray_cluster}")
    assert on_ray == local
    assert local["normalized_postings"][1] > 100
