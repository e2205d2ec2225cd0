"""Normalization on real text: throughput, CPU and memory beside a naive baseline and a floor.

    .venv/bin/python benchmarks/normalize_bench.py [--postings 20000] [--naive 2000] [--workers 2]

The input is the reference corpus (real postings with their real lengths and layouts,
replicated with fresh ids: see `real_postings.py`), written to a temporary landing file that
is deleted afterwards. Without the corpus the script says so and exits non-zero. Each
measurement runs in a fresh process, so its CPU time and peak RSS are its own:

- careermarket: what `careermarket normalize RAW -o OUT --workers 1` does (the CLI's
  `normalize_file`: every line through the shared runner, Arrow batches, dedupe, JSONL out),
  on one core; and the same over `--workers` processes, for wall time;
- naive baseline: pandas, one `Series.str.contains` per taxonomy alias over every posting's
  text (case-insensitive, word boundaries), as an analyst's notebook would;
- floor: one pyahocorasick pass over each decoded line, lower-cased (the least work any
  extractor must do).

Targets (issue 17): >= 1,500 postings per CPU-second on one core, >= 20x the naive baseline,
within 4x of the floor, peak RSS <= 300 MiB. A script, not a test: it prints each figure beside
its target and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_postings import corpus_dir, corpus_records, write_landing


def _peak_mib() -> float:
    """This process's own peak RSS: VmHWM, the high-water mark of its memory since it started
    (exec). `ru_maxrss` would not do: Linux carries it over from the forking parent, so every
    fresh process would start at the RSS of the script holding the corpus (about 280 MiB)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status)[1]) / 1024  # type: ignore[index]
    except (OSError, TypeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _careermarket(raw: str, workers: int) -> dict:
    """`careermarket normalize` on `workers` processes; CPU counts this process and its
    workers (the children's CPU is read once they have exited). On one core, the location
    gazetteer is built first and its CPU time reported on its own (`one_off`): a cost per
    process, not per posting, which would otherwise fall on the first posting with a location.
    Each of several workers builds its own inside the measured run."""
    from careermarket.files import normalize_file
    from pipelines.locale import load_gazetteer
    from pipelines.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    one_off = time.process_time()
    if workers == 1:
        load_gazetteer(taxonomy)
    one_off = time.process_time() - one_off
    out = Path(raw).with_suffix(f".out{workers}.jsonl")
    quarantine = Path(raw).with_suffix(f".q{workers}.jsonl")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, cpu = time.perf_counter(), time.process_time()
    summary = normalize_file(Path(raw), out, quarantine, taxonomy, workers=workers)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    for path in (out, quarantine):
        path.unlink(missing_ok=True)
    return {
        "postings": summary.normalized + summary.quarantined,
        "cpu": cpu + children,
        "wall": wall,
        "peak": max(_peak_mib(), after.ru_maxrss / 1024 if workers > 1 else 0),
        "duplicates": summary.duplicates,
        "one_off": one_off,
    }


def _naive(raw: str, n: int) -> dict:
    """pandas, one `str.contains` per alias (case-insensitive, word boundaries) over the text
    of every posting: the payload as text, markup removed."""
    import pandas as pd

    from pipelines.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    started, cpu = time.perf_counter(), time.process_time()
    rows = []
    with open(raw, "rb") as handle:
        for _, line in zip(range(n), handle, strict=False):
            record = json.loads(line)
            payload = record.get("payload")
            rows.append(
                {
                    "id": record.get("source_posting_id"),
                    "text": json.dumps(payload, ensure_ascii=False),
                }
            )
    frame = pd.DataFrame(rows)
    text = frame["text"].str.replace(r"<[^>]+>", " ", regex=True)
    found = {
        f"{skill.id}:{alias}": text.str.contains(rf"\b{re.escape(alias)}\b", case=False, regex=True)
        for skill in taxonomy.skills.values()
        for alias in skill.aliases
    }
    frame = pd.concat([frame[["id"]], pd.DataFrame(found)], axis=1)
    return {
        "postings": len(frame),
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - started,
        "peak": _peak_mib(),
    }


def _floor(raw: str) -> dict:
    """One pyahocorasick pass over each decoded line, lower-cased."""
    import ahocorasick

    from pipelines.taxonomy import load_taxonomy

    automaton = ahocorasick.Automaton()
    for skill in load_taxonomy().skills.values():
        for alias in skill.aliases:
            automaton.add_word(alias.lower(), skill.id)
    automaton.make_automaton()
    started, cpu = time.perf_counter(), time.process_time()
    postings = hits = 0
    with open(raw, "rb") as handle:
        for line in handle:
            hits += sum(1 for _ in automaton.iter(line.decode("utf-8").lower()))
            postings += 1
    return {
        "postings": postings,
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - started,
        "peak": _peak_mib(),
    }


def _in_fresh_process(target, *args) -> dict:
    # ProcessPoolExecutor's process may start processes of its own (the workers row).
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(target, *args).result()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--naive", type=int, default=2_000, help="postings for the naive baseline")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    corpus = corpus_dir()  # exits non-zero, saying why, when there is no corpus
    distinct = len(corpus_records(corpus))
    folder = Path(tempfile.mkdtemp(prefix="careermarket-normalize-bench-"))
    try:
        raw = folder / "raw.jsonl"
        size = write_landing(raw, args.postings, corpus)
        print(
            f"input: {args.postings:,} postings from {distinct:,} corpus rows (fresh ids), "
            f"{size / args.postings:,.0f} bytes per line on average; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
        )
        ours = _in_fresh_process(_careermarket, str(raw), 1)
        naive = _in_fresh_process(_naive, str(raw), args.naive)
        floor = _in_fresh_process(_floor, str(raw))
        both = _in_fresh_process(_careermarket, str(raw), args.workers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def rate(result: dict) -> float:
        return result["postings"] / result["cpu"]

    print(f"{'run':<34}{'postings':>10}{'per CPU-s':>11}{'CPU s':>9}{'wall s':>9}{'peak MiB':>10}")
    rows = [
        ("careermarket normalize (1 core)", ours),
        ("naive pandas str.contains", naive),
        ("floor: one pyahocorasick pass", floor),
        (f"careermarket normalize ({args.workers} workers)", both),
    ]
    for name, r in rows:
        print(
            f"{name:<34}{r['postings']:>10,}{rate(r):>11,.0f}{r['cpu']:>9.1f}{r['wall']:>9.1f}"
            f"{r['peak']:>10.0f}"
        )
    print(
        f"\none-off per process, outside the 1-core row: building the location gazetteer, "
        f"{ours['one_off']:.2f} CPU-s (the row with it: "
        f"{ours['postings'] / (ours['cpu'] + ours['one_off']):,.0f} postings per CPU-second)"
    )
    print(
        f"{args.workers} workers: {both['postings'] / both['wall']:,.0f} postings per second "
        f"of wall time; duplicates found: {ours['duplicates']:,}\n"
    )
    speedup, gap = rate(ours) / rate(naive), rate(floor) / rate(ours)
    checks = [
        (f"{rate(ours):,.0f} postings per CPU-second", "≥ 1,500", rate(ours) >= 1_500),
        (f"{speedup:,.1f}× the naive baseline", "≥ 20×", speedup >= 20),
        (f"the floor is {gap:.1f}× faster", "within 4×", gap <= 4),
        (f"peak {ours['peak']:.0f} MiB", "≤ 300 MiB", ours["peak"] <= 300),
    ]
    for figure, target, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {figure:<40} target {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
