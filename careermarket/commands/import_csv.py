"""`careermarket import-csv`: a CSV of postings to raw records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careermarket.console import console, fail


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
        raise fail(str(exc)) from exc
    console.print(f"{count} raw records → {output}")
