"""Normalize on a Ray cluster: Ray Data `map_batches` over an actor that holds the taxonomy.

`RayRunner` is the Ray twin of `pipelines.batch.Runner`: `run(lines)` yields the same `Chunk`s
(raw, normalized and quarantined Arrow batches, in input order), so `load_partition` writes
them as it writes the local runner's. The work in each actor is the local path's own pure
function, `pipelines.batch.normalize_chunk`, over the same chunks of lines; only where it runs
changes. The `compute` resource (dags/resources.py) picks this runner when `kind: ray`.

Why here: pipelines/ stays free of Ray (and of any engine), and this module imports neither
Dagster nor DuckDB, so a Ray worker that unpickles `NormalizeActor` loads only pipelines and
pyarrow. Ray itself is imported lazily: the default path never needs it installed.

The flow: the driver reads the landing lines (warehouse.raw_lines, the same reader as the local
path) into Arrow blocks of `chunk` lines, each block of one partition (a `group`) →
`ray.data.from_arrow` → `map_batches(NormalizeActor, batch_size=None)`: a block is a batch, so
the actors normalize exactly the local runner's chunks; each actor builds the taxonomy's
matchers once, in its constructor → one output row per chunk, whose three batches travel as
Arrow IPC streams (their schemas differ, so they cannot share one block) → the driver iterates
the rows in order (`preserve_order`) and hands each partition its `Chunk`s. The partitions of
a run share one dataset per `window` lines, so actors start once per window, not per partition.

Resources: each actor asks for `actor_cpus` (0.5 by default) so that actors never take every
CPU of a small cluster. With whole CPUs per actor on a 2-CPU cluster a Ray Data pipeline hung,
its other tasks starved (ray-project/ray#44687).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa

from pipelines.batch import CHUNK, Chunk, Line, _chunks, normalize_chunk
from pipelines.taxonomy import Taxonomy

if TYPE_CHECKING:
    import ray.data

K = TypeVar("K")

LINES = pa.schema(
    [
        ("group", pa.int32()),  # which group of lines (partition) of the dataset
        ("landing_file", pa.string()),
        ("line_no", pa.int32()),
        ("line", pa.large_binary()),
    ]
)
# One row per normalized chunk: its group, its three batches as Arrow IPC streams
# (large_binary: a block of several chunks may pass 2 GiB of text), the line count and the
# bytes it read.
CHUNKS = pa.schema(
    [
        ("group", pa.int32()),
        ("raw", pa.large_binary()),
        ("postings", pa.large_binary()),
        ("quarantined", pa.large_binary()),
        ("lines", pa.int64()),
        ("size", pa.int64()),
    ]
)
# Lines per dataset: the driver holds a window's lines at once, and the actors start once per
# window (a second or more each: worker start, taxonomy, matchers), not once per partition.
WINDOW = 50_000
# A line that exercises every stage: normalizing it builds every matcher of the taxonomy.
_WARM_UP = (
    b'{"source":"text","source_posting_id":"warm-up","payload":{"title":"Data Engineer",'
    b'"description":"Requirements: Python and SQL, 3 years. Seoul, Korea."}}'
)


def _ipc(batch: pa.RecordBatch | None) -> bytes | None:
    if batch is None:
        return None
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


def _batch(data: bytes | None) -> pa.RecordBatch | None:
    if data is None:
        return None
    return pa.ipc.open_stream(data).read_next_batch()  # one batch per stream (`_ipc`)


def lines_table(lines: list[Line], group: int = 0) -> pa.Table:
    """A block of one group's landing lines as Arrow (what the actors receive)."""
    return pa.table(
        [
            pa.repeat(pa.scalar(group, pa.int32()), len(lines)),
            pa.array([f for f, _, _ in lines], pa.string()),
            pa.array([n for _, n, _ in lines], pa.int32()),
            pa.array([line for _, _, line in lines], pa.large_binary()),
        ],
        schema=LINES,
    )


def table_lines(table: pa.Table) -> list[Line]:
    """The landing lines of a block, as `normalize_chunk` takes them."""
    files, numbers, lines = (table.column(c).to_pylist() for c in LINES.names[1:])
    return list(zip(files, numbers, lines, strict=True))


