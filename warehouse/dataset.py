"""What kind of data a warehouse holds, so no surface passes example data off as the market.

`stg_postings.data_kind` (and the table `dataset`) say where each posting came from: the bundled
snapshot ('example snapshot', made up to show the pipeline), a live crawl ('live') or an
imported file ('imported'). `query`, `advise`, `report` and the exports say so whenever the
example snapshot is in what they answer from.
"""

from __future__ import annotations

from typing import Any

import duckdb

EXAMPLE = "example snapshot"
KINDS = (EXAMPLE, "live", "imported")


def _has_column(conn: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    found = conn.execute(
        "select count(*) from information_schema.columns where table_name = ? and column_name = ?",
        [table, column],
    ).fetchone()[0]
    return bool(found)


def kind_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Postings per kind of data, in KINDS order; empty before stg_postings has data_kind."""
    if not _has_column(conn, "stg_postings", "data_kind"):
        return {}
    rows = dict(
        conn.execute("select data_kind, count(*) from stg_postings group by data_kind").fetchall()
    )
    return {kind: rows[kind] for kind in KINDS if kind in rows}


def example_note(counts: dict[str, int]) -> str | None:
    """One line saying how much of the data is the made-up example snapshot (None: none is)."""
    example = counts.get(EXAMPLE, 0)
    if not example:
        return None
    total = sum(counts.values())
    share = "all" if example == total else f"{example} of {total}"
    return (
        f"example data: {share} postings come from the bundled snapshot, made up to show the "
        "pipeline, not the job market (README: Getting real data)"
    )


def example_banner(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The one-line note for `careermarket query` (stderr), or None; never fails a query."""
    try:
        return example_note(kind_counts(conn))
    except duckdb.Error:
        return None


def describe(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """{kinds: postings per kind, example_data: bool, note: str | None} for JSON answers."""
    counts = kind_counts(conn)
    return {"kinds": counts, "example_data": EXAMPLE in counts, "note": example_note(counts)}
