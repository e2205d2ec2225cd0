"""Postings per second: normalize on a local Ray cluster beside the local path, one run each.

    .venv/bin/python benchmarks/ray_bench.py [--postings 20000] [--address HOST:PORT]

Needs the `scale` extra (`ray[data]`). The input is N generated postings (`generated_postings.py`:
snapshot records with fresh ids and varied text) in one landing file, i.e. one partition. Without
`--address` the script starts a local cluster (`ray start --head --block --num-cpus=2` on
127.0.0.1: dags/ray_local.py, as the scale tests do) and stops it at the end. It times, on the same lines:

- local, 1 process and `auto_workers` processes (pipelines.batch.Runner, what `compute: local`
  runs);
- Ray, 1 actor and 2 actors of 0.5 CPU each (dags.ray_compute.RayRunner, what `compute: ray`
  runs), already connected: the time covers putting the lines into the object store, starting
  the actors (each loads the taxonomy and builds its matchers), normalizing and bringing the
  chunks back.

Each row prints wall seconds, postings per second and whether its rows' digest equals the
local one. The load average is printed before and after: the machine may be shared.
A script, not a test: it exits 0 whatever the figures are, 1 if a digest differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_postings import write_generated

from dags.ray_compute import RayRunner, digest
from dags.ray_local import local_cluster
from pipelines.batch import Runner, auto_workers
from pipelines.taxonomy import load_taxonomy
from warehouse.load import landing_lines


def timed(runner, path: Path) -> tuple[float, str, dict[str, int]]:
    started = time.perf_counter()
    chunks = list(runner.run(landing_lines([path])))
    seconds = time.perf_counter() - started
    return (seconds, *digest(chunks))


def measure(path: Path, address: str, postings: int) -> list[tuple[str, float, str, dict]]:
    """(label, wall seconds, digest, counts) of each path over the same landing file."""
    taxonomy = load_taxonomy()
    rows = []
    for workers in sorted({1, auto_workers(postings)}):
        with Runner(taxonomy, workers) as runner:
            rows.append((f"local, {workers} process(es)", *timed(runner, path)))
    for actors in (1, 2):
        with RayRunner(taxonomy, address, actors=actors, actor_cpus=0.5) as runner:
            runner.connect()
            rows.append((f"Ray, {actors} actor(s) × 0.5 CPU", *timed(runner, path)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--address", help="an existing cluster (default: start a local one)")
    args = parser.parse_args()

    temp = Path(tempfile.mkdtemp(prefix="ray-bench-", dir="/tmp"))
    try:
        path = write_generated(temp / "raw" / "csv" / "2026-12-01" / "gen.jsonl", args.postings)
        print(f"{args.postings:,} generated postings, {path.stat().st_size / 2**20:.1f} MiB")
        print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()}")
        with ExitStack() as stack:
            address = args.address
            if address is None:
                started = time.perf_counter()
                address = stack.enter_context(local_cluster(num_cpus=2))
                print(
                    f"local Ray cluster at {address} answered after "
                    f"{time.perf_counter() - started:.1f} s"
                )
            rows = measure(path, address, args.postings)
    finally:
        shutil.rmtree(temp, ignore_errors=True)

    reference = rows[0][2]
    print(f"\n{'path':<28} {'wall s':>7} {'postings/s':>10}  same rows as local")
    for label, seconds, sha, counts in rows:
        rate = counts["raw"] / seconds
        print(f"{label:<28} {seconds:>7.1f} {rate:>10,.0f}  {sha == reference}")
    print(f"load average after: {os.getloadavg()}")
    return 0 if all(r[2] == reference for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
