"""Dagster figures for the closing note: the graph, the checks, and what runs cost.

    .venv/bin/python benchmarks/dagster_backfill.py

On a copy of the bundled snapshot in a temporary data directory, with a persistent (SQLite)
Dagster instance like `make run` uses, it times:

1. the first `careermarket run` (every landed partition, one run) — the baseline;
2. a re-run of the same;
3. a backfill of 7 partitions as Dagster runs it with the single-run policy: one run for a
   contiguous range (the 7 latest landed partitions, in registration order), then the
   downstream refresh;
4. a backfill of 7 scattered partitions (every fourth landed one): one run per partition, then
   the refresh;

and prints wall time and row counts after each; re-runs and backfills must change no count.
"""

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from careermarket.running import dagster_instance, run_assets
from dags.definitions import build_definitions, default_resources, defs
from dags.partitions import RANGE_END_TAG, RANGE_START_TAG, key_of, registered_keys
from dags.resources import RawSource
from warehouse.db import row_count
from warehouse.load import Partition
from warehouse.paths import PROJECT_ROOT

TABLES = ("raw_postings", "normalized_postings", "quarantined_postings", "stg_postings")
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def counts(root: Path) -> dict[str, int]:
    with duckdb.connect(str(root / "careermarket.duckdb"), read_only=True) as conn:
        return {t: row_count(conn, t) for t in TABLES}


def rows_in(root: Path, keys: set[str] | None) -> int:
    """Raw rows of the partitions `keys` (None: all)."""
    with duckdb.connect(str(root / "careermarket.duckdb"), read_only=True) as conn:
        per = conn.execute("select source, crawl_date, count(*) from raw_postings group by all")
        return sum(
            n for s, d, n in per.fetchall() if keys is None or key_of(Partition(s, d)) in keys
        )


def timed(step: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def print_graph() -> None:
    graph = defs.resolve_asset_graph()
    print("asset graph:")
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        parts = " (partitioned: landed date|source)" if graph.get(key).partitions_def else ""
        print(f"  {key.to_user_string()}{parts}")
    print("checks:")
    for check in sorted(graph.asset_check_keys, key=lambda k: k.to_user_string()):
        kind = "blocking" if graph.get_check_spec(check).blocking else "warn"
        print(f"  {check.name:<32} {check.asset_key.to_user_string():<40} {kind}")


def main() -> None:
    print_graph()
    root = Path(tempfile.mkdtemp(prefix="careermarket-bench-")) / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "snapshot", root / "snapshot")
    os.environ["DAGSTER_HOME"] = str(root / "dagster_home")
    instance = dagster_instance(root)
    local = build_definitions(default_resources(str(root), RawSource()))

    def job_run(job: str, **kwargs) -> bool:
        result = local.resolve_job_def(job).execute_in_process(
            run_config=QUIET, instance=instance, raise_on_error=False, **kwargs
        )
        return result.success

    rows: list[tuple[str, int, float, int, dict[str, int], bool]] = []

    def record(label: str, runs: int, seconds: float, ok: bool, keys: set[str] | None) -> None:
        rows.append((label, runs, seconds, rows_in(root, keys), counts(root), ok))

    seconds, outcome = timed(lambda: run_assets(root))
    record("first run, every landed partition", 1, seconds, outcome.success, None)
    seconds, outcome = timed(lambda: run_assets(root))
    record("re-run, every landed partition", 1, seconds, outcome.success, None)

    # The first run registered every landed partition, sorted: a range is a run of them.
    registered = registered_keys(instance)
    week = registered[-7:]
    tags = {RANGE_START_TAG: week[0], RANGE_END_TAG: week[-1]}
    seconds, ok = timed(
        lambda: job_run("ingest_postings_job", tags=tags) and job_run("refresh_warehouse_job")
    )
    record(f"backfill {week[0]}…{week[-1]}: 1 run + refresh", 2, seconds, bool(ok), set(week))

    scattered = registered[::4][:7]
    seconds, ok = timed(
        lambda: (
            all([job_run("ingest_postings_job", partition_key=k) for k in scattered])
            and job_run("refresh_warehouse_job")
        )
    )
    record(
        "backfill 7 scattered landed partitions: 7 runs + refresh",
        8,
        seconds,
        bool(ok),
        set(scattered),
    )

    baseline = rows[0][4]
    print("\non a copy of the snapshot, with a persistent SQLite instance (as `make run`):")
    print(
        f"{'step':<62} {'runs':>4} {'wall s':>7} {'rows in scope':>13}  "
        + "  ".join(f"{t:>20}" for t in TABLES)
    )
    for label, runs, secs, scope_rows, figures, success in rows:
        same = "" if figures == baseline else "  COUNTS CHANGED"
        status = "" if success else "  FAILED"
        print(
            f"{label:<62} {runs:>4} {secs:>7.1f} {scope_rows:>13,}  "
            + "  ".join(f"{figures[t]:>20,}" for t in TABLES)
            + same
            + status
        )
    print(f"(the 7 scattered partitions: {', '.join(scattered)})")
    shutil.rmtree(root.parent)


if __name__ == "__main__":
    main()
