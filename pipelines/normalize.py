"""The single entry point: one raw record (CONTRACT §2) in, one normalized posting (§3) out.

`normalize` never raises on bad input: a record it cannot read comes back as `Quarantined`
with a reason, so nothing is lost silently.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import itertools
import json
import re
import reprlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pipelines.automaton import lowered_lines
from pipelines.education import extract_degree
from pipelines.experience import Experience, extract_experience
from pipelines.html_text import Block, collapse_spaces, fix_mojibake, read_blocks
from pipelines.locale import LANGUAGE_SAMPLE, detect_language, resolve_location
from pipelines.models import (
    FULL_TEXT,
    TITLE_ONLY,
    NormalizedPosting,
    PostingFields,
    Quarantined,
    QuarantineReason,
    Salary,
    SkillMention,
    without_surrogates,
)
from pipelines.phrases import lower
from pipelines.roles import RoleMatch, classify_role
from pipelines.salary import extract_salary
from pipelines.sections import Line, lines_from_fields, split_sections
from pipelines.skills import extract_skills
from pipelines.sources import ADAPTERS, AdapterError
from pipelines.table_rows import repeat_table_headers
from pipelines.tags import tag_skills
from pipelines.taxonomy import Taxonomy

ENVELOPE_FIELDS = ("source", "source_posting_id", "payload")
_ENVELOPE_TEXTS = ("url", "fetched_at", "crawl_id")  # optional, copied into the posting
_MIN_TEXT = 30  # characters of posting text below which there is nothing to read
_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script
# What a title-only posting's content hash is taken of, with its title: never a body's text.
_TITLE_ONLY_HASH = "\x00title only\x00"
_MAX_REPLACEMENT_SHARE = 0.01
_WORD = re.compile(r"\w+")
# The work per record is bounded: a record over these sizes is quarantined as `oversized`
# (README, quarantine reasons). The longest posting of the reference corpus is 42 KB.
# A raw landing line, in bytes; a posting's text as served (markup included), in characters.
MAX_RAW_SIZE = 4_000_000
MAX_TEXT = 100_000  # characters of posting text once markup is removed
MAX_NESTING = 100  # levels of JSON arrays and objects in a raw line (the parser recurses on them)
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?')  # linear: never fails, never backtracks
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def posting_key(source: str, source_posting_id: str) -> str:
    """Stable id of a posting: sha1 of source + source_posting_id (CONTRACT §3)."""
    return hashlib.sha1(f"{source}:{source_posting_id}".encode()).hexdigest()


def content_hash(text: str, lowered: str | None = None) -> str:
    """Same text up to case and spacing, same hash (a repost of a posting); `lowered`:
    `text.lower()`, when the caller has it already."""
    lowered = text.lower() if lowered is None else lowered
    return hashlib.sha1(collapse_spaces(lowered.replace("\n", " ")).encode()).hexdigest()


def _nesting(line: str) -> int:
    """How deep the arrays and objects of a JSON text go, strings left out; in linear time
    and without recursion, so a hostile line cannot make the parser recurse too deep."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", line))
    return max(itertools.accumulate(_DEPTH_STEP[ch] for ch in brackets), default=0)


def _has_surrogate(text: str) -> bool:
    if text.isascii():  # O(1): a flag of the string
        return False
    try:
        text.encode("utf-8")  # in C, faster than a regex scan for the surrogate range
    except UnicodeEncodeError:
        return True
    return False


