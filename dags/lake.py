"""Opt-in Dagster code location of the lake: Iceberg tables in an object store (warehouse.lake).

    dagster dev -m dags.lake      # with deploy/lake/dagster.yaml as the instance's dagster.yaml

Not part of `dags.definitions` (the default, embedded DuckDB): `make run` never touches it.
Runs of one partition are one at a time by the instance's tag limit on `dagster/partition`; a
range backfill (one run, many partitions) and any writer outside Dagster meet the advisory lock
each partition write holds (warehouse.lake.Lake.writer_lock).
"""

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import pydantic

from dags.partitions import crawl_partitions, key_of, register_keys
from dags.resources import DataDirResource, RawSource, TaxonomyResource
from dags.scope import scope_keys
from pipelines.batch import Runner
from warehouse.lake import Lake, LakeSettings
from warehouse.load import landing_lines
from warehouse.objectstore import S3Settings

LOAD_TABLES = dg.AssetKey(["lake", "load_tables"])


class LakeResource(dg.ConfigurableResource):
    """Where the Iceberg catalog (PostgreSQL) and the table data (s3://) are."""

    catalog_uri: str
    warehouse: str
    s3_endpoint: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    region: str = "us-east-1"
    wait_seconds: float = pydantic.Field(
        default=0.0,
        description="How long a partition write waits for another writer of the same "
        "partition before failing (0: fail at once).",
    )

    @contextmanager
    def open(self) -> Iterator[Lake]:
        s3 = S3Settings(self.s3_endpoint, self.access_key, self.secret_key, self.region)
        with Lake(LakeSettings(self.catalog_uri, self.warehouse, s3)) as lake:
            yield lake


@dg.asset(
    key=LOAD_TABLES,
    partitions_def=crawl_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="lake",
    kinds={"iceberg", "python"},
    description="raw_postings, normalized_postings and quarantined_postings in Iceberg, "
    "written one partition at a time under that partition's writer lock.",
)
def lake_load_tables(
    context: dg.AssetExecutionContext,
    lake: LakeResource,
    raw_source: RawSource,
    data_dir: DataDirResource,
    taxonomy: TaxonomyResource,
) -> dg.MaterializeResult:
    paths = data_dir.paths()
    keys = scope_keys(context.run, context.instance, raw_source, paths)
    landed = raw_source.land(paths, keys, context.log)
    register_keys(context.instance, [key_of(p) for p in landed])  # the UI lists what landed
    totals = {"raw_postings": 0, "normalized_postings": 0, "quarantined_postings": 0}
    with lake.open() as store, Runner(taxonomy.load(), 1) as runner:
        for partition in sorted(landed):
            chunks = runner.run(landing_lines(landed[partition]))
            rows = store.ingest_partition(partition, chunks, wait_seconds=lake.wait_seconds)
            context.log.info(f"{partition.key}: {rows}")
            for name, n in rows.items():
                totals[name] += n
    return dg.MaterializeResult(
        metadata={"dagster/row_count": totals["raw_postings"], "partitions": len(landed), **totals}
    )


@dg.asset(
    key=["lake", "published_tables"],
    deps=[LOAD_TABLES],
    group_name="lake",
    kinds={"iceberg", "duckdb", "sql"},
    description="warehouse/models/*.sql built in DuckDB over the Iceberg load tables, each "
    "published table written back to Iceberg.",
)
def lake_published_tables(lake: LakeResource, taxonomy: TaxonomyResource) -> dg.MaterializeResult:
    with lake.open() as store:
        rows = store.publish(taxonomy.load(), wait_seconds=lake.wait_seconds)
    return dg.MaterializeResult(metadata={"dagster/row_count": sum(rows.values()), **rows})


defs = dg.Definitions(
    assets=[lake_load_tables, lake_published_tables],
    resources={
        "lake": LakeResource(
            catalog_uri=dg.EnvVar("CAREERMARKET_CATALOG_URI"),
            warehouse=dg.EnvVar("CAREERMARKET_WAREHOUSE"),
            s3_endpoint=dg.EnvVar("CAREERMARKET_S3_ENDPOINT"),
            access_key=dg.EnvVar("AWS_ACCESS_KEY_ID"),
            secret_key=dg.EnvVar("AWS_SECRET_ACCESS_KEY"),
        ),
        "raw_source": RawSource(),
        "data_dir": DataDirResource(),
        "taxonomy": TaxonomyResource(),
    },
)
