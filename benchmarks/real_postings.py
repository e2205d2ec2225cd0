"""Benchmark input from the reference corpus: real postings, replicated with fresh ids.

Every row of every corpus file that `eval/corpus_maps.yaml` describes becomes the raw record
the pipeline would land (the same mapping the evaluation uses: CSV rows as `source: csv`
records with their field map, saved API responses item by item with their source's adapter).
The records are then repeated, in a fixed shuffled order, until there are as many as asked;
each copy gets a fresh `source_posting_id`, and nothing else changes: its text keeps its
length and line structure. The text is read from the corpus at run time and never written
into the project (only into temporary files the benchmarks delete).

Shared by `normalize_bench.py` and `run_bench.py`; imported as a sibling module.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from evaluation.corpus import (  # noqa: E402  (the project root is put on the path above)
    _csv,
    corpus_maps,
    default_corpus,
    spec_items,
)

_ID = "@@ID@@"


class NoCorpus(SystemExit):
    """The reference corpus is not on this machine: there is no real text to measure on."""


def corpus_dir() -> Path:
    """The corpus directory, or exit non-zero saying it is missing."""
    corpus = default_corpus()
    if corpus is None:
        raise NoCorpus(
            "the reference corpus (shared/corpus beside the project, or /work/shared/corpus) "
            "is not here: this benchmark measures real text only, so it stops"
        )
    return corpus


def corpus_records(corpus: Path) -> list[dict]:
    """Every mapped corpus row and item as a raw record (CONTRACT §2), in file order."""
    maps = corpus_maps()
    records: list[dict] = []
    for name, spec in maps["csv"].items():
        path = corpus / name
        if not path.is_file():
            continue
        options = {"line_separator": spec["line_separator"]} if spec.get("line_separator") else {}
        for index, row in enumerate(_csv(path).to_dict("records")):
            records.append(
                {
                    "source": "csv",
                    "source_posting_id": f"{Path(name).stem}:{index}",
                    "url": None,
                    "fetched_at": "2026-11-20T00:00:00Z",
                    "crawl_id": "bench",
                    "payload": row,
                    "field_map": spec["field_map"],
                    "csv_options": options,
                }
            )
    for name, spec in maps["raw"].items():
        path = corpus / name
        if not path.is_file():
            continue
        for item_id, payload in spec_items(name, spec, corpus):
            records.append(
                {
                    "source": spec["source"],
                    "source_posting_id": item_id,
                    "url": None,
                    "fetched_at": "2026-11-20T00:00:00Z",
                    "crawl_id": "bench",
                    "payload": payload,
                }
            )
    return records


def _templates(records: list[dict]) -> list[tuple[str, str]]:
    """(JSON line with the id replaced by a marker, the original id) per record."""
    out = []
    for record in records:
        original = record["source_posting_id"]
        line = json.dumps({**record, "source_posting_id": _ID}, ensure_ascii=False)
        out.append((line, original))
    return out


def replicated_lines(n: int, corpus: Path | None = None, seed: int = 17) -> Iterator[bytes]:
    """n raw JSONL lines (bytes, no newline): the corpus records in a shuffled order, over
    and over, each copy with a fresh id (`<original id>~<copy number>`)."""
    records = corpus_records(corpus or corpus_dir())
    if not records:
        raise NoCorpus("the corpus holds none of the files eval/corpus_maps.yaml describes")
    templates = _templates(records)
    random.Random(seed).shuffle(templates)
    size = len(templates)
    for i in range(n):
        line, original = templates[i % size]
        fresh = json.dumps(f"{original}~{i // size}")[1:-1]
        yield line.replace(_ID, fresh, 1).encode()


def write_landing(path: Path, n: int, corpus: Path | None = None) -> int:
    """Write n replicated lines to a landing file; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with path.open("wb") as out:
        for line in replicated_lines(n, corpus):
            out.write(line + b"\n")
            size += len(line) + 1
    return size