def parse_raw_line(line: bytes | str) -> dict[str, Any] | Quarantined:
    """Decode and parse one JSONL line of raw landing; bad bytes or JSON are quarantined."""
    if len(line) > MAX_RAW_SIZE:
        return Quarantined(
            QuarantineReason.OVERSIZED,
            f"line is {len(line):,} long, over the limit of {MAX_RAW_SIZE:,}; "
            "record holds its first 1,000",
            line[:1000].decode("utf-8", errors="replace")
            if isinstance(line, bytes)
            else line[:1000],
        )
    # How many brackets: counted on the bytes where there are bytes (faster than on text).
    if isinstance(line, bytes):
        data = line
        if b"\x00" in data or data[:2] in _UTF16_BOMS:  # JSON has no raw NUL
            return Quarantined(
                QuarantineReason.UNDECODABLE_TEXT,
                "line is UTF-16 or binary data, not UTF-8 (NUL bytes left out of the record)",
                data.replace(b"\x00", b"").decode("utf-8", errors="backslashreplace"),
            )
        brackets = data.count(b"[") + data.count(b"{")
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Quarantined(
                QuarantineReason.UNDECODABLE_TEXT,
                f"line is not UTF-8 ({exc.reason} at byte {exc.start})",
                data.decode("utf-8", errors="backslashreplace"),
            )
    elif "\x00" in line:
        return Quarantined(
            QuarantineReason.UNDECODABLE_TEXT,
            "line is UTF-16 or binary data, not text (NUL characters left out of the record)",
            line.replace("\x00", ""),
        )
    else:
        brackets = line.count("[") + line.count("{")
    if line.startswith("\ufeff"):  # a byte-order mark, as editors on Windows write one
        line = line[1:]
    if brackets > MAX_NESTING and _nesting(line) > MAX_NESTING:
        return Quarantined(
            QuarantineReason.MALFORMED_JSON,
            f"JSON nested deeper than {MAX_NESTING} levels",
            line,
        )
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an over-long number
        return Quarantined(QuarantineReason.MALFORMED_JSON, f"invalid JSON: {exc}", line)
    if not isinstance(record, dict):
        return Quarantined(
            QuarantineReason.MALFORMED_JSON,
            f"expected a JSON object, got {type(record).__name__}",
            line,
        )
    return record


def _error_body(payload: Mapping[str, Any]) -> str | None:
    """Why a payload looks like an API error instead of a posting, or None."""
    if (
        "data" in payload
        and payload["data"] is None
        and ("code" in payload or "message" in payload)
    ):
        return f"API error body (code {payload.get('code')!r}: {payload.get('message')!r})"
    if "result" in payload and payload["result"] is None and "status" in payload:
        return f"API error body (status {payload.get('status')!r}: {payload.get('message')!r})"
    status = payload.get("status")
    if isinstance(status, int) and status >= 400 and len(payload) <= 5:
        return f"API error body (status {status})"
    if "error" in payload and len(payload) <= 3:
        return f"API error body ({payload['error']!r})"
    return None


def _check_envelope(record: Mapping[str, Any]) -> Quarantined | None:
    source = record.get("source")
    missing = [f for f in ENVELOPE_FIELDS if record.get(f) in (None, "")]
    if missing:
        return Quarantined(
            QuarantineReason.MISSING_FIELD,
            f"raw record lacks {', '.join(missing)}",
            dict(record),
            source if isinstance(source, str) else None,
        )
    if isinstance(record["source_posting_id"], (Mapping, list)):
        return Quarantined(
            QuarantineReason.MISSING_FIELD,
            "source_posting_id is not a string or a number",
            dict(record),
            source if isinstance(source, str) else None,
        )
    sid = str(record["source_posting_id"])
    if not isinstance(record["payload"], dict):
        return Quarantined(
            QuarantineReason.MISSING_FIELD,
            "payload is not a JSON object",
            dict(record),
            source if isinstance(source, str) else None,
            sid,
        )
    if not isinstance(source, str) or source not in ADAPTERS:
        return Quarantined(
            QuarantineReason.UNKNOWN_SOURCE,
            f"no adapter for source {reprlib.repr(source)}; known: {', '.join(sorted(ADAPTERS))}",
            dict(record),
            source if isinstance(source, str) else None,
            sid,
        )
    for name in _ENVELOPE_TEXTS:
        if not isinstance(record.get(name), str | None):
            return Quarantined(
                QuarantineReason.MISSING_FIELD,
                f"envelope field {name} is a {type(record[name]).__name__}, not a string",
                dict(record),
                source,
                sid,
            )
    encoding = record.get("encoding")
    if encoding:
        try:
            codecs.lookup(str(encoding))
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            return Quarantined(
                QuarantineReason.UNDECODABLE_TEXT,
                f"declared encoding {reprlib.repr(encoding)} is unknown",
                dict(record),
                source,
                sid,
            )
    reason = _error_body(record["payload"])
    if reason:
        return Quarantined(QuarantineReason.ERROR_BODY, reason, dict(record), source, sid)
    return None


