"""The careermarket command line."""

import typer

app = typer.Typer(no_args_is_help=True)


@app.command()
def run() -> None:
    """Materialize every asset."""
    raise SystemExit("not built yet")
