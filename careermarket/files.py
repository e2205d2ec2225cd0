"""File-to-file commands: normalize raw JSONL (imports of CSV and JSON files: imports.py)."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from careermarket.outputs import atomic_writer
from pipelines.batch import CHUNK, auto_workers, normalize_lines
from pipelines.dedupe import Deduplicator, Posting, dedupe_text, requirements
from pipelines.models import NormalizedPosting
from pipelines.taxonomy import Taxonomy
from warehouse.load import iter_lines


@dataclass
class NormalizeSummary:
    normalized: int = 0
    quarantined: int = 0
    duplicates: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    skills_by_section: Counter[str] = field(default_factory=Counter)


def _dedupe_entry(posting: NormalizedPosting) -> Posting:
    text = dedupe_text(posting.section_text)
    board = requirements(
        posting.section_text, posting.source, posting.source_label, posting.url, posting.language
    )
    return posting.posting_key, posting.company, posting.title, text, posting.content_hash, board


def normalize_file(
    raw_path: Path,
    out_path: Path,
    quarantine_path: Path,
    taxonomy: Taxonomy,
    on_line: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> NormalizeSummary:
    """Normalize raw JSONL into normalized JSONL (same order) and a quarantine JSONL, each
    written atomically into a directory that must exist (careermarket.outputs).

    `duplicate_of` is filled across the file: a posting that copies an earlier line's posting
    points at it. `workers`: processes to normalize on (default: as many as pay off).
    """
    summary = NormalizeSummary()
    if workers is None:
        with raw_path.open("rb") as handle:
            workers = auto_workers(sum(1 for _ in handle))
    numbered, raw_lines = itertools.tee(iter_lines(raw_path))
    results = normalize_lines((line for _, line in raw_lines), taxonomy, workers)
    dedupe = Deduplicator()
    # Both files appear only once complete (temp file, then rename): an interrupted run
    # leaves the previous files as they were.
    with atomic_writer(out_path) as good, atomic_writer(quarantine_path) as bad:
        pairs = zip(numbered, results, strict=True)
        # a block at a time, so dedupe signs a whole block at once (`Deduplicator.add_many`)
        while block := list(itertools.islice(pairs, CHUNK)):
            postings = [r for _, r in block if isinstance(r, NormalizedPosting)]
            matches = iter(dedupe.add_many([_dedupe_entry(p) for p in postings]))
            for (number, line), result in block:
                if isinstance(result, NormalizedPosting):
                    record = result.to_record()
                    match = next(matches)
                    if match is not None:
                        record["duplicate_of"] = match.duplicate_of
                        summary.duplicates += 1
                    summary.normalized += 1
                    summary.skills_by_section.update(s.section for s in result.skills)
                    good.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    summary.quarantined += 1
                    summary.reasons[str(result.reason)] += 1
                    bad.write(
                        json.dumps({"line_no": number, **result.to_record()}, ensure_ascii=False)
                        + "\n"
                    )
                if on_line is not None:
                    on_line(len(line) + 1)
    return summary
