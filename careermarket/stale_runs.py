"""Runs whose process is gone: a killed or crashed run stays STARTED in the instance, so the
next run would believe another one is in progress and the pool would stay held.

Each `careermarket run` tags its Dagster run with its process (PID, host, and on Linux the
process's start time, so a reused PID is not taken for the old process). Before a new run,
`fail_orphaned_runs` marks as failed every in-progress run whose process no longer exists:
one tagged by us on this host, or, in a local (SQLite) instance, one whose run worker Dagster
recorded in its "pid" engine event (runs `dagster dev` launched). Dagster's run monitoring
(dagster.yaml) does the same for the daemon, by time limit.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

PID_TAG = "careermarket/pid"
HOST_TAG = "careermarket/host"
PROCESS_START_TAG = "careermarket/process_start"
IN_PROGRESS = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]


def process_start(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot, /proc/PID/stat field 22), or None
    where /proc does not say (not Linux, or no such process)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def process_tags() -> dict[str, str]:
    """Tags naming this process, for the run it starts."""
    tags = {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}
    started = process_start(os.getpid())
    if started is not None:
        tags[PROCESS_START_TAG] = started
    return tags


def process_alive(pid: int, started: str | None = None) -> bool:
    """Whether process `pid` exists (and is not a zombie), and is the one that started at
    `started` when that is known."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        try:
            if "\nState:\tZ" in status.read_text(encoding="ascii", errors="replace"):
                return False
        except OSError:
            return False
    return started is None or process_start(pid) in (None, started)


@dataclass(frozen=True)
class OrphanedRun:
    run_id: str
    pid: int


def _local_instance(instance: dg.DagsterInstance) -> bool:
    from dagster._core.storage.runs import SqliteRunStorage

    return isinstance(instance.run_storage, SqliteRunStorage)


def _worker_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The PID Dagster recorded for the run's worker (its first engine event with a pid)."""
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        data = record.dagster_event.engine_event_data if record.dagster_event else None
        pid = data.metadata.get("pid") if data is not None else None
        if pid is not None and str(pid.value).isdigit():
            return int(pid.value)
    return None


def _run_process(instance: dg.DagsterInstance, run: dg.DagsterRun) -> tuple[int, str | None] | None:
    """(pid, start) of the process running `run`, when it ran on this machine."""
    tags = run.tags
    if PID_TAG in tags:
        if tags.get(HOST_TAG) != socket.gethostname() or not tags[PID_TAG].isdigit():
            return None  # another machine's run: its process cannot be seen from here
        return int(tags[PID_TAG]), tags.get(PROCESS_START_TAG)
    if not _local_instance(instance):
        return None
    pid = _worker_pid(instance, run.run_id)
    return None if pid is None else (pid, None)


def fail_orphaned_runs(instance: dg.DagsterInstance) -> list[OrphanedRun]:
    """Mark failed every in-progress run whose process is gone; returns them."""
    orphaned = []
    for record in instance.get_run_records(dg.RunsFilter(statuses=IN_PROGRESS)):
        run = record.dagster_run
        process = _run_process(instance, run)
        if process is None or process_alive(*process):
            continue
        pid = process[0]
        instance.report_run_failed(
            run,
            message=f"The process of this run (PID {pid}) is gone: it was killed or crashed. "
            "Marked failed by `careermarket run` so that later runs can go on.",
        )
        orphaned.append(OrphanedRun(run.run_id, pid))
    return orphaned