def _section_text(lines: list[Line]) -> dict[str, str]:
    out: dict[str, list[str]] = {"duties": [], "required": [], "preferred": [], "other": []}
    for line in lines:
        out[line.section].append(line.text)
    return {k: "\n".join(v) for k, v in out.items()}


class _Work:
    """One record on its way through the stages of `normalize_records`."""

    __slots__ = (
        "body", "body_lower", "body_text", "degree", "experience", "fields", "index", "lines",
        "record", "required", "required_lower", "role", "salary", "sid", "skills", "source",
        "text", "title", "title_only",
    )  # fmt: skip
    # set by the stages, in this order
    text: list[Block] | list[tuple[str, list[Block]]]  # the body's blocks, or per field
    body_text: list[Block]  # the blocks of a body beside section fields ([] when none)
    lines: list[Line]
    body: str
    body_lower: str  # body.lower(), for the skills and the content hash
    skills: tuple[SkillMention, ...]
    role: RoleMatch
    required: list[str]
    required_lower: str  # lowered_lines(required), for the years and the degree
    experience: Experience
    degree: str | None
    salary: Salary | None

    def __init__(self, index: int, record: Mapping[str, Any], fields: PostingFields) -> None:
        self.index, self.record, self.fields = index, record, fields
        self.source = str(record["source"])
        self.sid = str(record["source_posting_id"])
        self.title = fix_mojibake(" ".join(fields.title.split()))
        self.title_only = False  # set by _to_lines: a title and no body text

    def quarantine(self, reason: QuarantineReason, detail: str) -> Quarantined:
        return Quarantined(reason, detail, dict(self.record), self.source, self.sid)


def _internal_error(record: Any, stage: Callable[..., Any], exc: Exception) -> Quarantined:
    """A bug met this record in `stage`: the record alone is quarantined, with what happened."""
    try:
        message = str(exc)
    except Exception:  # a message that cannot be written is no reason to fail the batch
        message = "(no message)"
    if len(message) > 200:
        message = message[:200] + "…"
    detail = f"{type(exc).__name__} in stage {stage.__name__.strip('_')}: {message}"
    if isinstance(record, bytes):  # a raw line
        record = record.decode("utf-8", errors="backslashreplace")
    if not isinstance(record, Mapping):
        return Quarantined(QuarantineReason.INTERNAL_ERROR, detail, record)
    source, sid = record.get("source"), record.get("source_posting_id")
    return Quarantined(
        QuarantineReason.INTERNAL_ERROR,
        detail,
        dict(record),
        source if isinstance(source, str) else None,
        None if sid is None or isinstance(sid, (Mapping, list)) else str(sid),
    )


def _texts(fields: PostingFields, record: Mapping[str, Any]) -> list[str]:
    """Every string an adapter read, and the envelope strings the posting copies."""
    texts = [getattr(fields, name) for name in _FIELD_TEXTS]
    texts += [text for _, text in fields.sections or ()]
    texts += [record.get(name) for name in ("source_posting_id", *_ENVELOPE_TEXTS)]
    return [text for text in texts if isinstance(text, str)]


_FIELD_TEXTS = ("title", "company", "body", "url", "location", "country", "degree_hint")


def _read_fields(raw_record: Any, index: int) -> _Work | Quarantined:
    """The envelope checked and the payload read by its source's adapter."""
    if not isinstance(raw_record, Mapping):
        return Quarantined(
            QuarantineReason.MALFORMED_JSON, "raw record is not an object", raw_record
        )
    problem = _check_envelope(raw_record)
    if problem is not None:
        return problem
    source = str(raw_record["source"])
    sid = str(raw_record["source_posting_id"])
    try:
        fields = ADAPTERS[source](raw_record)
        texts = _texts(fields, raw_record)
        if any(map(_has_surrogate, texts)):
            raw_record = without_surrogates(raw_record)
            sid = str(raw_record["source_posting_id"])
            fields = ADAPTERS[source](raw_record)
    except AdapterError as exc:
        return Quarantined(exc.reason, exc.detail, dict(raw_record), source, sid)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        return Quarantined(
            QuarantineReason.MISSING_FIELD,
            f"{source} payload has an unexpected shape: {type(exc).__name__}: {exc}",
            dict(raw_record),
            source,
            sid,
        )
    size = sum(map(len, texts))
    if size > MAX_RAW_SIZE:
        return Quarantined(
            QuarantineReason.OVERSIZED,
            f"posting text is {size:,} characters as served, over the limit of {MAX_RAW_SIZE:,}",
            dict(raw_record),
            source,
            sid,
        )
    return _Work(index, raw_record, fields)


