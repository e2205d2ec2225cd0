"""`careermarket query`: read-only SQL against the warehouse."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from careermarket.console import DataDir, console, err, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths


def query(
    sql: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run SQL against data/careermarket.duckdb, opened read-only."""
    import duckdb

    from warehouse.dataset import example_banner

    path = DataPaths(data_dir).database
    if not path.exists():
        raise fail(f"{path} does not exist yet: run `careermarket run` (or `make run`) first")
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            cursor = conn.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
            banner = example_banner(conn)
    except duckdb.Error as exc:
        raise fail(str(exc).splitlines()[0]) from exc
    if banner:  # on stderr, so csv and json output stay clean
        err.print(f"[yellow]⚠ {banner}[/yellow]", soft_wrap=True)
    if fmt == "json":
        console.print_json(
            json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str)
        )
    elif fmt == "csv":
        import csv
        import sys

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
        console.print(f"{len(rows)} rows")