def encode_chunk(chunk: Chunk, group: int = 0) -> pa.Table:
    """A chunk of a group as one row of CHUNKS."""
    row = [
        group,
        _ipc(chunk.raw),
        _ipc(chunk.postings),
        _ipc(chunk.quarantined),
        chunk.lines,
        chunk.size,
    ]
    return pa.table([pa.array([v], f.type) for v, f in zip(row, CHUNKS, strict=True)], CHUNKS)


def decode_chunks(table: pa.Table) -> Iterator[tuple[int, Chunk]]:
    """(group, chunk) of CHUNKS rows, in row order."""
    columns = {name: table.column(name).to_pylist() for name in CHUNKS.names}
    for group, raw, postings, quarantined, lines, size in zip(*columns.values(), strict=True):
        yield (
            group,
            Chunk(
                raw=_batch(raw),
                postings=_batch(postings),
                quarantined=_batch(quarantined),
                lines=lines,
                size=size,
            ),
        )


class NormalizeActor:
    """A Ray Data actor: the taxonomy and its matchers, built once, then `normalize_chunk`
    over each batch of landing lines."""

    def __init__(self, taxonomy: Taxonomy, keep_raw: bool = True) -> None:
        self.taxonomy, self.keep_raw = taxonomy, keep_raw
        # The matchers are cached per taxonomy (pipelines.*: lru_cache by identity), so one
        # normalized line builds them here rather than in the first batch.
        normalize_chunk([(None, 1, _WARM_UP)], taxonomy, keep_raw=False)

    def __call__(self, batch: pa.Table) -> pa.Table:
        # A batch is one block, one chunk of one group (`batch_size=None`); should Ray ever
        # hand over more, each group's lines are still normalized apart.
        groups = batch.column("group").to_numpy()
        rows, start = [], 0
        for end in [*(i for i in range(1, len(groups)) if groups[i] != groups[i - 1]), len(groups)]:
            lines = table_lines(batch.slice(start, end - start))
            chunk = normalize_chunk(lines, self.taxonomy, self.keep_raw)
            rows.append(encode_chunk(chunk, int(groups[start])))
            start = end
        return pa.concat_tables(rows) if rows else CHUNKS.empty_table()


def _blocks(lines: Iterable[Line], size: int, group: int = 0) -> Iterator[pa.Table]:
    """The lines in blocks of `size`, cut as the local runner cuts its chunks."""
    for block in _chunks(lines, size):
        yield lines_table(block, group)