# The stages of `normalize_records`: each reads and sets attributes of one `_Work`, and may
# quarantine it.


def _to_text(work: _Work, taxonomy: Taxonomy) -> None:
    fields = work.fields
    work.body_text = []
    if fields.sections is not None:
        work.text = [(section, read_blocks(text)) for section, text in fields.sections]
        if fields.body:
            work.body_text = read_blocks(fields.body)
    else:
        body = fields.body
        if body and "\t" in body:  # a table flattened to tabs: its cells get their column back
            body = repeat_table_headers(body, taxonomy)
        work.text = read_blocks(body)


def _beside_fields(
    field_lines: list[Line], body_lines: list[Line], fields: list[tuple[str, list[Block]]]
) -> list[Line]:
    """The lines of section fields, then the body's lines: where a field and the body give the
    same section, the field wins and the body's lines of it are kept as `other` (its text
    stays, as what the body says; only the field's lines are that section)."""
    filled = {
        section
        for section, blocks in fields
        if section != "other" and any(block.text.strip() for block in blocks)
    }
    return field_lines + [
        line if line.section not in filled else line._replace(section="other", rule="field_wins")
        for line in body_lines
    ]


def _to_lines(work: _Work, taxonomy: Taxonomy) -> Quarantined | None:
    if work.fields.sections is None:
        size = sum(len(block.text) for block in work.text)  # type: ignore[union-attr]
    else:
        size = sum(len(b.text) for _, blocks in work.text for b in blocks)  # type: ignore[misc]
    if size > MAX_TEXT:
        return work.quarantine(
            QuarantineReason.OVERSIZED,
            f"posting text is {size:,} characters once markup is removed, "
            f"over the limit of {MAX_TEXT:,}",
        )
    company = work.fields.company
    if work.fields.sections is None:
        work.lines = split_sections(work.text, taxonomy, company=company)  # type: ignore[arg-type]
    else:
        work.lines = lines_from_fields(work.text, taxonomy, company)  # type: ignore[arg-type]
        if work.body_text:
            body_lines = split_sections(work.body_text, taxonomy, company=company)
            work.lines = _beside_fields(work.lines, body_lines, work.text)  # type: ignore[arg-type]
    body = work.body = "\n".join(line.text for line in work.lines)
    if body.count("\ufffd") > max(2, _MAX_REPLACEMENT_SHARE * len(body)):
        return work.quarantine(
            QuarantineReason.UNDECODABLE_TEXT,
            f"text has {body.count(chr(0xFFFD))} replacement characters: it was decoded wrongly",
        )
    if len(body.strip()) < _MIN_TEXT:
        if not usable_title(work.title):
            return work.quarantine(
                QuarantineReason.EMPTY_TEXT,
                f"posting text is empty once markup is removed ({len(body.strip())} characters)"
                " and the title has no letter to read",
            )
        # A title-only posting (a list entry, an iframe the crawler could not read): what
        # little text there is ("apply on our site") is left out, the title alone is read.
        work.title_only = True
        work.lines, work.body = [], ""
    return None


def usable_title(title: str) -> bool:
    """Whether a title can stand for a posting without body text: it has a letter, and no
    character that was decoded wrongly."""
    return bool(_LETTER.search(title)) and "\ufffd" not in title


def _employer(company: str | None) -> str | None:
    """The employer's name as a skill mention would spell it ("Splunk, a Cisco company" ->
    "splunk"), or None."""
    if not company:
        return None
    return _EMPLOYER_END.split(company.lower(), maxsplit=1)[0].strip() or None


