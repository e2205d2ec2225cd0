"""Run one crawl in a subprocess (``python -m scrapy crawl``) and read back what it wrote.

Used by ``careermarket crawl`` and by the Dagster live raw-source resource. Importing this
module does not import Scrapy or Twisted: a reactor can only start once per process, so
every crawl gets a fresh one.

    result = run_crawl("greenhouse", data_dir=Path("data"), spider_args={"boards": "moloco"})
    result.landing_files  # [data/raw/greenhouse/2026-11-20/20261120T031209Z-3f9a1c.jsonl]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapers import layout
from scrapers.replay import PROJECT_ROOT, subprocess_env

QUARANTINE_STAT_PREFIX = "careermarket/quarantine/"
KILLED = -9  # returncode of a crawl killed at its timeout


@dataclass(frozen=True)
class CrawlResult:
    source: str
    crawl_id: str
    returncode: int
    finish_reason: str | None
    landing_files: list[Path]
    quarantine_files: list[Path]
    item_count: int
    quarantine_count: int
    stats: dict[str, Any] = field(default_factory=dict)
    boards_emptied: dict[str, int] = field(default_factory=dict)
    report_path: Path | None = None
    log_path: Path | None = None
    failure: str | None = None  # every request failed: why (scrapers.outcome)
    superseded: dict[str, int] = field(default_factory=dict)
    stale_parts_removed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The process exited cleanly, the spider finished (not closed by an error) and not
        every request failed."""
        return self.returncode == 0 and self.finish_reason == "finished" and not self.failure

    @property
    def failure_reason(self) -> str | None:
        """Why the crawl is not ``ok``, in one line; None when it is."""
        if self.failure:
            return self.failure
        if self.returncode == KILLED:
            return "killed at the crawl timeout; nothing landed"
        if self.returncode != 0:
            said = _last_error_line(self.log_path)
            return f"the crawl process exited with code {self.returncode}" + (
                f": {said}" if said else ""
            )
        if self.report_path is None:
            return "the crawl wrote no report"
        if self.finish_reason != "finished":
            return f"the spider closed early ({self.finish_reason})"
        return None

    @property
    def quarantine_reasons(self) -> dict[str, int]:
        return {
            key.removeprefix(QUARANTINE_STAT_PREFIX): value
            for key, value in sorted(self.stats.items())
            if key.startswith(QUARANTINE_STAT_PREFIX)
        }

    @property
    def summary(self) -> dict[str, Any]:
        """The handful of numbers worth printing or storing as run metadata."""
        stats = self.stats
        return {
            "source": self.source,
            "crawl_id": self.crawl_id,
            "finish_reason": self.finish_reason,
            "postings": self.item_count,
            "quarantined": self.quarantine_count,
            "quarantine_reasons": self.quarantine_reasons,
            "duplicates_dropped": stats.get("careermarket/duplicates_dropped", 0),
            "details_skipped_unchanged": stats.get("careermarket/details_skipped_unchanged", 0),
            "requests": stats.get("downloader/request_count", 0),
            "retries": stats.get("retry/count", 0),
            "robots_txt_fetched": stats.get("robotstxt/request_count", 0),
            "boards_emptied": self.boards_emptied,
            "superseded": self.superseded,
            "stale_parts_removed": len(self.stale_parts_removed),
            "failure": self.failure_reason,
            "elapsed_seconds": stats.get("elapsed_time_seconds"),
        }


def build_command(
    source: str,
    crawl_id: str,
    data_dir: Path,
    spider_args: Mapping[str, Any] | None,
    settings: Mapping[str, Any] | None,
) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-a", f"crawl_id={crawl_id}"]
    for key, value in (spider_args or {}).items():
        command += ["-a", f"{key}={value}"]
    command += ["-s", f"CAREERMARKET_DATA_DIR={Path(data_dir).resolve()}"]
    for key, value in (settings or {}).items():
        command += ["-s", f"{key}={value}"]
    return command


