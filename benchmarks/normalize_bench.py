"""Normalization throughput, CPU and memory, beside a naive baseline and a floor, in one run.

    .venv/bin/python benchmarks/normalize_bench.py [--postings 100000] [--naive 2000] [--workers 2]

Postings are generated from the bundled snapshot: each raw record keeps its source's payload
shape, and its text is padded with our own filler sentences to about 3,500 characters; one in
five is Korean. Each measurement runs in a fresh process so its peak RSS is its own:

- careermarket: the whole normalizer (HTML to text, sections, role, skills with evidence,
  years, degree, salary) plus streaming dedupe (MinHash LSH), one core, streamed from a
  generator, as installed (plain Python, nothing compiled); and over `--workers` processes
  for wall time;
- naive baseline: pandas, one regex per alias over every description (an analyst's notebook);
- floor: one Aho-Corasick pass (pyahocorasick, as the issue defines it) over each decoded
  record, lower-cased (the least work any extractor must do); the same pass with the Rust
  automaton the normalizer itself uses is printed beside it, for reference.

Targets (issue 5): >= 1,500 postings per CPU-second, >= 20x the baseline, within 5x of the
floor, peak RSS <= 300 MiB for 100,000 postings and flat in N except the dedupe state
(<= 1 KiB per posting). A script, not a test.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import multiprocessing as mp
import os
import random
import re
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "data" / "snapshot"
TARGET_CHARS = 3_500

FILLER_EN = [
    "Our team ships small changes every day and reviews each other's work with care.",
    "We keep a written record of decisions so that people in every time zone can follow along.",
    "The company was founded by engineers who spent years building logistics software.",
    "We offer a learning budget, flexible hours and a quiet place to think.",
    "Customers rely on our platform to plan routes, stock shelves and answer questions quickly.",
    "You will join a group of twelve people who care about clear interfaces and honest metrics.",
    "We believe good tools come from listening to the people who use them every day.",
    "Our offices are close to public transport and we meet in person once a month.",
]
FILLER_KO = [
    "우리 팀은 매일 작은 변화를 배포하고 서로의 작업을 꼼꼼히 리뷰합니다.",
    "모든 결정은 문서로 남겨 다른 시간대의 동료도 쉽게 따라올 수 있습니다.",
    "회사는 물류 소프트웨어를 오래 만들어 온 엔지니어들이 함께 세웠습니다.",
    "자기계발 지원금과 유연 근무, 조용히 집중할 수 있는 공간을 제공합니다.",
    "고객은 우리 플랫폼으로 경로를 계획하고 재고를 관리하며 질문에 빠르게 답합니다.",
    "명확한 인터페이스와 정직한 지표를 중요하게 생각하는 열두 명의 팀에 합류하게 됩니다.",
]
# Where each source keeps its longest text, and whether that text is entity-escaped HTML.
TEXT_FIELD = {
    "greenhouse": (("content",), "escaped"),
    "lever": (("description",), "html"),
    "ashby": (("descriptionHtml",), "html"),
    "smartrecruiters": (("jobAd", "sections", "companyDescription", "text"), "html"),
    "wanted": (("detail", "intro"), "text"),
    "jumpit": (("serviceInfo",), "text"),
    "jsonld": (("description",), "html"),
    "remotive": (("description",), "html"),
    "remoteok": (("description",), "html"),
    "arbeitnow": (("description",), "escaped"),
    "hackernews": (("text",), "html"),
    "text": (("description",), "text"),
}


def snapshot_records() -> tuple[list[dict], list[dict]]:
    """The snapshot's readable records, split into (Korean, other)."""
    from pipelines.models import NormalizedPosting
    from pipelines.normalize import normalize, parse_raw_line
    from pipelines.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    korean, other = [], []
    for path in sorted(SNAPSHOT.glob("*/*/*.jsonl")):
        for line in path.read_bytes().splitlines():
            record = parse_raw_line(line)
            if not isinstance(record, dict) or record.get("source") not in TEXT_FIELD:
                continue
            result = normalize(record, taxonomy)
            if isinstance(result, NormalizedPosting):
                (korean if result.language == "ko" else other).append(record)
    return korean, other


class _Template(NamedTuple):
    line: str  # the raw record as JSON, with @@TEXT@@ and @@ID@@ where the text and id go
    text: str  # the source's own text
    kind: str  # "html", "escaped" (entity-escaped HTML) or "text"
    budget: int  # characters of filler that bring the payload to about TARGET_CHARS
    text_first: bool  # Hacker News: the "Company | Role" line must stay first


