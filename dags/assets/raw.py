"""raw/raw_postings: landing files as rows of the warehouse's raw_postings table."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.metadata import markdown_table
from dags.resources import DataDirResource, RawSource
from warehouse.load import load_raw


@dg.asset(
    key=["raw", "raw_postings"],
    group_name="raw",
    description="Raw postings as landed (CONTRACT §2), one row per landing-file line, bytes unchanged.",
    kinds={"duckdb", "python"},
)
def raw_postings(
    context: dg.AssetExecutionContext,
    raw_source: RawSource,
    data_dir: DataDirResource,
    duckdb: DuckDBResource,
) -> dg.MaterializeResult:
    partitions = raw_source.land(data_dir.paths(), context.log)
    per_partition = []
    with duckdb.get_connection() as conn:
        for partition, files in sorted(partitions.items()):
            rows = load_raw(conn, partition, files)
            per_partition.append((partition.source, str(partition.crawl_date), len(files), rows))
    total = sum(r for *_, r in per_partition)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": total,
            "partitions": len(per_partition),
            "landing": dg.MetadataValue.md(
                markdown_table(["source", "crawl date", "files", "lines"], per_partition)
            ),
        }
    )
