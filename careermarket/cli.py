"""The careermarket command line (CONTRACT §4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeElapsedColumn
from rich.table import Table

from careermarket.crawl import crawl
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="careermarket: an open, queryable dataset of ML / AI / MLOps / data job postings.",
)
console = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        help="Data directory (DuckDB file, exports, landing).",
        envvar="CAREERMARKET_DATA_DIR",
        show_default=True,
    ),
]


app.command("crawl")(crawl)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=2)


@app.command()
def run(
    live: Annotated[
        bool, typer.Option("--live", help="Crawl the real sources instead of the bundled snapshot.")
    ] = False,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="With --live: only these source families.")
    ] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Materialize every asset (offline snapshot unless --live) into the DuckDB file and exports."""
    from careermarket.running import run_assets

    console.print(f"materializing all assets into [bold]{DataPaths(data_dir).database}[/bold]")

    def on_asset(line) -> None:
        rows = f"{line.rows:>7,} rows" if line.rows is not None else ""
        console.print(f"  [green]✓[/green] {line.key:<45} {rows}")

    live_sources = (source or []) if live else None
    with console.status("running Dagster job materialize_all_job …"):
        outcome = run_assets(data_dir, live_sources, on_asset)
    failed = [c for c in outcome.checks if not c.passed]
    console.print(
        f"{len(outcome.assets)} assets, {len(outcome.checks)} checks "
        f"({len(failed)} not passing) in {outcome.seconds:.1f}s — run {outcome.run_id}"
    )
    for check in failed:
        colour = "yellow" if check.severity == "WARN" else "red"
        console.print(f"  [{colour}]{check.severity}[/{colour}] {check.asset} {check.name}")
    if not outcome.success:
        raise _fail("the run failed; see `dagster dev` (DAGSTER_HOME=data/dagster_home) for logs")


@app.command()
def normalize(
    raw: Annotated[
        Path,
        typer.Argument(
            help="Raw records, one JSON object per line (CONTRACT §2).", exists=True, dir_okay=False
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Normalized postings JSONL (CONTRACT §3).")
    ],
    quarantine: Annotated[
        Path | None,
        typer.Option(
            "--quarantine",
            help="Where records that cannot be normalized go (default: OUTPUT with .quarantine.jsonl).",
        ),
    ] = None,
) -> None:
    """Normalize raw records into CONTRACT §3 postings; broken records go to quarantine."""
    from careermarket.files import normalize_file
    from pipelines.taxonomy import load_taxonomy

    quarantine = quarantine or output.with_name(output.stem + ".quarantine.jsonl")
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("normalizing", total=raw.stat().st_size)
        summary = normalize_file(
            raw, output, quarantine, load_taxonomy(), lambda n: progress.advance(task, n)
        )
    console.print(
        f"{summary.normalized} normalized → {output}  ·  {summary.quarantined} quarantined → {quarantine}"
        f"  ·  {summary.duplicates} duplicates"
    )
    for reason, n in sorted(summary.reasons.items()):
        console.print(f"  quarantined {reason}: {n}")
    if summary.skills_by_section:
        parts = ", ".join(f"{s} {n}" for s, n in sorted(summary.skills_by_section.items()))
        console.print(f"  skills by section: {parts}")


@app.command("import-csv")
def import_csv(
    csv_file: Annotated[Path, typer.Argument(metavar="FILE.csv", exists=True, dir_okay=False)],
    mapping: Annotated[
        str,
        typer.Option(
            "--map",
            help="field=COLUMN,…; fields: title, description, company, duties, required, preferred, other, location, country, posted_at, url, salary, id ('+' joins columns).",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Raw records JSONL to write.")],
    line_separator: Annotated[
        str | None,
        typer.Option(
            "--line-separator", help="Character the CSV used to join bullet lines (e.g. '|')."
        ),
    ] = None,
) -> None:
    """Turn a CSV of postings into raw records (source "csv") for `normalize` or the pipeline."""
    from careermarket.files import MappingError
    from careermarket.files import import_csv as write_records

    try:
        count = write_records(csv_file, mapping, output, line_separator)
    except MappingError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"{count} raw records → {output}")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run SQL against data/careermarket.duckdb, opened read-only."""
    import duckdb

    path = DataPaths(data_dir).database
    if not path.exists():
        raise _fail(f"{path} does not exist yet: run `careermarket run` (or `make run`) first")
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            cursor = conn.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise _fail(str(exc).splitlines()[0]) from exc
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


@app.command()
def export(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Directory for the Parquet files and manifest.json (default: data/exports).",
        ),
    ] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Export every published table to Parquet (zstd) with manifest.json."""
    import duckdb

    from pipelines.taxonomy import load_taxonomy
    from warehouse.export import export_tables

    paths = DataPaths(data_dir)
    if not paths.database.exists():
        raise _fail(f"{paths.database} does not exist yet: run `careermarket run` first")
    target = out or paths.exports
    with duckdb.connect(str(paths.database), read_only=True) as conn:
        manifest = export_tables(conn, target, load_taxonomy().version)
    for table in manifest["tables"]:
        console.print(f"  {table['file']:<32} {table['rows']:>7,} rows  {table['sha256'][:12]}")
    console.print(f"manifest → {target / 'manifest.json'}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def advise(ctx: typer.Context) -> None:
    """What to learn next for a target role. Arrives with the aggregates work (issue 7)."""
    raise _fail(
        "`careermarket advise` arrives with the career answers (issue 7); meanwhile query "
        "agg_skill_demand_monthly with `careermarket query`"
    )


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def report(ctx: typer.Context) -> None:
    """A self-contained HTML report with charts. Arrives with the aggregates work (issue 7)."""
    raise _fail("`careermarket report` arrives with the career answers (issue 7)")