def run_crawl(
    source: str,
    *,
    data_dir: Path,
    spider_args: Mapping[str, Any] | None = None,
    settings: Mapping[str, Any] | None = None,
    output: Path | None = None,
    crawl_id: str | None = None,
    timeout: float | None = None,
) -> CrawlResult:
    """Crawl ``source`` into ``data_dir`` (raw/, quarantine/, crawls/, state/).

    ``spider_args`` become ``-a key=value`` (boards, urls, sitemaps, base_url, page_size),
    ``settings`` become ``-s KEY=VALUE``. With ``output`` the landing file is also copied
    there. The crawl's log goes to ``crawls/<source>/<date>/<crawl_id>.log``.
    """
    data_dir = Path(data_dir).resolve()
    crawl_id = crawl_id or layout.new_crawl_id()
    report = layout.report_path(data_dir, source, crawl_id)
    log_path = report.with_suffix(".log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = subprocess_env()
    env["SCRAPY_SETTINGS_MODULE"] = "scrapers.settings"  # no scrapy.cfg needed
    command = build_command(source, crawl_id, data_dir, spider_args, settings)
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            returncode = subprocess.run(
                command,
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            ).returncode
        except subprocess.TimeoutExpired:
            returncode = KILLED  # killed: only .part files remain, which readers ignore

    result = collect_result(source, crawl_id, data_dir, returncode, log_path)
    if output is not None and result.landing_files:
        _copy_atomically(result.landing_files[0], Path(output))
    return result


def collect_result(
    source: str, crawl_id: str, data_dir: Path, returncode: int, log_path: Path | None
) -> CrawlResult:
    """What one finished crawl process wrote: its report, landing and quarantine files."""
    report = layout.report_path(data_dir, source, crawl_id)
    data: dict[str, Any] = {}
    if report.exists():
        data = json.loads(report.read_text(encoding="utf-8"))
    landing = layout.landing_path(data_dir, source, crawl_id)
    quarantine = layout.quarantine_path(data_dir, source, crawl_id)
    return CrawlResult(
        source=source,
        crawl_id=crawl_id,
        returncode=returncode,
        finish_reason=data.get("finish_reason"),
        landing_files=[landing] if landing.exists() else [],
        quarantine_files=[quarantine] if quarantine.exists() else [],
        item_count=data.get("postings", 0),
        quarantine_count=data.get("quarantined", 0),
        stats=data.get("stats", {}),
        boards_emptied=data.get("boards_emptied", {}),
        report_path=report if report.exists() else None,
        log_path=log_path,
        failure=data.get("failure"),
        superseded=data.get("superseded", {}),
        stale_parts_removed=data.get("stale_parts_removed", []),
    )


def _last_error_line(log_path: Path | None) -> str | None:
    """The last line of a crashed crawl's log that names an error (a traceback's last line)."""
    if log_path is None or not log_path.exists():
        return None
    lines = [line.strip() for line in log_path.read_text("utf-8", "replace").splitlines()]
    errors = [line for line in lines if "Error" in line or "ERROR" in line]
    return (errors or [line for line in lines if line] or [None])[-1]


def _copy_atomically(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)


# --- a shared frontier: N worker processes, one Redis (scrapers/frontier.py) -----------------


@dataclass(frozen=True)
class SharedCrawlResult:
    """The workers of one shared run, read as one crawl (what ``careermarket crawl`` prints)."""

    source: str
    run_id: str
    workers: list[CrawlResult]

    @property
    def crawl_id(self) -> str:
        return self.run_id

    @property
    def landing_files(self) -> list[Path]:
        return [path for worker in self.workers for path in worker.landing_files]

    @property
    def item_count(self) -> int:
        return sum(worker.item_count for worker in self.workers)

    @property
    def quarantine_count(self) -> int:
        return sum(worker.quarantine_count for worker in self.workers)

    @property
    def stats(self) -> dict[str, Any]:
        """Numeric stats summed over the workers."""
        total: dict[str, Any] = {}
        for worker in self.workers:
            for key, value in worker.stats.items():
                if isinstance(value, int | float) and not isinstance(value, bool):
                    total[key] = total.get(key, 0) + value
        return total

    @property
    def failure(self) -> str | None:
        """Every request of the run failed (no worker got an answer): the run failed."""
        from scrapers.outcome import failure_cause

        return failure_cause(self.stats, ()) if all(w.failure for w in self.workers) else None

    @property
    def ok(self) -> bool:
        return (
            all(w.returncode == 0 and w.finish_reason == "finished" for w in self.workers)
            and not self.failure
        )

    @property
    def failure_reason(self) -> str | None:
        if self.failure:
            return self.failure
        for number, worker in enumerate(self.workers, 1):
            if not worker.ok and worker.failure_reason and not worker.failure:
                return f"worker {number}: {worker.failure_reason}"
        return None

    @property
    def log_path(self) -> Path | None:
        return self.workers[0].log_path if self.workers else None

    @property
    def superseded(self) -> dict[str, int]:
        return {k: v for worker in self.workers for k, v in worker.superseded.items()}

    @property
    def stale_parts_removed(self) -> list[str]:
        return [p for worker in self.workers for p in worker.stale_parts_removed]

    @property
    def boards_emptied(self) -> dict[str, int]:
        return {k: v for worker in self.workers for k, v in worker.boards_emptied.items()}

    @property
    def summary(self) -> dict[str, Any]:
        stats = self.stats
        robots = stats.get("robotstxt/request_count", 0)
        return {
            "source": self.source,
            "crawl_id": self.run_id,
            "workers": len(self.workers),
            "finish_reasons": [w.finish_reason for w in self.workers],
            "postings": self.item_count,
            "postings_per_worker": [w.item_count for w in self.workers],
            "quarantined": self.quarantine_count,
            "duplicates_dropped": stats.get("careermarket/duplicates_dropped", 0),
            "details_skipped_unchanged": stats.get("careermarket/details_skipped_unchanged", 0),
            "requests": stats.get("downloader/request_count", 0) - robots,
            "requests_per_worker": [
                w.stats.get("downloader/request_count", 0)
                - w.stats.get("robotstxt/request_count", 0)
                for w in self.workers
            ],
            "boards_emptied": self.boards_emptied,
            "superseded": self.superseded,
            "failure": self.failure_reason,
            # time the workers waited for their turn at a host (scrapers/politeness.py)
            "host_budget_wait_seconds": round(
                stats.get("careermarket/host_budget_wait_seconds", 0.0), 3
            ),
            "logs": [str(w.log_path) for w in self.workers],
        }


def run_shared_crawl(
    source: str,
    *,
    workers: int,
    redis_url: str,
    data_dir: Path,
    spider_args: Mapping[str, Any] | None = None,
    settings: Mapping[str, Any] | None = None,
    output: Path | None = None,
    timeout: float | None = None,
) -> SharedCrawlResult:
    """Crawl ``source`` with ``workers`` processes that share one frontier in Redis.

    Each worker is ``python -m scrapy crawl`` with crawl id ``<run>-w<k>``, its own log,
    landing file and report; they share scrapy-redis's request queue and dupefilter, the
    posting ids seen, the ledger (``scrapers/frontier.py``) and each host's politeness
    budget (``scrapers/politeness.py``: ``DOWNLOAD_DELAY`` is the distance between any two
    requests to a host, whichever workers send them). The run's Redis keys are
    removed when the last worker has exited. With ``output`` the landing files are
    concatenated there.
    """
    from scrapers import frontier

    data_dir = Path(data_dir).resolve()
    run_id = layout.new_crawl_id()
    frontier.start_run(redis_url, source, run_id, workers)
    shared = {
        **{key: str(value) for key, value in (settings or {}).items()},
        **frontier.worker_settings(source, run_id, redis_url),
    }
    env = subprocess_env()
    env["SCRAPY_SETTINGS_MODULE"] = "scrapers.settings"
    running: list[tuple[str, subprocess.Popen[bytes], Path, Any]] = []
    try:
        for number in range(1, workers + 1):
            crawl_id = f"{run_id}-w{number}"
            log_path = layout.report_path(data_dir, source, crawl_id).with_suffix(".log")
            log_path.parent.mkdir(parents=True, exist_ok=True)
            log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
            command = build_command(source, crawl_id, data_dir, spider_args, shared)
            process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            running.append((crawl_id, process, log_path, log))
        deadline = None if timeout is None else time.monotonic() + timeout
        results = []
        for crawl_id, process, log_path, log in running:
            try:
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                returncode = process.wait(timeout=left)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                returncode = KILLED
            log.close()
            results.append(collect_result(source, crawl_id, data_dir, returncode, log_path))
    finally:
        for _, process, _, log in running:
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()
        frontier.forget_run(redis_url, source, run_id)
    result = SharedCrawlResult(source, run_id, results)
    if output is not None and result.landing_files:
        _concatenate_atomically(result.landing_files, Path(output))
    return result


def _concatenate_atomically(sources: list[Path], dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    with open(tmp, "wb") as out:
        for path in sources:
            with open(path, "rb") as handle:
                shutil.copyfileobj(handle, out)
    os.replace(tmp, dest)
