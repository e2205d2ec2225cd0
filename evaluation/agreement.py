"""Inter-annotator agreement: two readings of the same postings, scored as `careermarket eval`
scores the extractor.

The first reading plays gold and the second plays the prediction, so every figure is the one
eval prints (skills F1 is symmetric; precision and recall swap if the readings are swapped; role
accuracy asks whether the second reading's first role is among the first reading's roles).
Entries are paired by `ref`; an entry only one reading has is left out and counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from evaluation.gold import DEMAND, GoldEntry, scored_skills
from evaluation.metrics import PostingResult, Scores, score_by_language
from pipelines.models import NormalizedPosting, SkillMention
from pipelines.taxonomy import Taxonomy


def ref_key(entry: GoldEntry) -> tuple[str, str]:
    """What pairs two readings of one posting: its file and its row (or id)."""
    ref = entry.ref
    return (str(ref["file"]), str(ref.get("row", ref.get("id"))))


def as_prediction(entry: GoldEntry) -> NormalizedPosting:
    """A reading in the shape the metrics score: its first role is the role it predicts."""
    skills = tuple(
        SkillMention(id=skill, section=section, evidence="second reading")
        for section in DEMAND
        for skill in sorted(entry.skills[section])
    )
    return NormalizedPosting(
        posting_key=entry.label,
        source="annotation",
        source_posting_id=entry.label,
        url=None,
        title=entry.label,
        company=None,
        language=entry.language,
        country=None,
        location=None,
        posted_at=None,
        fetched_at=None,
        crawl_id=None,
        in_scope=entry.in_scope,
        role=entry.roles[0],
        specializations=tuple(sorted(entry.specializations)),
        skills=skills,
        min_years=entry.min_years,
        max_years=entry.max_years,
        newcomer_ok=entry.newcomer_ok,
        degree_min=entry.degree_min,
        salary_min=None,
        salary_max=None,
        salary_currency=None,
        salary_period=None,
        duplicate_of=None,
        taxonomy_version="annotation",
        content_hash="",
        text_length=0,
    )


@dataclass(frozen=True)
class Agreement:
    results: list[PostingResult]  # one per paired posting: first reading as gold
    scores: dict[str, Scores]  # per language, and overall
    only_first: list[str]  # labels of postings the second reading lacks
    only_second: list[str]

    def figures(self) -> dict[str, dict[str, float]]:
        return {group: s.figures() for group, s in self.scores.items()}


def agreement(
    first: Sequence[GoldEntry], second: Sequence[GoldEntry], taxonomy: Taxonomy
) -> Agreement:
    """Score `second` against `first` on the postings both readings annotate."""
    by_ref = {ref_key(e): e for e in second}
    paired = [(g, by_ref[ref_key(g)]) for g in first if ref_key(g) in by_ref]
    # A skill id added to the taxonomy later counts once either reading uses it.
    scored = scored_skills([*first, *second], taxonomy)
    results = [PostingResult(g, as_prediction(s), scored=scored) for g, s in paired]
    first_keys = {ref_key(e) for e in first}
    return Agreement(
        results=results,
        scores=score_by_language(results),
        only_first=[e.label for e in first if ref_key(e) not in by_ref],
        only_second=[e.label for e in second if ref_key(e) not in first_keys],
    )


def disagreement_classes(results: Sequence[PostingResult]) -> Counter[str]:
    """How often each kind of difference occurs, by kind (not by posting):

    - `skill <id> only in first|second (<section>)`: one reading lists the skill in a section
      and the other has it in no section at all;
    - `skill <id> <section A> → <section B>`: both list it, in different sections;
    - `role`, `in_scope`, `min_years`, `degree_min`, `newcomer_ok`, `specializations`.
    """
    out: Counter[str] = Counter()
    for r in results:
        g, p = r.gold, r.predicted
        if p.role not in g.roles:
            out["role"] += 1
        if p.in_scope != g.in_scope:
            out["in_scope"] += 1
        for name in ("min_years", "degree_min", "newcomer_ok"):
            if getattr(p, name) != getattr(g, name):
                out[name] += 1
        if set(p.specializations) != set(g.specializations):
            out["specializations"] += 1
        first = {s: g.skills[s] for s in DEMAND}
        second = {s: r.predicted_skills(s) for s in DEMAND}
        everywhere_first = set().union(*first.values())
        everywhere_second = set().union(*second.values())
        for section in DEMAND:
            for skill in sorted(first[section] - second[section]):
                if skill not in everywhere_second:
                    out[f"skill {skill} only in first ({section})"] += 1
                else:
                    moved = [s for s in DEMAND if skill in second[s] and skill not in first[s]]
                    for target in moved:
                        out[f"skill {skill} {section} → {target}"] += 1
                    if not moved:  # the second reading drops a duplicate section only
                        out[f"skill {skill} only in first ({section})"] += 1
            for skill in sorted(second[section] - first[section]):
                # named nowhere by the first reading, or an extra section beside the same ones
                moved_here = any(skill in first[s] and skill not in second[s] for s in DEMAND)
                if skill not in everywhere_first or not moved_here:
                    out[f"skill {skill} only in second ({section})"] += 1
    return out


def disagreement_summary(results: Sequence[PostingResult]) -> Counter[str]:
    """The classes of `disagreement_classes` folded by kind: skills only one reading names
    (per reading), skills both name in different sections, and each scalar field."""
    folded: Counter[str] = Counter()
    for label, n in disagreement_classes(results).items():
        if label.startswith("skill "):
            if " only in first " in label:
                folded["skill named by the first reading only"] += n
            elif " only in second " in label:
                folded["skill named by the second reading only"] += n
            else:
                folded["skill in a different section"] += n
        else:
            folded[label] += n
    return folded
