"""CPU time of normalize on hostile records at the sizes issue 15 measured, one line each.

    .venv/bin/python benchmarks/hostile_bench.py

Before the fixes: unclosed "<script>" 12 s at 120 KB, "1 years " 10 s at 120 KB, 30 lines of
2,000 digits 3.9 s. Target: each well under a second. A record over the size limits is
quarantined as `oversized` (pipelines/normalize.py); the cases here stay under them so that every
stage runs. A script, not a test (tests/pipelines/test_hostile_input.py has the regressions).
"""

from __future__ import annotations

import time

from pipelines.models import NormalizedPosting
from pipelines.normalize import normalize
from pipelines.taxonomy import load_taxonomy


def record(description: str, source: str = "text") -> dict:
    return {
        "source": source,
        "source_posting_id": "bench",
        "payload": {"title": "Machine Learning Engineer", "description": description},
    }


CASES = {
    "unclosed <script>, 120 KB": "<p>Requirements</p>" + "<script>" * 15_000,
    "unclosed <!--, 90 KB": "<p>Requirements</p>" + "<!--" * 22_000,
    '"1 years ", 90 KB': "Requirements\n" + "1 years " * 11_000,
    "30 lines of 2,000 digits + years": "Requirements\n" + "\n".join(["1" * 2000 + " years"] * 30),
    "double spaces in a long line, 40 KB": "<p>Requirements</p>" + "a" * 300 + "  " * 20_000 + "x",
    "<li without >, 90 KB": "<b>Requirements</b>" + "<li " * 22_000,
    '"Requirements: " glued, 90 KB': "x" * 300 + "Requirements: " * 6_400,
    "bullets joined by spaces, 90 KB": "Requirements\n"
    + "python Experience with sql " * 3_300
    + "preferred",
}


def main() -> None:
    taxonomy = load_taxonomy()
    normalize(record("Requirements\n- Python"), taxonomy)  # builds the automata once
    for name, text in CASES.items():
        started = time.process_time()
        result = normalize(record(text), taxonomy)
        seconds = time.process_time() - started
        outcome = "posting" if isinstance(result, NormalizedPosting) else result.reason
        print(f"{name:40} {len(text):>8,} chars  {seconds:6.3f} s CPU  {outcome}")


if __name__ == "__main__":
    main()
