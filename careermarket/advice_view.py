"""How `careermarket advise` shows an Advice: rich tables for people, JSON for scripts."""

from __future__ import annotations

import json

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from warehouse.advice import FAR_ABOVE_YEARS, Advice, MissingSkill, RoleFit


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _mark(meets: bool | None) -> str:
    return {True: "[green]✓[/green] ", False: "[red]✗[/red] ", None: ""}[meets]


def _star(small: bool) -> str:
    return "*" if small else ""


def _years(fit: RoleFit) -> str:
    """The typical ask, its spread and how many postings state it."""
    if fit.years_typical is None:
        return f"–\n[dim]{_pct(fit.years_coverage)} state[/dim]"
    spread = f"{fit.years_p25:g}–{fit.years_p75:g}"
    return (
        f"{_mark(fit.years_meets)}{fit.years_typical:g}{_star(fit.years_small_cell)}\n"
        f"[dim]{spread} · {_pct(fit.years_coverage)} state[/dim]"
    )


def _you(fit: RoleFit) -> str:
    """Where the person's years fall among the role's quartiles."""
    if fit.years_position is None:
        return "–"
    if fit.years_far_above:
        return f"[yellow]⚠ {fit.years_position}[/yellow]"
    return fit.years_position


def _degree(fit: RoleFit) -> str:
    stated = f"[dim]{_pct(fit.degree_coverage)} state[/dim]"
    if fit.degree_typical is None:
        return f"–\n{stated}"
    return f"{_mark(fit.degree_meets)}{fit.degree_typical}{_star(fit.degree_small_cell)}\n{stated}"


def _role_name(fit: RoleFit) -> str:
    return f"{fit.role}{_star(fit.small_cell)}\n[dim]{fit.name_ko or fit.name_en or ''}[/dim]"


def _open(advice: Advice, fit: RoleFit) -> str:
    return "not given" if not advice.eligible_basis else _pct(fit.eligible_share)


def _skills(missing: tuple[MissingSkill, ...], top: int) -> str:
    return " · ".join(
        f"{m.skill_id} {m.required_postings}/{m.preferred_postings}" for m in missing[:top]
    )


def learn_next(advice: Advice, top: int = 3) -> Text:
    """One line per role: its most often required technical skills that the person lacks;
    then, apart, the soft skills and credentials its postings ask for."""
    lines = Text("learn next — technical skills, required/preferred in postings:\n", "bold")
    for n, fit in enumerate(advice.roles, start=1):
        skills = _skills(fit.missing, top)
        lines.append(f"  {n}. {fit.role}: {skills or 'nothing: you have every skill it names'}\n")
    soft = [
        (n, f) for n, f in enumerate(advice.roles, start=1) if f.missing_soft_skills_and_credentials
    ]
    if soft:
        lines.append("also asked — soft skills and credentials, required/preferred:\n", "bold")
        for n, fit in soft:
            lines.append(
                f"  {n}. {fit.role}: {_skills(fit.missing_soft_skills_and_credentials, top)}\n"
            )
    return lines


def heading(advice: Advice) -> str:
    where = "every country" if advice.country == "ALL" else advice.country
    parts = [", ".join(advice.skills) or "no known skill", where]
    parts.append(f"{advice.years} years" if advice.years is not None else "years not given")
    parts.append(advice.degree if advice.degree is not None else "degree not given")
    return "Roles for " + " · ".join(parts)


