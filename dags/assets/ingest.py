"""The partitioned step: land and load raw postings, then normalize them, in one op.

One op rather than two assets' ops because an unpartitioned run of the partitioned assets
(what `careermarket run` launches: every landed partition at once) is only possible when no
partitioned asset reads another one across ops; Dagster would ask that run for its partition
range. The three assets still show, materialize and are checked separately.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.normalized import NORMALIZED_SPECS, normalize_scope
from dags.assets.raw import RAW_SPEC, load_landing
from dags.partitions import crawl_partitions
from dags.resources import DUCKDB_POOL, DataDirResource, RawSource, TaxonomyResource
from dags.scope import scope_keys


@dg.multi_asset(
    name="ingest_postings",
    specs=[RAW_SPEC, *NORMALIZED_SPECS],
    partitions_def=crawl_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=DUCKDB_POOL,
    description="Land, load and normalize the run's partitions (date × source family).",
)
def ingest_postings(
    context: dg.AssetExecutionContext,
    raw_source: RawSource,
    data_dir: DataDirResource,
    duckdb: DuckDBResource,
    taxonomy: TaxonomyResource,
):
    paths = data_dir.paths()
    keys = scope_keys(context.run, raw_source, paths)
    context.log.info(
        f"{len(keys)} partitions: {', '.join(keys[:10])}{' …' if len(keys) > 10 else ''}"
    )
    # Crawl (live) before opening the warehouse: DuckDB has one writer, a crawl takes minutes.
    landed = raw_source.land(paths, keys, context.log)
    with duckdb.get_connection() as conn:
        yield load_landing(context, conn, raw_source, paths, keys, landed)
        yield from normalize_scope(context, conn, taxonomy.load(), paths, keys)
