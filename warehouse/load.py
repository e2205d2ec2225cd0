"""Loading into the warehouse: raw landing, normalized postings, duplicates, taxonomy.

Every load is idempotent: a partition (source family × crawl date) is deleted, then inserted, in
one transaction, so a rerun or a backfill never duplicates rows and never touches another
partition's rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.batch import auto_workers, normalize_lines
from pipelines.dedupe import dedupe_text, find_duplicates, requirements
from pipelines.models import NormalizedPosting, Quarantined
from pipelines.normalize import parse_raw_line
from pipelines.taxonomy import Taxonomy, known_terms
from warehouse.db import ensure_tables, sql_file
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


def _transaction(
    conn: duckdb.DuckDBPyConnection, statements: list[tuple[str, list | dict]]
) -> None:
    conn.begin()
    try:
        for sql, params in statements:
            conn.execute(sql, params)
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def load_raw(conn: duckdb.DuckDBPyConnection, partition: Partition, files: list[Path]) -> int:
    """Replace the partition's raw rows with the lines of its landing files; returns the count."""
    ensure_tables(conn)
    rows: dict[str, list] = {
        k: []
        for k in (
            "source",
            "crawl_date",
            "landing_file",
            "line_no",
            "crawl_id",
            "source_posting_id",
            "fetched_at",
            "line",
        )
    }
    for path in files:
        for number, line in iter_lines(path):
            record = parse_raw_line(line)
            envelope = record if isinstance(record, dict) else {}
            sid = envelope.get("source_posting_id")
            rows["source"].append(partition.source)
            rows["crawl_date"].append(partition.crawl_date)
            rows["landing_file"].append(str(path))
            rows["line_no"].append(number)
            rows["crawl_id"].append(envelope.get("crawl_id") or path.stem)
            rows["source_posting_id"].append(None if sid is None else str(sid))
            rows["fetched_at"].append(envelope.get("fetched_at"))
            rows["line"].append(line)
    batch = pa.table(
        rows,
        schema=pa.schema(
            [
                ("source", pa.string()),
                ("crawl_date", pa.date32()),
                ("landing_file", pa.string()),
                ("line_no", pa.int32()),
                ("crawl_id", pa.string()),
                ("source_posting_id", pa.string()),
                ("fetched_at", pa.string()),
                ("line", pa.binary()),
            ]
        ),
    )
    conn.register("raw_batch", batch)
    try:
        _transaction(
            conn,
            [
                (
                    "delete from raw_postings where source = ? and crawl_date = ?",
                    [partition.source, partition.crawl_date],
                ),
                ("insert into raw_postings by name select * from raw_batch", []),
            ],
        )
    finally:
        conn.unregister("raw_batch")
    return batch.num_rows


def write_normalized(
    lines: Sequence[tuple[str | None, int, bytes]],
    taxonomy: Taxonomy,
    normalized_path: Path,
    quarantine_path: Path,
    workers: int | None = None,
) -> NormalizeCounts:
    """Normalize (landing file, line number, raw line) into two JSONL files; returns the counts.
    `workers`: processes to use (default: as many as pay off for this many lines)."""
    counts = NormalizeCounts()
    workers = auto_workers(len(lines)) if workers is None else workers
    results = normalize_lines((line for _, _, line in lines), taxonomy, workers)
    normalized_path.parent.mkdir(parents=True, exist_ok=True)
    quarantine_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        normalized_path.open("w", encoding="utf-8") as good,
        quarantine_path.open("w", encoding="utf-8") as bad,
    ):
        for (landing_file, number, _), result in zip(lines, results, strict=True):
            where = {"landing_file": landing_file, "line_no": number}
            counts.raw += 1
            if isinstance(result, NormalizedPosting):
                counts.normalized += 1
                good.write(json.dumps({**where, **result.to_record()}, ensure_ascii=False))
                good.write("\n")
            else:
                assert isinstance(result, Quarantined)
                counts.quarantined += 1
                counts.reasons[str(result.reason)] = counts.reasons.get(str(result.reason), 0) + 1
                record = result.to_record()
                record["record"] = (
                    record["record"]
                    if isinstance(record["record"], str)
                    else json.dumps(record["record"], ensure_ascii=False)
                )
                bad.write(json.dumps({**where, **record}, ensure_ascii=False) + "\n")
    return counts


def normalize_partition(
    conn: duckdb.DuckDBPyConnection, partition: Partition, taxonomy: Taxonomy, out_dir: Path
) -> NormalizeCounts:
    """Normalize a partition's raw rows and replace its normalized and quarantined rows."""
    ensure_tables(conn)
    stem = f"{partition.source}/{partition.crawl_date.isoformat()}"
    normalized_path = out_dir / "normalized" / f"{stem}.jsonl"
    quarantine_path = out_dir / "quarantine" / "normalize" / f"{stem}.jsonl"
    raw = conn.execute(
        "select landing_file, line_no, line from raw_postings "
        "where source = ? and crawl_date = ? order by landing_file, line_no",
        [partition.source, partition.crawl_date],
    ).fetchall()
    counts = write_normalized(
        [(landing_file, line_no, bytes(line)) for landing_file, line_no, line in raw],
        taxonomy,
        normalized_path,
        quarantine_path,
    )
    where = [partition.source, partition.crawl_date]
    statements: list[tuple[str, list | dict]] = [
        ("delete from normalized_postings where source = ? and crawl_date = ?", where),
        ("delete from quarantined_postings where source = ? and crawl_date = ?", where),
    ]
    params = {"source": partition.source, "crawl_date": partition.crawl_date.isoformat()}
    if counts.normalized:
        statements.append(
            (sql_file("statements", "insert_normalized"), {**params, "path": str(normalized_path)})
        )
    if counts.quarantined:
        statements.append(
            (sql_file("statements", "insert_quarantined"), {**params, "path": str(quarantine_path)})
        )
    _transaction(conn, statements)
    return counts


def refresh_duplicates(conn: duckdb.DuckDBPyConnection) -> int:
    """Recompute `posting_duplicates` over every posting; earliest posting is canonical."""
    ensure_tables(conn)
    rows = conn.execute(sql_file("statements", "dedupe_candidates")).fetchall()
    matches = find_duplicates(
        (key, company, title, dedupe_text(sections), content, requirements(sections, *board))
        for key, company, title, sections, content, *board in rows
    )
    batch = pa.table(
        {
            "posting_key": [m.posting_key for m in matches],
            "duplicate_of": [m.duplicate_of for m in matches],
            "method": [m.method for m in matches],
        },
        schema=pa.schema(
            [("posting_key", pa.string()), ("duplicate_of", pa.string()), ("method", pa.string())]
        ),
    )
    conn.register("duplicate_batch", batch)
    try:
        _transaction(
            conn,
            [
                ("delete from posting_duplicates", []),
                ("insert into posting_duplicates by name select * from duplicate_batch", []),
            ],
        )
    finally:
        conn.unregister("duplicate_batch")
    return len(matches)


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
