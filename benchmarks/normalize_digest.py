"""A digest of what `normalize` makes of the snapshot and the corpus: did an optimization
change any output?

    .venv/bin/python benchmarks/normalize_digest.py [--out FILE]

Normalizes every line of the bundled snapshot (`data/snapshot`) and every mapped row of the
reference corpus (`real_postings.corpus_records`, when the corpus is here) and prints a sha256
of each result's record (`to_record`), and one of every posting's lines as the section reader
traced them (`read_lines`: text, section, rule, heading). `--out` writes one JSON line per
record, so two runs can be compared with `diff` to see which postings changed; the file holds
corpus text, so it goes to a temporary place, never into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_postings import ROOT, corpus_records

from evaluation.corpus import default_corpus
from pipelines.normalize import (
    normalize_batch,
    normalize_records,
    parse_raw_line,
    read_lines,
)
from pipelines.taxonomy import load_taxonomy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="one JSON line per record, for diffing")
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    snapshot_lines = [
        line
        for path in sorted((ROOT / "data" / "snapshot").rglob("*.jsonl"))
        for line in path.read_bytes().splitlines()
        if line.strip()
    ]
    corpus = default_corpus()
    records = corpus_records(corpus) if corpus is not None else []
    results = normalize_batch(snapshot_lines, taxonomy) + normalize_records(records, taxonomy)
    rows = [json.dumps(r.to_record(), sort_keys=True, ensure_ascii=False) for r in results]
    traces = []
    for record in [parse_raw_line(line) for line in snapshot_lines] + records:
        lines = read_lines(record, taxonomy) if isinstance(record, dict) else None
        traces.append(
            json.dumps(
                [list(line) for line in lines] if isinstance(lines, list) else None,
                ensure_ascii=False,
            )
        )
    outputs = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    lines_digest = hashlib.sha256("\n".join(traces).encode()).hexdigest()
    print(f"{len(snapshot_lines)} snapshot lines, {len(records)} corpus rows")
    print(f"normalize outputs sha256 {outputs}")
    print(f"section lines     sha256 {lines_digest}")
    if args.out:
        with args.out.open("w") as out:
            for row, trace in zip(rows, traces, strict=True):
                out.write(row + "\n" + trace + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
