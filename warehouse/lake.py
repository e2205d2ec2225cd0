"""The warehouse as Apache Iceberg tables in an object store (opt-in: the `scale` extra).

- Catalog: pyiceberg's SQL catalog on PostgreSQL (CAREERMARKET_CATALOG_URI, a SQLAlchemy URL
  such as `postgresql+psycopg2://user@127.0.0.1:5432/careermarket`). A commit is one
  compare-and-swap of the table's metadata location in that database.
- Data: Parquet under CAREERMARKET_WAREHOUSE (`s3://bucket/warehouse`), through pyarrow's
  S3FileSystem (warehouse.objectstore: CAREERMARKET_S3_ENDPOINT and the AWS_* credentials).
- Load tables (raw, normalized, quarantined postings) are partitioned by source and crawl
  date and written one partition at a time: an overwrite whose filter is the partition, so
  a rerun replaces its rows and never touches another partition's.
- One writer per partition: a PostgreSQL advisory lock keyed by the partition is held for the
  whole write, so a second writer (a Dagster range backfill, a CLI, anything) is refused with
  PartitionBusy, or waits, and never commits the same rows twice.
- DuckDB serves the same models: the load tables are scanned to Arrow into an in-memory
  DuckDB, where warehouse/models/*.sql run unchanged (no DuckDB extension is needed, so it
  works offline); the published tables go back to Iceberg, and `careermarket query --lake`
  reads them the same way.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from warehouse.db import SANDBOX_CONFIG, ensure_tables, quote_identifier
from warehouse.load import Partition, load_partition
from warehouse.objectstore import ObjectStore, S3Settings

if TYPE_CHECKING:
    from pipelines.batch import Chunk
    from pipelines.taxonomy import Taxonomy

CATALOG_ENV = "CAREERMARKET_CATALOG_URI"
WAREHOUSE_ENV = "CAREERMARKET_WAREHOUSE"
NAMESPACE = "careermarket"
PARTITION_COLUMNS = ("source", "crawl_date")
PARTITIONED_TABLES = ("raw_postings", "normalized_postings", "quarantined_postings")
# How often a writer told to wait asks for a busy lock again.
LOCK_POLL_SECONDS = 0.2
# Commits lost to another table writer's commit (a different partition) are redone this often.
COMMIT_ATTEMPTS = 20


class PartitionBusy(RuntimeError):
    """Another writer holds the partition (or the table) this writer wanted."""


@dataclass(frozen=True)
class LakeSettings:
    """Where the catalog and the table data live."""

    catalog_uri: str
    warehouse: str
    s3: S3Settings = field(default_factory=S3Settings)

    @classmethod
    def from_env(cls) -> LakeSettings:
        missing = [name for name in (CATALOG_ENV, WAREHOUSE_ENV) if not os.environ.get(name)]
        if missing:
            raise ValueError(
                f"the Iceberg warehouse needs {' and '.join(missing)}: the catalog's PostgreSQL "
                "URL (postgresql+psycopg2://user@host:5432/db) and the data's s3://bucket/prefix"
            )
        return cls(os.environ[CATALOG_ENV], os.environ[WAREHOUSE_ENV], S3Settings.from_env())


def lock_key(scope: str) -> int:
    """A signed 64-bit advisory lock key for a scope such as `partition:2026-01-05|greenhouse`."""
    return int.from_bytes(hashlib.sha256(scope.encode()).digest()[:8], "big", signed=True)


def partition_filter(partition: Partition) -> Any:
    """The Iceberg row filter of one partition."""
    from pyiceberg.expressions import And, EqualTo

    return And(
        EqualTo("source", partition.source),
        EqualTo("crawl_date", partition.crawl_date.isoformat()),
    )


def stage_partition(partition: Partition, chunks: Iterable[Chunk]) -> dict[str, pa.Table]:
    """A partition's raw, normalized and quarantined rows, made by the local loader
    (warehouse.load.load_partition) in an in-memory DuckDB: the rows the local warehouse
    would hold, with its column types."""
    with duckdb.connect() as conn:
        load_partition(conn, partition, chunks)
        return {
            name: conn.sql(f"select * from {quote_identifier(name)}").to_arrow_table()
            for name in PARTITIONED_TABLES
        }


class Lake:
    """An Iceberg catalog (SQL, on PostgreSQL) over an object-store warehouse."""

    def __init__(self, settings: LakeSettings) -> None:
        import sqlalchemy
        from pyiceberg.catalog.sql import SqlCatalog
        from sqlalchemy.pool import NullPool

        self.settings = settings
        # NullPool: closing a lock connection ends its session, so no lock outlives its holder
        # in a pool (a session-level advisory lock is released only with its session).
        self._locks = sqlalchemy.create_engine(settings.catalog_uri, poolclass=NullPool)
        # The catalog's first writers race to create its tables and the namespace: one at a time.
        with self.writer_lock("catalog", wait_seconds=60.0):
            self.catalog = SqlCatalog(
                NAMESPACE,
                uri=settings.catalog_uri,
                warehouse=settings.warehouse,
                **settings.s3.iceberg_properties(),
            )
            self.catalog.create_namespace_if_not_exists(NAMESPACE)
        ObjectStore(settings.warehouse, settings.s3).ensure_bucket()

    @classmethod
    def from_env(cls) -> Lake:
        return cls(LakeSettings.from_env())

    def close(self) -> None:
        self._locks.dispose()
        engine = getattr(self.catalog, "engine", None)
        if engine is not None:
            engine.dispose()

    def __enter__(self) -> Lake:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one writer per scope ---------------------------------------------------------------

    @contextmanager
    def writer_lock(self, scope: str, wait_seconds: float = 0.0) -> Iterator[None]:
        """Hold the advisory lock of `scope` for the block. Busy: wait up to `wait_seconds`,
        then raise PartitionBusy. A crashed holder's session ends, and its lock with it."""
        import sqlalchemy

        key = lock_key(scope)
        deadline = time.monotonic() + wait_seconds
        with self._locks.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            try_lock = sqlalchemy.text("select pg_try_advisory_lock(:key)")
            while not conn.execute(try_lock, {"key": key}).scalar():
                if time.monotonic() >= deadline:
                    raise PartitionBusy(
                        f"{scope} is being written by another writer (PostgreSQL advisory lock "
                        f"{key} is held); wait for it to finish, or pass a wait time"
                    )
                time.sleep(LOCK_POLL_SECONDS)
            try:
                yield
            finally:
                conn.execute(sqlalchemy.text("select pg_advisory_unlock(:key)"), {"key": key})

    # -- tables -------------------------------------------------------------------------------

    def identifier(self, name: str) -> tuple[str, str]:
        return (NAMESPACE, name)

    def table_names(self) -> list[str]:
        return sorted(name for _, name in self.catalog.list_tables(NAMESPACE))

    def _table(self, name: str, schema: pa.Schema, partitioned: bool) -> Any:
        """The table `name`, created (with its partition spec) when missing."""
        from pyiceberg.exceptions import NoSuchTableError

        identifier = self.identifier(name)
        try:
            return self.catalog.load_table(identifier)
        except NoSuchTableError:
            pass
        with self.writer_lock(f"create:{name}", wait_seconds=60.0):
            if self.catalog.table_exists(identifier):
                return self.catalog.load_table(identifier)
            # One commit creates the table with its partition spec: never a table without it.
            with self.catalog.create_table_transaction(identifier, schema=schema) as create:
                if partitioned:
                    with create.update_spec() as spec:
                        for column in PARTITION_COLUMNS:
                            spec.add_identity(column)
            return self.catalog.load_table(identifier)

    def _commit(self, name: str, schema: pa.Schema, partitioned: bool, write: Callable) -> None:
        """Run `write(table)` on the current table; redo it when another writer (of another
        partition) committed first. Safe, because our scope's lock is held: the redo replaces
        the same rows."""
        from pyiceberg.exceptions import CommitFailedException

        for attempt in range(COMMIT_ATTEMPTS):
            table = self._table(name, schema, partitioned)
            try:
                write(table)
                return
            except CommitFailedException:
                if attempt == COMMIT_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _overwrite_partition(self, partition: Partition, tables: dict[str, pa.Table]) -> None:
        flt = partition_filter(partition)
        with warnings.catch_warnings():
            # A partition's first write deletes nothing, and pyiceberg warns about it.
            warnings.filterwarnings("ignore", "Delete operation did not match any records")
            for name, data in tables.items():
                self._commit(
                    name, data.schema, True, lambda t, d=data: t.overwrite(d, overwrite_filter=flt)
                )

    def write_partition(
        self, partition: Partition, tables: dict[str, pa.Table], wait_seconds: float = 0.0
    ) -> dict[str, int]:
        """Replace one partition's rows of the load tables, holding its writer lock."""
        with self.writer_lock(f"partition:{partition.key}", wait_seconds):
            self._overwrite_partition(partition, tables)
        return {name: data.num_rows for name, data in tables.items()}

    def ingest_partition(
        self, partition: Partition, chunks: Iterable[Chunk], wait_seconds: float = 0.0
    ) -> dict[str, int]:
        """Load one partition's landing chunks (pipelines.batch.Runner) into the lake. The lock
        is taken before normalizing, so a refused writer does no work."""
        with self.writer_lock(f"partition:{partition.key}", wait_seconds):
            staged = stage_partition(partition, chunks)
            self._overwrite_partition(partition, staged)
        return {name: data.num_rows for name, data in staged.items()}

    def replace_table(self, name: str, data: pa.Table) -> None:
        """Replace a whole (unpartitioned) table in one commit; other columns than the
        table has recreate it."""
        identifier = self.identifier(name)
        if self.catalog.table_exists(identifier):
            current = self.catalog.load_table(identifier).schema().column_names
            if current != data.schema.names:
                self.catalog.drop_table(identifier)
        self._commit(name, data.schema, False, lambda t: t.overwrite(data))

    def scan(self, name: str) -> pa.Table:
        return self.catalog.load_table(self.identifier(name)).scan().to_arrow()

    # -- DuckDB over the lake ---------------------------------------------------------------

    def load_into(self, conn: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
        """Insert the lake's rows of the named load tables into conn's tables of that name."""
        existing = set(self.table_names())
        for name in names:
            if name not in existing:
                continue
            data = self.scan(name)  # noqa: F841 (DuckDB reads the local variable)
            conn.execute(f"insert into {quote_identifier(name)} by name select * from data")

    def build(self, taxonomy: Taxonomy) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB holding the lake's load tables and every model built on them
        by the same code as the local warehouse (taxonomy, duplicates, models/*.sql)."""
        from warehouse.build import build_models
        from warehouse.dedupe import refresh_duplicates
        from warehouse.load import load_taxonomy

        conn = duckdb.connect()
        ensure_tables(conn)
        self.load_into(conn, PARTITIONED_TABLES)
        load_taxonomy(conn, taxonomy)
        refresh_duplicates(conn)
        build_models(conn)
        return conn

    def publish(
        self,
        taxonomy: Taxonomy,
        wait_seconds: float = 0.0,
        exports: str | os.PathLike[str] | None = None,
    ) -> dict[str, int]:
        """Build the models over the lake and write each published table back to it; with
        `exports` (a directory or s3:// URL), export them there from the same build."""
        from warehouse.export import export_to
        from warehouse.schema import published_tables

        with self.writer_lock("publish", wait_seconds):
            conn = self.build(taxonomy)
            try:
                rows = {}
                reader = conn.cursor()  # the models' last count left a result open on conn
                for name in published_tables():
                    data = reader.sql(f"select * from {quote_identifier(name)}").to_arrow_table()
                    self.replace_table(name, data)
                    rows[name] = data.num_rows
                if exports is not None:
                    export_to(conn, exports, taxonomy.version)
            finally:
                conn.close()
        return rows

    def query_connection(self, sql: str) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB holding the lake tables `sql` names, then sealed like the local
        query sandbox (warehouse.db.SANDBOX_CONFIG)."""
        conn = duckdb.connect()
        for name in self.table_names():
            # `dataset` too: the example-data banner reads it.
            if name == "dataset" or re.search(rf"\b{re.escape(name)}\b", sql):
                data = self.scan(name)  # noqa: F841 (DuckDB reads the local variable)
                conn.execute(f"create table {quote_identifier(name)} as select * from data")
        for setting, value in SANDBOX_CONFIG.items():
            conn.execute(f"set {setting} = {str(value).lower()}")
        return conn
