"""`careermarket run`: materialize the assets through Dagster, one progress line per asset."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from dags.definitions import build_definitions, default_resources

JOB = "materialize_all_job"
# The progress lines are the CLI's output; Dagster's own event log stays in the instance.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@dataclass(frozen=True)
class AssetLine:
    key: str
    rows: int | None


@dataclass(frozen=True)
class CheckLine:
    asset: str
    name: str
    passed: bool
    severity: str


@dataclass(frozen=True)
class RunOutcome:
    success: bool
    run_id: str
    assets: list[AssetLine]
    checks: list[CheckLine]
    seconds: float


def dagster_instance(data_root: Path) -> dg.DagsterInstance:
    """The persistent instance under data/dagster_home (or $DAGSTER_HOME), so `dagster dev`
    started with the same DAGSTER_HOME shows these runs."""
    home = Path(os.environ.get("DAGSTER_HOME") or data_root / "dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")  # offline by default
    os.environ["DAGSTER_HOME"] = str(home)
    return dg.DagsterInstance.get()


def _materializations(instance: dg.DagsterInstance, run_id: str, seen: set[str]) -> list[AssetLine]:
    lines = []
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        event = record.dagster_event
        materialization = event.step_materialization_data.materialization
        key = materialization.asset_key.to_user_string()
        if key in seen:
            continue
        seen.add(key)
        rows = materialization.metadata.get("dagster/row_count")
        lines.append(AssetLine(key, int(rows.value) if rows is not None else None))
    return lines


def run_assets(
    data_root: Path,
    live_sources: list[str] | None = None,
    on_asset: Callable[[AssetLine], None] | None = None,
) -> RunOutcome:
    """Materialize every asset (the job of dags.definitions); report each as it lands."""
    instance = dagster_instance(data_root)
    defs = build_definitions(default_resources(str(data_root), live_sources))
    job = defs.resolve_job_def(JOB)
    run_id = str(uuid.uuid4())
    seen: set[str] = set()
    landed: list[AssetLine] = []
    done = threading.Event()

    def report() -> None:
        for line in _materializations(instance, run_id, seen):
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
            run_config=QUIET, instance=instance, run_id=run_id, raise_on_error=False
        )
    finally:
        done.set()
        watcher.join()
    report()
    checks = [
        CheckLine(e.asset_key.to_user_string(), e.check_name, e.passed, e.severity.value)
        for e in result.get_asset_check_evaluations()
    ]
    return RunOutcome(result.success, run_id, landed, checks, time.perf_counter() - started)
