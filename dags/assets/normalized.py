"""normalized/*: raw rows through pipelines.normalize, quarantine beside them, then dedupe."""

from collections import Counter

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.metadata import markdown_table
from dags.resources import DataDirResource, TaxonomyResource
from warehouse.load import NormalizeCounts, Partition, normalize_partition, refresh_duplicates

NORMALIZED = dg.AssetKey(["normalized", "normalized_postings"])
QUARANTINED = dg.AssetKey(["normalized", "quarantined_postings"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            NORMALIZED,
            deps=[dg.AssetKey(["raw", "raw_postings"])],
            group_name="normalized",
            description="Normalized postings (CONTRACT §3), one row per raw record that normalized, per crawl.",
            kinds={"duckdb", "python"},
        ),
        dg.AssetSpec(
            QUARANTINED,
            deps=[dg.AssetKey(["raw", "raw_postings"])],
            group_name="normalized",
            description="Raw records that could not be normalized, with the reason.",
            kinds={"duckdb"},
        ),
    ],
)
def normalized_postings(
    context: dg.AssetExecutionContext,
    duckdb: DuckDBResource,
    data_dir: DataDirResource,
    taxonomy: TaxonomyResource,
):
    tax = taxonomy.load()
    paths = data_dir.paths()
    totals = NormalizeCounts()
    per_source: Counter[str] = Counter()
    per_source_quarantined: Counter[str] = Counter()
    with duckdb.get_connection() as conn:
        partitions = [
            Partition(source, crawl_date)
            for source, crawl_date in conn.execute(
                "select distinct source, crawl_date from raw_postings order by all"
            ).fetchall()
        ]
        for partition in partitions:
            counts = normalize_partition(conn, partition, tax, paths.root)
            totals.raw += counts.raw
            totals.normalized += counts.normalized
            totals.quarantined += counts.quarantined
            for reason, n in counts.reasons.items():
                totals.reasons[reason] = totals.reasons.get(reason, 0) + n
            per_source[partition.source] += counts.normalized
            per_source_quarantined[partition.source] += counts.quarantined
        sections = conn.execute(
            "select s.section, count(*) from normalized_postings, unnest(skills) as t(s) group by 1 order by 1"
        ).fetchall()
        top = conn.execute(
            "select s.id, count(distinct posting_key) as postings from normalized_postings, "
            "unnest(skills) as t(s) where s.section = 'required' group by 1 order by 2 desc, 1 limit 10"
        ).fetchall()
        in_scope = conn.execute(
            "select count(*) from normalized_postings where in_scope"
        ).fetchone()[0]
    yield dg.MaterializeResult(
        asset_key=NORMALIZED,
        metadata={
            "dagster/row_count": totals.normalized,
            "in_scope": in_scope,
            "raw_records": totals.raw,
            "by_source": dg.MetadataValue.md(
                markdown_table(
                    ["source", "normalized", "quarantined"],
                    [(s, per_source[s], per_source_quarantined[s]) for s in sorted(per_source)],
                )
            ),
            "skills_by_section": dg.MetadataValue.md(
                markdown_table(["section", "mentions"], sections)
            ),
            "top_required_skills": dg.MetadataValue.md(markdown_table(["skill", "postings"], top)),
        },
    )
    yield dg.MaterializeResult(
        asset_key=QUARANTINED,
        metadata={
            "dagster/row_count": totals.quarantined,
            "quarantine_rate": round(totals.quarantined / totals.raw, 4) if totals.raw else 0.0,
            "by_reason": dg.MetadataValue.md(
                markdown_table(["reason", "records"], sorted(totals.reasons.items()))
            ),
        },
    )


@dg.asset(
    key=["normalized", "posting_duplicates"],
    deps=[NORMALIZED],
    group_name="normalized",
    description="Reposts and cross-source copies: each points at the canonical (earliest) posting.",
    kinds={"duckdb", "python"},
)
def posting_duplicates(duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        found = refresh_duplicates(conn)
        methods = conn.execute(
            "select method, count(*) from posting_duplicates group by 1 order by 1"
        ).fetchall()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": found,
            "by_method": dg.MetadataValue.md(markdown_table(["method", "postings"], methods)),
        }
    )
