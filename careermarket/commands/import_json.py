"""`careermarket import-json`: a saved API response (Greenhouse, Lever, Wanted, …) to raw
records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from careermarket.console import console, err, fail

if TYPE_CHECKING:
    from careermarket.imports import ImportSummary


def report_import(summary: ImportSummary, what: str) -> None:
    """One line of what was written, one per thing left out or doubtful; exit 1 if empty."""
    console.print(
        escape(f"{summary.records} raw records → {summary.output}"), highlight=False, soft_wrap=True
    )
    if summary.ignored_columns:
        names = ", ".join(repr(c) for c in summary.ignored_columns)
        console.print(
            escape(f"  ignored index column(s): {names}"), highlight=False, soft_wrap=True
        )
    for reason, n in sorted(summary.skipped.items()):
        if n:
            console.print(
                escape(f"  skipped {n} entries that are not postings ({reason})"), soft_wrap=True
            )
    if summary.rejected:
        err.print(
            escape(
                f"warning: {summary.rejected} entries have no id and were not imported → "
                f"{summary.rejected_path}"
            ),
            highlight=False,
            soft_wrap=True,
        )
    for warning in summary.warnings:
        err.print(escape(f"warning: {warning}"), highlight=False, soft_wrap=True)
    if summary.records == 0:
        err.print(escape(f"error: no {what} to import"), highlight=False, soft_wrap=True)
        raise typer.Exit(code=1)


def import_json(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="The family the response came from: greenhouse, lever, ashby, smartrecruiters, "
            "workable, recruitee, personio, wanted, jumpit, remotive, remoteok, arbeitnow, "
            "hackernews.",
        ),
    ],
    json_file: Annotated[Path, typer.Argument(metavar="FILE", exists=True, dir_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Raw records JSONL to write.")],
    source_label: Annotated[
        str | None,
        typer.Option(
            "--source-label",
            help="A name for this file, kept on every record and in stg_postings.source_label.",
        ),
    ] = None,
    rejected: Annotated[
        Path | None,
        typer.Option(
            "--rejected",
            help="Where entries without an id go (default: OUTPUT with .rejected.json).",
        ),
    ] = None,
) -> None:
    """Turn a saved API response (a list, a detail, or one per line) into raw records."""
    from careermarket.imports import ImportFileError
    from careermarket.imports import import_json as write_records

    try:
        summary = write_records(source, json_file, output, source_label, rejected)
    except ImportFileError as exc:
        raise fail(escape(str(exc))) from exc
    report_import(summary, "postings")
