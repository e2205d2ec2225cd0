"""`careermarket run`: materialize every asset through Dagster."""

from __future__ import annotations

from typing import Annotated

import typer

from careermarket.console import DataDir, console, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths


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
        raise fail("the run failed; see `dagster dev` (DAGSTER_HOME=data/dagster_home) for logs")
