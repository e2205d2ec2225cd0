"""Normalize many raw lines on several processes, results in input order.

Normalization is CPU-bound Python, so a second core means a second process. Starting one and
loading the taxonomy into it costs about a second, so the pool is used only from
`PARALLEL_MIN_LINES` lines on; below that (the bundled snapshot, a test file) one process is
faster. Work goes out in chunks (normalized stage by stage, see `normalize_batch`) and at most
two chunks per worker are in flight, so a long stream never sits in memory.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from pipelines.models import NormalizedPosting, Quarantined
from pipelines.normalize import normalize_batch
from pipelines.taxonomy import Taxonomy

PARALLEL_MIN_LINES = 4_000
CHUNK = 1024  # lines per batch: each stage runs over a whole batch (see `normalize_batch`)
MAX_WORKERS = 4

Result = NormalizedPosting | Quarantined
_worker_taxonomy: Taxonomy | None = None


def auto_workers(lines: int) -> int:
    """How many processes pay off for `lines` raw lines on this machine."""
    if lines < PARALLEL_MIN_LINES:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _start_worker(taxonomy: Taxonomy) -> None:
    global _worker_taxonomy
    _worker_taxonomy = taxonomy


def _normalize_chunk(lines: list[bytes | str]) -> list[Result]:
    assert _worker_taxonomy is not None
    return normalize_batch(lines, _worker_taxonomy)


def _chunks(lines: Iterable[bytes | str], size: int) -> Iterator[list[bytes | str]]:
    block: list[bytes | str] = []
    for line in lines:
        block.append(line)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def normalize_lines(
    lines: Iterable[bytes | str], taxonomy: Taxonomy, workers: int = 1, chunk: int = CHUNK
) -> Iterator[Result]:
    """`normalize_line` of each line, in order, over `workers` processes (1: this one).

    Lines go in chunks to `normalize_batch`, which runs each stage over a whole chunk."""
    if workers <= 1:
        for block in _chunks(lines, chunk):
            yield from normalize_batch(block, taxonomy)
        return
    # spawn, not fork: the caller may hold a DuckDB connection and its threads.
    with ProcessPoolExecutor(
        workers,
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(taxonomy,),
    ) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for block in _chunks(lines, chunk):
            pending.append(pool.submit(_normalize_chunk, block))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
