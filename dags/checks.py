"""Asset checks: blocking ones stop downstream assets, WARN ones only report.

Blocking: every published table's key is unique and its columns match warehouse/schema.yml;
no raw record is lost between raw and normalized + quarantine. Warn: the quarantine rate.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.normalized import NORMALIZED, QUARANTINED
from dags.assets.warehouse import model_key
from warehouse.schema import duplicate_keys, published_tables, schema_problems

QUARANTINE_RATE_LIMIT = 0.10


def build_table_checks(table: str) -> list[dg.AssetChecksDefinition]:
    """keys_unique and schema_matches_contract for one published table."""
    key = model_key(table)

    @dg.asset_check(
        asset=key,
        name="keys_unique",
        blocking=True,
        description=f"{table}: its documented key is unique.",
    )
    def keys_unique(duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with duckdb.get_connection() as conn:
            duplicated = duplicate_keys(conn, table)
        return dg.AssetCheckResult(passed=duplicated == 0, metadata={"duplicated_keys": duplicated})

    @dg.asset_check(
        asset=key,
        name="schema_matches_contract",
        blocking=True,
        description=f"{table}: columns and types equal warehouse/schema.yml.",
    )
    def schema_matches(duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with duckdb.get_connection() as conn:
            problems = schema_problems(conn, table)
        return dg.AssetCheckResult(
            passed=not problems,
            metadata={
                "problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")
            },
        )

    return [keys_unique, schema_matches]


@dg.asset_check(
    asset=NORMALIZED,
    name="no_posting_lost",
    blocking=True,
    description="Every raw record is either normalized or quarantined: the counts reconcile.",
)
def no_posting_lost(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as conn:
        raw, normalized, quarantined = conn.execute(
            "select (select count(*) from raw_postings), (select count(*) from normalized_postings), "
            "(select count(*) from quarantined_postings)"
        ).fetchone()
    return dg.AssetCheckResult(
        passed=raw == normalized + quarantined,
        metadata={"raw": raw, "normalized": normalized, "quarantined": quarantined},
    )


@dg.asset_check(
    asset=QUARANTINED,
    name="quarantine_rate_below_limit",
    description=f"WARN when more than {QUARANTINE_RATE_LIMIT:.0%} of raw records are quarantined.",
)
def quarantine_rate(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as conn:
        raw = conn.execute("select count(*) from raw_postings").fetchone()[0]
        rows = conn.execute(
            "select reason, count(*) from quarantined_postings group by 1 order by 2 desc"
        ).fetchall()
    quarantined = sum(n for _, n in rows)
    rate = quarantined / raw if raw else 0.0
    return dg.AssetCheckResult(
        passed=rate <= QUARANTINE_RATE_LIMIT,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "rate": round(rate, 4),
            "limit": QUARANTINE_RATE_LIMIT,
            "quarantined": quarantined,
            "raw": raw,
            **{f"reason/{reason}": n for reason, n in rows},
        },
    )


TABLE_CHECKS = [check for table in published_tables() for check in build_table_checks(table)]
ALL_CHECKS = [*TABLE_CHECKS, no_posting_lost, quarantine_rate]
