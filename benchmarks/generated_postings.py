"""Generated landing lines for scale tests and benchmarks, from the bundled (made-up) snapshot.

    from generated_postings import generated_lines, write_generated
    write_generated(path, 20_000, seed=19)

Each line is a snapshot record with a fresh `source_posting_id`, and with one of a few
sentences of our own appended to every long text field of its payload, so that the postings
differ in what skills, years and places they name. Every source shape of the snapshot occurs;
the same (count, seed) always gives the same bytes. Nothing here reads the reference corpus,
so tests may use it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).resolve().parent.parent / "data" / "snapshot"
# Our own sentences: each names skills, and some years or a place, in English or Korean.
EXTRA = (
    "Hands-on work with Kubernetes, Terraform and Airflow is expected.",
    "You will ship models with PyTorch and serve them behind FastAPI.",
    "At least 4 years of experience with Spark or Flink on large tables.",
    "Familiarity with dbt, Snowflake and Looker helps the analytics team.",
    "Based in Berlin, with two office days a week.",
    "Python과 SQL 경력 3년 이상, Kafka 운영 경험 우대.",
    "We value experience with LLM evaluation and retrieval pipelines.",
    "",
)
LONG = 200  # characters: a text field at least this long gets a sentence


def snapshot_records(root: Path = SNAPSHOT) -> list[dict[str, Any]]:
    """Every JSON object line of the snapshot, in path order (its deliberately damaged lines,
    which test quarantine, are left out)."""
    out = []
    for path in sorted(root.glob("*/*/*.jsonl")):
        for line in path.read_bytes().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("payload"), dict):
                out.append(record)
    return out


def _vary(value: Any, sentence: str) -> Any:
    if isinstance(value, str):
        return f"{value} {sentence}" if sentence and len(value) >= LONG else value
    if isinstance(value, dict):
        return {k: _vary(v, sentence) for k, v in value.items()}
    if isinstance(value, list):
        return [_vary(v, sentence) for v in value]
    return value


def generated_lines(count: int, seed: int = 19) -> Iterator[bytes]:
    """`count` landing lines (JSON, no newline), deterministic for (count, seed)."""
    templates = snapshot_records()
    rng = random.Random(seed)
    for i in range(count):
        record = templates[rng.randrange(len(templates))]
        posting = dict(record)
        posting["source_posting_id"] = f"gen-{seed}-{i}"
        posting["payload"] = _vary(record.get("payload"), rng.choice(EXTRA))
        yield json.dumps(posting, ensure_ascii=False).encode("utf-8")


def write_generated(path: Path, count: int, seed: int = 19) -> Path:
    """Write `count` generated lines to a landing file (JSON Lines) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        for line in generated_lines(count, seed):
            handle.write(line + b"\n")
    return path
