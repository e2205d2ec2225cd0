"""`careermarket normalize`: raw records to normalized postings and quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TimeElapsedColumn

from careermarket.console import console, err, fail


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
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes to normalize on (default: one per core, up to 4, for files of "
            "4,000 lines or more; one below).",
        ),
    ] = None,
) -> None:
    """Normalize raw records into CONTRACT §3 postings; broken records go to quarantine.

    Exits 2 before any work when an output is the input or its directory does not exist,
    and 1 (after writing both files) when nothing was normalized."""
    from careermarket.files import normalize_file
    from careermarket.outputs import OutputError, check_output, same_file
    from pipelines.taxonomy import load_taxonomy

    quarantine = quarantine or output.with_name(output.stem + ".quarantine.jsonl")
    try:
        check_output(output, "--output", inputs=[raw])
        check_output(quarantine, "--quarantine", inputs=[raw])
    except OutputError as exc:
        raise fail(str(exc)) from exc
    if same_file(output, quarantine):
        raise fail(f"--output and --quarantine are both {output}: give two files")
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
            raw,
            output,
            quarantine,
            load_taxonomy(),
            lambda n: progress.advance(task, n),
            workers=workers,
        )
    console.print(
        f"{summary.normalized} normalized → {output}  ·  {summary.quarantined} quarantined → {quarantine}"
        f"  ·  {summary.duplicates} duplicates",
        markup=False,
    )
    for reason, n in sorted(summary.reasons.items()):
        console.print(f"  quarantined {reason}: {n}", markup=False)
    if summary.skills_by_section:
        parts = ", ".join(f"{s} {n}" for s, n in sorted(summary.skills_by_section.items()))
        console.print(f"  skills by section: {parts}")
    if summary.normalized == 0:
        if summary.quarantined:
            reason = f"all {summary.quarantined} records were quarantined (see {quarantine})"
        else:
            reason = f"{raw} holds no records"
        err.print(f"error: nothing was normalized: {reason}", markup=False, soft_wrap=True)
        raise typer.Exit(code=1)
