"""Blocking asset checks: a failure stops every downstream asset of the run.

- `keys_unique` and `schema_matches_contract` on every published table (warehouse/schema.yml);
- `no_posting_lost` on normalized postings: in each partition of the run, raw records =
  normalized + quarantined.

The WARN checks, which only report, are in dags/quality.py.
"""

from collections.abc import Iterator

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.normalized import NORMALIZED
from dags.assets.warehouse import model_key
from dags.metadata import md_table
from dags.partitions import key_of
from dags.quality import QUALITY_CHECKS
from dags.resources import DUCKDB_POOL, DataDirResource, RawSource
from dags.scope import scope_keys, scope_view, scoped_partitions
from warehouse.db import row_count, sql_file
from warehouse.load import Partition
from warehouse.schema import duplicate_keys, published_tables, schema_problems


def build_table_checks(table: str) -> dg.AssetChecksDefinition:
    """keys_unique and schema_matches_contract for one published table (one op, one connection)."""
    key = model_key(table)

    @dg.multi_asset_check(
        name=f"{table}_contract_checks",
        specs=[
            dg.AssetCheckSpec(
                "keys_unique",
                asset=key,
                blocking=True,
                description=f"{table}: its documented key is unique.",
            ),
            dg.AssetCheckSpec(
                "schema_matches_contract",
                asset=key,
                blocking=True,
                description=f"{table}: columns and types equal warehouse/schema.yml.",
            ),
        ],
        pool=DUCKDB_POOL,
    )
    def contract_checks(duckdb: DuckDBResource) -> Iterator[dg.AssetCheckResult]:
        with duckdb.get_connection() as conn:
            problems = schema_problems(conn, table)
            duplicated = duplicate_keys(conn, table) if not problems else None
            rows = row_count(conn, table)
        yield dg.AssetCheckResult(
            check_name="schema_matches_contract",
            passed=not problems,
            metadata={
                "problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")
            },
        )
        yield dg.AssetCheckResult(
            check_name="keys_unique",
            passed=duplicated == 0,
            metadata={"duplicated_keys": -1 if duplicated is None else duplicated, "rows": rows},
            description=None if duplicated is not None else "not checked: the schema differs",
        )

    return contract_checks


@dg.asset_check(
    asset=NORMALIZED,
    name="no_posting_lost",
    blocking=True,
    pool=DUCKDB_POOL,
    description="In every partition of the run, raw records = normalized + quarantined.",
)
def no_posting_lost(
    context: dg.AssetCheckExecutionContext,
    duckdb: DuckDBResource,
    raw_source: RawSource,
    data_dir: DataDirResource,
) -> dg.AssetCheckResult:
    keys = scope_keys(context.run, context.instance, raw_source, data_dir.paths())
    with duckdb.get_connection() as conn:
        partitions = scoped_partitions(conn, keys)
        with scope_view(conn, partitions):
            rows = conn.execute(sql_file("statements", "reconcile_partitions")).fetchall()
    lost = [r for r in rows if r[2] != r[3] + r[4]]
    return dg.AssetCheckResult(
        passed=not lost,
        metadata={
            "partitions": len(rows),
            "raw": sum(r[2] for r in rows),
            "normalized": sum(r[3] for r in rows),
            "quarantined": sum(r[4] for r in rows),
            "not_reconciled": md_table(
                ["partition", "source folder", "raw", "normalized", "quarantined"],
                [(key_of(Partition(r[0], r[1])), r[0], r[2], r[3], r[4]) for r in lost],
            ),
        },
    )


TABLE_CHECKS = [build_table_checks(table) for table in published_tables()]
ALL_CHECKS = [*TABLE_CHECKS, no_posting_lost, *QUALITY_CHECKS]
