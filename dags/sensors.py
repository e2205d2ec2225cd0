"""Sensors: new landing files start their partitions' ingestion; new postings refresh the rest.

`new_landing_files_sensor` watches `<data>/raw` (where crawls land; `*.part` files are still
being written and never listed). Its cursor is the newest modification time it has seen, with
the files seen at exactly that time; each partition with a new file gets one run of
`ingest_postings_job`, keyed by the partition and a digest of its files, so the same files
never start two runs. A partition already materialized after its newest file (a scheduled
crawl ingests what it lands) is left alone. Landed pairs new to the instance, under <data>/raw
and the bundled snapshot, are registered as partitions in the same evaluation (a
`dynamic_partitions_requests` entry), before their runs start.

`new_postings_sensor` evaluates the automation condition of the downstream assets (dedupe, SQL
models, exports): once the new postings are in and the blocking checks passed, one run
refreshes them all.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from dags.assets.raw import RAW
from dags.jobs import PUBLISH, ingest_postings_job
from dags.partitions import crawl_partitions, key_of, unregistered
from dags.resources import DataDirResource
from warehouse.load import Partition, landing_files


@dataclass(frozen=True)
class LandingCursor:
    """The newest modification time seen (ns), and the files seen at exactly that time."""

    mtime_ns: int = -1
    files_at_mtime: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def parse(cls, text: str | None) -> "LandingCursor":
        if not text:
            return cls()
        data = json.loads(text)
        return cls(int(data["mtime_ns"]), frozenset(data["files_at_mtime"]))

    def dump(self) -> str:
        return json.dumps(
            {"mtime_ns": self.mtime_ns, "files_at_mtime": sorted(self.files_at_mtime)}
        )

    def is_new(self, path: Path, mtime_ns: int) -> bool:
        return mtime_ns > self.mtime_ns or (
            mtime_ns == self.mtime_ns and str(path) not in self.files_at_mtime
        )

    def advance(self, seen: dict[Path, int]) -> "LandingCursor":
        if not seen:
            return self
        newest = max(max(seen.values()), self.mtime_ns)
        at_newest = {str(p) for p, m in seen.items() if m == newest}
        if newest == self.mtime_ns:
            at_newest |= self.files_at_mtime
        return LandingCursor(newest, frozenset(at_newest))


def files_digest(root: Path, files: list[Path]) -> str:
    """A stable digest of a partition's landing files: names, sizes and modification times."""
    digest = hashlib.sha1()
    for path in sorted(files):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _materialized_since(instance: dg.DagsterInstance, key: str, mtime_ns: int) -> bool:
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=RAW, asset_partitions=[key]), limit=1
    ).records
    return bool(records) and records[0].timestamp * 1e9 >= mtime_ns


@dg.sensor(
    name="new_landing_files_sensor",
    job=ingest_postings_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New landing files under <data>/raw → one ingest run per partition they belong to.",
)
def new_landing_files_sensor(
    context: dg.SensorEvaluationContext, data_dir: DataDirResource
) -> dg.SensorResult:
    paths = data_dir.paths()
    root = paths.raw
    cursor = LandingCursor.parse(context.cursor)
    landed = landing_files(root)
    # Every landed pair is a partition, the bundled snapshot's included, so the UI lists what
    # landed before any run; runs are requested for new files under <data>/raw only.
    added = unregistered(
        context.instance, {key_of(p) for p in (*landed, *landing_files(paths.snapshot))}
    )
    registrations = [crawl_partitions.build_add_request(added)] if added else []
    mtimes = {path: path.stat().st_mtime_ns for files in landed.values() for path in files}
    new = {path for path, mtime in mtimes.items() if cursor.is_new(path, mtime)}
    by_key: dict[str, list[Partition]] = {}
    for part, files in landed.items():
        if new.intersection(files):
            by_key.setdefault(key_of(part), []).append(part)

    requests = []
    for key, parts in sorted(by_key.items()):
        files = sorted(f for p in parts for f in landed[p])
        if _materialized_since(context.instance, key, max(mtimes[f] for f in files)):
            context.log.info(f"{key}: already ingested after its newest file")
            continue
        requests.append(
            dg.RunRequest(
                run_key=f"{key}:{files_digest(root, files)}",
                partition_key=key,
                tags={"careermarket/landing_files": str(len(files))},
            )
        )
    next_cursor = cursor.advance({p: mtimes[p] for p in new}).dump()
    if not requests:
        return dg.SensorResult(
            skip_reason="no new landing files to ingest",
            cursor=next_cursor,
            dynamic_partitions_requests=registrations,
        )
    return dg.SensorResult(
        run_requests=requests, cursor=next_cursor, dynamic_partitions_requests=registrations
    )


new_postings_sensor = dg.AutomationConditionSensorDefinition(
    "new_postings_sensor",
    target=PUBLISH,
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=60,
    description=(
        "Refreshes dedupe, the SQL models and the exports once new postings have landed and "
        "their blocking checks passed (the assets' `refresh_after_new_postings` condition)."
    ),
)

ALL_SENSORS = [new_landing_files_sensor, new_postings_sensor]
