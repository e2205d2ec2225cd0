"""`careermarket run`: materialize the assets through Dagster, one progress line per asset.

The run is Dagster's job `materialize_all_job` of `dags.definitions`, executed in this process
against the persistent instance under data/dagster_home, so `dagster dev` started with the same
DAGSTER_HOME shows it. What it targets:

- nothing given: every landed partition, in one unpartitioned run;
- `DATE|SOURCE`: that partition; `DATE`: every partition landed on that date (one run);
- `SOURCE`: every landed partition of that family (one unpartitioned run, restricted).

Partitions are what landed in the data directory the run reads (dags/partitions.py): a
targeted key is registered in the instance before the run, and only a key that landed (or
was loaded before, or is crawled now with --live) can be targeted.

The downstream tables (dedupe, SQL models, exports) are rebuilt in the same run.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg

from careermarket.stale_runs import process_tags
from dags.definitions import build_definitions, default_resources
from dags.partitions import (
    KEYS_TAG,
    SOURCE_FAMILIES,
    UNKNOWN_SOURCE,
    key_of,
    partition_key,
    register_keys,
    registered_keys,
    split_key,
)
from dags.resources import RawSource
from warehouse.db import locked_by, open_duckdb
from warehouse.paths import PROJECT_ROOT, DataPaths

if TYPE_CHECKING:
    from dagster._core.execution.plan.objects import StepFailureData

JOB = "materialize_all_job"
FAMILIES = (*SOURCE_FAMILIES, UNKNOWN_SOURCE)
# The progress lines are the CLI's output; Dagster's own event log stays in the instance, and
# its warnings and step failures are printed after the run, one line each (RunOutcome.problems).
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
# How long a run waits for a DuckDB lock another process holds before it gives up.
LOCK_WAIT_SECONDS = 5.0
INSTANCE_MARK = "# Written by careermarket (careermarket/running.py)."
INSTANCE_YAML = f"""{INSTANCE_MARK} Delete this line to keep your edits.
telemetry:
  enabled: false
# DuckDB allows one writer: every asset and check that opens the warehouse is in the pool
# "duckdb", and at most one run holding such steps is in progress at a time.
concurrency:
  pools:
    granularity: run
    default_limit: 1
# A run whose process died (killed, out of memory) must not hold the pool for ever: the daemon
# `dagster dev` starts fails a run stuck starting for 5 minutes or running for 6 hours (the
# longest scheduled job crawls five families, each allowed an hour). `careermarket run` fails
# its own dead runs at once (careermarket/stale_runs.py).
run_monitoring:
  enabled: true
  start_timeout_seconds: 300
  cancel_timeout_seconds: 300
  max_runtime_seconds: 21600
  max_resume_run_attempts: 0
  poll_interval_seconds: 60
