"""File-to-file commands: normalize raw JSONL (imports of CSV and JSON files: imports.py)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from careermarket.outputs import atomic_writer
from pipelines.batch import Runner, auto_workers
from pipelines.columns import band_rows, cross_board, posting_records, quarantine_records
from pipelines.dedupe import Deduplicator
from pipelines.taxonomy import Taxonomy
from warehouse.raw_lines import iter_lines  # (warehouse.load would import duckdb)


@dataclass
class NormalizeSummary:
    normalized: int = 0
    quarantined: int = 0
    duplicates: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    skills_by_section: Counter[str] = field(default_factory=Counter)


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

    The lines go through the same runner as the warehouse's ingest (pipelines.batch); its
    Arrow batches are written out as JSON. `duplicate_of` is filled across the file: a
    posting that copies an earlier line's posting points at it. `workers`: processes to
    normalize on (default: as many as pay off). `on_line` is told the bytes read so far.
    """
    summary = NormalizeSummary()
    if workers is None:
        with raw_path.open("rb") as handle:
            workers = auto_workers(sum(1 for _ in handle))
    landing = str(raw_path)
    lines = ((landing, number, line) for number, line in iter_lines(raw_path))
    dedupe = Deduplicator()
    # Both files appear only once complete (temp file, then rename): an interrupted run
    # leaves the previous files as they were.
    with (
        Runner(taxonomy, workers, keep_raw=False) as runner,
        atomic_writer(out_path) as good,
        atomic_writer(quarantine_path) as bad,
    ):
        for chunk in runner.run(lines):
            postings = chunk.postings
            signed = zip(
                postings.column("posting_key").to_pylist(),
                postings.column("dedupe_company").to_pylist(),
                postings.column("title").to_pylist(),
                postings.column("content_hash").to_pylist(),
                strict=True,
            )
            matches = dedupe.add_signed(list(signed), band_rows(postings), cross_board(postings))
            for record, match in zip(posting_records(postings), matches, strict=True):
                if match is not None:
                    record["duplicate_of"] = match.duplicate_of
                    summary.duplicates += 1
                summary.skills_by_section.update(s["section"] for s in record["skills"])
                good.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary.normalized += postings.num_rows
            for record in quarantine_records(chunk.quarantined):
                summary.quarantined += 1
                summary.reasons[record["reason"]] += 1
                bad.write(json.dumps(record, ensure_ascii=False) + "\n")
            if on_line is not None:
                on_line(chunk.size)
    return summary
