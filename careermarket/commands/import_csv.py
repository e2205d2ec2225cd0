"""`careermarket import-csv`: a CSV of postings to raw records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from careermarket.commands.import_json import report_import
from careermarket.console import fail


def import_csv(
    csv_file: Annotated[Path, typer.Argument(metavar="FILE.csv", exists=True, dir_okay=False)],
    mapping: Annotated[
        str,
        typer.Option(
            "--map",
            help="field=COLUMN,…; fields: title, description, company, duties, required, "
            "preferred, other, location, country, posted_at, url, salary, id, tags ('+' joins "
            "columns). description beside duties/required/preferred is split by its own "
            "headings; the section columns win where both have text.",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Raw records JSONL to write.")],
    line_separator: Annotated[
        str | None,
        typer.Option(
            "--line-separator", help="Character the CSV used to join bullet lines (e.g. '|')."
        ),
    ] = None,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            help="Text encoding of the file: utf-8 (a BOM is skipped), cp949 / euc-kr (Excel "
            "in Korea), latin-1, …",
        ),
    ] = "utf-8",
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="Cell delimiter: ',' ';' '|' or 'tab'.")
    ] = ",",
    source_label: Annotated[
        str | None,
        typer.Option(
            "--source-label",
            help="A name for this file (e.g. programmers_2024), kept on every record and in "
            "stg_postings.source_label so files stay apart.",
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country", help="ISO country code (KR, US) for rows whose location names none."
        ),
    ] = None,
    posted_at: Annotated[
        str | None,
        typer.Option(
            "--posted-at",
            help="ISO date (2024-11-01) for rows the file does not date; without it undated "
            "postings count in the month they are loaded.",
        ),
    ] = None,
) -> None:
    """Turn a CSV of postings into raw records (source "csv") for `normalize` or the pipeline."""
    from careermarket.imports import CsvOptions, ImportFileError
    from careermarket.imports import import_csv as write_records

    options = CsvOptions(encoding, delimiter, line_separator, source_label, country, posted_at)
    try:
        summary = write_records(csv_file, mapping, output, options)
    except ImportFileError as exc:
        raise fail(escape(str(exc))) from exc
    report_import(summary, "rows")
