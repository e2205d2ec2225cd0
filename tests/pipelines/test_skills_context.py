"""Context for aliases that are everyday words (skills.yaml `needs_context`, `context_before`,
`context_after`, `context_examples`)."""

from __future__ import annotations

import dataclasses

import pytest

from pipelines.sections import Line
from pipelines.skills import extract_skills
from pipelines.taxonomy import Sense, load_taxonomy


def found(line: str, taxonomy, section: str = "required") -> set[str]:
    return {m.id for m in extract_skills([Line(line, section)], taxonomy)}


def _with_skill(taxonomy, **changes):
    """The taxonomy with a made-up skill, `zork`, spelled exactly Zork or ZORK."""
    blank = {
        "id": "zork",
        "name_en": "Zork",
        "name_ko": "Zork",
        "aliases": (),
        "case_sensitive": ("Zork", "ZORK"),
        "needs_context": (),
        "context_before": (),
        "reject": (),
        "patterns": (),
        "senses": (),
    }
    zork = dataclasses.replace(taxonomy.skills["python"], **{**blank, **changes})
    return dataclasses.replace(taxonomy, skills={**taxonomy.skills, "zork": zork})


def test_every_exact_spelling_needs_its_context(taxonomy):
    """Two exact spellings that lower-case alike are both governed by `needs_context`: the
    rule names them lower-cased, and neither spelling may slip through because the other one
    was listed after it."""
    zorky = _with_skill(taxonomy, needs_context=("zork",))
    for spelling in ("Zork", "ZORK"):
        assert "zork" not in found(f"We ship everything in {spelling} here", zorky), spelling
        assert "zork" in found(f"Python and {spelling}", zorky), spelling


def test_every_exact_spelling_falls_under_its_sense(taxonomy):
    """A sense naming one lower-cased alias governs each exact spelling of it."""
    rule = Sense(
        why="a made-up refusal",
        aliases=frozenset({"zork"}),
        phrasings=False,
        near=30,
        near_after=None,
        require_near=(),
        reject_near=(r"\bbanana\b",),
        unless_near=(),
        sections=frozenset(),
    )
    zorky = _with_skill(taxonomy, senses=(rule,))
    for spelling in ("Zork", "ZORK"):
        assert "zork" not in found(f"{spelling} banana stand", zorky), spelling
        assert "zork" in found(f"{spelling} pipelines", zorky), spelling


def test_context_after_vouches_for_the_mention(taxonomy):
    """A phrase right after the alias, on its line, gives it context; one further on does not."""
    zorky = _with_skill(taxonomy, needs_context=("zork",), context_after=("language",))
    assert "zork" in found("Zork language skills", zorky)
    assert "zork" not in found("Zork is fun; the language is not", zorky)
    assert "zork" not in found("Zork\nlanguage", zorky)


def _context_examples(kind: str) -> list:
    return [
        pytest.param(skill.id, section, line, id=f"{skill.id}:{line[:40]}")
        for skill in load_taxonomy().skills.values()
        for section, line in getattr(skill, f"context_{kind}")
    ]


@pytest.mark.parametrize("skill_id, section, line", _context_examples("keep"))
def test_context_examples_keep(taxonomy, skill_id, section, line):
    """Every `context_examples.keep` line of skills.yaml names its skill."""
    assert skill_id in found(line, taxonomy, section)


@pytest.mark.parametrize("skill_id, section, line", _context_examples("drop"))
def test_context_examples_drop(taxonomy, skill_id, section, line):
    """Every `context_examples.drop` line of skills.yaml does not."""
    assert skill_id not in found(line, taxonomy, section)
