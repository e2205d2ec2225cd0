"""`careermarket run`: materialize the assets through Dagster, one line per asset."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from careermarket.console import console, fail
from warehouse.paths import DEFAULT_DATA_DIR, DEFAULT_LIVE_DATA_DIR, DataPaths


def run(
    live: Annotated[
        bool, typer.Option("--live", help="Crawl the real sources instead of the bundled snapshot.")
    ] = False,
    partition: Annotated[
        str | None,
        typer.Option(
            "--partition",
            help="DATE|SOURCE (one partition), DATE (every partition landed that day) or SOURCE "
            "(every landed date of that family), from what landed under the data dir. "
            "Default: every landed partition.",
        ),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="With --live: only these source families.")
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Data directory (DuckDB file, exports, landing). Default: data/, or data/live/ "
            "with --live, so live rows never mix with the example snapshot.",
            envvar="CAREERMARKET_DATA_DIR",
        ),
    ] = None,
) -> None:
    """Materialize every asset (offline snapshot unless --live) into the DuckDB file and exports."""
    data_dir = data_dir or (DEFAULT_LIVE_DATA_DIR if live else DEFAULT_DATA_DIR)
    from careermarket.running import (
        PartitionError,
        dagster_instance,
        ensure_warehouse_free,
        in_progress_runs,
        parse_partition,
        run_assets,
    )
    from careermarket.stale_runs import fail_orphaned_runs
    from warehouse.db import WarehouseLocked

    try:
        target = parse_partition(partition)
    except PartitionError as error:
        raise fail(f"--partition: {error}") from error
    instance = dagster_instance(data_dir)
    for orphan in fail_orphaned_runs(instance):
        console.print(
            f"[yellow]note:[/yellow] run {orphan.run_id} was left in progress by a process that "
            f"is gone (PID {orphan.pid}); marked it failed"
        )
    busy = in_progress_runs(instance)
    if busy:
        console.print(
            f"[yellow]note:[/yellow] {len(busy)} other run(s) in progress ({', '.join(busy)}); "
            "DuckDB has one writer, so this run waits for the database or fails"
        )
    try:
        ensure_warehouse_free(data_dir)
    except WarehouseLocked as error:
        raise fail(str(error)) from error
    mode = "live crawl" if live else "offline snapshot"
    console.print(
        f"materializing {target.label} ({mode}) into [bold]{DataPaths(data_dir).database}[/bold]"
    )

    def on_asset(line) -> None:
        rows = f"{line.rows:>7,} rows" if line.rows is not None else ""
        parts = f"  {line.partitions} partitions" if line.partitions is not None else ""
        console.print(f"  [green]✓[/green] {line.key:<45} {rows}{parts}")

    try:
        with console.status("running Dagster job materialize_all_job …"):
            outcome = run_assets(data_dir, target, live, source if live else None, on_asset)
    except PartitionError as error:
        raise fail(f"--partition: {error}") from error
    failed = [c for c in outcome.checks if not c.passed]
    console.print(
        f"{len(outcome.assets)} assets, {len(outcome.checks)} checks "
        f"({len(failed)} not passing) in {outcome.seconds:.1f}s — run {outcome.run_id}"
    )
    for check in failed:
        colour = "yellow" if check.severity == "WARN" else "red"
        console.print(f"  [{colour}]{check.severity}[/{colour}] {check.asset} {check.name}")
    for problem in outcome.problems:
        mark = "[red]✗[/red]" if problem.failed else "[yellow]![/yellow]"
        console.print(f"  {mark} {escape(problem.text)}", soft_wrap=True)
    if not outcome.success:
        home = os.environ.get("DAGSTER_HOME", "data/dagster_home")
        raise fail(f"the run failed; see `dagster dev` (DAGSTER_HOME={home}) for its logs")
