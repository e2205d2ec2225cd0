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

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from warehouse.build import build_models
from warehouse.db import connect, sql_file
from warehouse.load import (
    landing_files,
    load_raw,
    load_taxonomy,
    normalize_partition,
    refresh_duplicates,
)
from warehouse.paths import PROJECT_ROOT

TINY = Path(__file__).parent.parent / "fixtures" / "normalized" / "tiny_postings.jsonl"


def _build_tiny(path: Path, taxonomy, small_cell_min_postings: int | None = None) -> None:
    """The tiny warehouse at `path`: fixture rows, the real taxonomy, p4 marked a copy of p1."""
    conn = connect(path)
    try:
        conn.execute(
            sql_file("statements", "insert_normalized"),
            {"source": "text", "crawl_date": "2026-10-20", "path": str(TINY)},
        )
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
        for partition, files in landing_files(root / "snapshot").items():
            load_raw(conn, partition, files)
            normalize_partition(conn, partition, taxonomy, root)
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
