"""Runs that recover (issue 15): a run whose process died is marked failed, so the next run
and the daemon go on; a locked warehouse is one clear line naming the holder."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
import types
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster._core.events import EngineEventData
from dagster._core.execution.plan.objects import StepFailureData, UserFailureData
from dagster._core.test_utils import create_run_for_test
from dagster._daemon import execute_run_monitoring_iteration
from dagster._utils.error import SerializableErrorInfo
from typer.testing import CliRunner

from careermarket import running
from careermarket.cli import app
from careermarket.stale_runs import (
    HOST_TAG,
    PID_TAG,
    PROCESS_START_TAG,
    fail_orphaned_runs,
    process_tags,
)
from dags.resources import WarehouseDuckDB

runner = CliRunner()
JOB = "materialize_all_job"


@pytest.fixture
def instance(data_root, tmp_path, monkeypatch) -> dg.DagsterInstance:
    """The persistent instance `careermarket run` uses, with the dagster.yaml it writes."""
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    instance = running.dagster_instance(data_root)
    monkeypatch.setenv("DAGSTER_HOME", os.environ["DAGSTER_HOME"])  # restored after the test
    return instance


def dead_pid() -> int:
    """The PID of a process that has exited (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def started_run(instance: dg.DagsterInstance, tags: dict[str, str]) -> str:
    run = create_run_for_test(instance, job_name=JOB, status=dg.DagsterRunStatus.STARTED, tags=tags)
    return run.run_id


def status(instance: dg.DagsterInstance, run_id: str) -> dg.DagsterRunStatus:
    return instance.get_run_by_id(run_id).status


def test_runs_whose_process_is_gone_are_marked_failed(instance):
    host = socket.gethostname()
    gone = dead_pid()
    dead = started_run(instance, {PID_TAG: str(gone), HOST_TAG: host})
    alive = started_run(instance, process_tags())
    elsewhere = started_run(instance, {PID_TAG: str(gone), HOST_TAG: host + "-other"})
    reused = started_run(instance, {**process_tags(), PROCESS_START_TAG: "1"})  # PID reused
    orphans = fail_orphaned_runs(instance)
    assert {o.run_id for o in orphans} == {dead, reused}
    assert status(instance, dead) == status(instance, reused) == dg.DagsterRunStatus.FAILURE
    assert status(instance, alive) == status(instance, elsewhere) == dg.DagsterRunStatus.STARTED
    failure = instance.all_logs(dead, of_type=dg.DagsterEventType.RUN_FAILURE)[0]
    assert f"PID {gone}" in failure.dagster_event.message
    assert set(running.in_progress_runs(instance)) == {alive, elsewhere}


def test_a_run_dagster_launched_is_judged_by_its_worker_pid(instance):
    """A run `dagster dev` launched has no tags of ours: Dagster's engine event names its
    worker process."""
    run_id = started_run(instance, {})
    run = instance.get_run_by_id(run_id)
    gone = dead_pid()
    instance.report_engine_event(
        f"Started process for run (pid: {gone}).", run, EngineEventData.in_process(gone)
    )
    live_id = started_run(instance, {})
    live = instance.get_run_by_id(live_id)
    instance.report_engine_event("Started", live, EngineEventData.in_process(os.getpid()))
    assert [o.run_id for o in fail_orphaned_runs(instance)] == [run_id]
    assert status(instance, live_id) == dg.DagsterRunStatus.STARTED


def test_the_daemon_fails_a_run_past_its_runtime_limit(instance):
    """dagster.yaml turns on Dagster's run monitoring: under `dagster dev` its daemon fails a
    stuck run (here with a 1-second limit instead of the configured hours)."""
    assert instance.run_monitoring_enabled
    assert 0 < instance.run_monitoring_start_timeout_seconds <= 600
    assert instance.run_monitoring_max_runtime_seconds > 0
    run_id = started_run(instance, {"dagster/max_runtime": "1"})
    start = dg.DagsterEvent(event_type_value=dg.DagsterEventType.RUN_START.value, job_name=JOB)
    instance.report_dagster_event(start, run_id=run_id)
    time.sleep(1.2)
    context = types.SimpleNamespace(instance=instance, create_request_context=lambda: None)
    list(execute_run_monitoring_iteration(context, logging.getLogger(__name__)))
    assert status(instance, run_id) == dg.DagsterRunStatus.FAILURE


def test_a_killed_run_does_not_block_the_next(data_root, instance):
    """kill -9 a `careermarket run` mid-run: the next run marks it failed and goes on."""
    command = [sys.executable, "-m", "careermarket", "run", "--data-dir", str(data_root)]
    env = {**os.environ, "DAGSTER_HOME": os.environ["DAGSTER_HOME"]}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while not (runs := running.in_progress_runs(instance)):
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    [killed] = runs
    assert status(instance, killed) == dg.DagsterRunStatus.STARTED  # what a kill leaves
    result = runner.invoke(
        app, ["run", "--partition", "2026-11-21|wanted", "--data-dir", str(data_root)]
    )
    assert result.exit_code == 0, result.output
    assert f"run {killed} was left in progress" in result.output
    assert "0 not passing" in result.output
    assert status(instance, killed) == dg.DagsterRunStatus.FAILURE
    assert running.in_progress_runs(instance) == []


@pytest.fixture
def holder(data_root):
    """Another process holding a write connection to the warehouse."""
    database = data_root / "careermarket.duckdb"
    code = (
        "import duckdb, sys, time\n"
        f"conn = duckdb.connect({str(database)!r})\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    yield process
    process.kill()
    process.wait()


def test_a_locked_warehouse_is_one_line_naming_the_holder(data_root, holder, monkeypatch):
    monkeypatch.setattr(running, "LOCK_WAIT_SECONDS", 0.5)
    started = time.perf_counter()
    result = runner.invoke(app, ["run", "--data-dir", str(data_root)])
    assert result.exit_code == 2, result.output
    assert time.perf_counter() - started < 30
    [line] = [x for x in result.output.splitlines() if "error:" in x]
    assert f"PID {holder.pid}" in line and "wait for that process" in line
    assert "ERROR" not in result.output and "Traceback" not in result.output
    query = runner.invoke(app, ["query", "select 1", "--data-dir", str(data_root)])
    assert query.exit_code == 2
    assert f"PID {holder.pid}" in query.output


def test_a_step_fails_fast_with_the_holder_named(data_root, holder):
    resource = WarehouseDuckDB(
        database=str(data_root / "careermarket.duckdb"), lock_wait_seconds=0.5
    )
    started = time.perf_counter()
    with pytest.raises(dg.Failure, match=f"PID {holder.pid}"), resource.get_connection():
        pass
    assert time.perf_counter() - started < 5


def _error(cls_name: str, message: str, cause=None) -> SerializableErrorInfo:
    return SerializableErrorInfo(message=message, stack=[], cls_name=cls_name, cause=cause)


@pytest.mark.parametrize(
    ("failure", "line"),
    [
        (
            StepFailureData(
                None, UserFailureData(label="intentional-failure", description="bad input\nmore")
            ),
            "bad input",
        ),
        (
            StepFailureData(
                _error(
                    "DagsterExecutionStepExecutionError",
                    'Error occurred while executing op "ingest_postings":',
                    _error(
                        "IOException",
                        'IO Error: Could not set lock on file "/d/careermarket.duckdb": '
                        "Conflicting lock is held in /usr/bin/python3 (PID 42). See also …",
                    ),
                ),
                None,
            ),
            "is in use by PID 42 (/usr/bin/python3)",
        ),
    ],
)
def test_step_failures_are_reported_in_one_line(failure, line):
    text = running._failure_text(failure, Path("/d/careermarket.duckdb"))
    assert line in text and "\n" not in text


def test_a_failed_run_reports_each_failure_and_warning_once():
    database = Path("/d/careermarket.duckdb")

    @dg.op
    def lands(context) -> int:
        context.log.warning("landing folders outside the daily partitions: x\nsecond line")
        return 1

    @dg.op
    def loads(landed: int) -> int:
        raise duckdb.IOException(
            f'IO Error: Could not set lock on file "{database}": Conflicting lock is held in '
            "/usr/bin/python3 (PID 7). See also https://duckdb.org/docs"
        )

    @dg.op
    def builds(loaded: int) -> None:
        pass

    @dg.job
    def job() -> None:
        builds(loads(lands()))

    instance = dg.DagsterInstance.ephemeral()
    result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    problems = running.run_problems(instance, result.run_id, database)
    assert [p.failed for p in problems] == [False, True]  # `builds` never ran: no line
    assert problems[0].text == "lands: landing folders outside the daily partitions: x"
    assert problems[1].text.startswith("loads failed: /d/careermarket.duckdb is in use by PID 7")
