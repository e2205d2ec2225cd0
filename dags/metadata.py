"""Present figures as Dagster metadata: Markdown tables, and per-partition events."""

from collections.abc import Iterable, Mapping, Sequence

import dagster as dg

from dags.partitions import is_partition_key, run_partition_keys

PREVIEW_ROWS = 10


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table for MetadataValue.md ("none" when there are no rows)."""
    body = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    if not body:
        return "none"
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *body])


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> dg.MetadataValue:
    return dg.MetadataValue.md(markdown_table(header, rows))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else "NaN"
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def log_partition_events(
    context: dg.AssetExecutionContext,
    asset_key: dg.AssetKey,
    figures: Mapping[str, Mapping[str, object]],
) -> None:
    """In an unpartitioned run, record each processed partition as materialized.

    Partitioned runs (a key, or a single-run backfill's range) get their partition
    materializations from Dagster; an unpartitioned run processes every landed partition, so
    it says which ones, each with its own figures. Landing dates outside the partitions
    (before the first crawl date, or in the future) are loaded all the same, and logged.
    """
    if run_partition_keys(context.run) is not None:
        return
    outside = sorted(key for key in figures if not is_partition_key(key))
    if outside:
        context.log.warning(f"landing folders outside the daily partitions: {outside}")
    for key, metadata in sorted(figures.items()):
        if key not in outside:
            context.log_event(dg.AssetMaterialization(asset_key, partition=key, metadata=metadata))
