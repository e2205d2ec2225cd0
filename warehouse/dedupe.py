"""Dedupe across partitions, incrementally: only what changed is re-decided.

A posting copies an earlier one only if both have the same company (pipelines.dedupe: a
repost has the same company and text, a near-duplicate the same company, a similar title and
near-identical text), so the duplicates of one company's postings depend on that company's
postings alone. Each run therefore compares every posting's latest crawl with what the last
run saw (`dedupe_state`), and re-decides, in canonical order, the postings of the companies
whose postings are new, changed or gone, from `window_days` before the earliest of those
changes on. The text is not read again: each posting's MinHash band keys were computed when it
was normalized (`normalized_postings.dedupe_bands`); only the sections of the re-decided
postings in a language whose boards rewrite a job (pipelines.dedupe.CROSS_BOARD_LANGUAGES)
are read, for the cross-board match. With every posting inside the window the
result is the full recompute's; a copy posted more than `window_days` after the job it copies
is not looked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pyarrow as pa

from pipelines.columns import band_rows, cross_board
from pipelines.dedupe import CROSS_BOARD_LANGUAGES, Deduplicator, DuplicateMatch, dedupe_text
from warehouse.db import ensure_tables, row_count, sql_file

WINDOW_DAYS = 365
_BATCH = 4096
_MATCHES = pa.schema(
    [("posting_key", pa.string()), ("duplicate_of", pa.string()), ("method", pa.string())]
)


@dataclass(frozen=True)
class DedupeRun:
    duplicates: int  # rows of posting_duplicates after the run
    changed: int  # postings new, changed or gone since the last run
    checked: int  # postings re-decided: the changed postings' companies, within the window


def refresh_duplicates(
    conn: duckdb.DuckDBPyConnection, window_days: int = WINDOW_DAYS
) -> DedupeRun:
    """Bring `posting_duplicates` up to date with `normalized_postings`."""
    ensure_tables(conn)
    _sign_unsigned(conn)
    conn.execute(
        sql_file("statements", "dedupe_latest"), {"languages": list(CROSS_BOARD_LANGUAGES)}
    )
    changed = conn.sql(sql_file("statements", "dedupe_changed")).to_arrow_table()
    companies = {
        c
        for name in ("company_now", "company_before")
        for c in changed[name].to_pylist()
        if c is not None  # "" is a company too: the postings that name none
    }
    dates = [d for name in ("date_now", "date_before") for d in changed[name].to_pylist() if d]
    redecided = changed["posting_key"].to_pylist()
    group: list[str] = []
    matches: list[DuplicateMatch] = []
    if companies:
        earliest = min(dates, default=date.min)
        cutoff = earliest - timedelta(days=min(window_days, (earliest - date.min).days))
        group, matches = _redecide(conn, sorted(companies), cutoff)
        redecided += group
    tables = {
        "dedupe_redecided": pa.table({"posting_key": pa.array(redecided, pa.string())}),
        "dedupe_matches": pa.Table.from_pylist(
            [
                {"posting_key": m.posting_key, "duplicate_of": m.duplicate_of, "method": m.method}
                for m in matches
            ],
            schema=_MATCHES,
        ),
    }
    for name, table in tables.items():
        conn.register(name, table)
    conn.begin()
    try:
        conn.execute(sql_file("statements", "dedupe_replace"))
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        for name in tables:
            conn.unregister(name)
    return DedupeRun(row_count(conn, "posting_duplicates"), len(changed), len(group))


def _redecide(
    conn: duckdb.DuckDBPyConnection, companies: list[str], cutoff: date
) -> tuple[list[str], list[DuplicateMatch]]:
    """The postings of `companies` from `cutoff` on, deduplicated in canonical order."""
    conn.register("dedupe_affected", pa.table({"company_key": pa.array(companies, pa.string())}))
    try:
        query = conn.sql(sql_file("statements", "dedupe_group"), params={"cutoff": cutoff})
        batches = query.to_arrow_reader(_BATCH)
        dedupe = Deduplicator()
        keys: list[str] = []
        found: list[DuplicateMatch] = []
        for batch in batches:
            batch_keys = batch.column("posting_key").to_pylist()
            entries = zip(
                batch_keys,
                batch.column("company_key").to_pylist(),
                batch.column("title").to_pylist(),
                batch.column("content_hash").to_pylist(),
                strict=True,
            )
            cross = cross_board(batch, "cross_sections")
            found += [m for m in dedupe.add_signed(list(entries), band_rows(batch), cross) if m]
            keys += batch_keys
    finally:
        conn.unregister("dedupe_affected")
    return keys, found


def _sign_unsigned(conn: duckdb.DuckDBPyConnection) -> None:
    """Sign the postings that were loaded without a signature (insert_postings, or a
    warehouse from before signatures), reading their text once."""
    reader = conn.sql(sql_file("statements", "dedupe_unsigned")).to_arrow_reader(_BATCH)
    signer = Deduplicator()
    signed = []
    for batch in reader:
        texts = [dedupe_text(s or {}) for s in batch.column("section_text").to_pylist()]
        companies, bands = signer.sign_many(
            list(zip(batch.column("company").to_pylist(), texts, strict=True))
        )
        flat = pa.array(bands.ravel(), pa.uint64())
        band_lists = pa.FixedSizeListArray.from_arrays(flat, bands.shape[1])
        signed.append(
            pa.table(
                {
                    "row_id": batch.column("row_id"),
                    "dedupe_company": pa.array(companies, pa.string()),
                    "dedupe_bands": band_lists.cast(pa.list_(pa.uint64())),
                }
            )
        )
    if not signed:
        return
    conn.register("dedupe_signed", pa.concat_tables(signed))
    try:
        conn.execute(sql_file("statements", "dedupe_sign"))
    finally:
        conn.unregister("dedupe_signed")