# Where an employer's name ends: "Splunk, a Cisco company", "Acme (US)", "Acme Inc".
_EMPLOYER_END = re.compile(r"[,(]| inc\b| llc\b| ltd\b")


def _skills(work: _Work, taxonomy: Taxonomy) -> None:
    body = work.body
    plain = work.body_lower = body.lower()
    lowered = plain if len(plain) == len(body) else lower(body)  # ("İ": offsets must hold)
    skills = extract_skills(work.lines, taxonomy, text=body, lowered=lowered)
    # The employer's own name is not a skill asked for (Splunk's postings name Splunk, H2O.ai's
    # H2O.ai, as the company; CONTRACT §7): where a mention is the employer's name, the skills
    # are read again with that name blanked out, so other names of the skill still count.
    employer = _employer(work.fields.company)
    if employer and any(m.evidence.lower() == employer for m in skills):
        name = re.compile(rf"(?<!\w){re.escape(employer)}(?!\w)", re.I)
        blanked = [
            line._replace(text=name.sub(lambda m: " " * len(m[0]), line.text))
            for line in work.lines
        ]
        skills = extract_skills(blanked, taxonomy)
    work.skills = skills


def _role(work: _Work, taxonomy: Taxonomy) -> None:
    work.role = classify_role(work.title, work.lines, work.skills, taxonomy)


def _experience(work: _Work, taxonomy: Taxonomy) -> None:
    fields = work.fields
    work.required = [line.text for line in work.lines if line.section == "required"]
    work.required_lower = lowered_lines(work.required)  # read by the years and the degree
    work.experience = extract_experience(
        work.required,
        fields.min_years,
        fields.max_years,
        fields.newcomer_ok,
        title=work.title,
        lowered=work.required_lower,
    )


def _degree(work: _Work, taxonomy: Taxonomy) -> None:
    work.degree = extract_degree(work.required, work.fields.degree_hint, work.required_lower)


def _salary(work: _Work, taxonomy: Taxonomy) -> None:
    work.salary = work.fields.salary or extract_salary(
        [line.text for line in work.lines], work.body, work.body_lower
    )


_STAGES: tuple[Callable[[_Work, Taxonomy], Quarantined | None], ...] = (
    _to_text, _to_lines, _skills, _role, _experience, _degree, _salary,
)  # fmt: skip


def _posting(work: _Work, taxonomy: Taxonomy) -> NormalizedPosting:
    """The normalized posting, once every stage has run."""
    fields, title, body, role, experience, salary = (
        work.fields, work.title, work.body, work.role, work.experience, work.salary
    )  # fmt: skip
    language = detect_language(f"{title}\n{body[:LANGUAGE_SAMPLE]}")  # no copy of the body
    location = resolve_location(fields.location, taxonomy)
    country = fields.country if fields.country and len(fields.country) == 2 else None
    country = country or location.country or fields.country_default
    if country is None and language == "ko":
        country = "KR"  # a posting written in Korean without a location is a Korean job
    raw_record = work.record
    return NormalizedPosting(
        posting_key=posting_key(work.source, work.sid),
        source=work.source,
        source_posting_id=work.sid,
        url=fields.url or raw_record.get("url"),
        title=title,
        company=fix_mojibake(fields.company) if fields.company else None,
        language=language,
        country=country,
        location=fields.location,
        posted_at=fields.posted_at,
        fetched_at=raw_record.get("fetched_at"),
        crawl_id=raw_record.get("crawl_id"),
        in_scope=role.in_scope,
        role=role.role,
        specializations=role.specializations,
        skills=work.skills,
        min_years=experience.min_years,
        max_years=experience.max_years,
        newcomer_ok=experience.newcomer_ok,
        degree_min=work.degree,
        salary_min=salary.min if salary else None,
        salary_max=salary.max if salary else None,
        salary_currency=salary.currency if salary else None,
        salary_period=salary.period if salary else None,
        duplicate_of=None,
        taxonomy_version=taxonomy.version,
        # A title-only posting has no text to compare: the same company and title is a
        # repost of it (pipelines.dedupe), never every other title-only posting.
        content_hash=content_hash(_TITLE_ONLY_HASH + title)
        if work.title_only
        else content_hash(body, work.body_lower),
        text_length=len(body),
        section_text=_section_text(work.lines),
        tags=tag_skills(fields.tags, taxonomy),
        source_label=_label(raw_record.get("source_label")),
        countries=tuple(dict.fromkeys(c for c in (country, *location.countries) if c)),
        text_status=TITLE_ONLY if work.title_only else FULL_TEXT,
    )


