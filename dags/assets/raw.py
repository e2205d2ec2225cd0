"""raw/raw_postings: landing files as rows of the warehouse's raw_postings table."""

from collections import defaultdict
from pathlib import Path

import dagster as dg
import duckdb

from dags.metadata import log_partition_events, md_table
from dags.partitions import family_of, key_of
from dags.resources import RawSource
from dags.scope import scoped_partitions
from warehouse.load import Partition, load_raw
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


def load_landing(
    context: dg.AssetExecutionContext,
    conn: duckdb.DuckDBPyConnection,
    raw_source: RawSource,
    paths: DataPaths,
    keys: list[str],
    landed: dict[Partition, list[Path]],
) -> dg.MaterializeResult:
    """Load the landing files of the partitions `keys`; their figures as metadata."""
    # A targeted partition whose files are gone keeps no rows: it is loaded empty.
    stale = [p for p in scoped_partitions(conn, keys) if p not in landed]
    lines = {p: load_raw(conn, p, landed.get(p, [])) for p in sorted({*landed, *stale})}

    by_key: dict[str, dict[str, int]] = defaultdict(lambda: {"files": 0, "lines": 0})
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for part, n in lines.items():
        files = len(landed.get(part, []))
        by_key[key_of(part)]["files"] += files
        by_key[key_of(part)]["lines"] += n
        family = by_family[family_of(part.source)]
        family[0] += 1
        family[1] += files
        family[2] += n
    log_partition_events(
        context,
        RAW,
        {k: {"dagster/row_count": v["lines"], "files": v["files"]} for k, v in by_key.items()},
    )
    return dg.MaterializeResult(
        asset_key=RAW,
        metadata={
            "dagster/row_count": sum(lines.values()),
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
                    (p.source, p.crawl_date, len(landed.get(p, [])), n)
                    for p, n in sorted(lines.items())
                ],
            ),
        },
    )
