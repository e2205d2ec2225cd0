"""Loading into the warehouse: raw landing and normalized postings, duplicates, taxonomy.

Every load is idempotent: a partition (source family × crawl date) is deleted, then inserted, in
one transaction, so a rerun or a backfill never duplicates rows and never touches another
partition's rows. The rows arrive as Arrow batches (pipelines.batch.Runner, which the caller
runs: worker processes are not the warehouse's business) and go in through DuckDB's Arrow scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.batch import Chunk, Line
from pipelines.columns import POSTING_BATCH, posting_defaults
from pipelines.taxonomy import Taxonomy, known_terms
from warehouse.db import ensure_tables, quote_identifier, sql_file
from warehouse.raw_lines import iter_lines  # JSON Lines, and the arrays and UTF-16 people hand in

_DATE_DIR = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, order=True)
class Partition:
    """One crawl of one source family: the unit of loading and of Dagster partitions."""

    source: str
    crawl_date: date

    @property
    def key(self) -> str:
        return f"{self.crawl_date.isoformat()}|{self.source}"


@dataclass
class NormalizeCounts:
    raw: int = 0
    normalized: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def landing_files(root: Path) -> dict[Partition, list[Path]]:
    """Landing files under root/<source>/<YYYY-MM-DD>/*.jsonl, by partition.

    Files still being written (`*.jsonl.part`) are not listed: a killed crawl leaves nothing
    half-written for this step to read.
    """
    out: dict[Partition, list[Path]] = {}
    if not root.is_dir():
        return out
    for path in sorted(root.glob("*/*/*.jsonl")):
        source_dir, date_dir = path.parent.parent.name, path.parent.name
        if not _DATE_DIR.fullmatch(date_dir):
            continue
        part = Partition(source_dir, date.fromisoformat(date_dir))
        out.setdefault(part, []).append(path)
    return out


def landing_lines(files: Iterable[Path]) -> Iterator[Line]:
    """(landing file, line number, bytes) of every non-empty line of the files, in order."""
    for path in files:
        name = str(path)
        for number, line in iter_lines(path):
            yield name, number, line


def count_lines(files: Iterable[Path]) -> int:
    """Lines of the files (to decide how many processes pay off), without parsing any."""
    total = 0
    for path in files:
        with path.open("rb") as handle:
            for block in iter(lambda handle=handle: handle.read(1 << 20), b""):
                total += block.count(b"\n")
    return total


_PARTITION_TABLES = ("raw_postings", "normalized_postings", "quarantined_postings")


def load_partition(
    conn: duckdb.DuckDBPyConnection, partition: Partition, chunks: Iterable[Chunk]
) -> NormalizeCounts:
    """Replace the partition's raw, normalized and quarantined rows with the chunks of its
    landing lines (pipelines.batch.Runner), in one transaction: delete, then insert each
    chunk's Arrow batches through DuckDB's Arrow scan as it arrives."""
    ensure_tables(conn)
    counts = NormalizeCounts()
    conn.begin()
    try:
        for table in _PARTITION_TABLES:
            conn.execute(
                f"delete from {quote_identifier(table)} where source = ? and crawl_date = ?",
                [partition.source, partition.crawl_date],
            )
        for chunk in chunks:
            if chunk.raw is not None:
                _insert(conn, "insert_raw", "raw_batch", chunk.raw, partition)
            _insert(conn, "insert_normalized", "normalized_batch", chunk.postings, partition)
            _insert(conn, "insert_quarantined", "quarantined_batch", chunk.quarantined, partition)
            counts.raw += chunk.lines
            counts.normalized += chunk.postings.num_rows
            counts.quarantined += chunk.quarantined.num_rows
            for reason in chunk.quarantined.column("reason").to_pylist():
                counts.reasons[reason] = counts.reasons.get(reason, 0) + 1
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return counts


def _insert(
    conn: duckdb.DuckDBPyConnection,
    statement: str,
    view: str,
    batch: pa.RecordBatch | pa.Table,
    partition: Partition,
) -> None:
    """Run statements/<statement>.sql over the batch, exposed as `view`, under the partition
    (its `source` replaces the batch's own: a load table's source is its landing folder's)."""
    if not batch.num_rows:
        return
    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    if "source" in table.column_names:
        table = table.drop_columns(["source"])
    table = table.append_column(
        "source", pa.repeat(pa.scalar(partition.source, pa.string()), table.num_rows)
    ).append_column(
        "crawl_date", pa.repeat(pa.scalar(partition.crawl_date, pa.date32()), table.num_rows)
    )
    # A relation's query, not conn.register: DuckDB keeps registered Arrow objects alive
    # until the transaction ends, so a partition's every batch would stay in memory.
    conn.from_arrow(table).query(view, sql_file("statements", statement))


def insert_postings(
    conn: duckdb.DuckDBPyConnection, partition: Partition, records: Iterable[dict]
) -> int:
    """Add postings in their JSON shape (CONTRACT §3: normalized JSONL, test fixtures) to a
    partition; `landing_file` and `line_no` are kept when a record has them, and fields with
    a default may be left out. Their dedupe signatures are computed by the next
    `refresh_duplicates`."""
    ensure_tables(conn)
    rows = []
    for record in records:
        row = {**posting_defaults(), **record}
        posted = row.get("posted_at")
        row["posted_at"] = date.fromisoformat(posted) if isinstance(posted, str) else posted
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=POSTING_BATCH)
    _insert(conn, "insert_normalized", "normalized_batch", table, partition)
    return table.num_rows


def load_taxonomy(conn: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> tuple[int, int]:
    """Replace taxonomy_skills, taxonomy_roles and taxonomy_terms with the given taxonomy's."""
    ensure_tables(conn)
    skills = [
        (
            s.id,
            s.family,
            taxonomy.families[s.family][0],
            s.name_en,
            s.name_ko,
            list(s.aliases),
            s.deprecated,
            taxonomy.version,
        )
        for s in taxonomy.skills.values()
    ]
    roles = [
        (r.id, "role", r.name_en, r.name_ko, taxonomy.version) for r in taxonomy.roles.values()
    ]
    roles += [
        (s.id, "specialization", s.name_en, s.name_ko, taxonomy.version)
        for s in taxonomy.specializations.values()
    ]
    roles.append(("out_of_scope", "out_of_scope", "Out of scope", "범위 밖", taxonomy.version))
    terms = [(t, kind, taxonomy.version) for t, kind in sorted(known_terms(taxonomy).items())]
    conn.begin()
    try:
        conn.execute("delete from taxonomy_skills")
        conn.executemany("insert into taxonomy_skills values (?, ?, ?, ?, ?, ?, ?, ?)", skills)
        conn.execute("delete from taxonomy_roles")
        conn.executemany("insert into taxonomy_roles values (?, ?, ?, ?, ?)", roles)
        conn.execute("delete from taxonomy_terms")
        conn.execute(  # one statement: executemany of ~3,000 rows takes half a second
            "insert into taxonomy_terms select unnest(?), unnest(?), ?",
            [[t for t, _, _ in terms], [k for _, k, _ in terms], taxonomy.version],
        )
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return len(skills), len(roles)


def loaded_partitions(conn: duckdb.DuckDBPyConnection) -> list[Partition]:
    """Every partition with rows in raw_postings, normalized_postings or quarantined_postings."""
    ensure_tables(conn)
    rows = conn.execute(
        "select source, crawl_date from raw_postings "
        "union select source, crawl_date from normalized_postings "
        "union select source, crawl_date from quarantined_postings"
    ).fetchall()
    return sorted(Partition(source, crawl_date) for source, crawl_date in rows)
