"""The runner: several processes give what one process gives, in the same order, as Arrow
batches that hold every line once."""

from __future__ import annotations

import os
import subprocess
import sys

import pyarrow as pa

from pipelines.batch import PARALLEL_MIN_LINES, Runner, auto_workers
from pipelines.columns import POSTING_BATCH, QUARANTINE_BATCH
from warehouse.paths import PROJECT_ROOT


def _snapshot_lines() -> list[bytes]:
    return [
        line
        for path in sorted((PROJECT_ROOT / "data" / "snapshot").glob("*/*/*.jsonl"))
        for line in path.read_bytes().splitlines()
        if line.strip()
    ]


def _numbered(lines: list[bytes]) -> list[tuple[str, int, bytes]]:
    return [("landing.jsonl", n, line) for n, line in enumerate(lines, start=1)]


def _tables(chunks) -> tuple[pa.Table, pa.Table, pa.Table]:
    chunks = list(chunks)
    return (
        pa.Table.from_batches([c.raw for c in chunks]),
        pa.Table.from_batches([c.postings for c in chunks], schema=POSTING_BATCH),
        pa.Table.from_batches([c.quarantined for c in chunks], schema=QUARANTINE_BATCH),
    )


def test_two_workers_match_one_in_order(taxonomy):
    lines = _numbered([*_snapshot_lines(), b"{not json", "\ufffd".encode(), b"\xff\xfe"])
    one = _tables(Runner(taxonomy).run(lines))
    with Runner(taxonomy, workers=2, chunk=7) as runner:  # many chunks in flight
        two = _tables(runner.run(lines))
        again = _tables(runner.run(lines[:20]))  # the processes serve a second stream
    assert [t.equals(o) for t, o in zip(two, one, strict=True)] == [True, True, True]
    raw, postings, quarantined = two
    assert raw.num_rows == len(lines) == postings.num_rows + quarantined.num_rows
    assert raw.column("line").to_pylist() == [line for _, _, line in lines]
    # Each line is in exactly one of the two, where it came from said.
    where = sorted(
        postings.column("line_no").to_pylist() + quarantined.column("line_no").to_pylist()
    )
    assert where == list(range(1, len(lines) + 1))
    assert postings.column("line_no").to_pylist() == sorted(postings.column("line_no").to_pylist())
    assert postings.num_rows > 100 and quarantined.num_rows >= 3
    assert again[0].num_rows == 20


def test_a_quarantined_record_is_kept_as_it_landed(taxonomy):
    lines = _numbered([b'{"source": "nowhere", "source_posting_id": "1", "payload": {}}', b"\xff"])
    [chunk] = Runner(taxonomy).run(lines)
    rows = chunk.quarantined.to_pylist()
    assert [r["reason"] for r in rows] == ["unknown_source", "undecodable_text"]
    assert rows[0]["record"] == lines[0][2].decode()
    assert rows[0]["source_posting_id"] == "1" and rows[0]["line_no"] == 1
    assert chunk.postings.num_rows == 0


def test_processes_only_for_large_inputs():
    assert auto_workers(PARALLEL_MIN_LINES - 1) == 1
    assert 1 <= auto_workers(PARALLEL_MIN_LINES) <= 4


_DIGEST = """
import hashlib, sys
import pyarrow as pa
from pipelines.batch import Runner
from pipelines.taxonomy import load_taxonomy
lines = [("f", n, line) for n, line in enumerate(sys.stdin.buffer.read().splitlines())]
digest = hashlib.sha1()
for chunk in Runner(load_taxonomy()).run(lines):
    for batch in (chunk.postings, chunk.quarantined):
        digest.update(repr(batch.to_pylist()).encode())
print(digest.hexdigest())
"""


def test_output_does_not_depend_on_the_string_hash_seed():
    # Worker processes get their own hash seed: any set-order dependence shows up as two
    # workers disagreeing. Seeds 0 and 1 picked a different phrasing's evidence once.
    lines = b"\n".join(_snapshot_lines())
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST],
            input=lines,
            capture_output=True,
            check=True,
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1")
    }
    assert len(digests) == 1
