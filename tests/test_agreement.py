"""Inter-annotator agreement: a second reading scored against the first like the extractor."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from evaluation.agreement import agreement, disagreement_classes, disagreement_summary
from evaluation.gold import load_gold
from warehouse.paths import PROJECT_ROOT


def _entry(row, language="en", roles=("data_scientist",), skills=None, **fields):
    entry = {
        "ref": {"file": "postings/made_up.csv", "row": row},
        "language": language,
        "in_scope": roles != ("out_of_scope",),
        "roles": list(roles),
        "specializations": [],
        "skills": {"duties": [], "required": [], "preferred": [], **(skills or {})},
        "min_years": None,
        "max_years": None,
        "newcomer_ok": None,
        "degree_min": None,
        "notes": "invented for a test",
    }
    entry.update(fields)
    return entry


def _reading(tmp_path, name, entries, taxonomy):
    directory = tmp_path / name
    directory.mkdir()
    (directory / "a.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    return load_gold(directory, taxonomy)


def test_two_identical_readings_agree_everywhere(tmp_path, taxonomy):
    entries = [
        _entry(0, skills={"required": ["python", "sql"], "preferred": ["spark"]}, min_years=2),
        _entry(1, language="ko", roles=("out_of_scope",), degree_min="bachelor"),
    ]
    first = _reading(tmp_path, "one", entries, taxonomy)
    second = _reading(tmp_path, "two", entries, taxonomy)
    figures = agreement(first, second, taxonomy).figures()
    for group in ("overall", "en", "ko"):
        for key in ("role_accuracy", "min_years_accuracy", "degree_min_accuracy"):
            assert figures[group][key] == 1.0
        assert figures[group]["skills_all_f1"] == 1.0
    assert figures["en"]["postings"] == 1 and figures["ko"]["postings"] == 1


def test_the_second_reading_is_scored_as_a_prediction(tmp_path, taxonomy):
    first = _reading(
        tmp_path,
        "one",
        [_entry(0, skills={"required": ["python", "sql", "statistics"]}, min_years=3)],
        taxonomy,
    )
    second = _reading(
        tmp_path,
        "two",
        [_entry(0, roles=("data_analyst",), skills={"required": ["python", "excel"]})],
        taxonomy,
    )
    en = agreement(first, second, taxonomy).figures()["en"]
    assert en["skills_required_precision"] == pytest.approx(1 / 2)  # python of python, excel
    assert en["skills_required_recall"] == pytest.approx(1 / 3)  # python of three
    assert en["role_accuracy"] == 0.0  # data_analyst is not among the first reading's roles
    assert en["min_years_accuracy"] == 0.0
    # swapping the readings swaps precision and recall, and keeps F1
    swapped = agreement(second, first, taxonomy).figures()["en"]
    assert swapped["skills_required_precision"] == pytest.approx(en["skills_required_recall"])
    assert swapped["skills_required_f1"] == pytest.approx(en["skills_required_f1"])


def test_entries_pair_by_ref_and_unpaired_ones_are_counted_not_scored(tmp_path, taxonomy):
    first = _reading(tmp_path, "one", [_entry(0), _entry(1), _entry(2)], taxonomy)
    second = _reading(tmp_path, "two", [_entry(2), _entry(0), _entry(7)], taxonomy)
    result = agreement(first, second, taxonomy)
    assert result.figures()["overall"]["postings"] == 2
    assert result.only_first == ["postings/made_up.csv#1"]
    assert result.only_second == ["postings/made_up.csv#7"]


def test_disagreements_are_classed_as_missing_extra_or_moved(tmp_path, taxonomy):
    first = _reading(
        tmp_path,
        "one",
        [_entry(0, skills={"required": ["python", "git"], "duties": ["sql"]}, degree_min="master")],
        taxonomy,
    )
    second = _reading(
        tmp_path,
        "two",
        [_entry(0, skills={"required": ["python"], "preferred": ["git", "docker"]})],
        taxonomy,
    )
    result = agreement(first, second, taxonomy)
    classes = disagreement_classes(result.results)
    assert classes["skill git required → preferred"] == 1
    assert classes["skill sql only in first (duties)"] == 1
    assert classes["skill docker only in second (preferred)"] == 1
    assert classes["degree_min"] == 1
    summary = disagreement_summary(result.results)
    assert summary["skill in a different section"] == 1
    assert summary["skill named by the first reading only"] == 1
    assert summary["skill named by the second reading only"] == 1


def test_every_second_reading_repeats_postings_an_evaluation_set_annotates(taxonomy):
    """A second reading measures agreement on rows a set already has; it is never new gold."""
    agreement_dir = PROJECT_ROOT / "eval" / "agreement"
    first_labels = {
        e.label
        for d in (PROJECT_ROOT / "eval").iterdir()
        if d.is_dir() and d != agreement_dir
        for e in load_gold(d, taxonomy)
    }
    for directory in sorted(p for p in agreement_dir.iterdir() if p.is_dir()):
        labels = [e.label for e in load_gold(directory, taxonomy)]
        assert len(labels) == len(set(labels)), directory.name
        assert set(labels) <= first_labels, directory.name


def test_the_script_prints_the_eval_figures_and_writes_the_paired_first_reading(tmp_path, taxonomy):
    one, two = tmp_path / "one", tmp_path / "two"
    for directory, entries in (
        (one, [_entry(0, skills={"required": ["python"]}), _entry(1)]),
        (two, [_entry(0, skills={"required": ["python", "r"]})]),
    ):
        directory.mkdir()
        (directory / "a.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "benchmarks" / "annotator_agreement.py"),
            str(one),
            str(two),
            "--write-first",
            str(tmp_path / "paired"),
            "--errors",
            str(tmp_path / "diff.md"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "skills required F1 | 0.667 | 0.667" in out
    assert "skill r only in second (required)" in out
    assert [e.label for e in load_gold(tmp_path / "paired", taxonomy)] == ["postings/made_up.csv#0"]
    assert "required: missing [] extra" in (tmp_path / "diff.md").read_text(encoding="utf-8")
