"""Cross-board copies among the reference corpus's Korean files, as a user would find them.

    .venv/bin/python benchmarks/cross_board_pairs.py [--corpus ../shared/corpus] [--keep DIR]

Imports each Korean CSV of the corpus with `careermarket import-csv --source-label …` (the
column maps of eval/corpus_maps.yaml) into a temporary data directory, runs `careermarket run
--data-dir` on it, and prints counts only, never corpus text: duplicates by method and by pair
of files, and the in-scope postings per role before and after cross-board copies are merged.
About two minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import yaml

from evaluation.corpus import CORPUS_MAPS, default_corpus

FILES = {
    "postings/ko/wanted_dev_jobs_2024__wanted_350.csv": "wanted_2024",
    "postings/ko/programmers_jobs_2024__programmers_110.csv": "programmers_2024",
    "postings/ko/wanted_jumpit_ai_jobs_2025__datasets.csv": "wanted_jumpit_2025",
    "postings/ko/wanted_data_analyst_jobs_2026__job_posting_automation_pipeline.csv": "wanted_2026",
    "postings/ko/remember_data_jobs_2026__job_posting_automation_pipeline.csv": "remember_2026",
    "postings/ko/jobkorea_data_analysis_jobs_2026__job_posting_automation_pipeline.csv": (
        "jobkorea_2026"
    ),
}
# JobKorea is not in the evaluation's maps: its columns are those of the 2026 Wanted file.
_PLAIN = {
    "title": "title",
    "company": "company",
    "location": "location",
    "description": "description",
}


def _careermarket(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "careermarket", *args], check=True, capture_output=True)


def build(corpus: Path, root: Path) -> None:
    maps = yaml.safe_load(CORPUS_MAPS.read_text("utf-8"))["csv"]
    for name, label in FILES.items():
        spec = maps.get(name, {"field_map": _PLAIN})
        field_map = ",".join(f"{k}={v}" for k, v in spec["field_map"].items())
        out = root / "raw" / "csv" / "2026-11-01" / f"{label}.jsonl"
        extra = ["--line-separator", spec["line_separator"]] if spec.get("line_separator") else []
        _careermarket(
            "import-csv", str(corpus / name), "--map", field_map, "--source-label", label,
            "--country", "KR", "-o", str(out), *extra,
        )  # fmt: skip
    _careermarket("run", "--data-dir", str(root))


def report(database: Path) -> None:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        print("duplicates by method:")
        for method, count in conn.execute(
            "select duplicate_method, count(*) from stg_postings where source = 'csv' "
            "and duplicate_of is not null group by 1 order by 2 desc"
        ).fetchall():
            print(f"  {method:15} {count}")
        print("cross-board copies by pair of files (canonical <- copy):")
        for first, copy, count in conn.execute(
            "select c.source_label, s.source_label, count(*) from stg_postings s "
            "join stg_postings c on c.posting_key = s.duplicate_of "
            "where s.duplicate_method = 'cross_board' group by all order by 3 desc, 1, 2"
        ).fetchall():
            print(f"  {first:18} <- {copy:18} {count}")
        print("in-scope postings per role: all, canonical, cross-board copies among them")
        for role, total, canonical, cross in conn.execute(
            "select role, count(*), count(*) filter (where is_canonical), "
            "count(*) filter (where duplicate_method = 'cross_board') from stg_postings "
            "where source = 'csv' and in_scope group by 1 order by 2 desc"
        ).fetchall():
            print(f"  {role:24} {total:5} {canonical:5} {cross:5}")
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--keep", type=Path, help="build into this directory and keep it")
    args = parser.parse_args()
    if args.corpus is None or not args.corpus.is_dir():
        print("no corpus directory: pass --corpus", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cross-board-") as scratch:
        root = args.keep or Path(scratch)
        build(args.corpus, root)
        report(root / "careermarket.duckdb")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
