"""Every file of the reference corpus through the pipeline, as a user would run it.

    .venv/bin/python benchmarks/real_corpus_check.py [--corpus ../shared/corpus] [--keep DIR]
                                                     [--write-doc [PATH]]

Imports each file eval/real_corpus.yaml lists (import-csv, import-json, or the evaluation's
readers) into a temporary data directory, runs `careermarket run --data-dir` on it and prints
counts and timings. `--write-doc` writes docs/real-corpus-check.md (figures only, no corpus
text) with `careermarket advise` on that warehouse; `--keep DIR` builds into DIR and keeps it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from evaluation.corpus import default_corpus
from evaluation.real_corpus import DOC, advise_text, build, render_doc, summary_lines, unplanned


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--keep", type=Path, help="build into this directory and keep it")
    parser.add_argument(
        "--write-doc", nargs="?", const=DOC, type=Path, help=f"write the tables (default {DOC})"
    )
    args = parser.parse_args()
    if args.corpus is None or not args.corpus.is_dir():
        print("no corpus directory: pass --corpus", file=sys.stderr)
        return 2
    extra, missing = unplanned(args.corpus)
    if extra or missing:
        print(f"eval/real_corpus.yaml is out of date: not listed {extra}, missing {missing}")
        return 2
    if args.keep and any(args.keep.iterdir() if args.keep.exists() else ()):
        print(f"{args.keep} is not empty: choose a new directory", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="real-corpus-") as scratch:
        root = args.keep or Path(scratch)
        result = build(args.corpus, root)
        for line in summary_lines(result):
            print(line)
        if args.write_doc:
            args.write_doc.parent.mkdir(parents=True, exist_ok=True)
            args.write_doc.write_text(render_doc(result, advise_text(root)), encoding="utf-8")
            print(f"wrote {args.write_doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
