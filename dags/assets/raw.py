"""raw/raw_postings: landing files as rows of the warehouse's raw_postings table."""

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import dagster as dg

from dags.metadata import log_partition_events, md_table
from dags.partitions import family_of, key_of
from dags.resources import RawSource
from warehouse.load import NormalizeCounts, Partition
from warehouse.paths import DataPaths

RAW = dg.AssetKey(["raw", "raw_postings"])
RAW_SPEC = dg.AssetSpec(
    RAW,
    group_name="raw",
    description=(
        "Raw postings as landed (CONTRACT §2), one row per landing-file line, bytes unchanged. "
        "A partition is replaced whole by its landing files (delete, then insert)."
    ),
    kinds={"duckdb", "python"},
)


def raw_result(
    context: dg.AssetExecutionContext,
    raw_source: RawSource,
    paths: DataPaths,
    landed: Mapping[Partition, list[Path]],
    counts: Mapping[Partition, NormalizeCounts],
) -> dg.MaterializeResult:
    """The figures of the loaded landing files (`counts`: per partition, from the ingest)."""
    by_key: dict[str, dict[str, int]] = defaultdict(lambda: {"files": 0, "lines": 0})
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for part, c in counts.items():
        files = len(landed.get(part, []))
        by_key[key_of(part)]["files"] += files
        by_key[key_of(part)]["lines"] += c.raw
        family = by_family[family_of(part.source)]
        family[0] += 1
        family[1] += files
        family[2] += c.raw
    log_partition_events(
        context,
        RAW,
        {k: {"dagster/row_count": v["lines"], "files": v["files"]} for k, v in by_key.items()},
    )
    return dg.MaterializeResult(
        asset_key=RAW,
        metadata={
            "dagster/row_count": sum(c.raw for c in counts.values()),
            "partitions": len(by_key),
            "mode": raw_source.mode,
            "landing_roots": ", ".join(str(r) for r in raw_source.roots(paths)),
            "by_source": md_table(
                ["source", "partitions", "files", "lines"],
                [(s, *v) for s, v in sorted(by_family.items())],
            ),
            "landing": md_table(
                ["source folder", "crawl date", "files", "lines"],
                [
                    (p.source, p.crawl_date, len(landed.get(p, [])), c.raw)
                    for p, c in sorted(counts.items())
                ],
            ),
        },
    )
