"""Scores of extraction against gold: the figures `careermarket eval` prints and the floors check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from evaluation.gold import DEMAND, GoldEntry
from pipelines.models import TITLE_ONLY, NormalizedPosting, Quarantined
from pipelines.sections import Line


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    postings: int = 0
    # postings normalized from their title alone (no body text): scored like the others, their
    # skills empty, so a gold posting with skills counts its misses
    title_only: int = 0
    quarantined: int = 0
    role_correct: int = 0
    years_correct: int = 0
    degree_correct: int = 0
    newcomer_correct: int = 0
    in_scope: Counts = field(default_factory=Counts)
    skills: dict[str, Counts] = field(
        default_factory=lambda: {s: Counts() for s in (*DEMAND, "all")}
    )
    specializations: Counts = field(default_factory=Counts)

    def figures(self) -> dict[str, float]:
        n = self.postings or 1
        out = {
            "postings": float(self.postings),
            "title_only_postings": float(self.title_only),
            "quarantined_postings": float(self.quarantined),
            "role_accuracy": self.role_correct / n,
            "in_scope_precision": self.in_scope.precision,
            "in_scope_recall": self.in_scope.recall,
            "in_scope_f1": self.in_scope.f1,
            "min_years_accuracy": self.years_correct / n,
            "degree_min_accuracy": self.degree_correct / n,
            "newcomer_ok_accuracy": self.newcomer_correct / n,
            "specialization_f1": self.specializations.f1,
        }
        for section, counts in self.skills.items():
            out[f"skills_{section}_precision"] = counts.precision
            out[f"skills_{section}_recall"] = counts.recall
            out[f"skills_{section}_f1"] = counts.f1
        return out


@dataclass(frozen=True)
class PostingResult:
    """One gold posting and what the extractor made of it."""

    gold: GoldEntry
    predicted: NormalizedPosting | Quarantined
    scored: frozenset[str] | None = None  # the skill ids the set counts (gold.scored_skills)
    lines: Sequence[Line] = ()  # the posting's lines with their sections and rules

    def trace(self, skill: str, section: str) -> str:
        """Which line rule put `skill` in `section`: 'rule «heading»: line'."""
        if isinstance(self.predicted, Quarantined):
            return ""
        evidence = next(
            (s.evidence for s in self.predicted.skills if s.id == skill and s.section == section),
            None,
        )
        if evidence is None:
            return ""
        for line in self.lines:
            if line.section == section and evidence in line.text:
                heading = f" «{line.heading[:50]}»" if line.heading else ""
                text = line.text if len(line.text) <= 90 else line.text[:87] + "…"
                return f"{line.rule}{heading}: {text}"
        return ""

    def section_errors(self, section: str) -> list[str]:
        """Why each skill wrong in `section` is there (extra) or elsewhere (missing)."""
        if isinstance(self.predicted, Quarantined):
            return []
        out = []
        got = self.predicted_skills(section)
        for skill in sorted(got - self.gold.skills[section]):
            where = self.trace(skill, section)
            if where:
                out.append(f"{skill} read as {section} by {where}")
        for skill in sorted(self.gold.skills[section] - got):
            for other in (*DEMAND, "other"):
                where = self.trace(skill, other) if other != section else ""
                if where:
                    out.append(f"{skill} read as {other} by {where}")
                    break
        return out

    def predicted_skills(self, section: str) -> set[str]:
        if isinstance(self.predicted, Quarantined):
            return set()
        scored = self.scored
        return {
            s.id
            for s in self.predicted.skills
            if s.section == section and (scored is None or s.id in scored)
        }

    def errors(self) -> list[str]:
        """Human-readable differences, empty when the posting is right everywhere."""
        p, g = self.predicted, self.gold
        if isinstance(p, Quarantined):
            return [f"quarantined: {p.reason} ({p.detail})"]
        out = []
        if p.role not in g.roles:
            out.append(f"role {p.role} not in {list(g.roles)}")
        for section in DEMAND:
            got = self.predicted_skills(section)
            missing, extra = sorted(g.skills[section] - got), sorted(got - g.skills[section])
            if missing or extra:
                evidence = {s.id: s.evidence for s in p.skills if s.section == section}
                extra_text = [f"{s} ({evidence[s]!r})" for s in extra]
                out.append(f"{section}: missing {missing} extra {extra_text}")
                out += [f"    - {why}" for why in self.section_errors(section)]  # sub-items
        if p.min_years != g.min_years:
            out.append(f"min_years {p.min_years} != gold {g.min_years}")
        if p.degree_min != g.degree_min:
            out.append(f"degree_min {p.degree_min} != gold {g.degree_min}")
        if p.newcomer_ok != g.newcomer_ok:
            out.append(f"newcomer_ok {p.newcomer_ok} != gold {g.newcomer_ok}")
        return out


def score(results: Iterable[PostingResult]) -> Scores:
    scores = Scores()
    for r in results:
        g, p = r.gold, r.predicted
        scores.postings += 1
        normalized = isinstance(p, NormalizedPosting)
        scores.title_only += normalized and p.text_status == TITLE_ONLY
        scores.quarantined += not normalized
        role = p.role if normalized else "out_of_scope"
        in_scope = p.in_scope if normalized else False
        scores.role_correct += role in g.roles
        scores.in_scope.add({1} if g.in_scope else set(), {1} if in_scope else set())
        for section in DEMAND:
            scores.skills[section].add(set(g.skills[section]), r.predicted_skills(section))
        scores.skills["all"].add(
            {(s, k) for s in DEMAND for k in g.skills[s]},
            {(s, k) for s in DEMAND for k in r.predicted_skills(s)},
        )
        if normalized:
            scores.years_correct += p.min_years == g.min_years
            scores.degree_correct += p.degree_min == g.degree_min
            scores.newcomer_correct += p.newcomer_ok == g.newcomer_ok
            scores.specializations.add(set(g.specializations), set(p.specializations))
    return scores


def score_by_group(
    results: Sequence[PostingResult], group: Callable[[PostingResult], str]
) -> dict[str, Scores]:
    """Scores for each value of `group` (a source family, say), in sorted order."""
    out: dict[str, list[PostingResult]] = {}
    for r in results:
        out.setdefault(group(r), []).append(r)
    return {key: score(out[key]) for key in sorted(out)}


def score_by_language(results: Sequence[PostingResult]) -> dict[str, Scores]:
    """Scores for each language and `overall`."""
    out = {"overall": score(results)}
    for language in sorted({r.gold.language for r in results}):
        out[language] = score(r for r in results if r.gold.language == language)
    return out


def below_floors(
    figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]
) -> list[str]:
    """Every figure under its committed floor, as 'group.figure: value < floor'."""
    problems = []
    for group, wanted in floors.items():
        for name, floor in wanted.items():
            value = figures.get(group, {}).get(name)
            if value is None:
                problems.append(f"{group}.{name}: missing")
            elif value + 1e-9 < floor:
                problems.append(f"{group}.{name}: {value:.3f} < {floor:.3f}")
    return problems
