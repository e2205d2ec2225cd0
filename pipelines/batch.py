"""The runner: raw lines in, Arrow record batches out, on one process or several.

`careermarket normalize` and the Dagster ingest both go through `Runner.run`: lines go out in
chunks, each chunk is parsed once, normalized stage by stage (`normalize_records`) and turned
into Arrow batches where it was normalized (pipelines.columns), and the chunks come back in
input order. The CLI writes them as JSONL, the warehouse inserts them as they are.

Normalization is CPU-bound Python, so a second core means a second process. Starting one and
loading the taxonomy into it costs about a second, so processes are used only from
`PARALLEL_MIN_LINES` lines on. At most two chunks per worker are in flight, so a long stream
never sits in memory.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import PurePath
from typing import Any

import pyarrow as pa

from pipelines.columns import (
    POSTING_BATCH,
    QUARANTINE_BATCH,
    UnwritableValue,
    empty_batch,
    postings_batch,
    quarantine_batch,
    record_text,
)
from pipelines.dedupe import Deduplicator, dedupe_text
from pipelines.models import NormalizedPosting, Quarantined, QuarantineReason
from pipelines.normalize import normalize_records, parse_raw_line
from pipelines.taxonomy import Taxonomy

PARALLEL_MIN_LINES = 4_000
# Lines per chunk: each stage runs over a whole chunk (see `normalize_records`). Postings in
# flight cost memory (about 150 MiB of peak RSS for 1,024 real-text postings, 60 for 256), and
# on real text the CPU time is the same from 256 on.
CHUNK = 256
MAX_WORKERS = 4

Line = tuple[str | None, int, bytes]  # (landing file, 1-based line number, the line's bytes)
# One row per landing-file line (warehouse/tables/raw_postings.sql, less the partition).
RAW_BATCH = pa.schema(
    [
        ("landing_file", pa.string()),
        ("line_no", pa.int32()),
        ("crawl_id", pa.string()),
        ("source_posting_id", pa.string()),
        ("fetched_at", pa.string()),
        ("line", pa.binary()),
    ]
)


@dataclass(frozen=True)
class Chunk:
    """One chunk of raw lines, normalized: every line is in `raw` (when kept) and in exactly
    one of `postings` and `quarantined`, each in input order."""

    raw: pa.RecordBatch | None
    postings: pa.RecordBatch  # pipelines.columns.POSTING_BATCH
    quarantined: pa.RecordBatch  # pipelines.columns.QUARANTINE_BATCH
    lines: int
    size: int  # bytes of the raw lines, newlines included


def auto_workers(lines: int) -> int:
    """How many processes pay off for `lines` raw lines on this machine."""
    if lines < PARALLEL_MIN_LINES:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _text(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else str(value)


def _raw_batch(lines: Sequence[Line], parsed: Sequence[Any]) -> pa.RecordBatch:
    """The landing rows: the envelope read from the one parse each line gets."""
    envelopes = [record if isinstance(record, dict) else {} for record in parsed]
    return pa.RecordBatch.from_arrays(
        [
            pa.array([f for f, _, _ in lines], pa.string()),
            pa.array([n for _, n, _ in lines], pa.int32()),
            pa.array(
                [
                    _text(e.get("crawl_id")) or (PurePath(f).stem if f else None)
                    for e, (f, _, _) in zip(envelopes, lines, strict=True)
                ],
                pa.string(),
            ),
            pa.array([_text(e.get("source_posting_id")) for e in envelopes], pa.string()),
            pa.array([_text(e.get("fetched_at")) for e in envelopes], pa.string()),
            pa.array([line for _, _, line in lines], pa.binary()),
        ],
        schema=RAW_BATCH,
    )


_signer: Deduplicator | None = None


def _signatures(postings: Sequence[NormalizedPosting]) -> tuple[list[str], Any]:
    global _signer
    if _signer is None:  # holds only the MinHash permutations: the same in every process
        _signer = Deduplicator()
    return _signer.sign_many([(p.company, dedupe_text(p.section_text)) for p in postings])


def normalize_chunk(lines: Sequence[Line], taxonomy: Taxonomy, keep_raw: bool = True) -> Chunk:
    """Parse each line once, normalize the chunk, and return it as Arrow batches."""
    parsed = [parse_raw_line(line) for _, _, line in lines]
    readable = [i for i, record in enumerate(parsed) if not isinstance(record, Quarantined)]
    results: list[Any] = list(parsed)
    normalized = normalize_records([parsed[i] for i in readable], taxonomy)
    for i, result in zip(readable, normalized, strict=True):
        results[i] = result
    good = [i for i, r in enumerate(results) if isinstance(r, NormalizedPosting)]
    postings = [results[i] for i in good]
    companies, bands = _signatures(postings)
    where = [(lines[i][0], lines[i][1]) for i in good]
    try:
        posting_rows = postings_batch(postings, where, companies, bands)
    except UnwritableValue:
        posting_rows = _writable(results, good, where, companies, bands)
    bad = [i for i, r in enumerate(results) if isinstance(r, Quarantined)]
    quarantined = quarantine_batch(
        [results[i] for i in bad],
        [(lines[i][0], lines[i][1]) for i in bad],
        [_line_text(lines[i][2], results[i]) for i in bad],
    )
    return Chunk(
        raw=_raw_batch(lines, parsed) if keep_raw else None,
        postings=posting_rows if good else empty_batch(POSTING_BATCH),
        quarantined=quarantined if bad else empty_batch(QUARANTINE_BATCH),
        lines=len(lines),
        size=sum(len(line) + 1 for _, _, line in lines),
    )


def _line_text(line: bytes, result: Quarantined) -> str:
    """The quarantined record as landed: the line's text (undecodable bytes as escapes), or
    the start parse_raw_line kept of a line too long to keep."""
    if result.reason == QuarantineReason.OVERSIZED and isinstance(result.record, str):
        return result.record
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return record_text(result.record)


def _writable(results, good, where, companies, bands) -> pa.RecordBatch:
    """Postings one by one when a chunk's batch could not be built: each one whose values
    cannot be written is quarantined instead (in `results`), never lost."""
    kept = []
    for n, i in enumerate(good):
        try:
            postings_batch([results[i]], [where[n]], [companies[n]], bands[n : n + 1])
            kept.append(n)
        except UnwritableValue as error:
            posting = results[i]
            results[i] = Quarantined(
                QuarantineReason.UNDECODABLE_TEXT,
                f"a value cannot be written: {error}",
                {"source": posting.source, "source_posting_id": posting.source_posting_id},
                posting.source,
                posting.source_posting_id,
            )
    good[:] = [good[n] for n in kept]
    return postings_batch(
        [results[i] for i in good],
        [where[n] for n in kept],
        [companies[n] for n in kept],
        bands[kept],
    )


_worker_taxonomy: Taxonomy | None = None


def _start_worker(taxonomy: Taxonomy) -> None:
    global _worker_taxonomy
    _worker_taxonomy = taxonomy


def _normalize_in_worker(lines: list[Line], keep_raw: bool) -> Chunk:
    assert _worker_taxonomy is not None
    return normalize_chunk(lines, _worker_taxonomy, keep_raw)


def _chunks(lines: Iterable[Line], size: int) -> Iterator[list[Line]]:
    block: list[Line] = []
    for line in lines:
        block.append(line)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


class Runner:
    """Normalize streams of raw lines into Arrow chunks, in input order, on `workers`
    processes (1: this one). The processes start on first use and serve every `run` until
    `close` (or the end of a `with` block), so one runner can go through many partitions."""

    def __init__(
        self, taxonomy: Taxonomy, workers: int = 1, chunk: int = CHUNK, keep_raw: bool = True
    ) -> None:
        self.taxonomy, self.workers, self.chunk, self.keep_raw = taxonomy, workers, chunk, keep_raw
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def run(self, lines: Iterable[Line]) -> Iterator[Chunk]:
        """The chunks of `lines`, in order."""
        if self.workers <= 1:
            for block in _chunks(lines, self.chunk):
                yield normalize_chunk(block, self.taxonomy, self.keep_raw)
            return
        if self._pool is None:
            # spawn, not fork: the caller may hold a DuckDB connection and its threads.
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.taxonomy,),
            )
        pending: deque[Future[Chunk]] = deque()
        try:
            for block in _chunks(lines, self.chunk):
                pending.append(self._pool.submit(_normalize_in_worker, block, self.keep_raw))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:  # a consumer that stopped early leaves no work behind
                future.cancel()
