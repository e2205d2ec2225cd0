"""Property tests: whatever the record, normalize gives a posting or a quarantine (issue 15).

Records come three ways: the snapshot's records (every payload shape of pipelines/sources.py,
csv and text included) with values replaced by hostile ones or hostile text spliced into their
text; envelopes of arbitrary JSON; raw landing lines (truncated, deeply nested, re-encoded).
Each must come back as a `NormalizedPosting` or a `Quarantined`: never an exception, never
`internal_error` (the safety net is for bugs nobody has found yet), with output that is JSON in
UTF-8 with CONTRACT §3 types, within `PER_RECORD_SECONDS`.

Profiles (HYPOTHESIS_PROFILE, tests/conftest.py): "default" runs a few hundred examples,
derandomized, in seconds; "fuzz" (`make fuzz`) thousands, at random, and prints the figures.
"""

from __future__ import annotations

import copy
import json
import math
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermarket.imports import ImportFileError, import_json
from pipelines.models import DEGREES, SECTIONS, NormalizedPosting, Quarantined, QuarantineReason
from pipelines.normalize import MAX_TEXT, normalize, normalize_line, normalize_records
from pipelines.sources import ADAPTERS
from pipelines.taxonomy import load_taxonomy
from warehouse.paths import PROJECT_ROOT

PER_RECORD_SECONDS = 2.0  # CPU time: a linear normalizer takes well under 0.1 s per record here
TAXONOMY = load_taxonomy()