def _template(record: dict) -> _Template:
    record = copy.deepcopy(record)
    path, kind = TEXT_FIELD[record["source"]]
    holder = record["payload"]
    for key in path[:-1]:
        holder = holder.setdefault(key, {})
    text = holder.get(path[-1]) or ""
    budget = TARGET_CHARS - len(json.dumps(record["payload"], ensure_ascii=False))
    holder[path[-1]] = "@@TEXT@@"
    record["source_posting_id"] = "@@ID@@"
    line = json.dumps(record, ensure_ascii=False)
    return _Template(line, text, kind, budget, record["source"] == "hackernews")


def _padded_line(template: _Template, rng: random.Random, pool: list[str], index: int) -> bytes:
    filler, length = [], 0
    while length < template.budget:
        sentence = rng.choice(pool)
        filler.append(sentence)
        length += len(sentence) + 8
    block = " ".join(filler)
    if template.kind == "html":
        block = f"<p>{html.escape(block)}</p>"
    elif template.kind == "escaped":
        block = html.escape(f"<p>{html.escape(block)}</p>")
    joiner = "\n" if template.kind == "text" else ""
    # Company introductions come first; a Hacker News comment must keep its "Company | Role" line.
    text = template.text + joiner + block if template.text_first else block + joiner + template.text
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]
    return template.line.replace("@@TEXT@@", escaped).replace("@@ID@@", f"bench-{index}").encode()