"""
LEGACY_INSTANCE_YAML = "telemetry:\n  enabled: false\n"


class PartitionError(ValueError):
    """A --partition value that names no partition."""


@dataclass(frozen=True)
class Target:
    """What one run materializes: `partition_key` (one partition), `day` (the partitions of
    that date, resolved into `keys` by `resolve_target`) or every landed partition, optionally
    of `sources` only."""

    label: str
    partition_key: str | None = None
    day: date | None = None
    sources: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()

    @property
    def tags(self) -> dict[str, str]:
        return {KEYS_TAG: ",".join(self.keys)} if self.keys else {}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise PartitionError(f"{text!r} is not a date (YYYY-MM-DD)") from error


def _family(text: str) -> str:
    if text not in FAMILIES:
        raise PartitionError(f"{text!r} is not a source family: {', '.join(FAMILIES)}")
    return text


def parse_partition(value: str | None) -> Target:
    """`DATE|SOURCE`, `DATE` or `SOURCE` (or nothing: every landed partition)."""
    if not value:
        return Target("every landed partition")
    if "|" in value:
        day, family = value.split("|", 1)
        key = partition_key(_date(day), _family(family))
        return Target(f"partition {key}", partition_key=key)
    if value[:1].isdigit():
        day = _date(value)
        return Target(f"every partition landed on {day}", day=day)
    return Target(f"every landed partition of {_family(value)}", sources=(value,))


def resolve_target(
    target: Target,
    instance: dg.DagsterInstance,
    raw_source: RawSource,
    paths: DataPaths,
) -> Target:
    """Check a targeted key or date against what landed under `paths` (and, live, today's
    crawls), and register its keys in the instance so the run can target them. Raises
    PartitionError when nothing landed there."""
    if target.partition_key is None and target.day is None:
        return target
    landed = {key_of(p) for p in raw_source.landed(paths)}
    # A key loaded before whose files are gone may be targeted: its rows are emptied.
    available = landed | set(registered_keys(instance))
    if raw_source.mode == "live":  # today's partitions of the families it crawls
        available |= set(raw_source.default_keys(paths))
    if target.partition_key is not None:
        keys = [target.partition_key] if target.partition_key in available else []
    else:
        keys = sorted(k for k in available if split_key(k)[0] == target.day)
    if not keys:
        wanted = target.partition_key or target.day
        landed_days = sorted({split_key(k)[0].isoformat() for k in landed})
        hint = f"landed dates: {landed_days[0]} … {landed_days[-1]}" if landed_days else "none"
        raise PartitionError(f"nothing landed for {wanted} under {paths.root} ({hint})")
    register_keys(instance, keys)
    if target.partition_key is not None:
        return target
    return Target(target.label, day=target.day, sources=target.sources, keys=tuple(keys))


@dataclass(frozen=True)
class AssetLine:
    key: str
    rows: int | None
    partitions: int | None = None


@dataclass(frozen=True)
class CheckLine:
    asset: str
    name: str
    passed: bool
    severity: str


@dataclass(frozen=True)
class Problem:
    """A step that failed, or a warning logged during the run: one line."""

    failed: bool
    text: str


@dataclass(frozen=True)
class RunOutcome:
    success: bool
    run_id: str
    assets: list[AssetLine]
    checks: list[CheckLine]
    seconds: float
    problems: tuple[Problem, ...] = ()


DOTENV = PROJECT_ROOT / ".env"
DOTENV_MARK = "# careermarket run: the instance plain `dagster dev` opens (rewritten by each run)"


def remember_instance(home: Path) -> None:
    """Point the project's .env at the instance, because `dagster dev` reads .env from the
    working directory before it opens its instance and Dagster wants an absolute path, so it
    cannot be committed. A DAGSTER_HOME the user wrote there is left alone."""
    lines = DOTENV.read_text(encoding="utf-8").splitlines() if DOTENV.exists() else []
    keep = []
    for i, line in enumerate(lines):
        if line == DOTENV_MARK or (i and lines[i - 1] == DOTENV_MARK):
            continue
        if line.startswith("DAGSTER_HOME="):
            return  # the user's own setting
        keep.append(line)
    wanted = [*keep, DOTENV_MARK, f"DAGSTER_HOME={home.resolve()}"]
    if wanted != lines:
        DOTENV.write_text("\n".join(wanted) + "\n", encoding="utf-8")


def dagster_instance(data_root: Path) -> dg.DagsterInstance:
    """The persistent instance under data/dagster_home (or $DAGSTER_HOME), so `dagster dev`
    started with the same DAGSTER_HOME shows these runs. Its dagster.yaml (ours, unless the
    user took it over) turns telemetry off and limits the DuckDB pool to one run. For the
    project's own data folder, .env points plain `dagster dev` at it."""
    chosen = os.environ.get("DAGSTER_HOME")
    home = Path(chosen or data_root / "dagster_home")
    if not chosen and data_root.resolve() == (PROJECT_ROOT / "data").resolve():
        remember_instance(home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    current = config.read_text(encoding="utf-8") if config.exists() else None
    ours = current is None or current == LEGACY_INSTANCE_YAML or current.startswith(INSTANCE_MARK)
    if ours and current != INSTANCE_YAML:
        config.write_text(INSTANCE_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return dg.DagsterInstance.get()


def ensure_warehouse_free(data_root: Path, wait_seconds: float | None = None) -> None:
    """Raise warehouse.db.WarehouseLocked, naming the holder, when another process keeps the
    DuckDB file after `wait_seconds` (default LOCK_WAIT_SECONDS): a run would fail on it."""
    database = DataPaths(data_root).database
    if database.exists():
        wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
        open_duckdb(database, lock_wait_seconds=wait).close()


def _failure_text(failure: StepFailureData, database: Path) -> str:
    """One line for a step failure: the user's Failure description, or the innermost error
    (Dagster wraps what the step raised); a DuckDB lock conflict names its holder."""
    if failure.user_failure_data is not None and failure.user_failure_data.description:
        text = failure.user_failure_data.description
    elif failure.error is not None:
        error = failure.error
        while error.cause is not None and error.cls_name.startswith("Dagster"):
            error = error.cause
        text = error.message
    else:
        text = "failed"
    locked = locked_by(RuntimeError(text), database)
    lines = (str(locked) if locked else text).strip().splitlines()
    return lines[0] if lines else "failed"


def run_problems(instance: dg.DagsterInstance, run_id: str, database: Path) -> list[Problem]:
    """The run's step failures and the warnings its steps logged, one line each. (Errors
    logged outside an event are Dagster's "dependencies failed, not executing" lines for the
    steps after a failure: the failure itself is the line to read.)"""
    problems = []
    for record in instance.all_logs(run_id):
        event, where = record.dagster_event, record.step_key or "run"
        if event is None and logging.WARNING <= record.level < logging.ERROR:
            message = (record.user_message.strip().splitlines() or [""])[0]
            problems.append(Problem(False, f"{where}: {message}"))
        elif event is not None and event.event_type == dg.DagsterEventType.STEP_FAILURE:
            text = _failure_text(event.step_failure_data, database)
            problems.append(Problem(True, f"{where} failed: {text}"))
    return problems


def in_progress_runs(instance: dg.DagsterInstance) -> list[str]:
    """Runs of this instance that are still going (a daemon's, or another terminal's)."""
    records = instance.get_run_records(
        dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED])
    )
    return [r.dagster_run.run_id for r in records]


