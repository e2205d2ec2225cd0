"""The one `Definitions` of careermarket: assets, checks, jobs, schedules, sensors, resources.

`dagster dev` from the repository root loads `defs` ([tool.dagster] in pyproject.toml). The
default resources read the bundled offline snapshot under the project's data directory;
`careermarket run` builds the same definitions with its own data directory and raw source.
"""

from pathlib import Path

import dagster as dg

from dags.assets.exports import parquet_exports
from dags.assets.ingest import ingest_postings
from dags.assets.normalized import posting_duplicates
from dags.assets.warehouse import MODEL_ASSETS, taxonomy_tables
from dags.checks import ALL_CHECKS
from dags.jobs import ALL_JOBS
from dags.resources import (
    ComputeResource,
    DataDirResource,
    RawSource,
    TaxonomyResource,
    WarehouseDuckDB,
)
from dags.schedules import CRAWL_SCHEDULES
from dags.sensors import ALL_SENSORS
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths

ASSETS = [
    ingest_postings,
    posting_duplicates,
    taxonomy_tables,
    *MODEL_ASSETS,
    parquet_exports,
]


def default_resources(
    data_root: str | None = None, raw_source: RawSource | None = None
) -> dict[str, object]:
    """Resources for runs under `data_root` (default: the project's data/), offline by default;
    normalization runs where CAREERMARKET_COMPUTE says (default: local)."""
    root = data_root or str(DEFAULT_DATA_DIR)
    return {
        "data_dir": DataDirResource(root=root),
        "duckdb": WarehouseDuckDB(database=str(DataPaths(Path(root)).database)),
        "raw_source": raw_source or RawSource(),
        "taxonomy": TaxonomyResource(),
        "compute": ComputeResource.from_env(),
    }


def build_definitions(resources: dict[str, object]) -> dg.Definitions:
    """The project's Definitions bound to the given resources."""
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=ALL_JOBS,
        schedules=CRAWL_SCHEDULES,
        sensors=ALL_SENSORS,
        # Callers that build their own resources run locally unless they say otherwise.
        resources={"compute": ComputeResource(), **resources},
        # Runs launched from the UI's asset graph run in one process too: one DuckDB writer.
        executor=dg.in_process_executor,
    )


defs = build_definitions(default_resources())
