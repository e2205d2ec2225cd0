"""The careermarket command line (CONTRACT §4): one module per command in careermarket.commands."""

from __future__ import annotations

import typer

from careermarket.commands.advise import advise
from careermarket.commands.evaluate import evaluate
from careermarket.commands.export import export
from careermarket.commands.import_csv import import_csv
from careermarket.commands.import_json import import_json
from careermarket.commands.lake import app as lake_app
from careermarket.commands.normalize import normalize
from careermarket.commands.query import query
from careermarket.commands.report import report
from careermarket.commands.run import run
from careermarket.crawl import crawl

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="careermarket: an open, queryable dataset of ML / AI / MLOps / data job postings.",
)

app.command()(run)
app.command("crawl")(crawl)
app.command()(normalize)
app.command("import-csv")(import_csv)
app.command("import-json")(import_json)
app.command()(query)
app.command()(export)
app.command()(advise)
app.command()(report)
app.command("eval")(evaluate)
app.add_typer(lake_app, name="lake")
