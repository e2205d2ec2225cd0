"""Inter-annotator agreement between two readings of the same postings.

    .venv/bin/python benchmarks/annotator_agreement.py FIRST SECOND [--json]
                                                       [--errors PATH] [--write-first DIR]

FIRST and SECOND are annotation directories (*.yaml, eval/ANNOTATION.md format), e.g.
eval/dev7 and eval/agreement/dev7_second. Entries are paired by `ref`; the first reading plays
gold and the second the prediction, and the figures are those `careermarket eval` prints, per
language and overall, followed by the most frequent disagreement classes. `--errors` writes the
per-posting differences (Markdown, like eval's error report); `--write-first DIR` writes the
first reading's paired entries, unchanged, to DIR/first.yaml so that `careermarket eval --gold
DIR` scores the extractor on exactly those postings. Never point either reading at a test set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from careermarket.commands.evaluate import ROWS, TEST_SET_MARK
from evaluation.agreement import agreement, disagreement_classes, disagreement_summary
from evaluation.gold import GoldError, load_gold
from pipelines.taxonomy import load_taxonomy


def _write_first(first: Path, keep: set[str], out: Path) -> int:
    """The raw entries of `first` whose label is in `keep`, to out/first.yaml."""
    entries = []
    for path in sorted(first.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            ref = raw["ref"]
            if f"{ref['file']}#{ref.get('row', ref.get('id'))}" in keep:
                entries.append(raw)
    out.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    (out / "first.yaml").write_text(text, encoding="utf-8")
    return len(entries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="the first reading (plays gold)")
    parser.add_argument("second", type=Path, help="the second reading (plays the prediction)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=Path, help="write the per-posting differences here")
    parser.add_argument("--write-first", type=Path, help="write the paired first entries here")
    parser.add_argument("--top", type=int, default=15, help="disagreement classes to list")
    args = parser.parse_args()
    for directory in (args.first, args.second):
        if (directory / TEST_SET_MARK).is_file():
            print(f"{directory} is a test set: no per-posting comparison", file=sys.stderr)
            return 2
    taxonomy = load_taxonomy()
    try:
        first, second = load_gold(args.first, taxonomy), load_gold(args.second, taxonomy)
    except GoldError as exc:
        print(exc, file=sys.stderr)
        return 2
    result = agreement(first, second, taxonomy)
    figures = result.figures()
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        groups = list(figures)
        header = ["figure", *(f"{g} (n={int(figures[g]['postings'])})" for g in groups)]
        print(" | ".join(header))
        for label, key in ROWS:
            print(" | ".join([label, *(f"{figures[g][key]:.3f}" for g in groups)]))
        print(
            f"\npaired {len(result.results)}; only in the first reading {len(result.only_first)}, "
            f"only in the second {len(result.only_second)}"
        )
        print("\ndisagreements by kind:")
        for label, n in disagreement_summary(result.results).most_common():
            print(f"  {n:4d}  {label}")
        print(f"\nmost frequent disagreement classes (top {args.top}):")
        for label, n in disagreement_classes(result.results).most_common(args.top):
            print(f"  {n:4d}  {label}")
    if args.errors:
        lines = ["# Second reading against the first", ""]
        for r in result.results:
            errors = r.errors()
            if errors:
                lines += ["", f"## {r.gold.label} ({r.gold.language})"]
                lines += [e if e.startswith(" ") else f"- {e}" for e in errors]
        args.errors.parent.mkdir(parents=True, exist_ok=True)
        args.errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.write_first:
        n = _write_first(args.first, {r.gold.label for r in result.results}, args.write_first)
        print(f"\n{n} first-reading entries → {args.write_first / 'first.yaml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
