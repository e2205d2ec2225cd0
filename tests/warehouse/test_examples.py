"""warehouse/examples/*.sql: one query per question people ask, each run on the snapshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warehouse.advice import advise
from warehouse.paths import PROJECT_ROOT

EXAMPLES = sorted((PROJECT_ROOT / "warehouse" / "examples").glob("*.sql"))
QUESTIONS = {
    "roles_hiring_korea_and_worldwide",
    "required_vs_preferred_skills",
    "years_and_degree",
    "monthly_demand",
    "what_to_learn_next",
}


def header(path: Path, field: str) -> str:
    match = re.search(rf"^-- {field}: (.+)$", path.read_text("utf-8"), re.MULTILINE)
    assert match, f"{path.name} has no '-- {field}:' line"
    return match.group(1).strip()


def run(conn, name: str) -> tuple[list[str], list[tuple]]:
    cursor = conn.execute((PROJECT_ROOT / "warehouse" / "examples" / f"{name}.sql").read_text())
    return [d[0] for d in cursor.description], cursor.fetchall()


def test_every_question_has_an_example():
    assert {p.stem for p in EXAMPLES} >= QUESTIONS


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_runs_and_returns_its_documented_columns(snapshot, path):
    assert header(path, "question").endswith("?")
    columns, rows = run(snapshot, path.stem)
    assert columns == [c.strip() for c in header(path, "columns").split(",")]
    assert rows, f"{path.name} returned nothing on the snapshot"


def test_roles_hiring_counts_every_in_scope_job_once(snapshot):
    columns, rows = run(snapshot, "roles_hiring_korea_and_worldwide")
    in_scope, korea = snapshot.execute(
        "select count(*), count(*) filter (where country = 'KR') from stg_postings "
        "where is_canonical and in_scope"
    ).fetchone()
    assert sum(r[columns.index("worldwide")] for r in rows) == in_scope
    assert sum(r[columns.index("korea")] for r in rows) == korea
    assert "out_of_scope" not in {r[0] for r in rows}


def test_monthly_demand_adds_up(snapshot):
    columns, rows = run(snapshot, "monthly_demand")
    in_scope = snapshot.execute(
        "select count(*) from stg_postings where is_canonical and in_scope"
    ).fetchone()[0]
    assert sum(r[columns.index("postings")] for r in rows) == in_scope


def test_required_vs_preferred_lists_must_haves_first(snapshot):
    columns, rows = run(snapshot, "required_vs_preferred_skills")
    shares = [r[columns.index("required_share")] for r in rows]
    assert shares == sorted(shares, reverse=True)


def test_what_to_learn_next_agrees_with_advise(snapshot, taxonomy):
    _, rows = run(snapshot, "what_to_learn_next")
    advice = advise(snapshot, ["python", "sql", "docker"], taxonomy, role="mlops_engineer")
    assert [r[0] for r in rows] == [m.skill_id for m in advice.roles[0].missing][: len(rows)]
