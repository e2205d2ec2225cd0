"""File-to-file commands: normalize raw JSONL, import a CSV as raw records."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from careermarket.outputs import atomic_writer
from pipelines.batch import CHUNK, auto_workers, normalize_lines
from pipelines.dedupe import Deduplicator, dedupe_text
from pipelines.models import NormalizedPosting
from pipelines.sources import CSV_FIELDS
from pipelines.taxonomy import Taxonomy
from warehouse.load import iter_lines


@dataclass
class NormalizeSummary:
    normalized: int = 0
    quarantined: int = 0
    duplicates: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    skills_by_section: Counter[str] = field(default_factory=Counter)


def _dedupe_entry(posting: NormalizedPosting) -> tuple[str, str | None, str, str, str]:
    text = dedupe_text(posting.section_text)
    return posting.posting_key, posting.company, posting.title, text, posting.content_hash


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


class MappingError(ValueError):
    """The --map option is malformed or names columns the CSV does not have."""


def parse_field_map(spec: str, header: list[str]) -> dict[str, str]:
    """`title=Job Title,description=Job Description` -> {field: column}; '+' joins columns."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "=" not in part:
            raise MappingError(f"--map entry {part!r} is not field=COLUMN")
        name, column = (x.strip() for x in part.split("=", 1))
        if name not in CSV_FIELDS:
            raise MappingError(f"--map field {name!r} is not one of: {', '.join(CSV_FIELDS)}")
        missing = [c for c in column.split("+") if c.strip() not in header]
        if missing:
            raise MappingError(f"--map {name}: column(s) {missing} not in the CSV header {header}")
        mapping[name] = column
    if "title" not in mapping:
        raise MappingError("--map must name the title column (title=COLUMN)")
    if not {"description", "duties", "required", "preferred", "other"} & set(mapping):
        raise MappingError("--map must name a text column (description=, required=, duties=, …)")
    return mapping


def import_csv(csv_path: Path, spec: str, out_path: Path, line_separator: str | None = None) -> int:
    """Write one raw record (CONTRACT §2, source "csv") per CSV row; returns the row count."""
    fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    digest = hashlib.sha1(csv_path.read_bytes()).hexdigest()[:10]
    crawl_id = f"import-{csv_path.stem}-{digest}"
    with csv_path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        mapping = parse_field_map(spec, list(reader.fieldnames or []))
        out_path.parent.mkdir(parents=True, exist_ok=True)
        count = 0
        with out_path.open("w", encoding="utf-8") as out:
            for index, row in enumerate(reader):
                row_id = (row.get(mapping["id"]) or "").strip() if "id" in mapping else ""
                record = {
                    "source": "csv",
                    "source_posting_id": row_id or f"{csv_path.stem}:{index}",
                    "url": (row.get(mapping.get("url", "")) or "").strip() or None,
                    "fetched_at": fetched_at,
                    "crawl_id": crawl_id,
                    "payload": row,
                    "field_map": mapping,
                    "csv_options": {"line_separator": line_separator} if line_separator else {},
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count
