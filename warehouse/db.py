"""Connections and the load tables (tables/*.sql) that Python writes into."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import duckdb


@cache
def sql_file(folder: str, name: str) -> str:
    """The text of warehouse/<folder>/<name>.sql."""
    return resources.files(__package__).joinpath(folder, f"{name}.sql").read_text("utf-8")


def table_files() -> list[str]:
    """Names of the load tables, from warehouse/tables/*.sql."""
    folder = resources.files(__package__).joinpath("tables")
    return sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; writable connections get the load tables created if missing."""
    if not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        ensure_tables(conn)
    return conn


def ensure_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the load tables that do not exist yet (idempotent): those of tables/*.sql and
    those derived from the Arrow batches Python writes (warehouse.arrow_tables)."""
    from warehouse.arrow_tables import ensure_arrow_tables  # it imports this module

    for name in table_files():
        conn.execute(sql_file("tables", name))
    ensure_arrow_tables(conn)


def quote_identifier(name: str) -> str:
    """A table or column name as a quoted SQL identifier (names cannot be bound as
    parameters; quoting keeps any name one identifier)."""
    return '"' + name.replace('"', '""') + '"'


def row_count(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    where: str | None = None,
    params: list | dict | None = None,
) -> int:
    """Rows of `table` (optionally those matching `where`, a condition over bound
    parameters); the one place that counts a table by name."""
    sql = f"select count(*) from {quote_identifier(table)}"
    if where:
        sql += f" where {where}"
    return conn.execute(sql, params or []).fetchone()[0]


def apply_limits(
    conn: duckdb.DuckDBPyConnection, memory_limit: str | None, temp_directory: str | None
) -> None:
    """Bound DuckDB's memory, so large models spill to `temp_directory` instead of growing."""
    if memory_limit:
        conn.execute("set memory_limit = ?", [memory_limit])
    if temp_directory:
        conn.execute("set temp_directory = ?", [temp_directory])
