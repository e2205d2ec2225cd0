"""How `careermarket advise` shows an Advice: rich tables for people, JSON for scripts."""

from __future__ import annotations

import json

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
    return f"{fit.name_en or fit.role}{star}\n[dim]{fit.name_ko or ''} · {fit.role}[/dim]"


def _learn_next(fit: RoleFit, top: int) -> str:
    return ", ".join(
        f"{m.skill_id} {m.required_postings}/{m.preferred_postings}" for m in fit.missing[:top]
    )


def heading(advice: Advice) -> str:
    where = "every country" if advice.country == "ALL" else advice.country
    parts = [", ".join(advice.skills) or "no known skill", where]
    if advice.years is not None:
        parts.append(f"{advice.years} years")
    if advice.degree is not None:
        parts.append(advice.degree)
    return "Roles for " + " · ".join(parts)


def roles_table(advice: Advice, top: int = 4) -> Table:
    """One row per role, best fit first."""
    table = Table(title=heading(advice), title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("role")
    table.add_column("postings", justify="right")
    table.add_column("covers\nrequired", justify="right")
    table.add_column("years\n(typical)", justify="right")
    table.add_column("degree\n(typical)")
    table.add_column("eligible", justify="right")
    table.add_column("fit", justify="right")
    table.add_column("learn next (required/preferred postings)")
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
            _learn_next(fit, top),
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
    if advice.role is not None:
        fit = advice.roles[0]
        parts.append(missing_table(fit, top))
        if fit.covered_skills:
            parts.append(Text(f"you already have: {', '.join(fit.covered_skills)}"))
    best = " · ".join(f"{n}. {role}" for n, role in enumerate(advice.best_roles, start=1))
    parts.append(Text.from_markup(f"[bold]best fits:[/bold] {best or 'none'}"))
    notes = [
        "fit = required coverage × share of postings whose stated years and degree you meet",
        "covers required = share of the role's required-skill mentions that are skills you have",
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
