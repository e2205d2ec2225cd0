"""WARN asset checks: data-quality signals that report, with their figures, but never block.

Each looks at the partitions of the run (an unpartitioned run: every landed partition):
- `quarantine_rate_below_limit`: per source family, the share of raw records quarantined;
- `every_source_returned_postings`: no landed crawl is empty;
- `fill_rates_at_usual_level`: title, company, text and posted_at are filled about as often as
  in the family's other partitions;
- `in_scope_postings_have_skills`: per family, the share of in-scope postings where no skill
  was found outside the `other` section (title-only postings left out: they have no text).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.normalized import NORMALIZED, QUARANTINED
from dags.assets.raw import RAW
from dags.metadata import md_table
from dags.partitions import CRAWLED_FAMILIES, UNKNOWN_SOURCE, family_of, in_keys, key_of
from dags.resources import DUCKDB_POOL, DataDirResource, RawSource
from dags.scope import scope_keys, scope_view, scoped_partitions
from warehouse.db import sql_file
from warehouse.load import Partition

QUARANTINE_RATE_LIMIT = 0.25  # a quarter of a family's records unreadable: its format moved
QUARANTINE_MIN_RECORDS = 5  # fewer raw records are too few to judge a rate on
FILL_FIELDS = ("title", "company", "text", "posted_at")
FILL_DROP_LIMIT = 0.25  # WARN when a rate is this far below the family's usual rate
FILL_MIN_ROWS = 3  # a partition needs this many postings to be judged
FILL_MIN_BASELINE_ROWS = 5  # and its family this many postings in its other partitions
TEXT_MIN_CHARS = 100  # a posting body shorter than this is a teaser, not the text
NO_SKILL_LIMIT = 0.20
NO_SKILL_MIN_IN_SCOPE = 5


def _scope(context: dg.AssetCheckExecutionContext, raw_source: RawSource, data_dir) -> list[str]:
    return scope_keys(context.run, context.instance, raw_source, data_dir.paths())


def _by_family(rows: Iterable[tuple[str, ...]]) -> dict[str, list[int]]:
    """Rows of (source, count, count, …) summed per source family."""
    totals: dict[str, list[int]] = {}
    for source, *counts in rows:
        family = totals.setdefault(family_of(source), [0] * len(counts))
        family[:] = [a + b for a, b in zip(family, counts, strict=True)]
    return totals


@dg.asset_check(
    asset=QUARANTINED,
    name="quarantine_rate_below_limit",
    pool=DUCKDB_POOL,
    description=(
        f"WARN when a source family with at least {QUARANTINE_MIN_RECORDS} raw records in the run "
        f"has more than {QUARANTINE_RATE_LIMIT:.0%} of them quarantined. Records of the `unknown` "
        "family (no adapter) are quarantined by design and only reported."
    ),
)
def quarantine_rate_below_limit(
    context: dg.AssetCheckExecutionContext,
    duckdb: DuckDBResource,
    raw_source: RawSource,
    data_dir: DataDirResource,
) -> dg.AssetCheckResult:
    keys = _scope(context, raw_source, data_dir)
    with duckdb.get_connection() as conn, scope_view(conn, scoped_partitions(conn, keys)):
        raw_counts = conn.execute(sql_file("statements", "quality_raw_by_source")).fetchall()
        reasons = conn.execute(sql_file("statements", "quality_reasons")).fetchall()
    totals = _by_family(
        [(source, raw, 0) for source, raw in raw_counts]
        + [(source, 0, n) for source, _, n in reasons]
    )
    why: dict[str, list[str]] = defaultdict(list)
    for source, reason, n in sorted(reasons):
        why[family_of(source)].append(f"{reason} {n}")
    rows = [
        (f, raw, q, q / raw if raw else 0.0, ", ".join(why[f])) for f, (raw, q) in totals.items()
    ]
    above = [
        r[0]
        for r in rows
        if r[0] != UNKNOWN_SOURCE
        and r[1] >= QUARANTINE_MIN_RECORDS
        and r[3] > QUARANTINE_RATE_LIMIT
    ]
    raw_total = sum(r[1] for r in rows)
    return dg.AssetCheckResult(
        passed=not above,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "above_limit": ", ".join(sorted(above)) or "none",
            "limit": QUARANTINE_RATE_LIMIT,
            "rate": round(sum(r[2] for r in rows) / raw_total, 4) if raw_total else 0.0,
            "by_source": md_table(
                ["source", "raw", "quarantined", "rate", "reasons"], sorted(rows)
            ),
        },
    )


@dg.asset_check(
    asset=RAW,
    name="every_source_returned_postings",
    pool=DUCKDB_POOL,
    description=(
        "WARN when a landed crawl of the run holds no records (the source returned zero "
        "postings); the result names each such partition as `<date>|<source>`."
    ),
)
def every_source_returned_postings(
    context: dg.AssetCheckExecutionContext,
    duckdb: DuckDBResource,
    raw_source: RawSource,
    data_dir: DataDirResource,
) -> dg.AssetCheckResult:
    keys = _scope(context, raw_source, data_dir)
    landed = raw_source.landed(data_dir.paths())
    partitions = in_keys(landed, keys)
    with duckdb.get_connection() as conn, scope_view(conn, partitions):
        lines = {
            (s, d): n
            for s, d, n in conn.execute(sql_file("statements", "quality_raw_lines")).fetchall()
        }
    rows = [(p.source, p.crawl_date, len(landed[p]), lines.get(_at(p), 0)) for p in partitions]
    empty = [r for r in rows if r[3] == 0]
    # Name them as Dagster does (`<date>|<source>`), so a warning says what to look at.
    empty_keys = sorted({str(key_of(p)) for p in partitions if lines.get(_at(p), 0) == 0})
    per_family = _by_family([(source, 1, records) for source, _, _, records in rows])
    return dg.AssetCheckResult(
        passed=not empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=(
            f"{len(empty_keys)} partition(s) landed no posting: {', '.join(empty_keys)}"
            if empty_keys
            else f"all {len(rows)} landed partition(s) hold postings"
        ),
        metadata={
            "empty_partitions": ", ".join(empty_keys) or "none",
            "landed_partitions": len(rows),
            "empty": md_table(["source folder", "crawl date", "files", "records"], empty),
            "by_source": md_table(
                ["source", "partitions", "records"],
                [(f, *v) for f, v in sorted(per_family.items())],
            ),
        },
    )


def _at(partition: Partition) -> tuple[str, date]:
    return partition.source, partition.crawl_date


def fill_rate_rows(
    figures: list[tuple], scope: set[tuple[str, date]]
) -> list[tuple[str, date, int, dict[str, float], dict[str, float | None], list[str]]]:
    """For each scoped partition: its fill rates, its family's usual rates (the family's other
    partitions) and the fields that fell more than FILL_DROP_LIMIT below them."""
    by_family: dict[str, list[int]] = defaultdict(lambda: [0] * (1 + len(FILL_FIELDS)))
    for source, _, *counts in figures:
        by_family[source] = [a + b for a, b in zip(by_family[source], counts, strict=True)]
    out = []
    for source, day, n, *filled in sorted(figures):
        if (source, day) not in scope:
            continue
        other = by_family[source][0] - n
        rates = {f: c / n for f, c in zip(FILL_FIELDS, filled, strict=True)}
        usual = {
            f: (by_family[source][i + 1] - filled[i]) / other
            if other >= FILL_MIN_BASELINE_ROWS
            else None
            for i, f in enumerate(FILL_FIELDS)
        }
        low = [
            f
            for f in FILL_FIELDS
            if n >= FILL_MIN_ROWS and usual[f] is not None and rates[f] < usual[f] - FILL_DROP_LIMIT
        ]
        out.append((source, day, n, rates, usual, low))
    return out


@dg.asset_check(
    asset=NORMALIZED,
    name="fill_rates_at_usual_level",
    pool=DUCKDB_POOL,
    description=(
        "WARN when, in a partition of a crawled family, title, company, text (at least "
        f"{TEXT_MIN_CHARS} characters) or posted_at is filled more than {FILL_DROP_LIMIT:.0%} "
        "less often than in that family's other partitions."
    ),
)
def fill_rates_at_usual_level(
    context: dg.AssetCheckExecutionContext,
    duckdb: DuckDBResource,
    raw_source: RawSource,
    data_dir: DataDirResource,
) -> dg.AssetCheckResult:
    keys = _scope(context, raw_source, data_dir)
    with duckdb.get_connection() as conn:
        scope = {(p.source, p.crawl_date) for p in scoped_partitions(conn, keys)}
        figures = conn.execute(
            sql_file("statements", "quality_fill_rates"),
            {"families": list(CRAWLED_FAMILIES), "text_min": TEXT_MIN_CHARS},
        ).fetchall()
    rows = fill_rate_rows(figures, scope)

    def cell(rate: float, usual: float | None) -> str:
        return f"{rate:.0%}" if usual is None else f"{rate:.0%} ({usual:.0%})"

    below = [r for r in rows if r[5]]
    return dg.AssetCheckResult(
        passed=not below,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "below_usual": ", ".join(f"{r[0]} {r[1]}: {'+'.join(r[5])}" for r in below) or "none",
            "drop_limit": FILL_DROP_LIMIT,
            "fill_rates": md_table(
                ["source", "crawl date", "postings", *[f"{f} (usual)" for f in FILL_FIELDS]],
                [
                    (s, d, n, *[cell(rates[f], usual[f]) for f in FILL_FIELDS])
                    for s, d, n, rates, usual, _ in rows
                ],
            ),
        },
    )


@dg.asset_check(
    asset=NORMALIZED,
    name="in_scope_postings_have_skills",
    pool=DUCKDB_POOL,
    description=(
        f"WARN when more than {NO_SKILL_LIMIT:.0%} of a family's in-scope postings in the run "
        f"(at least {NO_SKILL_MIN_IN_SCOPE}) have no skill outside the `other` section "
        "(title-only postings, which have no body text, are left out)."
    ),
)
def in_scope_postings_have_skills(
    context: dg.AssetCheckExecutionContext,
    duckdb: DuckDBResource,
    raw_source: RawSource,
    data_dir: DataDirResource,
) -> dg.AssetCheckResult:
    keys = _scope(context, raw_source, data_dir)
    with duckdb.get_connection() as conn, scope_view(conn, scoped_partitions(conn, keys)):
        counts = conn.execute(sql_file("statements", "quality_no_skill")).fetchall()
    rows = sorted((f, n, w, w / n) for f, (n, w) in _by_family(counts).items() if n)
    above = [r[0] for r in rows if r[1] >= NO_SKILL_MIN_IN_SCOPE and r[3] > NO_SKILL_LIMIT]
    in_scope = sum(r[1] for r in rows)
    return dg.AssetCheckResult(
        passed=not above,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "above_limit": ", ".join(above) or "none",
            "limit": NO_SKILL_LIMIT,
            "share_without_skills": round(sum(r[2] for r in rows) / in_scope, 4)
            if in_scope
            else 0.0,
            "by_source": md_table(["source", "in scope", "no skill", "share"], rows),
        },
    )


QUALITY_CHECKS = [
    quarantine_rate_below_limit,
    every_source_returned_postings,
    fill_rates_at_usual_level,
    in_scope_postings_have_skills,
]
