"""exports/parquet_exports: every published table to Parquet, with manifest.json."""

from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.warehouse import model_key
from dags.automation import PUBLISHED_FRESHNESS, REFRESH_AFTER_NEW_POSTINGS
from dags.metadata import md_table
from dags.resources import DUCKDB_POOL, DataDirResource, TaxonomyResource
from warehouse.export import export_tables
from warehouse.schema import published_tables


def manifest_summary(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest without its per-column documentation (that stays in the file)."""
    return {
        **{k: v for k, v in manifest.items() if k != "tables"},
        "tables": [{k: v for k, v in t.items() if k != "columns"} for t in manifest["tables"]],
    }


@dg.asset(
    key=["exports", "parquet_exports"],
    deps=[model_key(name) for name in published_tables()],
    group_name="exports",
    pool=DUCKDB_POOL,
    automation_condition=REFRESH_AFTER_NEW_POSTINGS,
    freshness_policy=PUBLISHED_FRESHNESS,
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
    files = [(t["file"], t["rows"], t["bytes"], t["sha256"][:12]) for t in tables]
    files += [
        (t["csv"]["file"], t["rows"], t["csv"]["bytes"], t["csv"]["sha256"][:12])
        for t in tables
        if isinstance(t.get("csv"), dict)
    ]
    written = sorted(p for p in out.iterdir() if p.is_file())
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(t["rows"] for t in tables),
            "tables": len(tables),
            "bytes": sum(p.stat().st_size for p in written),
            "path": dg.MetadataValue.path(str(out)),
            "files": md_table(["file", "rows", "bytes", "sha256"], files),
            "manifest_file": dg.MetadataValue.path(str(out / "manifest.json")),
            "manifest": dg.MetadataValue.json(manifest_summary(manifest)),
        }
    )
