"""Present figures as Dagster metadata: Markdown tables, and per-partition events."""

from collections.abc import Iterable, Mapping, Sequence

import dagster as dg

from dags.partitions import is_partitioned_run, register_keys

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
    """In a run Dagster does not partition, record each processed partition as materialized.

    Partitioned runs (a key, or a single-run backfill's range) get their partition
    materializations from Dagster; an unpartitioned run processes every landed partition (or
    the keys `careermarket run` tagged it with), so it registers the keys new to the instance
    (what landed is what the partitions are) and says which ones it loaded, each with its own
    figures.
    """
    if is_partitioned_run(context.run):
        return
    added = register_keys(context.instance, figures)
    if added:
        context.log.info(f"{len(added)} new landed partitions: {', '.join(added[:10])}")
    for key, metadata in sorted(figures.items()):
        context.log_event(dg.AssetMaterialization(asset_key, partition=key, metadata=metadata))
