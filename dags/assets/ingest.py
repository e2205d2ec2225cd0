"""The partitioned step: land raw postings, then load and normalize them, in one op.

One op rather than two assets' ops because an unpartitioned run of the partitioned assets
(what `careermarket run` launches: every landed partition at once) is only possible when no
partitioned asset reads another one across ops; Dagster would ask that run for its partition
range. The three assets still show, materialize and are checked separately.

Each partition streams one way: landing lines → the shared runner (pipelines.batch: parsed
once, normalized on worker processes, returned as Arrow batches) → DuckDB, a batch at a time,
in one transaction per partition (warehouse.load.load_partition).
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.assets.normalized import NORMALIZED_SPECS, normalized_results
from dags.assets.raw import RAW_SPEC, raw_result
from dags.partitions import crawl_partitions
from dags.resources import DUCKDB_POOL, DataDirResource, RawSource, TaxonomyResource
from dags.scope import scope_keys, scoped_partitions
from pipelines.batch import Runner, auto_workers
from warehouse.load import count_lines, landing_lines, load_partition


@dg.multi_asset(
    name="ingest_postings",
    specs=[RAW_SPEC, *NORMALIZED_SPECS],
    partitions_def=crawl_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=DUCKDB_POOL,
    description="Land, load and normalize the run's partitions (landed date|source pairs).",
)
def ingest_postings(
    context: dg.AssetExecutionContext,
    raw_source: RawSource,
    data_dir: DataDirResource,
    duckdb: DuckDBResource,
    taxonomy: TaxonomyResource,
):
    paths = data_dir.paths()
    keys = scope_keys(context.run, context.instance, raw_source, paths)
    context.log.info(
        f"{len(keys)} partitions: {', '.join(keys[:10])}{' …' if len(keys) > 10 else ''}"
    )
    # Crawl (live) before opening the warehouse: DuckDB has one writer, a crawl takes minutes.
    landed = raw_source.land(paths, keys, context.log)
    lines = count_lines(f for files in landed.values() for f in files)
    workers = auto_workers(lines)
    context.log.info(f"{lines:,} landed lines, normalized on {workers} process(es)")
    with duckdb.get_connection() as conn, Runner(taxonomy.load(), workers) as runner:
        # A targeted partition whose files are gone keeps no rows: it is loaded empty.
        stale = [p for p in scoped_partitions(conn, keys) if p not in landed]
        counts = {}
        for partition in sorted({*landed, *stale}):
            files = landed.get(partition, [])
            counts[partition] = load_partition(conn, partition, runner.run(landing_lines(files)))
            context.log.info(f"{partition.key}: {counts[partition].raw:,} lines loaded")
        yield raw_result(context, raw_source, paths, landed, counts)
        yield from normalized_results(context, conn, counts)
