"""`careermarket report`: a self-contained HTML page of charts from the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careermarket.console import DataDir, console, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths


def report(
    out: Annotated[
        Path, typer.Option("--out", help="HTML file to write (opens with no network).")
    ] = Path("report.html"),
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Write one HTML page: demand by month, required vs preferred skills, Korea vs worldwide,
    years, degrees and the newcomer share, per role."""
    import duckdb

    from careermarket.report import CHARTS, write_report
    from warehouse.report_data import load_report_data

    path = DataPaths(data_dir).database
    if not path.exists():
        raise fail(f"{path} does not exist yet: run `careermarket run` (or `make run`) first")
    with duckdb.connect(str(path), read_only=True) as conn:
        data = load_report_data(conn)
    write_report(data, out)
    size = out.stat().st_size
    console.print(f"{len(CHARTS)} charts → {out} ({size / 1e6:.1f} MB, plotly.js inlined)")
    note = data.summary["dataset"]["note"]
    if note:
        console.print(f"[yellow]⚠ {note}[/yellow]", soft_wrap=True)
