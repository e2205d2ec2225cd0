"""The single entry point: one raw record (CONTRACT §2) in, one normalized posting (§3) out.

`normalize` never raises on bad input: a record it cannot read comes back as `Quarantined`
with a reason, so nothing is lost silently.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from pipelines.education import extract_degree
from pipelines.experience import extract_experience
from pipelines.html_text import collapse_spaces, fix_mojibake, html_to_text
from pipelines.locale import country_of, detect_language
from pipelines.models import NormalizedPosting, Quarantined, QuarantineReason
from pipelines.roles import classify_role
from pipelines.salary import extract_salary
from pipelines.sections import Line, lines_from_fields, split_sections
from pipelines.skills import extract_skills
from pipelines.sources import ADAPTERS, AdapterError
from pipelines.taxonomy import Taxonomy

ENVELOPE_FIELDS = ("source", "source_posting_id", "payload")
_MIN_TEXT = 30  # characters of posting text below which there is nothing to read
_MAX_REPLACEMENT_SHARE = 0.01
_WORD = re.compile(r"\w+")


def posting_key(source: str, source_posting_id: str) -> str:
    """Stable id of a posting: sha1 of source + source_posting_id (CONTRACT §3)."""
    return hashlib.sha1(f"{source}:{source_posting_id}".encode()).hexdigest()


def content_hash(text: str) -> str:
    """Same text up to case and spacing, same hash (a repost of a posting)."""
    return hashlib.sha1(collapse_spaces(text.lower().replace("\n", " ")).encode()).hexdigest()


def parse_raw_line(line: bytes | str) -> dict[str, Any] | Quarantined:
    """Decode and parse one JSONL line of raw landing; bad bytes or JSON are quarantined."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Quarantined(
                QuarantineReason.UNDECODABLE_TEXT,
                f"line is not UTF-8 ({exc.reason} at byte {exc.start})",
                line.decode("utf-8", errors="backslashreplace"),
            )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
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
    sid = str(record["source_posting_id"])
    if not isinstance(record["payload"], dict):
        return Quarantined(
            QuarantineReason.MISSING_FIELD,
            "payload is not a JSON object",
            dict(record),
            source,
            sid,
        )
    if source not in ADAPTERS:
        return Quarantined(
            QuarantineReason.UNKNOWN_SOURCE,
            f"no adapter for source {source!r}; known: {', '.join(sorted(ADAPTERS))}",
            dict(record),
            str(source),
            sid,
        )
    encoding = record.get("encoding")
    if encoding:
        try:
            codecs.lookup(str(encoding))
        except LookupError:
            return Quarantined(
                QuarantineReason.UNDECODABLE_TEXT,
                f"declared encoding {encoding!r} is unknown",
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


def normalize(raw_record: Mapping[str, Any], taxonomy: Taxonomy) -> NormalizedPosting | Quarantined:
    """Normalize one raw record against the taxonomy, or say why it cannot be."""
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
    title = fix_mojibake(" ".join(fields.title.split()))
    if fields.sections is not None:
        lines = lines_from_fields(
            [(section, html_to_text(text)) for section, text in fields.sections], taxonomy
        )
    else:
        lines = split_sections(html_to_text(fields.body), taxonomy)
    body = "\n".join(line.text for line in lines)
    if body.count("\ufffd") > max(2, _MAX_REPLACEMENT_SHARE * len(body)):
        return Quarantined(
            QuarantineReason.UNDECODABLE_TEXT,
            f"text has {body.count(chr(0xFFFD))} replacement characters: it was decoded wrongly",
            dict(raw_record),
            source,
            sid,
        )
    if len(body.strip()) < _MIN_TEXT:
        return Quarantined(
            QuarantineReason.EMPTY_TEXT,
            f"posting text is empty once markup is removed ({len(body.strip())} characters)",
            dict(raw_record),
            source,
            sid,
        )
    skills = extract_skills(lines, taxonomy)
    role = classify_role(title, lines, skills, taxonomy)
    required = [line.text for line in lines if line.section == "required"]
    experience = extract_experience(
        required, fields.min_years, fields.max_years, fields.newcomer_ok, title=title
    )
    salary = fields.salary or extract_salary(line.text for line in lines)
    language = detect_language(f"{title}\n{body}")
    country = fields.country if fields.country and len(fields.country) == 2 else None
    country = country or country_of(fields.location, taxonomy)
    if country is None and language == "ko":
        country = "KR"  # a posting written in Korean without a location is a Korean job
    return NormalizedPosting(
        posting_key=posting_key(source, sid),
        source=source,
        source_posting_id=sid,
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
        skills=skills,
        min_years=experience.min_years,
        max_years=experience.max_years,
        newcomer_ok=experience.newcomer_ok,
        degree_min=extract_degree(required, fields.degree_hint),
        salary_min=salary.min if salary else None,
        salary_max=salary.max if salary else None,
        salary_currency=salary.currency if salary else None,
        salary_period=salary.period if salary else None,
        duplicate_of=None,
        taxonomy_version=taxonomy.version,
        content_hash=content_hash(body),
        text_length=len(body),
        section_text=_section_text(lines),
    )


def normalize_line(line: bytes | str, taxonomy: Taxonomy) -> NormalizedPosting | Quarantined:
    """Parse and normalize one JSONL line of raw landing."""
    record = parse_raw_line(line)
    if isinstance(record, Quarantined):
        return record
    return normalize(record, taxonomy)
