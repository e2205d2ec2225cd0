"""The careermarket command line (CONTRACT §4)."""

import typer

app = typer.Typer(no_args_is_help=True, help="An open career-market dataset of ML / data jobs.")


@app.command()
def run() -> None:
    """Materialize every asset."""
    raise SystemExit("not built yet")
