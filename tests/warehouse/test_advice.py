"""`advise` on the tiny warehouse (see conftest.py), whose right answers are worked out by hand,
and on the bundled snapshot through the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from warehouse.advice import AdviceError, advise, parse_degree, resolve_skills

runner = CliRunner()


def by_role(advice):
    return {fit.role: fit for fit in advice.roles}


def test_backend_developer_26_years_bachelor_moving_to_mlops(tiny, taxonomy):
    advice = advise(
        tiny, ["python", "sql", "docker"], taxonomy, years=26, degree="bachelor", role=None
    )
    fits = by_role(advice)
    mlops = fits["mlops_engineer"]
    # Required demand: kubernetes 3 + python 2 + aws 1 + docker 1 = 7; has python + docker = 3.
    assert mlops.required_coverage == round(3 / 7, 4)
    assert [m.skill_id for m in mlops.missing] == ["kubernetes", "aws", "terraform"]
    assert [(m.required_postings, m.preferred_postings) for m in mlops.missing] == [
        (3, 0),
        (1, 1),
        (0, 1),
    ]
    assert mlops.covered_skills == ("python", "docker")
    # Median of 3, 5, 2 years is 3; stated degrees bachelor and master: typical bachelor.
    assert (mlops.years_typical, mlops.years_meets) == (3.0, True)
    assert (mlops.degree_typical, mlops.degree_meets) == ("bachelor", True)
    # p3 asks for a master's: 2 of 3 postings are open to a bachelor.
    assert mlops.eligible_share == 0.6667
    assert mlops.fit == round(round(3 / 7, 4) * 0.6667, 4)
    data = fits["data_engineer"]
    # python 1 + sql 2 + spark 1 + airflow 1 = 5 required; has python + sql = 3.
    assert data.required_coverage == 0.6
    assert [m.skill_id for m in data.missing] == ["airflow", "spark"]  # tie 1/1: by id
    assert (data.years_typical, data.degree_typical, data.eligible_share) == (0.0, "none", 1.0)
    assert data.fit == 0.6
    assert advice.best_roles == ("data_engineer", "mlops_engineer")
    assert [f.role for f in advice.roles] == ["data_engineer", "mlops_engineer"]
    assert "out_of_scope" not in fits


def test_named_role_keeps_the_best_fits_over_every_role(tiny, taxonomy):
    advice = advise(tiny, ["python", "sql", "docker"], taxonomy, role="mlops_engineer")
    assert [f.role for f in advice.roles] == ["mlops_engineer"]
    assert advice.best_roles == ("data_engineer", "mlops_engineer")
    # No years or degree given: nothing to meet, every posting counts as open.
    assert advice.roles[0].years_meets is None and advice.roles[0].eligible_share == 1.0


def test_student_in_korea_with_korean_skill_names(tiny, taxonomy):
    advice = advise(tiny, ["파이썬", "쿠버네티스"], taxonomy, country="kr", years=0, degree="학사")
    assert advice.skills == ("python", "kubernetes")
    assert (advice.country, advice.degree) == ("KR", "bachelor")
    fits = by_role(advice)
    mlops = fits["mlops_engineer"]
    # KR: python 2 + kubernetes 2 + docker 1 required; has 4 of 5.
    assert mlops.required_coverage == 0.8
    assert [m.skill_id for m in mlops.missing] == ["docker", "aws", "terraform"]
    # Median of 3 and 5 years is 4, and both postings ask for more than 0: none is open.
    assert (mlops.years_typical, mlops.years_meets, mlops.eligible_share) == (4.0, False, 0.0)
    assert mlops.fit == 0.0
    assert fits["data_engineer"].required_coverage == round(1 / 3, 4)
    assert advice.best_roles == ("data_engineer", "mlops_engineer")


def test_unknown_skills_are_reported_not_guessed(taxonomy):
    ids, unknown = resolve_skills(
        ["Python", " k8s ", "scikit-learn", "도커", "cobol", "PyTorch"], taxonomy
    )
    assert "python" in ids and "docker" in ids and "pytorch" in ids
    assert unknown == ("cobol",)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("bachelor", "bachelor"),
        ("BS", "bachelor"),
        ("학사", "bachelor"),
        ("석사", "master"),
        ("PhD", "phd"),
        ("high_school", "high_school"),
        (None, None),
    ],
)
def test_degree_names(text, degree):
    assert parse_degree(text) == degree


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "astronaut"}, "unknown role"),
        ({"country": "Korea"}, "alpha-2"),
        ({"country": "JP"}, "no in-scope postings"),
        ({"degree": "wizard"}, "unknown degree"),
        ({"role": "devops_engineer"}, "no postings for role"),
    ],
)
def test_questions_that_cannot_be_answered_say_why(tiny, taxonomy, kwargs, message):
    with pytest.raises(AdviceError, match=message):
        advise(tiny, ["python"], taxonomy, **kwargs)


def test_user_text_is_bound_not_formatted_into_sql(tiny, taxonomy):
    advice = advise(tiny, ["python'); drop table stg_postings; --"], taxonomy)
    assert advice.skills == ()
    assert tiny.execute("select count(*) from stg_postings").fetchone()[0] == 7


def test_cli_ranks_roles_for_the_backend_developer(snapshot_data):
    args = ["advise", "--skills", "python,sql,docker", "--years", "26", "--degree", "bachelor"]
    result = runner.invoke(app, [*args, "--data-dir", str(snapshot_data)])
    assert result.exit_code == 0, result.output
    assert "best fits: 1." in result.output
    as_json = runner.invoke(app, [*args, "--json", "--data-dir", str(snapshot_data)])
    assert as_json.exit_code == 0, as_json.output
    answer = json.loads(as_json.output)
    assert answer["skills"] == ["python", "sql", "docker"]
    assert len(answer["best_roles"]) == 3
    assert answer["best_roles"][0] in result.output.split("best fits: 1. ")[1]
    fits = [r["fit"] for r in answer["roles"]]
    assert fits == sorted(fits, reverse=True)
    mlops = next(r for r in answer["roles"] if r["role"] == "mlops_engineer")
    assert mlops["years_meets"] is True
    ranked = [(-m["required_postings"], -m["preferred_postings"]) for m in mlops["missing"]]
    assert ranked == sorted(ranked) and len(ranked) >= 3
    assert not {"python", "sql", "docker"} & {m["skill_id"] for m in mlops["missing"]}


def test_cli_for_one_role_in_korea_in_korean(snapshot_data, snapshot, taxonomy):
    expected = advise(snapshot, ["python", "docker"], taxonomy, role="mlops_engineer", country="KR")
    result = runner.invoke(
        app,
        [
            "advise",
            "--skills",
            "파이썬,도커",
            "--role",
            "mlops_engineer",
            "--country",
            "KR",
            "--data-dir",
            str(snapshot_data),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "What to learn next for MLOps Engineer" in result.output
    top = expected.roles[0].missing[0]
    assert top.name_ko and top.name_ko in result.output  # the first skill to learn, in Korean
    assert "you already have: python, docker" in result.output


def test_cli_errors_are_clean(snapshot_data, tmp_path):
    bad_role = runner.invoke(
        app, ["advise", "--skills", "python", "--role", "chef", "--data-dir", str(snapshot_data)]
    )
    assert bad_role.exit_code == 2 and "unknown role" in bad_role.output
    no_db = runner.invoke(app, ["advise", "--skills", "python", "--data-dir", str(tmp_path)])
    assert no_db.exit_code == 2 and "careermarket run" in no_db.output
