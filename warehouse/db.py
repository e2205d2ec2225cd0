"""Connections and the load tables (tables/*.sql) that Python writes into.

Three ways in: `connect` (the loaders' writable connection, or read-only), `connect_sandbox`
(what `careermarket query` runs user SQL on: read-only and unable to touch anything but the
warehouse) and `run_statement` (one SQL text under a time limit).
"""

from __future__ import annotations

import re
import threading
import time
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb

# User SQL may read the warehouse and nothing else: no files (COPY TO, read_text, glob, ATTACH),
# no extensions installed or loaded, and no SET that turns any of this back on.
SANDBOX_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


class WarehouseLocked(RuntimeError):
    """Another process holds the DuckDB file (DuckDB allows one writer, or many readers)."""

    def __init__(self, path: str | Path, pid: int | None, program: str | None) -> None:
        self.path, self.pid, self.program = Path(path), pid, program
        holder = f"PID {pid} ({program})" if pid is not None else "another process"
        stop = f"`kill {pid}`" if pid is not None else "stop it"
        super().__init__(
            f"{self.path} is in use by {holder}: DuckDB lets one process write (or several read) at a time; "
            f"wait for that process to finish (or {stop}), then run this again"
        )


class QueryTimeout(RuntimeError):
    """A statement ran longer than its time limit and was interrupted."""


@cache
def sql_file(folder: str, name: str) -> str:
    """The text of warehouse/<folder>/<name>.sql."""
    return resources.files(__package__).joinpath(folder, f"{name}.sql").read_text("utf-8")


def table_files() -> list[str]:
    """Names of the load tables, from warehouse/tables/*.sql."""
    folder = resources.files(__package__).joinpath("tables")
    return sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))


def locked_by(error: BaseException, path: str | Path) -> WarehouseLocked | None:
    """The lock conflict an error from duckdb.connect reports, naming its holder (or None)."""
    text = str(error)
    if "Could not set lock" not in text and "Conflicting lock" not in text:
        return None
    match = _LOCK_HOLDER.search(text)
    if match is None:
        return WarehouseLocked(path, None, None)
    return WarehouseLocked(path, int(match["pid"]), match["program"])


def open_duckdb(
    path: str | Path,
    read_only: bool = False,
    config: dict[str, object] | None = None,
    lock_wait_seconds: float = 0.0,
) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, waiting at most `lock_wait_seconds` for a lock another process holds;
    then WarehouseLocked, one sentence naming the holder, instead of DuckDB's IO error."""
    deadline = time.monotonic() + lock_wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config or {})
        except duckdb.IOException as error:
            locked = locked_by(error, path)
            if locked is None:
                raise
            if time.monotonic() >= deadline:
                raise locked from error
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))


def connect(
    path: str | Path, read_only: bool = False, lock_wait_seconds: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; writable connections get the load tables created if missing."""
    if not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = open_duckdb(path, read_only=read_only, lock_wait_seconds=lock_wait_seconds)
    if not read_only:
        ensure_tables(conn)
    return conn


def connect_sandbox(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection for untrusted SQL: it sees the warehouse's tables and nothing
    of the machine (SANDBOX_CONFIG), and cannot change its own settings."""
    return open_duckdb(path, read_only=True, config=SANDBOX_CONFIG)


def run_statement(
    conn: duckdb.DuckDBPyConnection, sql: str, timeout_seconds: float | None
) -> tuple[list[str], list[tuple]]:
    """Run `sql` (its last statement's result: column names and rows). DuckDB has no
    statement timeout, so a timer interrupts the connection after `timeout_seconds`
    (None or 0: no limit) and QueryTimeout is raised."""
    timer = None
    if timeout_seconds:
        timer = threading.Timer(timeout_seconds, conn.interrupt)
        timer.daemon = True
        timer.start()
    try:
        cursor = conn.execute(sql)
        if cursor is None:
            raise ValueError("the SQL holds no statement (only blanks or comments)")
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall() if cursor.description is not None else []
    except duckdb.InterruptException as error:
        raise QueryTimeout(
            f"the query ran longer than {timeout_seconds:g} s and was stopped"
        ) from error
    finally:
        if timer is not None:
            timer.cancel()
    return columns, rows


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
