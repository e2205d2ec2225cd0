"""`careermarket advise`: what to learn next for a target role (arrives with issue 7)."""

from __future__ import annotations

import typer

from careermarket.console import fail


def advise(ctx: typer.Context) -> None:
    """What to learn next for a target role. Arrives with the career-answers work (issue 7)."""
    raise fail(
        "`careermarket advise` arrives with the career answers (issue 7); meanwhile query "
        "agg_skill_demand_monthly with `careermarket query`"
    )
