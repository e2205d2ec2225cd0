"""What every command shares: the consoles, the --data-dir option, a clean failure."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        help="Data directory (DuckDB file, exports, landing).",
        envvar="CAREERMARKET_DATA_DIR",
        show_default=True,
    ),
]


def fail(message: str) -> typer.Exit:
    """Print an error, one line whatever the terminal's width, and return the exit (code 2) for
    the caller to raise. The message is text: brackets in it are never read as markup."""
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code=2)
