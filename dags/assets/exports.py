"""exports/parquet_exports: every published table to Parquet with manifest.json."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.warehouse import model_key
from dags.metadata import markdown_table
from dags.resources import DataDirResource, TaxonomyResource
from warehouse.export import export_tables
from warehouse.schema import published_tables


@dg.asset(
    key=["exports", "parquet_exports"],
    deps=[model_key(name) for name in published_tables()],
    group_name="exports",
    description="data/exports/<table>.parquet (zstd, written by DuckDB's COPY) and manifest.json.",
    kinds={"parquet", "duckdb"},
)
def parquet_exports(
    duckdb: DuckDBResource, data_dir: DataDirResource, taxonomy: TaxonomyResource
) -> dg.MaterializeResult:
    out = data_dir.paths().exports
    with duckdb.get_connection() as conn:
        manifest = export_tables(conn, out, taxonomy.load().version)
    tables = manifest["tables"]
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(t["rows"] for t in tables),
            "path": dg.MetadataValue.path(str(out)),
            "manifest": dg.MetadataValue.path(str(out / "manifest.json")),
            "files": dg.MetadataValue.md(
                markdown_table(
                    ["file", "rows", "bytes", "sha256"],
                    [(t["file"], t["rows"], t["bytes"], t["sha256"][:12]) for t in tables],
                )
            ),
        }
    )
