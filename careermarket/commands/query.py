"""`careermarket query`: SQL against the warehouse, in a sandbox.

The connection is read-only and sealed (warehouse.db.SANDBOX_CONFIG): the SQL sees the
warehouse's tables and nothing of the machine, and a timer stops it after --timeout seconds.
What it prints is data: a cell holding `[remote]` prints as `[remote]`, never as Rich markup.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Column, Table
from rich.text import Text

from careermarket.console import DataDir, console, err, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths

DEFAULT_TIMEOUT_SECONDS = 60.0


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def query(
    sql: Annotated[str, typer.Argument(help="SQL to run (read-only; sees only the warehouse).")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="How to print the rows.")
    ] = OutputFormat.table,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0, help="Stop the query after this many seconds (0: never)."),
    ] = DEFAULT_TIMEOUT_SECONDS,
    lake: Annotated[
        bool,
        typer.Option(
            "--lake",
            help="Query the Iceberg warehouse (CAREERMARKET_CATALOG_URI, CAREERMARKET_WAREHOUSE; "
            "`careermarket lake`) instead of the DuckDB file.",
        ),
    ] = False,
) -> None:
    """Run SQL against data/careermarket.duckdb: read-only, no files, no extensions, a time limit."""
    import duckdb

    from warehouse.dataset import example_banner
    from warehouse.db import QueryTimeout, WarehouseLocked, connect_sandbox, run_statement

    if not sql.strip():
        raise fail('no SQL given: pass a statement, e.g. careermarket query "select 1"')
    path = DataPaths(data_dir).database
    if not lake and not path.exists():
        raise fail(f"{path} does not exist yet: run `careermarket run` (or `make run`) first")
    try:
        with _lake_connection(sql) if lake else connect_sandbox(path) as conn:
            columns, rows = run_statement(conn, sql, timeout or None)
            banner = example_banner(conn)
    except (WarehouseLocked, QueryTimeout, ValueError) as exc:
        raise fail(str(exc)) from exc
    except duckdb.PermissionException as exc:
        first = str(exc).splitlines()[0]
        raise fail(f"a query sees only the warehouse (no files, no extensions): {first}") from exc
    except duckdb.Error as exc:
        raise fail(str(exc).splitlines()[0]) from exc
    if banner:  # on stderr, so csv and json output stay clean
        err.print(f"[yellow]⚠ {banner}[/yellow]", soft_wrap=True)
    if fmt is OutputFormat.json:
        records = [dict(zip(columns, r, strict=True)) for r in rows]
        console.print_json(json.dumps(records, default=str, ensure_ascii=False))
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        # Text, not str: cells and headers are data, so brackets are never read as markup.
        table = Table(*(Column(Text(c)) for c in columns), show_lines=False)
        for row in rows:
            table.add_row(*(Text("" if v is None else str(v)) for v in row))
        console.print(table)
        console.print(f"{len(rows)} rows")


def _lake_connection(sql: str):  # -> duckdb.DuckDBPyConnection
    """The lake's tables that `sql` names, in a sealed in-memory DuckDB (warehouse.lake)."""
    try:
        from warehouse.lake import Lake
    except ImportError as exc:
        raise fail(f"--lake needs the scale extra (pip install -e '.[scale]'): {exc}") from exc
    try:
        with Lake.from_env() as lake:
            return lake.query_connection(sql)
    except ValueError as exc:
        raise fail(str(exc)) from exc
