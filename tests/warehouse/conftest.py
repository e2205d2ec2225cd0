"""Warehouses the career-answer tests read: a tiny hand-made one, and the bundled snapshot built once.

The tiny one (tests/fixtures/normalized/tiny_postings.jsonl, 7 postings) is small enough to
compute every aggregate by hand:

  key  role            country  month    required                  preferred            years degree
  p1   mlops_engineer  KR       2026-09  python docker kubernetes  terraform            3     bachelor
  p2   mlops_engineer  KR       2026-09  python kubernetes         docker aws kubernetes 5    –
  p3   mlops_engineer  US       2026-10  kubernetes aws            python               2     master
  p4   copy of p1 (posting_duplicates): never counted
  p5   data_engineer   KR       2026-10  python sql spark          airflow              0 신입 bachelor
  p6   data_engineer   –        2026-10  sql airflow               spark                –     none
  p7   out_of_scope    KR       2026-10  java sql                  –                    3     –

p1 also names python in `other`, p2 names mlflow in duties, p3 names communication in `other`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.batch import Runner
from warehouse.build import build_models
from warehouse.db import connect
from warehouse.dedupe import refresh_duplicates
from warehouse.load import (
    Partition,
    insert_postings,
    landing_files,
    landing_lines,
    load_partition,
    load_taxonomy,
)
from warehouse.paths import PROJECT_ROOT

TINY = Path(__file__).parent.parent / "fixtures" / "normalized" / "tiny_postings.jsonl"
TINY_PARTITION = Partition("text", date(2026, 10, 20))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_snapshot(conn: duckdb.DuckDBPyConnection, root: Path, taxonomy) -> None:
    """Every landing partition under root through the runner into the warehouse."""
    runner = Runner(taxonomy)
    for partition, files in landing_files(root).items():
        load_partition(conn, partition, runner.run(landing_lines(files)))


def _build_tiny(path: Path, taxonomy, small_cell_min_postings: int | None = None) -> None:
    """The tiny warehouse at `path`: fixture rows, the real taxonomy, p4 marked a copy of p1."""
    conn = connect(path)
    try:
        insert_postings(conn, TINY_PARTITION, read_jsonl(TINY))
        conn.execute("insert into posting_duplicates values ('p4', 'p1', 'repost')")
        load_taxonomy(conn, taxonomy)
        if small_cell_min_postings is not None:
            conn.execute("set variable small_cell_min_postings = ?", [small_cell_min_postings])
        build_models(conn)
    finally:
        conn.close()


@pytest.fixture
def build_tiny(taxonomy):
    """build_tiny(path, small_cell_min_postings=None): the tiny warehouse at path."""
    return lambda path, small_cell_min_postings=None: _build_tiny(
        path, taxonomy, small_cell_min_postings
    )


@pytest.fixture
def tiny(tmp_path, build_tiny) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the tiny warehouse."""
    path = tmp_path / "tiny.duckdb"
    build_tiny(path)
    conn = duckdb.connect(str(path), read_only=True)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def snapshot_data(tmp_path_factory, taxonomy) -> Path:
    """A data directory whose careermarket.duckdb holds the bundled snapshot, every model built."""
    root = tmp_path_factory.mktemp("snapshot_data")
    shutil.copytree(PROJECT_ROOT / "data" / "snapshot", root / "snapshot")
    conn = connect(root / "careermarket.duckdb")
    try:
        load_snapshot(conn, root / "snapshot", taxonomy)
        load_taxonomy(conn, taxonomy)
        refresh_duplicates(conn)
        build_models(conn)
    finally:
        conn.close()
    return root


@pytest.fixture
def snapshot(snapshot_data) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the snapshot warehouse."""
    conn = duckdb.connect(str(snapshot_data / "careermarket.duckdb"), read_only=True)
    yield conn
    conn.close()
