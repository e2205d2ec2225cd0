"""normalized/*: raw rows through pipelines.normalize, quarantine beside them, then dedupe."""

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from dags.assets.raw import RAW
from dags.automation import REFRESH_AFTER_NEW_POSTINGS
from dags.metadata import log_partition_events, md_table
from dags.partitions import family_of, key_of
from dags.resources import DUCKDB_POOL
from dags.scope import scope_view
from warehouse.db import sql_file
from warehouse.dedupe import refresh_duplicates
from warehouse.load import NormalizeCounts, Partition

NORMALIZED = dg.AssetKey(["normalized", "normalized_postings"])
QUARANTINED = dg.AssetKey(["normalized", "quarantined_postings"])
TOP_SKILLS = 5

NORMALIZED_SPECS = [
    dg.AssetSpec(
        NORMALIZED,
        deps=[RAW],
        group_name="normalized",
        description="Normalized postings (CONTRACT §3), one row per raw record that normalized, per crawl.",
        kinds={"duckdb", "python"},
    ),
    dg.AssetSpec(
        QUARANTINED,
        deps=[RAW],
        group_name="normalized",
        description="Raw records that could not be normalized, with the reason (never dropped).",
        kinds={"duckdb"},
    ),
]


def normalized_results(
    context: dg.AssetExecutionContext,
    conn: duckdb.DuckDBPyConnection,
    counts: Mapping[Partition, NormalizeCounts],
) -> Iterator[dg.MaterializeResult]:
    """Results for normalized and quarantined postings of the ingested partitions."""
    with scope_view(conn, list(counts)):
        sections = conn.execute(sql_file("statements", "normalized_skills_by_section")).fetchall()
        top = conn.execute(
            sql_file("statements", "normalized_top_skills"), {"top": TOP_SKILLS}
        ).fetchall()
        in_scope = {
            Partition(s, d): n
            for s, d, n in conn.execute(sql_file("statements", "normalized_in_scope")).fetchall()
        }

    by_key: dict[str, NormalizeCounts] = defaultdict(NormalizeCounts)
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    reasons: Counter[str] = Counter()
    reasons_by_family: dict[str, Counter[str]] = defaultdict(Counter)
    for part, c in counts.items():
        total = by_key[key_of(part)]
        total.raw += c.raw
        total.normalized += c.normalized
        total.quarantined += c.quarantined
        family = by_family[family_of(part.source)]
        for i, n in enumerate((c.raw, c.normalized, c.quarantined, in_scope.get(part, 0))):
            family[i] += n
        reasons.update(c.reasons)
        reasons_by_family[family_of(part.source)].update(c.reasons)
    raw = sum(c.raw for c in counts.values())
    quarantined = sum(c.quarantined for c in counts.values())

    log_partition_events(
        context,
        NORMALIZED,
        {k: {"dagster/row_count": c.normalized, "raw": c.raw} for k, c in by_key.items()},
    )
    log_partition_events(
        context,
        QUARANTINED,
        {k: {"dagster/row_count": c.quarantined, "raw": c.raw} for k, c in by_key.items()},
    )
    yield dg.MaterializeResult(
        asset_key=NORMALIZED,
        metadata={
            "dagster/row_count": raw - quarantined,
            "raw_records": raw,
            "in_scope": sum(f[3] for f in by_family.values()),
            "partitions": len(by_key),
            "by_source": md_table(
                ["source", "raw", "normalized", "quarantined", "in scope"],
                [(s, *v) for s, v in sorted(by_family.items())],
            ),
            "skills_by_section": md_table(["section", "mentions", "postings"], sections),
            "top_skills": md_table(["section", "skill", "postings"], top),
        },
    )
    yield dg.MaterializeResult(
        asset_key=QUARANTINED,
        metadata={
            "dagster/row_count": quarantined,
            "quarantine_rate": round(quarantined / raw, 4) if raw else 0.0,
            "by_reason": md_table(["reason", "records"], sorted(reasons.items())),
            "by_source": md_table(
                ["source", "raw", "quarantined", "reasons"],
                [
                    (
                        s,
                        v[0],
                        v[2],
                        ", ".join(f"{r} {n}" for r, n in sorted(reasons_by_family[s].items())),
                    )
                    for s, v in sorted(by_family.items())
                ],
            ),
        },
    )


@dg.asset(
    key=["normalized", "posting_duplicates"],
    deps=[NORMALIZED],
    group_name="normalized",
    pool=DUCKDB_POOL,
    automation_condition=REFRESH_AFTER_NEW_POSTINGS,
    description=(
        "Reposts and cross-source copies across all partitions: each points at the canonical "
        "(earliest) posting. Incremental: only the companies whose postings changed since the "
        "last run are re-decided, within a time window (warehouse/dedupe.py)."
    ),
    kinds={"duckdb", "python"},
)
def posting_duplicates(duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        run = refresh_duplicates(conn)
        methods = conn.execute(sql_file("statements", "duplicates_by_method")).fetchall()
        by_source = conn.execute(sql_file("statements", "duplicates_by_source")).fetchall()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": run.duplicates,
            "changed_postings": run.changed,
            "postings_redecided": run.checked,
            "by_method": md_table(["method", "postings"], methods),
            "by_source": md_table(["source", "duplicates"], by_source),
        }
    )
