"""Jobs as asset selections. Every job runs its steps in one process, one after another:
DuckDB allows a single writer (README, "Dagster")."""

import os
from collections.abc import Mapping

import dagster as dg

from dags.assets.normalized import NORMALIZED, QUARANTINED
from dags.assets.raw import RAW
from dags.partitions import SOURCE_GROUPS

DUPLICATES = dg.AssetKey(["normalized", "posting_duplicates"])
# The partitioned assets: landing → raw rows → normalized + quarantined.
INGEST = dg.AssetSelection.assets(RAW, NORMALIZED, QUARANTINED)
# Everything computed across partitions from what is loaded: dedupe, SQL models, exports.
PUBLISH = dg.AssetSelection.assets(DUPLICATES) | dg.AssetSelection.groups("warehouse", "exports")
# What a deployment sets to crawl on the shared frontier (README, "Deployment").
REDIS_URL_ENV, CRAWL_WORKERS_ENV = "CAREERMARKET_REDIS_URL", "CAREERMARKET_CRAWL_WORKERS"


def live_config(environ: Mapping[str, str] = os.environ) -> dict:
    """The crawl jobs' run config: live, and with `CAREERMARKET_REDIS_URL` set where the
    definitions load (a cluster's code location), `CAREERMARKET_CRAWL_WORKERS` (default 2)
    processes per family on the shared frontier. Read at load time, so a launchpad shows it:
    a job's run config resets every field of the resource it does not name to its default."""
    config: dict = {"mode": "live"}
    if environ.get(REDIS_URL_ENV):
        config["redis_url"] = environ[REDIS_URL_ENV]
        config["crawl_workers"] = int(environ.get(CRAWL_WORKERS_ENV) or 2)
    return {"resources": {"raw_source": {"config": config}}}


LIVE = live_config()

materialize_all_job = dg.define_asset_job(
    "materialize_all_job",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description=(
        "Every asset, landing files to Parquet exports. Unpartitioned (what `careermarket run` "
        "launches): every landed partition in one run; or one partition, or a range."
    ),
)
ingest_postings_job = dg.define_asset_job(
    "ingest_postings_job",
    selection=INGEST,
    executor_def=dg.in_process_executor,
    description="Load and normalize the targeted partitions from what has landed (no crawling).",
)
refresh_warehouse_job = dg.define_asset_job(
    "refresh_warehouse_job",
    selection=PUBLISH,
    executor_def=dg.in_process_executor,
    description="Dedupe, rebuild the SQL models and write the exports from what is loaded.",
)


def crawl_job_name(group: str) -> str:
    return f"crawl_{group}_job"


CRAWL_JOBS = {
    group: dg.define_asset_job(
        crawl_job_name(group),
        selection=INGEST,
        executor_def=dg.in_process_executor,
        config=LIVE,
        tags={"careermarket/source_group": group},
        description=(
            f"Live crawl of {', '.join(families)} (scrapy crawl in a subprocess) into today's "
            "partition, then load and normalize it."
        ),
    )
    for group, families in SOURCE_GROUPS.items()
}

ALL_JOBS = [materialize_all_job, ingest_postings_job, refresh_warehouse_job, *CRAWL_JOBS.values()]
