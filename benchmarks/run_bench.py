"""`careermarket run` end to end on real text: wall time, CPU time, memory and the checks.

    .venv/bin/python benchmarks/run_bench.py [--postings 200000] [--keep]

Lands N postings built from the reference corpus (replicated with fresh ids: see
`real_postings.py`) as one landing file of ONE partition (`raw/csv/<date>/`) in a temporary
data directory, then runs `careermarket run --data-dir <that directory>` in a child process,
exactly as a user would, and prints:

- wall time and CPU time (the run and every process it started);
- the largest peak RSS of any of those processes (getrusage of the waited-for children), and,
  sampled twice a second, which process it was;
- whether the run succeeded and every Dagster check passed;
- the load average before and after, since the machine may be shared.

Targets (issue 17): 200,000 postings in at most 180 s of wall time on a 2-core machine, no
process above 2 GiB, every check passing. Without the corpus the script says so and exits
non-zero; otherwise it exits with the run's own exit code.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_postings import corpus_dir, write_landing

ROOT = Path(__file__).resolve().parent.parent
CAREERMARKET = ROOT / ".venv" / "bin" / "careermarket"
DAY = "2026-11-20"
WALL_TARGET_S = 180
RSS_TARGET_MIB = 2048


def _descendants(pid: int) -> list[int]:
    """pid and every process below it, from /proc (Linux)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += parents.get(current, [])
    return out


def _rss_and_name(pid: int) -> tuple[float, str]:
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024
    argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    return rss, " ".join(a.decode(errors="replace") for a in argv[1:3])[:60]


class _Sampler(threading.Thread):
    """The RSS of a process and its descendants, twice a second: the largest seen per process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peaks: dict[int, tuple[float, str]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            for pid in _descendants(self.pid):
                try:
                    rss, name = _rss_and_name(pid)
                except (OSError, TypeError):  # gone, or a zombie without VmRSS
                    continue
                if rss > self.peaks.get(pid, (0.0, ""))[0]:
                    self.peaks[pid] = (rss, name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=200_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args()

    corpus = corpus_dir()  # exits non-zero, saying why, when there is no corpus
    folder = Path(tempfile.mkdtemp(prefix="careermarket-run-bench-"))
    data = folder / "data"
    landing = data / "raw" / "csv" / DAY / "bench.jsonl"
    try:
        started = time.perf_counter()
        size = write_landing(landing, args.postings, corpus)
        print(
            f"landed {args.postings:,} postings ({size / 2**20:,.0f} MiB) in one partition "
            f"({DAY}|csv) in {time.perf_counter() - started:.0f} s: {landing}"
        )
        load_before = os.getloadavg()
        env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        child = subprocess.Popen(
            [str(CAREERMARKET), "run", "--data-dir", str(data)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        sampler = _Sampler(child.pid)
        sampler.start()
        output, _ = child.communicate()
        wall = time.perf_counter() - started
        sampler.stop.set()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_after = os.getloadavg()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    cpu = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    peak = usage.ru_maxrss / 1024
    print(output.rstrip())
    checks = re.search(r"(\d+) checks \((\d+) not passing\)", output)
    all_passed = child.returncode == 0 and checks is not None and checks[2] == "0"
    print(
        f"\nload average before {load_before[0]:.1f}, after {load_after[0]:.1f} (1 min), "
        f"{os.cpu_count()} cores"
    )
    print("largest processes (sampled):")
    for rss, name in sorted(sampler.peaks.values(), reverse=True)[:4]:
        print(f"  {rss:8,.0f} MiB  {name}")
    rows = [
        ("wall time", f"{wall:,.0f} s", f"≤ {WALL_TARGET_S} s", wall <= WALL_TARGET_S),
        ("CPU time", f"{cpu:,.0f} CPU-s", "", None),
        ("postings per second of wall time", f"{args.postings / wall:,.0f}", "", None),
        ("largest process peak RSS", f"{peak:,.0f} MiB", "≤ 2 GiB", peak <= RSS_TARGET_MIB),
        (
            "every Dagster check passed",
            f"{checks[1]} checks, {checks[2]} not passing" if checks else "no check ran",
            "all",
            all_passed,
        ),
    ]
    print(f"\n{args.postings:,} postings, one partition:")
    for label, figure, target, ok in rows:
        verdict = "    " if ok is None else "PASS" if ok else "FAIL"
        print(f"  {verdict}  {label:<36}{figure:>22}   {target}")
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