class RayRunner:
    """Normalize streams of raw lines into Arrow chunks on a Ray cluster, in input order.

    `address`: the cluster (`host:port` of a `ray start --head`, `ray://…` for Ray Client,
    `auto`), or None for Ray's own default (`RAY_ADDRESS`, else a new local instance). The
    connection opens on first use and closes with `close` (or the end of a `with` block) when
    this runner opened it."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        address: str | None = None,
        actors: int = 1,
        actor_cpus: float = 0.5,
        chunk: int = CHUNK,
        keep_raw: bool = True,
        window: int = WINDOW,
    ) -> None:
        self.taxonomy, self.address, self.chunk, self.keep_raw = taxonomy, address, chunk, keep_raw
        self.window = window
        self.actors, self.actor_cpus = actors, actor_cpus
        self._connected = False
        self.stats: str | None = None  # Ray Data's execution stats of the last finished run

    def __enter__(self) -> RayRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> None:
        import ray

        # Ray's usage statistics go to Ray's servers; this project phones nowhere (a user who
        # wants them sets the variable).
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if not ray.is_initialized():
            ray.init(address=self.address, logging_level="WARNING", log_to_driver=False)
            self._connected = True
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # chunks come back in input order
        context.enable_progress_bars = False

    def close(self) -> None:
        if self._connected:
            import ray

            ray.shutdown()
            self._connected = False

    def dataset(self, blocks: list[pa.Table]) -> ray.data.Dataset:
        """The lazy dataset of normalized chunks (CHUNKS rows) of blocks of LINES."""
        import ray

        self.connect()
        return ray.data.from_arrow(blocks).map_batches(
            NormalizeActor,
            fn_constructor_kwargs={"taxonomy": self.taxonomy, "keep_raw": self.keep_raw},
            batch_size=None,  # a block is a batch: one chunk, as the local runner cuts them
            batch_format="pyarrow",
            zero_copy_batch=True,
            compute=ray.data.ActorPoolStrategy(size=self.actors),
            num_cpus=self.actor_cpus,
        )

    def run(self, lines: Iterable[Line]) -> Iterator[Chunk]:
        """The chunks of `lines`, in order."""
        for _, chunks in self.run_groups([(None, lines)]):
            yield from chunks

    def run_groups(
        self, groups: Iterable[tuple[K, Iterable[Line]]]
    ) -> Iterator[tuple[K, Iterator[Chunk]]]:
        """(key, its chunks in order) for each (key, lines), in order; consume each group's
        chunks before asking for the next group. The lines are read here, on the driver, with
        the local path's reader, and go through one dataset per `window` lines."""
        window: list[tuple[K, list[pa.Table]]] = []
        size = 0
        for key, lines in groups:
            blocks = list(_blocks(lines, self.chunk, len(window)))
            window.append((key, blocks))
            size += sum(b.num_rows for b in blocks)
            if size >= self.window:
                yield from self._run_window(window)
                window, size = [], 0
        if window:
            yield from self._run_window(window)

    def _run_window(
        self, window: list[tuple[K, list[pa.Table]]]
    ) -> Iterator[tuple[K, Iterator[Chunk]]]:
        blocks = [b for _, group in window for b in group]
        rows: Iterator[tuple[int, Chunk]] = iter(())
        dataset = self.dataset(blocks) if blocks else None
        if dataset is not None:
            batches = dataset.iter_batches(batch_size=None, batch_format="pyarrow")
            rows = (row for table in batches for row in decode_chunks(table))
        head = next(rows, None)

        def chunks_of(group: int) -> Iterator[Chunk]:
            nonlocal head
            while head is not None and head[0] == group:
                yield head[1]
                head = next(rows, None)

        for group, (key, _) in enumerate(window):
            chunks = chunks_of(group)
            yield key, chunks
            for _ in chunks:  # what the caller left of this group
                pass
        if dataset is not None:
            self.stats = dataset.stats()


def run_partitions(
    runner: Any, groups: Iterable[tuple[K, Iterable[Line]]]
) -> Iterator[tuple[K, Iterator[Chunk]]]:
    """(key, chunks) of each group of lines, on either runner: the Ray runner takes the groups
    together (actors start once per window), the local one one after another."""
    if isinstance(runner, RayRunner):
        yield from runner.run_groups(groups)
        return
    for key, lines in groups:
        yield key, runner.run(lines)


def digest(chunks: Iterable[Chunk]) -> tuple[str, dict[str, int]]:
    """(sha256, row counts) of the chunks' raw, normalized and quarantined rows, in order: two
    runs gave the same rows, record for record and column for column, when these are equal
    (however the rows were cut into chunks)."""
    names = ("raw", "postings", "quarantined")
    shas = {name: hashlib.sha256() for name in names}
    counts = dict.fromkeys(names, 0)
    for chunk in chunks:
        for name in names:
            batch = getattr(chunk, name)
            if batch is None:
                continue
            counts[name] += batch.num_rows
            for row in batch.to_pylist():
                text = json.dumps(row, ensure_ascii=False, default=repr)
                shas[name].update(f"{text}\n".encode("utf-8", "surrogatepass"))
    whole = hashlib.sha256("".join(shas[n].hexdigest() for n in names).encode())
    return whole.hexdigest(), counts


def describe(runner: Any) -> str:
    """One phrase for the run's log: where normalization runs."""
    if isinstance(runner, RayRunner):
        where = runner.address or "Ray's default address"
        return f"Ray Data at {where}, {runner.actors} actor(s) × {runner.actor_cpus} CPU"
    return f"{getattr(runner, 'workers', 1)} local process(es)"
