"""Landing files in other shapes than JSON Lines: one row per record, each with its own fate."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pipelines.batch import Runner
from pipelines.models import NormalizedPosting
from pipelines.normalize import normalize_batch
from warehouse.db import connect
from warehouse.load import Partition, landing_lines, load_partition
from warehouse.raw_lines import iter_lines


def record(number: int, title: str = "Data Engineer") -> dict:
    return {
        "source": "text",
        "source_posting_id": f"r-{number}",
        "fetched_at": "2026-11-20T03:00:00Z",
        "crawl_id": "hand-made",
        "payload": {
            "title": title,
            "description": "Requirements\n- 3+ years of experience with Python and SQL\n"
            "- Experience building batch pipelines on Airflow",
        },
    }


RECORDS = [record(1), record(2, "데이터 엔지니어"), record(3)]


def load(tmp_path, path, taxonomy):
    """Load one landing file as a partition: its raw row count and the normalize counts."""
    conn = connect(tmp_path / "w.duckdb")
    partition = Partition("text", date(2026, 11, 20))
    with Runner(taxonomy, workers=1) as run:
        counts = load_partition(conn, partition, run.run(landing_lines([path])))
    conn.close()
    return counts.raw, counts


def test_json_lines_are_read_as_before(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n" + "\n".join(json.dumps(r) for r in RECORDS) + "\n\n", encoding="utf-8")
    assert [n for n, _ in iter_lines(path)] == [2, 3, 4]


@pytest.mark.parametrize("indent", [None, 2])
def test_a_json_array_file_gives_one_row_per_element(tmp_path, taxonomy, indent):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(RECORDS, indent=indent, ensure_ascii=False), encoding="utf-8")
    lines = list(iter_lines(path))
    assert [n for n, _ in lines] == [1, 2, 3]
    assert [json.loads(line) for _, line in lines] == RECORDS
    if indent:  # through the warehouse once
        raw, counts = load(tmp_path, path, taxonomy)
        assert (raw, counts.normalized, counts.quarantined) == (3, 3, 0)


def test_pretty_printed_objects_one_after_another_are_one_row_each(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r, indent=2) for r in RECORDS), encoding="utf-8")
    assert [json.loads(line) for _, line in iter_lines(path)] == RECORDS


def test_a_broken_array_is_one_quarantined_row_not_one_per_line(tmp_path, taxonomy):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(RECORDS, indent=2)[:-40], encoding="utf-8")
    raw, counts = load(tmp_path, path, taxonomy)
    assert (raw, counts.normalized, counts.reasons) == (1, 0, {"malformed_json": 1})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_decoded(tmp_path, taxonomy, encoding):
    path = tmp_path / "a.jsonl"
    text = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\r\n"
    path.write_bytes(text.encode(encoding))
    lines = list(iter_lines(path))
    assert [n for n, _ in lines] == [1, 2, 3]
    assert [json.loads(line) for _, line in lines] == RECORDS
    if encoding == "utf-16":  # through the warehouse once
        raw, counts = load(tmp_path, path, taxonomy)
        assert (raw, counts.normalized, counts.quarantined) == (3, 3, 0)


def test_a_utf8_byte_order_mark_is_no_broken_record(tmp_path, taxonomy):
    path = tmp_path / "a.jsonl"
    path.write_text("\ufeff" + "\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    results = normalize_batch([line for _, line in iter_lines(path)], taxonomy)
    assert all(isinstance(r, NormalizedPosting) for r in results) and len(results) == 3