def _label(value: Any) -> str | None:
    """The envelope's `source_label` when it is a short string (it names a file, not data)."""
    return value.strip()[:200] or None if isinstance(value, str) else None


Result = NormalizedPosting | Quarantined


def normalize_records(raw_records: Sequence[Any], taxonomy: Taxonomy) -> list[Result]:
    """`normalize` of each record, in order, done stage by stage over the whole batch.

    Each stage (HTML to text, sections, skills, role, …) runs over every record before the
    next one starts, so its automata and regexes stay in the CPU cache: on benchmark text this
    costs about 15% less CPU than normalizing the same records one at a time."""
    # A batch allocates many short-lived containers and makes no reference cycles worth
    # chasing: the cyclic collector's passes over them cost 3-4% of the time. It is paused
    # for the batch and collects whatever the batch left as soon as it is back on.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _normalize_records(raw_records, taxonomy)
    finally:
        if collecting:
            gc.enable()


def _normalize_records(raw_records: Sequence[Any], taxonomy: Taxonomy) -> list[Result]:
    # An exception is caught per record and stage: it quarantines that record alone (as
    # `internal_error`), never the batch. (A `try` costs nothing until something is raised.)
    results: list[Result | None] = [None] * len(raw_records)
    work: list[_Work] = []
    for index, record in enumerate(raw_records):
        try:
            read = _read_fields(record, index)
        except Exception as exc:
            read = _internal_error(record, _read_fields, exc)
        if isinstance(read, Quarantined):
            results[index] = read
        else:
            work.append(read)
    for stage in _STAGES:
        kept = []
        for item in work:
            try:
                problem = stage(item, taxonomy)
            except Exception as exc:
                problem = _internal_error(item.record, stage, exc)
            if problem is None:
                kept.append(item)
            else:
                results[item.index] = problem
        work = kept
    for item in work:
        try:
            results[item.index] = _posting(item, taxonomy)
        except Exception as exc:
            results[item.index] = _internal_error(item.record, _posting, exc)
    return results  # type: ignore[return-value]  # every index was filled above


def normalize(raw_record: Mapping[str, Any], taxonomy: Taxonomy) -> Result:
    """Normalize one raw record against the taxonomy, or say why it cannot be."""
    return normalize_records([raw_record], taxonomy)[0]


def read_lines(raw_record: Mapping[str, Any], taxonomy: Taxonomy) -> list[Line] | Quarantined:
    """The lines of a posting with their sections and the rules that decided them, as
    `normalize` reads them (for tracing an extraction, e.g. `careermarket eval --errors`)."""
    work = _read_fields(raw_record, 0)
    if isinstance(work, Quarantined):
        return work
    _to_text(work, taxonomy)
    return _to_lines(work, taxonomy) or work.lines


def normalize_line(line: bytes | str, taxonomy: Taxonomy) -> Result:
    """Parse and normalize one JSONL line of raw landing."""
    return normalize_batch([line], taxonomy)[0]


def _parsed(line: bytes | str) -> dict[str, Any] | Quarantined:
    try:
        return parse_raw_line(line)
    except Exception as exc:
        return _internal_error(line, parse_raw_line, exc)


def normalize_batch(lines: Sequence[bytes | str], taxonomy: Taxonomy) -> list[Result]:
    """Parse and normalize JSONL lines of raw landing, in order (see `normalize_records`)."""
    parsed = [_parsed(line) for line in lines]
    records = [record for record in parsed if not isinstance(record, Quarantined)]
    normalized = iter(normalize_records(records, taxonomy) if records else ())
    return [record if isinstance(record, Quarantined) else next(normalized) for record in parsed]