def _asset_lines(
    instance: dg.DagsterInstance, run_id: str, partitioned: bool, seen: set[str]
) -> list[AssetLine]:
    """One line per asset: an unpartitioned run also records each partition it processed;
    those per-partition events are summarized by the asset's own event."""
    lines = []
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = record.dagster_event.step_materialization_data.materialization
        key = materialization.asset_key.to_user_string()
        if key in seen or (not partitioned and materialization.partition is not None):
            continue
        seen.add(key)
        rows = materialization.metadata.get("dagster/row_count")
        parts = materialization.metadata.get("partitions")
        lines.append(
            AssetLine(
                key,
                int(rows.value) if rows is not None else None,
                int(parts.value) if parts is not None else None,
            )
        )
    return lines


def run_assets(
    data_root: Path,
    target: Target | None = None,
    live: bool = False,
    live_sources: list[str] | None = None,
    on_asset: Callable[[AssetLine], None] | None = None,
) -> RunOutcome:
    """Run `materialize_all_job` for the target; report each asset as it lands."""
    target = target or Target("every landed partition")
    instance = dagster_instance(data_root)
    sources = [*target.sources, *(live_sources or [])]
    raw_source = RawSource(mode="live" if live else "snapshot", sources=sources)
    target = resolve_target(target, instance, raw_source, DataPaths(data_root))
    defs = build_definitions(default_resources(str(data_root), raw_source))
    job = defs.resolve_job_def(JOB)
    run_id = str(uuid.uuid4())
    partitioned = target.partition_key is not None
    seen: set[str] = set()
    landed: list[AssetLine] = []
    done = threading.Event()

    def report() -> None:
        for line in _asset_lines(instance, run_id, partitioned, seen):
            landed.append(line)
            if on_asset:
                on_asset(line)

    def watch() -> None:
        while not done.wait(0.3):
            report()

    watcher = threading.Thread(target=watch, daemon=True)
    started = time.perf_counter()
    watcher.start()
    try:
        result = job.execute_in_process(
            run_config=QUIET,
            instance=instance,
            run_id=run_id,
            partition_key=target.partition_key,
            # The process tags let a later run see that this one died (careermarket.stale_runs).
            tags={**target.tags, **process_tags()},
            raise_on_error=False,
        )
    finally:
        done.set()
        watcher.join()
    report()
    checks = [
        CheckLine(e.asset_key.to_user_string(), e.check_name, e.passed, e.severity.value)
        for e in result.get_asset_check_evaluations()
    ]
    problems = run_problems(instance, run_id, DataPaths(data_root).database)
    seconds = time.perf_counter() - started
    return RunOutcome(result.success, run_id, landed, checks, seconds, tuple(problems))
