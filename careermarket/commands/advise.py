"""`careermarket advise`: which roles fit someone's skills, and what to learn next."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from careermarket.console import DataDir, console, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths


def advise(
    skills: Annotated[
        str,
        typer.Option(
            "--skills",
            help="Skills you have, comma-separated: ids, names or aliases (python, 파이썬, k8s …).",
        ),
    ],
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="Only this role: an id, name or title, English or Korean "
            "(mlops_engineer, 'MLOps Engineer', '데이터 엔지니어').",
        ),
    ] = None,
    country: Annotated[
        str, typer.Option("--country", help="ISO country code (KR, US, …) or ALL.")
    ] = "ALL",
    years: Annotated[
        int | None, typer.Option("--years", min=0, help="Your years of experience.")
    ] = None,
    degree: Annotated[
        str | None,
        typer.Option(
            "--degree",
            help="Your degree: none, high_school, associate, bachelor, master, phd (학사, 석사 …).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Rank the roles by how well your skills, years and degree fit, and say what to learn next.

    Unknown skills or roles are an error (exit 2) with close spellings as suggestions."""
    import duckdb

    from careermarket.advice_view import print_advice
    from pipelines.taxonomy import load_taxonomy
    from warehouse.advice import AdviceError, UnknownSkillsError
    from warehouse.advice import advise as rank_roles

    path = DataPaths(data_dir).database
    if not path.exists():
        raise fail(f"{path} does not exist yet: run `careermarket run` (or `make run`) first")
    try:
        with duckdb.connect(str(path), read_only=True) as conn:
            advice = rank_roles(
                conn,
                skills.split(","),
                load_taxonomy(),
                role=role,
                country=country,
                years=years,
                degree=degree,
            )
    except AdviceError as exc:
        if as_json:  # scripts get the error as JSON too, with the suggestions
            error = {"error": str(exc)}
            if isinstance(exc, UnknownSkillsError):
                error["unknown_skills"] = exc.suggestions
            console.file.write(json.dumps(error, ensure_ascii=False, indent=2) + "\n")
        raise fail(str(exc)) from exc
    print_advice(console, advice, as_json)
