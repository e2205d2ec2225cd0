"""Configured resources: the data directory, the taxonomy and where raw postings come from.

The raw source is abstract with two implementations: the bundled snapshot (the default, offline)
and live crawling (subprocess `scrapy crawl`). Nothing here reads environment variables at
import: a different setup is different resource configuration.
"""

from abc import ABC, abstractmethod
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pydantic

from pipelines.taxonomy import Taxonomy, load_taxonomy
from warehouse.load import Partition, landing_files
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths


class DataDirResource(dg.ConfigurableResource):
    """The runtime data directory (DuckDB file, exports, landing, normalized JSONL)."""

    root: str = str(DEFAULT_DATA_DIR)

    def paths(self) -> DataPaths:
        return DataPaths(Path(self.root))


class TaxonomyResource(dg.ConfigurableResource):
    """The taxonomy YAML: the bundled one unless a directory is configured."""

    directory: str | None = None

    def load(self) -> Taxonomy:
        return load_taxonomy(self.directory)


class RawSource(dg.ConfigurableResource, ABC):
    """Where raw landing files come from; returns them grouped by partition."""

    @abstractmethod
    def land(self, paths: DataPaths, log: dg.DagsterLogManager) -> dict[Partition, list[Path]]:
        """Make raw landing files available and list them by partition."""


class SnapshotRawSource(RawSource):
    """The bundled, hand-written snapshot in data/snapshot (offline; the default)."""

    directory: str | None = None

    def land(self, paths: DataPaths, log: dg.DagsterLogManager) -> dict[Partition, list[Path]]:
        root = Path(self.directory) if self.directory else paths.snapshot
        files = landing_files(root)
        log.info(
            f"snapshot {root}: {sum(map(len, files.values()))} files in {len(files)} partitions"
        )
        return files


class LiveCrawlRawSource(RawSource):
    """Crawls the real job sources with Scrapy in a subprocess, then reads today's landing."""

    sources: list[str] = pydantic.Field(default_factory=list)

    def land(self, paths: DataPaths, log: dg.DagsterLogManager) -> dict[Partition, list[Path]]:
        from scrapers.runner import run_crawl  # imported late: Scrapy is not needed offline

        today = datetime.now(UTC).date()
        for source in self.sources:
            result = run_crawl(source, data_dir=paths.root)
            log.info(f"crawl {source}: {result}")
        return {
            part: files
            for part, files in landing_files(paths.raw).items()
            if part.crawl_date == today and (not self.sources or part.source in self.sources)
        }
