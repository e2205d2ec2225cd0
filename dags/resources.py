"""Configured resources: the data directory, the taxonomy and where raw postings come from.

Nothing here reads environment variables: a different setup is different resource
configuration (in `Definitions`, in a job's config, or in a run's config from the launchpad).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import dagster as dg
import duckdb
import pydantic
from dagster_duckdb import DuckDBResource

from dags.partitions import (
    CRAWLED_FAMILIES,
    family_of,
    in_keys,
    key_of,
    partition_key,
    split_key,
)
from pipelines.taxonomy import Taxonomy, load_taxonomy
from warehouse.db import WarehouseLocked, apply_limits, open_duckdb
from warehouse.load import Partition, landing_files
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths

if TYPE_CHECKING:
    from scrapers.runner import CrawlResult, SharedCrawlResult

# DuckDB allows one writer: every asset and check that opens the database is in this pool,
# and the instance limits the pool to one run at a time (README, "Dagster").
DUCKDB_POOL = "duckdb"


# DuckDB's default is 80% of the machine's memory; bounded, the SQL models spill to
# temp_directory instead of growing the run's process.
DEFAULT_MEMORY_LIMIT = "1GB"


class WarehouseDuckDB(DuckDBResource):
    """DuckDBResource whose connections have a memory limit and a spill directory, and that
    waits a bounded time for a lock another process holds, then fails the step with one
    sentence naming the holder (DuckDBResource retries for minutes)."""

    lock_wait_seconds: float = 10.0
    memory_limit: str = pydantic.Field(
        default=DEFAULT_MEMORY_LIMIT,
        description="DuckDB memory_limit of every connection (e.g. 1GB, 512MB); beyond it, "
        "operators spill to temp_directory.",
    )
    temp_directory: str | None = pydantic.Field(
        default=None,
        description="Where DuckDB spills (default: <database>.tmp beside the database file).",
    )

    def spill_directory(self) -> str:
        return self.temp_directory or f"{self.database}.tmp"

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        config = {"custom_user_agent": "dagster", **self.connection_config}
        try:
            conn = open_duckdb(
                self.database, config=config, lock_wait_seconds=self.lock_wait_seconds
            )
        except WarehouseLocked as error:
            raise dg.Failure(description=str(error), allow_retries=False) from error
        try:
            apply_limits(conn, self.memory_limit, self.spill_directory())
            yield conn
        finally:
            conn.close()


class DataDirResource(dg.ConfigurableResource):
    """The runtime data directory (DuckDB file, exports, landing, the Dagster instance)."""

    root: str = str(DEFAULT_DATA_DIR)

    def paths(self) -> DataPaths:
        return DataPaths(Path(self.root))


class TaxonomyResource(dg.ConfigurableResource):
    """The taxonomy YAML: the bundled one unless a directory is configured."""

    directory: str | None = None

    def load(self) -> Taxonomy:
        return load_taxonomy(self.directory)


class RawSource(dg.ConfigurableResource):
    """Where raw landing files come from.

    Files are read from two landing roots: the bundled snapshot (`<data>/snapshot`) and what
    crawls landed (`<data>/raw`). `mode: snapshot` (the default) reads them as they are and
    never touches the network; `mode: live` first crawls each targeted source family whose
    partition is today's (`scrapy crawl` in a subprocess, into `<data>/raw`); with
    `redis_url`, `crawl_workers` such processes share one frontier (README, "Scaling out").
    """

    mode: Literal["snapshot", "live"] = "snapshot"
    sources: list[str] = pydantic.Field(
        default_factory=list,
        description="Families an unpartitioned run covers (empty: all; live: all crawled ones).",
    )
    snapshot_dir: str | None = pydantic.Field(
        default=None, description="The bundled snapshot; default <data>/snapshot."
    )
    spider_args: dict[str, str] = pydantic.Field(
        default_factory=dict,
        description="Live mode: `-a` spider arguments for every crawl (boards, base_url, …).",
    )
    crawl_settings: dict[str, str] = pydantic.Field(
        default_factory=dict,
        description="Live mode: `-s` Scrapy settings for every crawl (CLOSESPIDER_ITEMCOUNT, …).",
    )
    crawl_timeout_seconds: float = 3600.0
    crawl_workers: int = pydantic.Field(
        default=1,
        ge=1,
        description="Live mode: crawl processes per family. Above 1 they share one frontier, "
        "ledger and per-host politeness budget in Redis (`redis_url`, the scale extra).",
    )
    redis_url: str | None = pydantic.Field(
        default=None,
        description="Live mode: redis://host:port/db of the shared crawl frontier; set, every "
        "crawl goes through it (run_shared_crawl), even with one worker.",
    )

    @pydantic.model_validator(mode="after")
    def _workers_need_redis(self) -> "RawSource":
        if self.crawl_workers > 1 and not self.redis_url:
            raise ValueError("crawl_workers above 1 needs redis_url (the shared frontier)")
        return self

    def roots(self, paths: DataPaths) -> list[Path]:
        return [Path(self.snapshot_dir) if self.snapshot_dir else paths.snapshot, paths.raw]

    def landed(self, paths: DataPaths) -> dict[Partition, list[Path]]:
        """Every landing file under the roots, by landing partition (`*.part` never listed)."""
        out: dict[Partition, list[Path]] = {}
        for root in self.roots(paths):
            for part, files in landing_files(root).items():
                out.setdefault(part, []).extend(files)
        return out

    def default_keys(self, paths: DataPaths) -> list[str]:
        """What an unpartitioned run targets: every landed partition (snapshot), or today's
        partition of each crawled family (live); restricted to `sources` when set."""
        if self.mode == "live":
            today = datetime.now(UTC).date()
            return [partition_key(today, f) for f in (self.sources or CRAWLED_FAMILIES)]
        landed = self.landed(paths)
        if self.sources:
            landed = {p: f for p, f in landed.items() if family_of(p.source) in self.sources}
        return sorted({key_of(p) for p in landed})

    def land(
        self, paths: DataPaths, keys: list[str], log: dg.DagsterLogManager
    ) -> dict[Partition, list[Path]]:
        """Make the partitions' landing files available (crawl, when live) and list them."""
        if self.mode == "live":
            self._crawl(paths, keys, log)
        landed = self.landed(paths)
        return {p: landed[p] for p in in_keys(landed, keys)}

    def crawl_family(self, family: str, paths: DataPaths) -> "CrawlResult | SharedCrawlResult":
        """One family's live crawl: one process, or `crawl_workers` on the Redis frontier."""
        from scrapers import runner  # late: Scrapy is not needed offline

        common = {
            "data_dir": paths.root,
            "spider_args": self.spider_args,
            "settings": self.crawl_settings,
            "timeout": self.crawl_timeout_seconds,
        }
        if self.redis_url:
            return runner.run_shared_crawl(
                family, workers=self.crawl_workers, redis_url=self.redis_url, **common
            )
        return runner.run_crawl(family, **common)

    def _crawl(self, paths: DataPaths, keys: list[str], log: dg.DagsterLogManager) -> None:
        today = datetime.now(UTC).date()
        families = sorted(
            {f for d, f in map(split_key, keys) if d == today} & set(CRAWLED_FAMILIES)
        )
        skipped = sorted({k for k in keys if split_key(k)[0] != today})
        if skipped:
            log.info(f"live: {len(skipped)} past partitions read from what already landed")
        failed = []
        for family in families:
            result = self.crawl_family(family, paths)
            log.info(f"crawl {family}: {result.summary}")
            if not result.ok:
                failed.append(
                    f"{family}: {result.failure_reason or result.finish_reason}; log {result.log_path}"
                )
        if failed:
            # What the other crawls landed stays in <data>/raw for the landing sensor.
            raise dg.Failure(description=f"crawls did not finish: {'; '.join(failed)}")
