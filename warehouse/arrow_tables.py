"""The load tables Python writes from Arrow batches, derived from the batches' schemas.

`normalized_postings` and `quarantined_postings` hold the batches of pipelines.columns (whose
schemas come from the dataclasses of pipelines.models) under the partition they were landed
in: `source` (the landing folder's source family, which replaces the record's own) and
`crawl_date`. Their DDL is written here from those schemas, so a field added to
`NormalizedPosting` is a column on the next run, in new warehouses and old ones alike.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipelines.columns import POSTING_BATCH, QUARANTINE_BATCH
from warehouse.db import quote_identifier

PARTITION = pa.schema(
    [pa.field("source", pa.string(), nullable=False), pa.field("crawl_date", pa.date32(), False)]
)


def _table_schema(batch: pa.Schema) -> pa.Schema:
    """The partition columns, then the batch's columns less its own `source`."""
    return pa.schema([*PARTITION, *(f for f in batch if f.name != "source")])


TABLES: dict[str, pa.Schema] = {
    "normalized_postings": _table_schema(POSTING_BATCH),
    "quarantined_postings": _table_schema(QUARANTINE_BATCH),
}

_SQL_TYPES = {
    pa.string(): "varchar",
    pa.binary(): "blob",
    pa.int32(): "integer",
    pa.int64(): "bigint",
    pa.uint64(): "ubigint",
    pa.float64(): "double",
    pa.bool_(): "boolean",
    pa.date32(): "date",
}


def sql_type(arrow_type: pa.DataType) -> str:
    """DuckDB's name for an Arrow type, as `information_schema.columns` spells it."""
    if pa.types.is_list(arrow_type):
        return f"{sql_type(arrow_type.value_type)}[]"
    if pa.types.is_struct(arrow_type):
        inner = ", ".join(f"{quote_identifier(f.name)} {sql_type(f.type)}" for f in arrow_type)
        return f"struct({inner})"
    return _SQL_TYPES[arrow_type]


def create_table_sql(name: str) -> str:
    columns = ",\n    ".join(
        f"{quote_identifier(f.name)} {sql_type(f.type)}{'' if f.nullable else ' not null'}"
        for f in TABLES[name]
    )
    return f"create table if not exists {quote_identifier(name)} (\n    {columns}\n)"


def ensure_arrow_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the derived tables; a table from an older schema gains the columns it lacks."""
    for name, schema in TABLES.items():
        conn.execute(create_table_sql(name))
        for f in schema:
            conn.execute(
                f"alter table {quote_identifier(name)} add column if not exists "
                f"{quote_identifier(f.name)} {sql_type(f.type)}"
            )
