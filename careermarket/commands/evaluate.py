"""`careermarket eval`: extraction accuracy against hand-annotated gold postings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from careermarket.console import console, fail
from warehouse.paths import DEFAULT_DATA_DIR, PROJECT_ROOT

# A file in a gold directory that makes it a test set: scored, never read for errors.
TEST_SET_MARK = "TEST_SET.md"

ROWS = [
    ("role accuracy", "role_accuracy"),
    ("in-scope precision", "in_scope_precision"),
    ("in-scope recall", "in_scope_recall"),
    ("in-scope F1", "in_scope_f1"),
    ("skills required P", "skills_required_precision"),
    ("skills required R", "skills_required_recall"),
    ("skills required F1", "skills_required_f1"),
    ("skills preferred P", "skills_preferred_precision"),
    ("skills preferred R", "skills_preferred_recall"),
    ("skills preferred F1", "skills_preferred_f1"),
    ("skills duties P", "skills_duties_precision"),
    ("skills duties R", "skills_duties_recall"),
    ("skills duties F1", "skills_duties_f1"),
    ("skills all sections F1", "skills_all_f1"),
    ("min_years exact", "min_years_accuracy"),
    ("degree_min accuracy", "degree_min_accuracy"),
    ("newcomer_ok accuracy", "newcomer_ok_accuracy"),
    ("specialization F1", "specialization_f1"),
]


def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", help="Directory of gold *.yaml files.")
    ] = PROJECT_ROOT / "eval" / "gold",
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="The reference corpus (default: ../shared/corpus)."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Where to write the per-posting errors (Markdown; default data/eval/errors.md). "
            "Never for a test set.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score extraction against gold annotations, per language and overall, and per source
    family; precision and recall per section."""
    from evaluation.corpus import CorpusError, default_corpus
    from evaluation.gold import GoldError
    from evaluation.metrics import below_floors
    from evaluation.runner import error_report, evaluate_directory, load_floors
    from pipelines.taxonomy import load_taxonomy

    test_set = (gold / TEST_SET_MARK).is_file()
    if test_set and errors is not None:
        raise fail(
            f"{gold} is a test set ({TEST_SET_MARK}): its per-posting errors are never written, "
            "so nothing is tuned on it; run without --errors for its figures"
        )
    corpus = corpus or default_corpus()
    if corpus is None or not corpus.is_dir():
        raise fail("no corpus found: pass --corpus DIR (the shared/corpus folder)")
    try:
        result = evaluate_directory(gold, corpus, load_taxonomy())
    except (GoldError, CorpusError) as exc:
        raise fail(str(exc)) from exc
    if not test_set:
        errors = errors or DEFAULT_DATA_DIR / "eval" / "errors.md"
        errors.parent.mkdir(parents=True, exist_ok=True)
        errors.write_text(error_report(result), encoding="utf-8")
    figures = result.figures()
    families = result.family_figures()
    if as_json:
        console.print_json(json.dumps({**figures, "families": families}))
        return
    groups = list(figures)
    table = Table("figure", *(f"{g} (n={int(figures[g]['postings'])})" for g in groups))
    for label, key in ROWS:
        table.add_row(label, *(f"{figures[g][key]:.3f}" for g in groups))
    console.print(table)
    console.print(
        "normalized from the title alone (no body text; skills empty): "
        + ", ".join(f"{g} {int(figures[g]['title_only_postings'])}" for g in groups)
        + "; quarantined: "
        + ", ".join(f"{g} {int(figures[g]['quarantined_postings'])}" for g in groups)
    )
    by_family = Table(
        "source family (language)",
        "n",
        *(f"{section} {m}" for section in ("required", "preferred", "duties") for m in "PRF"),
        "role",
        title="Skills per section, per source family",
    )
    for family, f in families.items():
        by_family.add_row(
            family,
            str(int(f["postings"])),
            *(
                f"{f[f'skills_{section}_{m}']:.2f}"
                for section in ("required", "preferred", "duties")
                for m in ("precision", "recall", "f1")
            ),
            f"{f['role_accuracy']:.2f}",
        )
    console.print(by_family)
    if test_set:
        console.print("a test set: figures only, its per-posting errors are not written")
    else:
        console.print(
            f"per-posting errors → {errors} (each section error with the rule that read it)"
        )
    if gold.resolve() != (PROJECT_ROOT / "eval" / "gold").resolve():
        return  # the floors are those of the development gold set
    problems = below_floors(figures, load_floors())
    for problem in problems:
        console.print(f"[red]below floor[/red] {problem}")