def _snapshot_records() -> list[dict[str, Any]]:
    records = []
    for path in sorted((PROJECT_ROOT / "data" / "snapshot").rglob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("source") in ADAPTERS:
                records.append(record)
    return records


def _replay_records(missing: set[str], tmp: Path) -> list[dict[str, Any]]:
    """Raw records of the families the snapshot has none of (Workable, Recruitee, Personio),
    imported from the replay server's recorded responses the way `import-json` reads them."""
    records = []
    responses = PROJECT_ROOT / "scrapers" / "replay" / "responses"
    for source in sorted(missing):
        for path in sorted(p for p in (responses / source).rglob("*") if p.is_file()):
            out = tmp / f"{source}-{len(records)}.jsonl"
            try:
                import_json(source, path, out)
            except ImportFileError:
                continue  # a deliberately broken response of the spider tests
            records += [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return records


def _templates() -> list[dict[str, Any]]:
    records = _snapshot_records()
    missing = set(ADAPTERS) - {record["source"] for record in records}
    with tempfile.TemporaryDirectory() as tmp:
        return records + _replay_records(missing, Path(tmp))


TEMPLATES = _templates()
normalize_records(TEMPLATES, TAXONOMY)  # warm up: the first call builds the taxonomy's automata

# Pieces of text that the normalizer's regexes and loops look for, and characters that broke it.
ATOMS = [
    "<script>", "</script>", "<style a='1'>", "<!--", "-->", "<li ", "<li>", "<p ", "<br>", "<",
    ">", "</div>", "&lt;p&gt;", "&amp;", "&#x27;", "&nbsp;", "\\-", "**", "  ", "\t", "\u00a0",
    "\u200b", "\u2028", "\r", "\n", "\n\n\n", "• ", "- ", "* ", "1) ", "1.", ": ", "; ", ", ",
    "(", ")", "[", "]", "Requirements", "Requirements:", "Qualifications", "Nice to have",
    "Preferred", "What you'll do", "About Acme", "자격요건", "우대사항", "주요업무", "필수",
    "우대", "1 years ", "3-5 years of experience", "5+ yrs", "at least 2 years", "경력 3년 이상",
    "1년~", "신입", "경력 무관", "1" * 40, "$120,000 - $150,000", "연봉 5,000만원", "per hour",
    "USD", "Python", "python, ", "C++", "PyTorch", "Kubernetes", "SQL", "ML", "R", "Go",
    "Bachelor's", "ph.d ", "BS ", "MS or PhD", "4-year degree", "학사 이상", "İstanbul", "İ",
    "ß", "ﬁ", "Ã©", "â€™", "\U0001f600", "\ud83d", "\udc00", "\x00", "\x1b", "\ufffd", "e.g. ",
    "A.", "Title Case Words ", "here is what you ", "and ", "or ",
]  # fmt: skip
_ATOM = st.sampled_from(ATOMS)
_SHORT_TEXT = st.lists(st.one_of(_ATOM, st.text(max_size=12)), max_size=30).map("".join)
# One piece repeated to a size where quadratic work shows (60,000 characters: seconds, not ms).
_REPEATED = st.builds(
    lambda atom, size: (atom * (size // len(atom) + 1))[:size], _ATOM, st.integers(1000, 60_000)
)
HOSTILE_TEXT = st.one_of(
    _SHORT_TEXT,
    st.lists(st.one_of(_SHORT_TEXT, _REPEATED), min_size=1, max_size=3).map("".join),
)
_NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63, 10**11 + 1, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
)
_SCALARS = st.one_of(st.none(), st.booleans(), _NUMBERS, HOSTILE_TEXT)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)


def _paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every value inside a record (iterative: records may be deep)."""
    stack = [(value, path)]
    while stack:
        node, at = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, item in items:
            yield (*at, key)
            if isinstance(item, (dict, list)):
                stack.append((item, (*at, key)))


def _get(record: Any, path: tuple) -> Any:
    for key in path:
        record = record[key]
    return record


@st.composite
def mutated_records(draw: st.DrawFn) -> dict[str, Any]:
    """A snapshot record with one to four of its values made hostile."""
    record = copy.deepcopy(draw(st.sampled_from(TEMPLATES)))
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(record))
        payload_paths = [p for p in paths if p[0] == "payload"]
        path = draw(st.sampled_from(payload_paths if draw(st.integers(0, 4)) else paths))
        parent, key = _get(record, path[:-1]), path[-1]
        old = parent[key]
        how = draw(st.sampled_from(["splice", "splice", "replace", "value"]))
        if how == "splice" and isinstance(old, str):
            at = draw(st.integers(0, len(old)))
            parent[key] = old[:at] + draw(HOSTILE_TEXT) + old[at:]
        elif how == "replace":
            parent[key] = draw(HOSTILE_TEXT)
        else:
            parent[key] = draw(JSON_VALUES)
    return record


ENVELOPES = st.fixed_dictionaries(
    {},
    optional={
        "source": st.one_of(st.sampled_from(sorted(ADAPTERS)), JSON_VALUES),
        "source_posting_id": JSON_VALUES,
        "payload": st.one_of(st.dictionaries(st.text(max_size=20), JSON_VALUES), JSON_VALUES),
        "url": JSON_VALUES,
        "fetched_at": JSON_VALUES,
        "crawl_id": JSON_VALUES,
        "encoding": st.one_of(st.sampled_from(["utf-8", "cp949", "utf\x008", ""]), JSON_VALUES),
        "field_map": JSON_VALUES,
        "page_body_html": HOSTILE_TEXT,
    },
)


@st.composite
def raw_lines(draw: st.DrawFn) -> bytes | str:
    """A landing line as a crawl or a person could have written it, often broken."""
    record = draw(st.one_of(mutated_records(), ENVELOPES))
    text = json.dumps(record, ensure_ascii=draw(st.booleans()))
    how = draw(
        st.sampled_from(["as is", "as is", "truncated", "nested", "utf-16", "bytes", "str", "bom"])
    )
    if how == "truncated":
        text = text[: draw(st.integers(0, len(text)))]
    elif how == "nested":
        depth = draw(st.integers(50, 3000))
        text = "[" * depth + text + "]" * draw(st.integers(0, depth))
    elif how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    elif how == "bytes":
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        at = draw(st.integers(0, len(data)))
        return bytes(data[:at]) + draw(st.binary(max_size=8)) + bytes(data[at:])
    elif how == "str" and text.isascii():
        return text
    elif how == "bom":
        text = "\ufeff" + text
    return text.encode("utf-8", "surrogatepass")


# --- what every result must be --------------------------------------------------------------

STATS: dict[str, Any] = {
    "cases": 0, "exceptions": 0, "wrong": 0, "slowest": 0.0, "slowest_record": ""
}  # fmt: skip


def _timed(function: Any, *args: Any) -> Any:
    started = time.process_time()
    try:
        result = function(*args, TAXONOMY)
    except Exception:
        STATS["exceptions"] += 1
        raise
    finally:
        STATS["cases"] += 1
    elapsed = time.process_time() - started
    if elapsed > STATS["slowest"]:
        STATS["slowest"] = elapsed
        STATS["slowest_record"] = f"{len(repr(args[0])):,} characters: {repr(args[0])[:160]}"
    assert elapsed < PER_RECORD_SECONDS, f"{elapsed:.2f} s for one record"
    return result


def _check_posting(posting: NormalizedPosting) -> None:
    """CONTRACT §3 types, in JSON that DuckDB reads (no NaN, no lone surrogate)."""
    record = posting.to_record()
    json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
    assert isinstance(record["title"], str) and record["title"]
    for name in ("url", "company", "location", "fetched_at", "crawl_id"):
        assert record[name] is None or isinstance(record[name], str), name
    assert record["salary_currency"] is None or re.fullmatch("[A-Z]{3}", record["salary_currency"])
    assert record["country"] is None or len(record["country"]) == 2
    assert record["posted_at"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", record["posted_at"])
    for name in ("min_years", "max_years"):
        assert record[name] is None or (type(record[name]) is int and 0 <= record[name] < 100)
    for name in ("salary_min", "salary_max"):
        value = record[name]
        assert value is None or (type(value) in (int, float) and math.isfinite(value)), name
    assert record["salary_period"] in (None, "year", "month", "hour")
    assert record["degree_min"] in (*DEGREES, None)
    assert record["newcomer_ok"] in (None, True, False)
    assert all(
        s["section"] in SECTIONS and isinstance(s["evidence"], str) for s in record["skills"]
    )
    assert record["text_length"] <= MAX_TEXT


def _check(result: Any, from_line: bool = False) -> None:
    try:
        _check_result(result, from_line)
    except Exception:
        STATS["wrong"] += 1
        raise


def _check_result(result: Any, from_line: bool) -> None:
    assert isinstance(result, (NormalizedPosting, Quarantined)), type(result)
    if isinstance(result, NormalizedPosting):
        _check_posting(result)
        return
    assert result.reason is not QuarantineReason.INTERNAL_ERROR, result.detail
    assert result.detail
    if from_line:  # what the warehouse writes to its quarantine file
        json.dumps(result.to_record(), ensure_ascii=False).encode("utf-8")


@pytest.fixture(scope="module", autouse=True)
def fuzz_figures() -> Iterator[None]:
    yield
    print(
        f"\nfuzz: {STATS['cases']:,} records normalized, {STATS['exceptions']} exceptions, "
        f"{STATS['wrong']} wrong results, "
        f"slowest {STATS['slowest'] * 1000:.0f} ms CPU ({STATS['slowest_record']})"
    )


@given(mutated_records())
def test_any_payload_of_a_known_source_gives_a_posting_or_a_quarantine(record):
    _check(_timed(normalize, record))


@given(ENVELOPES)
def test_any_envelope_gives_a_posting_or_a_quarantine(record):
    _check(_timed(normalize, record))


@given(raw_lines())
def test_any_raw_line_gives_a_posting_or_a_quarantine(line):
    _check(_timed(normalize_line, line), from_line=True)


@given(st.lists(st.one_of(mutated_records(), ENVELOPES), min_size=2, max_size=6))
def test_a_record_in_a_batch_comes_out_as_it_would_alone(records):
    batch = _timed(normalize_records, records)
    alone = [normalize(record, TAXONOMY) for record in records]
    assert [type(r) for r in batch] == [type(r) for r in alone]
    assert [getattr(r, "reason", None) for r in batch] == [
        getattr(r, "reason", None) for r in alone
    ]
    for result in batch:
        _check(result)


def test_the_templates_cover_every_source():
    assert {record["source"] for record in TEMPLATES} == set(ADAPTERS)
