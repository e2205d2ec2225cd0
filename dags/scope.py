"""Which landing partitions a run covers, and a DuckDB view of them for scoped SQL."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import dagster as dg
import duckdb
import pyarrow as pa

from dags.partitions import in_keys, run_partition_keys
from dags.resources import RawSource
from warehouse.load import Partition, loaded_partitions
from warehouse.paths import DataPaths

SCOPE_VIEW = "run_scope"


def scope_keys(
    run: dg.DagsterRun, instance: dg.DagsterInstance, raw_source: RawSource, paths: DataPaths
) -> list[str]:
    """The run's partition keys; for an unpartitioned run, every partition the raw source has."""
    keys = run_partition_keys(run, instance)
    return keys if keys is not None else raw_source.default_keys(paths)


def scoped_partitions(conn: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> list[Partition]:
    """The loaded landing partitions (source folder × date) that belong to `keys`."""
    return in_keys(loaded_partitions(conn), keys)


@contextmanager
def scope_view(conn: duckdb.DuckDBPyConnection, partitions: Sequence[Partition]) -> Iterator[str]:
    """Register `run_scope(source, crawl_date)` for queries to join on; yields its name."""
    table = pa.table(
        {
            "source": [p.source for p in partitions],
            "crawl_date": [p.crawl_date for p in partitions],
        },
        schema=pa.schema([("source", pa.string()), ("crawl_date", pa.date32())]),
    )
    conn.register(SCOPE_VIEW, table)
    try:
        yield SCOPE_VIEW
    finally:
        conn.unregister(SCOPE_VIEW)
