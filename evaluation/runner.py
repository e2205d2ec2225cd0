"""Run the extractor over every gold posting and score it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from evaluation.corpus import raw_record, source_family
from evaluation.gold import GoldEntry, load_gold, scored_skills
from evaluation.metrics import PostingResult, Scores, score_by_group, score_by_language
from pipelines.models import TITLE_ONLY
from pipelines.normalize import normalize, read_lines
from pipelines.taxonomy import Taxonomy

FLOORS = Path(__file__).resolve().parent.parent / "eval" / "floors.yaml"


@dataclass(frozen=True)
class Evaluation:
    results: list[PostingResult]
    scores: dict[str, Scores]  # per language, and overall
    families: dict[str, Scores] = field(default_factory=dict)  # per source family and language

    def figures(self) -> dict[str, dict[str, float]]:
        return {group: s.figures() for group, s in self.scores.items()}

    def family_figures(self) -> dict[str, dict[str, float]]:
        return {family: s.figures() for family, s in self.families.items()}


def evaluate(gold: Sequence[GoldEntry], corpus: Path, taxonomy: Taxonomy) -> Evaluation:
    """Normalize each gold posting's corpus row and score the lot, per language and overall."""
    scored = scored_skills(list(gold), taxonomy)
    results = []
    for g in gold:
        record = raw_record(g.ref, corpus)
        lines = read_lines(record, taxonomy)
        results.append(
            PostingResult(
                g,
                normalize(record, taxonomy),
                scored=scored,
                lines=lines if isinstance(lines, list) else [],
            )
        )
    families = score_by_group(results, lambda r: f"{source_family(r.gold.ref)} ({r.gold.language})")
    return Evaluation(results, score_by_language(results), families)


def evaluate_directory(gold_dir: Path, corpus: Path, taxonomy: Taxonomy) -> Evaluation:
    return evaluate(load_gold(gold_dir, taxonomy), corpus, taxonomy)


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def error_report(evaluation: Evaluation) -> str:
    """Markdown: every posting with at least one difference from gold, and what differs."""
    lines = ["# Extraction errors against gold", ""]
    wrong = [(r, r.errors()) for r in evaluation.results]
    wrong = [(r, e) for r, e in wrong if e]
    lines.append(f"{len(wrong)} of {len(evaluation.results)} postings differ from gold somewhere.")
    for result, errors in wrong:
        title = getattr(result.predicted, "title", "?")
        if getattr(result.predicted, "text_status", None) == TITLE_ONLY:
            title += " [title only: no body text]"
        lines += ["", f"## {result.gold.label} ({result.gold.language}) — {title}"]
        lines += [e if e.startswith(" ") else f"- {e}" for e in errors]
    return "\n".join(lines) + "\n"