def _stream(n: int, korean: list[_Template], other: list[_Template], seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for i in range(n):
        is_korean = i % 5 == 0
        template = rng.choice(korean if is_korean else other)
        yield _padded_line(template, rng, FILLER_KO if is_korean else FILLER_EN, i)


def generate(n: int, seed: int = 7) -> Iterator[bytes]:
    """n raw JSONL lines, about 3,500 characters each, one in five Korean.

    The snapshot is read here, eagerly; the lines are then produced one at a time from
    templates (about 15 µs each), so generating them costs little beside what is measured."""
    korean, other = snapshot_records()
    return _stream(n, [_template(r) for r in korean], [_template(r) for r in other], seed)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _careermarket(n: int, seed: int = 7) -> dict:
    import itertools

    from pipelines.batch import CHUNK, normalize_lines
    from pipelines.dedupe import Deduplicator, dedupe_text
    from pipelines.models import NormalizedPosting
    from pipelines.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    dedupe = Deduplicator()
    lines = generate(n, seed)
    done = duplicates = 0
    started, cpu = time.perf_counter(), time.process_time()
    # As `careermarket normalize` does it: lines stream through `normalize_lines` (one core),
    # results are deduplicated a block at a time.
    results = enumerate(normalize_lines(lines, taxonomy, workers=1))
    while block := list(itertools.islice(results, CHUNK)):
        entries = []
        for index, result in block:
            if isinstance(result, NormalizedPosting):
                # Postings are generated from ~100 snapshot records, so nearly every one would
                # copy an earlier one; half are given a company of their own, as if a new job,
                # so the dedupe index grows the way it does on a real crawl.
                company = result.company if index % 2 else f"{result.company}#{index}"
                text = dedupe_text(result.section_text)
                entries.append(
                    (result.posting_key, company, result.title, text, result.content_hash)
                )
        duplicates += sum(m is not None for m in dedupe.add_many(entries))
        done += len(block)
    return {
        "postings": done,
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - started,
        "peak": _peak_mib(),
        "duplicates": duplicates,
    }


def _generation_cost(n: int) -> float:
    """CPU seconds per posting spent only producing the input, subtracted from every
    measurement: the median of three passes, since one short pass varied by a third between
    runs and moved the floor's figure (its own cost is small) by a tenth."""
    passes = []
    for seed in (7, 8, 9):
        lines = generate(n, seed)
        cpu = time.process_time()
        for _ in lines:
            pass
        passes.append((time.process_time() - cpu) / n)
    return sorted(passes)[1]


def _naive(n: int) -> dict:
    import pandas as pd

    from pipelines.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    lines = generate(n)
    started, cpu = time.perf_counter(), time.process_time()
    rows = []
    for line in lines:
        record = json.loads(line)
        rows.append(
            {
                "id": record["source_posting_id"],
                "text": json.dumps(record["payload"], ensure_ascii=False),
            }
        )
    frame = pd.DataFrame(rows)
    text = frame["text"].str.replace(r"<[^>]+>", " ", regex=True).str.lower()
    found = {
        f"{skill.id}:{alias}": text.str.contains(rf"\b{re.escape(alias)}\b", regex=True)
        for skill in taxonomy.skills.values()
        for alias in skill.aliases
    }
    frame = pd.concat([frame[["id"]], pd.DataFrame(found)], axis=1)
    return {
        "postings": n,
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - started,
        "peak": _peak_mib(),
    }


def _floor(n: int, rust: bool = False) -> dict:
    """One automaton pass over each decoded record: pyahocorasick (the issue's floor) or, with
    `rust`, the Rust automaton the normalizer itself uses (for reference, not a target)."""
    from pipelines.automaton import Automaton
    from pipelines.taxonomy import load_taxonomy

    aliases = [(a, s.id) for s in load_taxonomy().skills.values() for a in s.aliases]
    if rust:
        rust_automaton = Automaton(aliases)

        def count(text: str) -> int:
            return len(rust_automaton.matches(text))

    else:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for alias, skill_id in aliases:
            automaton.add_word(alias, skill_id)
        automaton.make_automaton()

        def count(text: str) -> int:
            return sum(1 for _ in automaton.iter(text))

    lines = generate(n)
    started, cpu = time.perf_counter(), time.process_time()
    hits = 0
    for line in lines:
        hits += count(line.decode("utf-8").lower())
    return {
        "postings": n,
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - started,
        "peak": _peak_mib(),
    }


def _in_fresh_process(target, *args, env: dict[str, str] | None = None) -> dict:
    saved = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})  # a spawned process starts with the parent's environment
    try:
        with mp.get_context("spawn").Pool(1) as pool:
            return pool.apply(target, args)
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def _parallel(n: int, workers: int) -> dict:
    """The same work over `workers` processes, each generating and normalizing its share."""
    shares = [n * (w + 1) // workers - n * w // workers for w in range(workers)]
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(workers) as pool:
        parts = pool.starmap(_careermarket, [(share, 7 + w) for w, share in enumerate(shares)])
    wall = time.perf_counter() - started
    return {
        "postings": sum(p["postings"] for p in parts),
        "wall": wall,
        "cpu": sum(p["cpu"] for p in parts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--naive", type=int, default=2_000, help="postings for the naive baseline")
    parser.add_argument(
        "--small", type=int, default=20_000, help="second size for the memory slope"
    )
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    gen_per_posting = _in_fresh_process(_generation_cost, 20_000)
    print(f"input generation: {gen_per_posting * 1e6:.0f} µs per posting (subtracted below)\n")

    def rate(result: dict) -> float:
        cpu = result["cpu"] - gen_per_posting * result["postings"]
        return result["postings"] / cpu

    ours = _in_fresh_process(_careermarket, args.postings)
    small = _in_fresh_process(_careermarket, args.small)
    naive = _in_fresh_process(_naive, args.naive)
    floor = _in_fresh_process(_floor, args.postings)
    floor_rs = _in_fresh_process(_floor, args.postings, True)
    both = _parallel(args.postings, args.workers)

    rows = [
        ("careermarket (1 core)", ours),
        (f"careermarket ({args.small:,})", small),
        ("naive pandas regex", naive),
        ("floor: one automaton pass", floor),
        ("  same, Rust automaton", floor_rs),
    ]
    print(
        f"{'run':<28}{'postings':>10}{'postings/CPU-s':>16}{'CPU s':>9}{'wall s':>9}{'peak MiB':>10}"
    )
    for name, r in rows:
        print(
            f"{name:<28}{r['postings']:>10,}{rate(r):>16,.0f}{r['cpu']:>9.1f}{r['wall']:>9.1f}{r['peak']:>10.0f}"
        )
    print(
        f"{f'careermarket ({args.workers} workers)':<28}{both['postings']:>10,}{'':>16}{both['cpu']:>9.1f}"
        f"{both['wall']:>9.1f}{'':>10}   {both['postings'] / both['wall']:,.0f} postings/s wall"
    )
    slope = (ours["peak"] - small["peak"]) * 1024 / (args.postings - args.small)
    print(f"\nduplicates found: {ours['duplicates']:,}; memory slope {slope:.2f} KiB per posting")
    checks = [
        ("≥ 1,500 postings per CPU-second", rate(ours) >= 1_500),
        ("≥ 20× the naive baseline", rate(ours) >= 20 * rate(naive)),
        ("within 5× of the floor", rate(ours) * 5 >= rate(floor)),
        ("peak ≤ 300 MiB", ours["peak"] <= 300),
        ("dedupe state ≤ 1 KiB per posting", slope <= 1.0),
    ]
    print(
        f"speed-up over naive {rate(ours) / rate(naive):.0f}×, floor is {rate(floor) / rate(ours):.1f}× faster\n"
    )
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")


if __name__ == "__main__":
    main()
