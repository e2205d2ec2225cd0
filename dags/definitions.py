"""The one `Definitions` of careermarket: assets, checks, jobs and resources.

The default resources read the bundled offline snapshot; `careermarket run --live` swaps the
raw source for live crawling.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.exports import parquet_exports
from dags.assets.normalized import normalized_postings, posting_duplicates
from dags.assets.raw import raw_postings
from dags.assets.warehouse import MODEL_ASSETS, taxonomy_tables
from dags.checks import ALL_CHECKS
from dags.resources import (
    DataDirResource,
    LiveCrawlRawSource,
    SnapshotRawSource,
    TaxonomyResource,
)
from warehouse.paths import DataPaths

ASSETS = [
    raw_postings,
    normalized_postings,
    posting_duplicates,
    taxonomy_tables,
    *MODEL_ASSETS,
    parquet_exports,
]

materialize_all_job = dg.define_asset_job(
    "materialize_all_job",
    selection=dg.AssetSelection.all(),
    description="Every asset, raw landing to Parquet exports.",
)
refresh_warehouse_job = dg.define_asset_job(
    "refresh_warehouse_job",
    selection=dg.AssetSelection.groups("warehouse", "exports"),
    description="Rebuild the SQL models and exports from what is already normalized.",
)


def default_resources(
    data_root: str | None = None, live_sources: list[str] | None = None
) -> dict[str, object]:
    """Resources for a run under `data_root`: the bundled snapshot, or live crawls of sources."""
    data_dir = DataDirResource(root=data_root) if data_root else DataDirResource()
    raw_source = (
        LiveCrawlRawSource(sources=live_sources)
        if live_sources is not None
        else SnapshotRawSource()
    )
    return {
        "data_dir": data_dir,
        "duckdb": DuckDBResource(database=str(DataPaths(data_dir.paths().root).database)),
        "raw_source": raw_source,
        "taxonomy": TaxonomyResource(),
    }


def build_definitions(resources: dict[str, object]) -> dg.Definitions:
    """The project's Definitions bound to the given resources."""
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[materialize_all_job, refresh_warehouse_job],
        resources=resources,
    )


defs = build_definitions(default_resources())
