"""Partitions: one per landed `date|source` pair, and which partitions a run targets.

A landing folder `<root>/<source>/<YYYY-MM-DD>/` is one `warehouse.load.Partition`; its Dagster
partition key is `<YYYY-MM-DD>|<family>`. Folders of a source no adapter reads (say `indeed`)
share the family `unknown`: they are still loaded, and normalization quarantines their records
as `unknown_source`.

The partitions are dynamic (`DynamicPartitionsDefinition` "landed_partitions"): a key exists once
something landed for it in the data directory a run actually reads, so the UI shows only pairs
that hold postings — no daily grid × every family of "missing" partitions, and nothing before
the first landed date. Keys are registered as data lands: by the ingest op for every partition
an unpartitioned run loads (`register_keys`), by `new_landing_files_sensor` for every landed
folder, by the crawl schedules for the partition they crawl into, and by `careermarket run`
before a targeted run.
"""

from collections.abc import Iterable
from datetime import date

import dagster as dg

from pipelines.sources import ADAPTERS
from scrapers.sources import source_groups
from warehouse.load import Partition

LANDED_PARTITIONS = "landed_partitions"
UNKNOWN_SOURCE = "unknown"
SOURCE_FAMILIES: tuple[str, ...] = tuple(sorted(ADAPTERS))

# The live crawl schedules, one per group, as each source declares it in
# scrapers/sources.yaml (`group:`); `text` and `csv` are imports, never crawled.
SOURCE_GROUPS: dict[str, tuple[str, ...]] = source_groups()
CRAWLED_FAMILIES: tuple[str, ...] = tuple(f for group in SOURCE_GROUPS.values() for f in group)

crawl_partitions = dg.DynamicPartitionsDefinition(name=LANDED_PARTITIONS)

# Run tags Dagster sets on partitioned runs (single key, or a single-run backfill's range).
PARTITION_TAG = "dagster/partition"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
# `careermarket run --partition DATE`: the day's landed keys, on an unpartitioned run (dynamic
# keys are ordered by registration, so "one day, every family" need not be a contiguous range).
KEYS_TAG = "careermarket/partition_keys"


def family_of(source: str) -> str:
    """The partition family of a landing folder's source name."""
    return source if source in SOURCE_FAMILIES else UNKNOWN_SOURCE


def partition_key(crawl_date: date, family: str) -> str:
    return f"{crawl_date.isoformat()}|{family}"


def key_of(partition: Partition) -> str:
    """The Dagster partition key a landing partition belongs to."""
    return partition_key(partition.crawl_date, family_of(partition.source))


def split_key(key: str) -> tuple[date, str]:
    """`2026-11-21|wanted` -> (date(2026, 11, 21), "wanted")."""
    day, family = key.split("|", 1)
    return date.fromisoformat(day), family


def registered_keys(instance: dg.DagsterInstance) -> list[str]:
    """The partition keys the instance knows, in registration order."""
    return list(instance.get_dynamic_partitions(LANDED_PARTITIONS))


def unregistered(instance: dg.DagsterInstance, keys: Iterable[str]) -> list[str]:
    """The keys among `keys` the instance does not know yet, sorted."""
    known = set(registered_keys(instance))
    return sorted(set(keys) - known)


def register_keys(instance: dg.DagsterInstance, keys: Iterable[str]) -> list[str]:
    """Add the keys the instance does not know yet (sorted, so a day's families sit together
    in the UI); returns the added ones."""
    new = unregistered(instance, keys)
    if new:
        instance.add_dynamic_partitions(LANDED_PARTITIONS, new)
    return new


def is_partitioned_run(run: dg.DagsterRun) -> bool:
    """Whether Dagster itself targets partitions in this run (a key, or a backfill's range)."""
    tags = run.tags
    return bool(tags.get(PARTITION_TAG) or (tags.get(RANGE_START_TAG) and tags.get(RANGE_END_TAG)))


def run_partition_keys(run: dg.DagsterRun, instance: dg.DagsterInstance) -> list[str] | None:
    """The partition keys a run targets, or None for an unpartitioned run.

    An unpartitioned run of the partitioned assets means "every partition the raw source
    has", which is how `careermarket run` materializes the whole snapshot in one run; with
    KEYS_TAG it means those keys.
    """
    tags = run.tags
    if tags.get(RANGE_START_TAG) and tags.get(RANGE_END_TAG):
        keys = registered_keys(instance)
        start, end = keys.index(tags[RANGE_START_TAG]), keys.index(tags[RANGE_END_TAG])
        return keys[start : end + 1]
    if tags.get(PARTITION_TAG):
        return [tags[PARTITION_TAG]]
    if tags.get(KEYS_TAG):
        return tags[KEYS_TAG].split(",")
    return None


def in_keys(partitions: Iterable[Partition], keys: Iterable[str]) -> list[Partition]:
    """The landing partitions that belong to one of `keys`."""
    wanted = set(keys)
    return sorted(p for p in partitions if key_of(p) in wanted)
