"""How `careermarket advise` shows an Advice: rich tables for people, JSON for scripts."""

from __future__ import annotations

import json

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from warehouse.advice import Advice, RoleFit


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _mark(meets: bool | None) -> str:
    return {True: "[green]✓[/green] ", False: "[red]✗[/red] ", None: ""}[meets]


def _years(fit: RoleFit) -> str:
    return "–" if fit.years_typical is None else f"{_mark(fit.years_meets)}{fit.years_typical:g}"


def _degree(fit: RoleFit) -> str:
    return "–" if fit.degree_typical is None else f"{_mark(fit.degree_meets)}{fit.degree_typical}"


def _role_name(fit: RoleFit) -> str:
    star = "*" if fit.small_cell else ""
    return f"{fit.role}{star}\n[dim]{fit.name_ko or fit.name_en or ''}[/dim]"


def learn_next(advice: Advice, top: int = 3) -> Text:
    """One line per role: its most often required skills that the person lacks."""
    lines = Text("learn next — skill required/preferred in postings:\n", "bold")
    for n, fit in enumerate(advice.roles, start=1):
        skills = " · ".join(
            f"{m.skill_id} {m.required_postings}/{m.preferred_postings}" for m in fit.missing[:top]
        )
        lines.append(f"  {n}. {fit.role}: {skills or 'nothing: you have every skill it names'}\n")
    return lines


def heading(advice: Advice) -> str:
    where = "every country" if advice.country == "ALL" else advice.country
    parts = [", ".join(advice.skills) or "no known skill", where]
    if advice.years is not None:
        parts.append(f"{advice.years} years")
    if advice.degree is not None:
        parts.append(advice.degree)
    return "Roles for " + " · ".join(parts)


def roles_table(advice: Advice) -> Table:
    """One row per role, best fit first."""
    table = Table(title=heading(advice), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right")
    table.add_column("role", min_width=14)
    table.add_column("n", justify="right")
    table.add_column("covers", justify="right")
    table.add_column("years", justify="right", no_wrap=True)
    table.add_column("degree", no_wrap=True)
    table.add_column("open", justify="right")
    table.add_column("fit", justify="right")
    ranks = {role: n for n, role in enumerate(advice.best_roles, start=1)}
    for n, fit in enumerate(advice.roles, start=1):
        rank = str(n) if advice.role is None else str(ranks.get(fit.role, "–"))
        table.add_row(
            rank,
            _role_name(fit),
            str(fit.postings),
            _pct(fit.required_coverage),
            _years(fit),
            _degree(fit),
            _pct(fit.eligible_share),
            "–" if fit.fit is None else f"{fit.fit:.2f}",
            end_section=True,
        )
    return table


def missing_table(fit: RoleFit, top: int) -> Table:
    """What a role asks for that the person lacks, most often required first."""
    table = Table(
        title=f"What to learn next for {fit.name_en or fit.role} ({fit.role})", title_justify="left"
    )
    for column in ("skill", "이름", "required in", "preferred in", "must-have index"):
        table.add_column(column, justify="left" if column in ("skill", "이름") else "right")
    for m in fit.missing[:top]:
        table.add_row(
            m.skill_id,
            m.name_ko or "",
            f"{m.required_postings} ({m.required_share:.0%})",
            f"{m.preferred_postings} ({m.preferred_share:.0%})",
            "–" if m.must_have_index is None else f"{m.must_have_index:.2f}",
        )
    return table


def render(advice: Advice, top: int = 8) -> Group:
    """The whole answer as rich renderables."""
    parts: list = []
    if advice.unknown_skills:
        parts.append(
            Text(f"not in the taxonomy, ignored: {', '.join(advice.unknown_skills)}", "yellow")
        )
    parts.append(roles_table(advice))
    if advice.role is None:
        parts.append(learn_next(advice))
    else:
        fit = advice.roles[0]
        parts.append(missing_table(fit, top))
        if fit.covered_skills:
            parts.append(Text(f"you already have: {', '.join(fit.covered_skills)}"))
    best = " · ".join(f"{n}. {role}" for n, role in enumerate(advice.best_roles, start=1))
    parts.append(Text.from_markup(f"[bold]best fits:[/bold] {best or 'none'}"))
    notes = [
        "n: postings · covers: share of the role's required-skill mentions that you have · "
        "years, degree: typical ask (✓ you meet it) · open: share of postings whose stated "
        "years and degree you meet · fit = covers × open",
    ]
    if any(f.small_cell for f in advice.roles):
        notes.append("* small cell: too few postings to read as a rate, only as a hint")
    parts.append(Text("\n".join(notes), "dim"))
    return Group(*parts)


def print_advice(console: Console, advice: Advice, as_json: bool) -> None:
    """The table for people, or plain indented JSON (no colour, no wrapping) for scripts."""
    if as_json:
        console.file.write(json.dumps(advice.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(render(advice))
