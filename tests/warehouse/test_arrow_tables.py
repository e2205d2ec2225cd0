"""The load tables Python writes are derived from the batches' Arrow schemas: the table has
exactly the batch's columns and types, and a batch reads back as it went in."""

from __future__ import annotations

import dataclasses
from datetime import date

import duckdb
import pyarrow as pa

from pipelines.batch import RAW_BATCH, Runner
from pipelines.columns import POSTING_BATCH, QUARANTINE_BATCH
from warehouse.arrow_tables import TABLES, sql_type
from warehouse.db import connect
from warehouse.load import Partition, load_partition
from warehouse.paths import PROJECT_ROOT

JUMPIT = (
    PROJECT_ROOT / "data/snapshot/jumpit/2026-10-14/snap-jumpit-20261014.jsonl"
)  # one error_body


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    rows = conn.execute(
        "select column_name, data_type, is_nullable = 'YES' from information_schema.columns "
        "where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [(name, kind.lower().replace('"', ""), nullable) for name, kind, nullable in rows]


def _expected(batch: pa.Schema) -> list[tuple[str, str, bool]]:
    partition = [("source", "varchar", False), ("crawl_date", "date", False)]
    rest = [(f.name, sql_type(f.type).replace('"', ""), f.nullable) for f in batch]
    return partition + [c for c in rest if c[0] != "source"]


def test_the_tables_have_the_batches_columns_and_types(tmp_path):
    conn = connect(tmp_path / "w.duckdb")
    assert _columns(conn, "normalized_postings") == _expected(POSTING_BATCH)
    assert _columns(conn, "quarantined_postings") == _expected(QUARANTINE_BATCH)
    # raw_postings keeps its DDL in tables/: it must match the runner's raw batch all the same.
    raw = [(n, t) for n, t, _ in _columns(conn, "raw_postings")]
    assert raw == [(n, t) for n, t, _ in _expected(RAW_BATCH)]
    assert set(TABLES) == {"normalized_postings", "quarantined_postings"}


def test_a_batch_reads_back_as_it_went_in(tmp_path, taxonomy):
    lines = [("w", n, line) for n, line in enumerate(JUMPIT.read_bytes().splitlines(), 1)]
    chunks = list(Runner(taxonomy).run(lines))
    conn = connect(tmp_path / "w.duckdb")
    load_partition(conn, Partition("jumpit", date(2026, 10, 14)), chunks)
    for table, batches in (
        ("normalized_postings", [c.postings for c in chunks]),
        ("quarantined_postings", [c.quarantined for c in chunks]),
        ("raw_postings", [c.raw for c in chunks]),
    ):
        sent = pa.Table.from_batches(batches).drop_columns(
            [n for n in ("source",) if n in batches[0].schema.names]
        )
        stored = conn.sql(
            f"select {', '.join(sent.column_names)} from {table} order by line_no"
        ).to_arrow_table()
        assert stored.num_rows == sent.num_rows > 0, table
        assert stored.cast(sent.schema).equals(sent), table


def test_a_batch_is_let_go_once_inserted(tmp_path, taxonomy):
    # Memory flat in N: a partition's batches must not stay alive until its transaction commits
    # (DuckDB keeps conn.register'ed Arrow objects that long).
    lines = [("j", n, line) for n, line in enumerate(JUMPIT.read_bytes().splitlines(), 1)]
    [chunk] = Runner(taxonomy).run(lines)
    held = []

    def fresh_copies(n: int):
        for _ in range(n):
            postings = pa.Table.from_pylist(chunk.postings.to_pylist(), schema=POSTING_BATCH)
            yield dataclasses.replace(chunk, postings=postings.to_batches()[0])
            held.append(pa.total_allocated_bytes())

    conn = connect(tmp_path / "w.duckdb")
    counts = load_partition(conn, Partition("jumpit", date(2026, 10, 14)), fresh_copies(60))
    assert counts.normalized == 60 * chunk.postings.num_rows
    one_batch = chunk.postings.nbytes
    assert held[-1] - held[0] < 10 * one_batch  # not 60 batches' worth