def roles_table(advice: Advice) -> Table:
    """One row per role, best fit first."""
    table = Table(title=heading(advice), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right")
    table.add_column("role", min_width=14)
    table.add_column("n", justify="right")
    table.add_column("covers", justify="right")
    table.add_column("years", justify="right", no_wrap=True)
    table.add_column("your years", no_wrap=True)
    table.add_column("degree", no_wrap=True)
    table.add_column("open", justify="right")
    table.add_column("fit", justify="right")
    table.add_column("adj.", justify="right")
    ranks = {role: n for n, role in enumerate(advice.best_roles, start=1)}
    for n, fit in enumerate(advice.roles, start=1):
        rank = str(n) if advice.role is None else str(ranks.get(fit.role, "–"))
        table.add_row(
            rank,
            _role_name(fit),
            str(fit.postings),
            _pct(fit.required_coverage),
            _years(fit),
            _you(fit),
            _degree(fit),
            _open(advice, fit),
            "–" if fit.fit is None else f"{fit.fit:.2f}",
            "–" if fit.fit_adjusted is None else f"{fit.fit_adjusted:.2f}",
            end_section=True,
        )
    return table


def missing_table(title: str, missing: tuple[MissingSkill, ...], top: int) -> Table:
    """What a role asks for that the person lacks, most often required first."""
    table = Table(title=title, title_justify="left")
    for column in ("skill", "이름", "required in", "preferred in", "must-have index"):
        table.add_column(column, justify="left" if column in ("skill", "이름") else "right")
    for m in missing[:top]:
        table.add_row(
            m.skill_id,
            m.name_ko or "",
            f"{m.required_postings} ({m.required_share:.0%})",
            f"{m.preferred_postings} ({m.preferred_share:.0%})",
            "–" if m.must_have_index is None else f"{m.must_have_index:.2f}",
        )
    return table


def _notes(advice: Advice) -> str:
    basis = " and ".join(advice.eligible_basis)
    open_note = (
        f"open: share of postings whose stated {basis} you meet (a posting stating none counts "
        "as open; a range such as 3~5 years is not met by more years than its top)"
        if advice.eligible_basis
        else "open: not given — pass --years and --degree to check postings against them"
    )
    notes = [
        "n: postings behind the role's figures · covers: share of the role's required "
        "technical-skill mentions that you have",
        "years: median minimum asked (✓ you meet it), its 25th–75th percentile and the share "
        "of postings that state years · degree: median stated degree and the share stating one",
        open_note,
        "fit = covers × open"
        + ("" if advice.eligible_basis else " (covers alone: open not given)")
        + f" · adj.: ranking — {advice.ranking}",
    ]
    if any(f.years_far_above for f in advice.roles):
        notes.append(
            f"⚠ far above p75: more than {FAR_ABOVE_YEARS} years above what 3 in 4 postings ask; "
            "those postings may be looking for someone more junior"
        )
    if any(f.small_cell or f.years_small_cell or f.degree_small_cell for f in advice.roles):
        notes.append(
            "* small cell: the figure rests on fewer postings than the small-cell threshold — "
            "a hint, not a rate; small-cell roles are ranked last"
        )
    return "\n".join(notes)


def render(advice: Advice, top: int = 8) -> Group:
    """The whole answer as rich renderables."""
    parts: list = []
    note = advice.dataset.get("note")
    if note:
        parts.append(Text(f"⚠ {note}", "bold yellow"))
    parts.append(roles_table(advice))
    if advice.role is None:
        parts.append(learn_next(advice))
    else:
        fit = advice.roles[0]
        name = f"{fit.name_en or fit.role} ({fit.role})"
        parts.append(missing_table(f"What to learn next for {name}", fit.missing, top))
        if fit.missing_soft_skills_and_credentials:
            parts.append(
                missing_table(
                    f"Also asked by {name}: soft skills and credentials",
                    fit.missing_soft_skills_and_credentials,
                    top,
                )
            )
        if fit.covered_skills:
            parts.append(Text(f"you already have: {', '.join(fit.covered_skills)}"))
    best = " · ".join(f"{n}. {role}" for n, role in enumerate(advice.best_roles, start=1))
    parts.append(Text.from_markup(f"[bold]best fits:[/bold] {best or 'none'}"))
    parts.append(Text(_notes(advice), "dim"))
    return Group(*parts)


def print_advice(console: Console, advice: Advice, as_json: bool) -> None:
    """The table for people, or plain indented JSON (no colour, no wrapping) for scripts."""
    if as_json:
        console.file.write(json.dumps(advice.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(render(advice))
