"""Run the project's Dagster jobs in-process on a copy of the snapshot (tests/conftest.py)."""

import json
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dags.definitions import build_definitions, default_resources
from dags.partitions import register_keys
from dags.resources import RawSource
from warehouse.db import quote_identifier, row_count

QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
Runner = Callable[..., dg.ExecuteInProcessResult]


@pytest.fixture
def instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.ephemeral()


@pytest.fixture
def run_job(data_root: Path, instance: dg.DagsterInstance) -> Runner:
    """`run_job("ingest_postings_job", partition_key=..., tags=...)` against `data_root`."""

    def run(
        job: str = "materialize_all_job",
        partition_key: str | None = None,
        tags: dict[str, str] | None = None,
        raw_source: RawSource | None = None,
    ) -> dg.ExecuteInProcessResult:
        defs = build_definitions(default_resources(str(data_root), raw_source))
        if partition_key is not None:
            # Targeted keys exist once registered (careermarket run and the sensor do this).
            register_keys(instance, [partition_key])
        return defs.resolve_job_def(job).execute_in_process(
            run_config=QUIET,
            instance=instance,
            partition_key=partition_key,
            tags=tags,
            raise_on_error=False,
        )

    return run


def table_counts(data_root: Path) -> dict[str, int]:
    """Rows per load table and per published table."""
    tables = [
        "raw_postings",
        "normalized_postings",
        "quarantined_postings",
        "stg_postings",
        "fct_posting_skills",
    ]
    with duckdb.connect(str(data_root / "careermarket.duckdb"), read_only=True) as conn:
        present = {
            r[0]
            for r in conn.execute("select table_name from information_schema.tables").fetchall()
        }
        return {t: row_count(conn, t) for t in tables if t in present}


def partition_counts(data_root: Path, table: str) -> dict[tuple[str, str], int]:
    """Rows per (source folder, crawl date) of a load table."""
    with duckdb.connect(str(data_root / "careermarket.duckdb"), read_only=True) as conn:
        rows = conn.execute(
            f"select source, crawl_date::varchar, count(*) from {quote_identifier(table)} group by all"
        ).fetchall()
    return {(s, d): n for s, d, n in rows}


def checks_by_name(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {
        f"{e.asset_key.to_user_string()}:{e.check_name}": e
        for e in result.get_asset_check_evaluations()
    }


def not_passing(result: dg.ExecuteInProcessResult) -> list[str]:
    return sorted(name for name, e in checks_by_name(result).items() if not e.passed)


def write_landing(
    root: Path, source: str, day: str, records: list[dict | str], name: str = "seeded"
) -> Path:
    """A landing file <root>/<source>/<day>/<name>.jsonl (dicts as JSON, strings as they are)."""
    folder = root / source / day
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path
