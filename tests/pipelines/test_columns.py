"""The Arrow schemas are derived from the result dataclasses, and a batch says what the
records say."""

from __future__ import annotations

import dataclasses
import json

import pyarrow as pa

from pipelines import batch
from pipelines.batch import normalize_chunk
from pipelines.columns import POSTING, QUARANTINE, posting_records, schema_of
from pipelines.models import SECTIONS, NormalizedPosting, Quarantined
from pipelines.normalize import normalize_batch
from warehouse.paths import PROJECT_ROOT


def test_one_column_per_field_in_declaration_order_except_what_dedupe_sets():
    names = [f.name for f in dataclasses.fields(NormalizedPosting)]
    assert POSTING.names == [n for n in names if n != "duplicate_of"]
    assert QUARANTINE.names == [f.name for f in dataclasses.fields(Quarantined)]


def test_types_follow_the_type_hints_and_field_metadata():
    types = {f.name: (f.type, f.nullable) for f in POSTING}
    assert types["title"] == (pa.string(), False)
    assert types["company"] == (pa.string(), True)
    assert types["min_years"] == (pa.int32(), True)
    assert types["salary_min"] == (pa.float64(), True)
    assert types["in_scope"] == (pa.bool_(), False)
    assert types["newcomer_ok"] == (pa.bool_(), True)
    assert types["posted_at"] == (pa.date32(), True)  # metadata: an ISO date
    assert types["specializations"] == (pa.list_(pa.string()), False)
    skill = pa.struct([("id", pa.string()), ("section", pa.string()), ("evidence", pa.string())])
    assert types["skills"] == (pa.list_(skill), False)
    assert types["section_text"][0] == pa.struct([(s, pa.string()) for s in SECTIONS])
    assert QUARANTINE.field("reason").type == pa.string()  # a StrEnum: its value
    assert QUARANTINE.field("record").type == pa.string()  # JSON text


def test_a_new_field_is_a_new_column():
    @dataclasses.dataclass(frozen=True)
    class Wider(NormalizedPosting):
        remote: bool | None = None

    assert schema_of(Wider).names == [*POSTING.names, "remote"]
    assert schema_of(Wider).field("remote").type == pa.bool_()


def _snapshot_lines() -> list[bytes]:
    return [
        line
        for path in sorted((PROJECT_ROOT / "data" / "snapshot").glob("*/*/*.jsonl"))
        for line in path.read_bytes().splitlines()
        if line.strip()
    ]


def test_a_batch_holds_what_the_records_hold(taxonomy):
    lines = _snapshot_lines()
    chunk = normalize_chunk([("f", n, line) for n, line in enumerate(lines)], taxonomy)
    expected = [r.to_record() for r in normalize_batch(lines, taxonomy) if not hasattr(r, "reason")]
    got = list(posting_records(chunk.postings))
    assert len(got) == len(expected) > 100
    # Equal as JSON values, key order included (integer salaries are doubles in the column).
    assert [list(r) for r in got] == [list(r) for r in expected]
    assert got == json.loads(json.dumps(expected))


def _jumpit(posting_id: str, min_career: int) -> str:
    """A Jumpit position (our own text) whose requirements name no years: the board's
    minCareer is then the posting's min_years."""
    return json.dumps(
        {
            "source": "jumpit",
            "source_posting_id": posting_id,
            "payload": {
                "id": posting_id,
                "title": "데이터 엔지니어",
                "companyName": "예시데이터",
                "responsibility": "사내 데이터 파이프라인을 설계하고 운영합니다.",
                "qualifications": "Python과 SQL을 능숙하게 다루시는 분",
                "minCareer": min_career,
                "newcomer": False,
            },
        },
        ensure_ascii=False,
    )


def test_a_value_no_column_can_hold_is_quarantined_not_lost(taxonomy, monkeypatch):
    # A value too large for the integer column: that posting is quarantined with the reason,
    # the rest of the chunk loads. The normalizer bounds a board's year count now (the huge
    # one is dropped), so the value is put in after it, as a bug in a stage could.
    lines = [_jumpit("fine", 3), _jumpit("huge", 10**12)]
    assert [r.min_years for r in normalize_batch(lines, taxonomy)] == [3, None]
    real = batch.normalize_records

    def unbounded(records, taxonomy):
        return [
            dataclasses.replace(r, min_years=10**12) if r.source_posting_id == "huge" else r
            for r in real(records, taxonomy)
        ]

    monkeypatch.setattr(batch, "normalize_records", unbounded)
    chunk = normalize_chunk([("f", n, line.encode()) for n, line in enumerate(lines, 1)], taxonomy)
    assert chunk.postings.column("source_posting_id").to_pylist() == ["fine"]
    [quarantined] = chunk.quarantined.to_pylist()
    assert quarantined["source_posting_id"] == "huge" and quarantined["line_no"] == 2
    assert quarantined["reason"] == "undecodable_text" and "min_years" in quarantined["detail"]
    assert quarantined["record"] == lines[1]  # as it landed
