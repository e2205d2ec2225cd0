"""Partitions: crawl date × source family, and which partitions a run targets.

A landing folder `<root>/<source>/<YYYY-MM-DD>/` is one `warehouse.load.Partition`; its Dagster
partition key is `<YYYY-MM-DD>|<family>`. Folders of a source no adapter reads (say `indeed`)
share the family `unknown`: they are still loaded, and normalization quarantines their records
as `unknown_source`.

The daily dimension starts at the first landed date (the oldest landing folder holding a file
under the project's landing roots, read when the definitions load), not at a fixed date, so
the UI shows no grid of days before any data; with nothing landed yet it starts today.
"""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

import dagster as dg

from pipelines.sources import ADAPTERS
from scrapers.sources import source_groups
from warehouse.load import Partition
from warehouse.paths import DEFAULT_DATA_DIR, DEFAULT_LIVE_DATA_DIR, DataPaths

_DATE_DIR = re.compile(r"\d{4}-\d{2}-\d{2}")
# Where the definitions look for landed dates: the bundled snapshot and the landing folders of
# the project's data directory and of the live one (`run --live` / `crawl --live`).
LANDING_ROOTS: tuple[Path, ...] = (
    DataPaths(DEFAULT_DATA_DIR).snapshot,
    DataPaths(DEFAULT_DATA_DIR).raw,
    DataPaths(DEFAULT_LIVE_DATA_DIR).raw,
)


def first_landed_date(roots: Iterable[Path], today: date | None = None) -> date:
    """The oldest `<root>/<source>/<YYYY-MM-DD>/` folder holding a landed `*.jsonl` file (a
    `*.part` still being written does not count), but never after today; today when none."""
    today = today or datetime.now(UTC).date()
    dates = [today]
    for root in roots:
        if not root.is_dir():
            continue
        for folder in root.glob("*/*"):
            if not _DATE_DIR.fullmatch(folder.name) or not any(folder.glob("*.jsonl")):
                continue
            try:
                dates.append(date.fromisoformat(folder.name))
            except ValueError:  # 2026-13-01: not a date, not a partition
                continue
    return min(dates)


FIRST_CRAWL_DATE = first_landed_date(LANDING_ROOTS).isoformat()
UNKNOWN_SOURCE = "unknown"
SOURCE_FAMILIES: tuple[str, ...] = tuple(sorted(ADAPTERS))

# The live crawl schedules, one per group, as each source declares it in
# scrapers/sources.yaml (`group:`); `text` and `csv` are imports, never crawled.
SOURCE_GROUPS: dict[str, tuple[str, ...]] = source_groups()
CRAWLED_FAMILIES: tuple[str, ...] = tuple(f for group in SOURCE_GROUPS.values() for f in group)

crawl_partitions = dg.MultiPartitionsDefinition(
    {
        # end_offset=1: today's partition exists, so a crawl can land into it.
        "date": dg.DailyPartitionsDefinition(start_date=FIRST_CRAWL_DATE, end_offset=1),
        "source": dg.StaticPartitionsDefinition([*SOURCE_FAMILIES, UNKNOWN_SOURCE]),
    }
)

# Run tags Dagster sets on partitioned runs (single key, or a single-run backfill's range).
PARTITION_TAG = "dagster/partition"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def family_of(source: str) -> str:
    """The partition family of a landing folder's source name."""
    return source if source in SOURCE_FAMILIES else UNKNOWN_SOURCE


def partition_key(crawl_date: date, family: str) -> str:
    return dg.MultiPartitionKey({"date": crawl_date.isoformat(), "source": family})


def key_of(partition: Partition) -> str:
    """The Dagster partition key a landing partition belongs to."""
    return partition_key(partition.crawl_date, family_of(partition.source))


def split_key(key: str) -> tuple[date, str]:
    """`2026-11-21|wanted` -> (date(2026, 11, 21), "wanted")."""
    day, family = key.split("|", 1)
    return date.fromisoformat(day), family


def is_partition_key(key: str) -> bool:
    """Whether `key` is a partition of `crawl_partitions` (dates run from the first landed date,
    FIRST_CRAWL_DATE, to today)."""
    try:
        day, family = split_key(key)
    except ValueError:
        return False
    start = date.fromisoformat(FIRST_CRAWL_DATE)
    return family in (*SOURCE_FAMILIES, UNKNOWN_SOURCE) and start <= day <= last_crawl_date()


def last_crawl_date() -> date:
    """Today in the partitions' timezone (UTC): the newest daily partition."""
    daily = crawl_partitions.get_partitions_def_for_dimension("date")
    return date.fromisoformat(daily.get_last_partition_key())


def run_partition_keys(run: dg.DagsterRun) -> list[str] | None:
    """The partition keys a run targets, or None for an unpartitioned run.

    An unpartitioned run of the partitioned assets means "every partition the raw source
    has", which is how `careermarket run` materializes the whole snapshot in one run.
    """
    tags = run.tags
    if tags.get(RANGE_START_TAG) and tags.get(RANGE_END_TAG):
        return list(
            crawl_partitions.get_partition_keys_in_range(
                dg.PartitionKeyRange(tags[RANGE_START_TAG], tags[RANGE_END_TAG])
            )
        )
    if tags.get(PARTITION_TAG):
        return [tags[PARTITION_TAG]]
    return None


def in_keys(partitions: Iterable[Partition], keys: Iterable[str]) -> list[Partition]:
    """The landing partitions that belong to one of `keys`."""
    wanted = set(keys)
    return sorted(p for p in partitions if key_of(p) in wanted)
