"""`careermarket report`: a self-contained HTML report (arrives with issue 7)."""

from __future__ import annotations

import typer

from careermarket.console import fail


def report(ctx: typer.Context) -> None:
    """A self-contained HTML report with charts. Arrives with the career-answers work (issue 7)."""
    raise fail("`careermarket report` arrives with the career answers (issue 7)")
