"""Result types of the normalization library: frozen dataclasses, no behaviour beyond shaping."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

SECTIONS = ("duties", "required", "preferred", "other")
DEGREES = ("none", "high_school", "associate", "bachelor", "master", "phd")
# NormalizedPosting.text_status: a posting with body text, or one with a title and no body
FULL_TEXT, TITLE_ONLY = "full", "title_only"


class QuarantineReason(StrEnum):
    """Why a raw record could not be normalized (CONTRACT §3: quarantined, never dropped)."""

    MALFORMED_JSON = "malformed_json"  # the raw line is not a JSON object
    UNDECODABLE_TEXT = (
        "undecodable_text"  # bytes that are not UTF-8, or an unknown declared encoding
    )
    MISSING_FIELD = "missing_field"  # envelope or payload lacks a field we cannot do without
    UNKNOWN_SOURCE = "unknown_source"  # no adapter reads this source family
    ERROR_BODY = "error_body"  # the payload is an API error ({"code": "9002", "data": null})
    EMPTY_TEXT = "empty_text"  # no body text once markup is removed, and no usable title
    OVERSIZED = "oversized"  # more text than any posting holds (limits: pipelines/normalize.py)
    INTERNAL_ERROR = "internal_error"  # a bug met this record: the exception and the stage


@dataclass(frozen=True, slots=True)
class SkillMention:
    """One skill found in one section; evidence is the text that matched."""

    id: str
    section: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Salary:
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: str | None = None  # "year" | "month" | "hour"


@dataclass(frozen=True, slots=True)
class PostingFields:
    """What a source adapter reads out of one payload, before any extraction.

    ``sections`` is set when the source itself keeps duties / requirements / preferred apart
    (Wanted, Jumpit, mapped CSV columns); otherwise ``body`` holds the whole text or HTML and
    the section splitter finds the headings. When both are set (a CSV body column with its
    own 자격요건 / 우대사항 headings beside section columns), the body is split by its
    headings and a section column that has text wins over the same section of the body.
    """

    title: str
    company: str | None
    body: str = ""
    sections: tuple[tuple[str, str], ...] | None = None  # (section, text) in reading order
    url: str | None = None
    location: str | None = None
    country: str | None = None
    posted_at: str | None = None
    salary: Salary | None = None
    # Structured hints some boards publish next to the text (Jumpit minCareer, Wanted annual_from).
    min_years: int | None = None
    max_years: int | None = None
    newcomer_ok: bool | None = None
    degree_hint: str | None = None
    language_hint: str | None = None
    # The source's tag list (Wanted tech_stack, a CSV skills column): not text, kept apart.
    tags: tuple[str, ...] = ()
    # Country for a posting whose own fields and location name none (import-csv --country).
    country_default: str | None = None


@dataclass(frozen=True, slots=True)
class NormalizedPosting:
    """One posting in the shape of CONTRACT §3 (plus a few fields the warehouse uses)."""

    posting_key: str
    source: str
    source_posting_id: str
    url: str | None
    title: str
    company: str | None
    language: str
    country: str | None
    location: str | None
    posted_at: str | None = field(metadata={"type": "date"})  # ISO date: a date column
    fetched_at: str | None
    crawl_id: str | None
    in_scope: bool
    role: str
    specializations: tuple[str, ...]
    skills: tuple[SkillMention, ...]
    min_years: int | None
    max_years: int | None
    newcomer_ok: bool | None
    degree_min: str | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_period: str | None
    # Set by dedupe, across postings: not a column of a normalized batch (pipelines.columns).
    duplicate_of: str | None = field(metadata={"batch": False})
    taxonomy_version: str
    content_hash: str  # sha1 of the normalized text: same text, same hash (dedupe)
    text_length: int
    section_text: dict[str, str] = field(default_factory=dict, metadata={"keys": SECTIONS})
    # Skill ids named in the source's tag list (never in `skills`: tags are not a section).
    tags: tuple[str, ...] = ()
    # The raw envelope's `source_label` (import-csv / import-json --source-label): which file.
    source_label: str | None = None
    # Every country the posting names, primary (`country`) first: a multi-location posting
    # ("Austin, TX; Toronto, ON") has several.
    countries: tuple[str, ...] = ()
    # "full", or "title_only": the posting has a title but no body text (under 30 characters
    # once markup is removed), so role and scope come from the title alone and `skills` is
    # empty because nothing could show them (not because none were asked for). Aggregates
    # leave title-only postings out of skill shares and years / degree denominators.
    text_status: str = FULL_TEXT

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict of CONTRACT §3 (what `pipelines.columns.posting_records` gives
        of a batch)."""
        # Field by field: dataclasses.asdict deep-copies everything and took longer than
        # writing the JSON itself.
        record = {name: getattr(self, name) for name in _POSTING_FIELDS}
        record["specializations"] = list(self.specializations)
        record["skills"] = [
            {"id": s.id, "section": s.section, "evidence": s.evidence} for s in self.skills
        ]
        record["section_text"] = dict(self.section_text)
        record["tags"] = list(self.tags)
        record["countries"] = list(self.countries)
        return record


_POSTING_FIELDS = tuple(f.name for f in fields(NormalizedPosting))


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A raw record that could not be normalized, with the reason and a human-readable detail."""

    reason: QuarantineReason
    detail: str
    # the raw record as read (a dict, or the undecodable line as text); a column of JSON text
    record: Any = field(metadata={"type": "json"})
    source: str | None = None
    source_posting_id: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "record": without_surrogates(self.record),  # so that it can be written as UTF-8
            "reason": str(self.reason),
            "detail": self.detail,
            "source": self.source,
            "source_posting_id": self.source_posting_id,
        }


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(value: Any) -> Any:
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def without_surrogates(value: Any) -> Any:
    """`value` with each lone surrogate in its strings (half of a cut emoji, left by a JSON
    escape such as "\\ud83d") replaced by U+FFFD, as a UTF-8 decoder would: a copy of its
    lists and mappings, made without recursion (raw records may nest deep)."""
    if not isinstance(value, (Mapping, list)):
        return _scrub(value)
    copy: Any = {} if isinstance(value, Mapping) else [None] * len(value)
    stack: list[tuple[Any, Any]] = [(value, copy)]
    while stack:
        original, target = stack.pop()
        for key, item in original.items() if isinstance(original, Mapping) else enumerate(original):
            if isinstance(item, (Mapping, list)):
                item_copy: Any = {} if isinstance(item, Mapping) else [None] * len(item)
                stack.append((item, item_copy))
                item = item_copy
            target[_scrub(key)] = _scrub(item)
    return copy
