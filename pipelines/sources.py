"""Source adapters: read one raw record's payload (CONTRACT §2) into `PostingFields`.

One small function per source family, each reading the payload exactly as that source serves it,
or, for a family whose payload needs no code, a declarative field map in `field_maps.yaml`
(which payload keys are the title, company, location, description HTML, posted_at, salary ...).
An adapter raises `AdapterError` when a field we cannot do without is missing.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from pipelines.models import PostingFields, QuarantineReason, Salary
from pipelines.salary import parse_salary
from pipelines.tags import parse_tags


class AdapterError(ValueError):
    """The payload cannot be read; carries the quarantine reason."""

    def __init__(self, reason: QuarantineReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


Adapter = Callable[[Mapping[str, Any]], PostingFields]
ADAPTERS: dict[str, Adapter] = {}


def adapter(source: str) -> Callable[[Adapter], Adapter]:
    def register(fn: Adapter) -> Adapter:
        ADAPTERS[source] = fn
        return fn

    return register


# --- small readers -------------------------------------------------------------------------


def _get(obj: Any, *path: str | int) -> Any:
    for key in path:
        if isinstance(obj, Mapping):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and -len(obj) <= key < len(obj):
            obj = obj[key]
        else:
            return None
    return obj


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)):
        return str(value)
    return ""


def _amount(value: Any) -> float | None:
    """A pay figure as a finite number (120000 as it is, "120000" as 120000.0), or None
    ("n/a", {}, NaN, 10**400)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):  # OverflowError: an int too large for a float
        return None
    if not math.isfinite(number):
        return None
    return number if isinstance(value, str) else value


_CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")


def _currency(value: Any) -> str | None:
    """An ISO 4217 code as a board writes it ("usd" -> USD), or None for anything else."""
    text = _text(value)
    return text.upper() if _CURRENCY_CODE.fullmatch(text) else None


def _years(value: Any, low: int = 0) -> int | None:
    """A count of years a board states in a field, or None when it is not a plausible one."""
    return value if type(value) is int and low <= value < 100 else None


def _require_title(value: Any, field: str) -> str:
    title = html.unescape(_text(value))
    if not title:
        raise AdapterError(QuarantineReason.MISSING_FIELD, f"payload has no {field} (the title)")
    return title


_DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y.%m.%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%B %d, %Y",
    "%b %d, %Y",
)


def to_iso_date(value: Any) -> str | None:
    """ISO date (YYYY-MM-DD) of an epoch (s or ms) or one of the date spellings boards use."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            seconds = value / 1000 if value > 10**11 else value
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if len(text) > 64:  # no spelling of a date is this long
        return None
    if text.isascii() and text.isdigit() and len(text) >= 10:
        return to_iso_date(int(text))
    text = re.sub(r"Z$", "+00:00", text)
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    m = re.match(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", text)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    return None


def _slug_from_url(url: Any, position: int = 0) -> str | None:
    """The path segment at `position` of a URL ("https://jobs.lever.co/spotify/…" -> spotify)."""
    if not isinstance(url, str) or not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:  # "http://[::1" and the like: no path to read
        return None
    parts = [p for p in path.split("/") if p]
    return parts[position] if len(parts) > position else None


def _heading_block(heading: str, body: str) -> str:
    return f"<h3>{html.escape(heading)}</h3>\n{body}" if body else ""


# --- ATS job boards ------------------------------------------------------------------------


@adapter("greenhouse")
def read_greenhouse(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(job.get("company_name")) or _slug_from_url(record.get("url"), 1),
        body=_text(job.get("content")),
        url=_text(job.get("absolute_url")) or record.get("url"),
        location=_text(_get(job, "location", "name")) or None,
        posted_at=to_iso_date(job.get("first_published") or job.get("updated_at")),
        language_hint=_text(job.get("language")) or None,
    )


@adapter("lever")
def read_lever(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    parts = [_text(job.get("description")) or _text(job.get("descriptionPlain"))]
    for item in job.get("lists") or []:
        parts.append(
            _heading_block(_text(_get(item, "text")), f"<ul>{_text(_get(item, 'content'))}</ul>")
        )
    parts.append(_text(job.get("additional")) or _text(job.get("additionalPlain")))
    salary = None
    rng = job.get("salaryRange")
    if isinstance(rng, Mapping) and _amount(rng.get("min")) is not None:
        interval = _text(rng.get("interval"))
        period = "hour" if "hour" in interval else "month" if "month" in interval else "year"
        salary = Salary(
            _amount(rng.get("min")),
            _amount(rng.get("max")),
            _currency(rng.get("currency")),
            period,
        )
    url = _text(job.get("hostedUrl")) or record.get("url")
    return PostingFields(
        title=_require_title(job.get("text"), "text"),
        company=_slug_from_url(url, 0),
        body="\n".join(p for p in parts if p),
        url=url,
        location=_text(_get(job, "categories", "location")) or None,
        country=_text(job.get("country")).upper() or None,
        posted_at=to_iso_date(job.get("createdAt")),
        salary=salary or parse_salary(_text(job.get("salaryDescriptionPlain"))),
    )


@adapter("ashby")
def read_ashby(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    comp = job.get("compensation") or {}
    summary = _text(comp.get("scrapeableCompensationSalarySummary")) or _text(
        comp.get("compensationTierSummary")
    )
    url = _text(job.get("jobUrl")) or record.get("url")
    country = _text(_get(job, "address", "postalAddress", "addressCountry"))
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(job.get("organizationName")) or _slug_from_url(url, 0),
        body=_text(job.get("descriptionHtml")) or _text(job.get("descriptionPlain")),
        url=url,
        location=", ".join(p for p in (_text(job.get("location")), country) if p) or None,
        posted_at=to_iso_date(job.get("publishedAt")),
        salary=parse_salary(summary),
    )


@adapter("smartrecruiters")
def read_smartrecruiters(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    sections = _get(job, "jobAd", "sections") or {}
    blocks = []
    for key, default in (
        ("companyDescription", "About the company"),
        ("jobDescription", "Job description"),
        ("qualifications", "Qualifications"),
        ("additionalInformation", "Additional information"),
    ):
        text = _text(_get(sections, key, "text"))
        if text:
            blocks.append(_heading_block(_text(_get(sections, key, "title")) or default, text))
    location = _get(job, "location") or {}
    return PostingFields(
        title=_require_title(job.get("name"), "name"),
        company=_text(_get(job, "company", "name")) or None,
        body="\n".join(blocks),
        url=_text(job.get("postingUrl")) or record.get("url"),
        location=_text(location.get("fullLocation"))
        or ", ".join(p for p in (_text(location.get("city")), _text(location.get("country"))) if p)
        or None,
        country=_text(location.get("country")).upper() or None,
        posted_at=to_iso_date(job.get("releasedDate")),
    )


# --- Korean boards: the board keeps the sections apart --------------------------------------


@adapter("wanted")
def read_wanted(record: Mapping[str, Any]) -> PostingFields:
    payload = record["payload"]
    job = payload.get("job", payload) if isinstance(payload.get("job"), Mapping) else payload
    detail = job.get("detail") or {}
    annual_to = job.get("annual_to")  # 100 or more: "no upper limit"
    return PostingFields(
        title=_require_title(job.get("position"), "position"),
        company=_text(_get(job, "company", "name")) or _text(job.get("company_name")) or None,
        sections=(
            ("other", _text(detail.get("intro"))),
            ("duties", _text(detail.get("main_tasks"))),
            ("required", _text(detail.get("requirements"))),
            ("preferred", _text(detail.get("preferred_points"))),
            ("other", _text(detail.get("benefits"))),
            ("other", _text(detail.get("hire_rounds"))),
        ),
        url=record.get("url") or f"https://www.wanted.co.kr/wd/{job.get('id')}",
        location=_text(_get(job, "address", "full_location"))
        or _text(_get(job, "address", "location"))
        or None,
        country="KR",
        posted_at=to_iso_date(job.get("confirm_time") or job.get("created_time")),
        min_years=_years(job.get("annual_from")),
        max_years=_years(annual_to, low=1),
        newcomer_ok=job.get("is_newbie") if isinstance(job.get("is_newbie"), bool) else None,
        language_hint="ko",
    )


@adapter("jumpit")
def read_jumpit(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    max_career = job.get("maxCareer")
    places = job.get("workingPlaces") or []
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(job.get("companyName")) or None,
        sections=(
            ("other", _text(job.get("serviceInfo"))),
            ("duties", _text(job.get("responsibility"))),
            ("required", _text(job.get("qualifications"))),
            ("preferred", _text(job.get("preferredRequirements"))),
            ("other", _text(job.get("welfares"))),
            ("other", _text(job.get("recruitProcess"))),
        ),
        url=record.get("url") or f"https://jumpit.saramin.co.kr/position/{job.get('id')}",
        location=_text(_get(places, 0, "address")) or _text(job.get("location")) or None,
        country="KR",
        posted_at=to_iso_date(job.get("publishedAt")),
        min_years=_years(job.get("minCareer")),
        max_years=_years(max_career, low=1),
        newcomer_ok=job.get("newcomer") if isinstance(job.get("newcomer"), bool) else None,
        degree_hint=_text(job.get("educationName")) or None,
        language_hint="ko",
    )


# --- schema.org JobPosting -----------------------------------------------------------------


def _jsonld_salary(base: Any) -> Salary | None:
    if not isinstance(base, Mapping):
        return None
    value = base.get("value")
    unit = _text(_get(value, "unitText") if isinstance(value, Mapping) else base.get("unitText"))
    period = {"HOUR": "hour", "MONTH": "month", "YEAR": "year"}.get(unit.upper(), "year")
    currency = _currency(base.get("currency"))
    if isinstance(value, Mapping):
        lo, hi = value.get("minValue"), value.get("maxValue")
        if lo in (None, "") and value.get("value") not in (None, ""):
            lo = value.get("value")
    else:
        lo, hi = value, None
    low, high = _amount(lo), _amount(hi)
    if (low is None and lo not in (None, "")) or (high is None and hi not in (None, "")):
        return None  # a figure that is no number
    lo = float(low) if low is not None else None
    hi = float(high) if high is not None else None
    if lo is None or not currency:
        return None
    return Salary(lo, hi, currency, period)


def _jsonld_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return _text(
            value.get("description") or value.get("name") or value.get("credentialCategory")
        )
    if isinstance(value, list):
        return "\n".join(_jsonld_text(v) for v in value)
    return _text(value)


@adapter("jsonld")
def read_jsonld(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    place = job.get("jobLocation")
    place = place[0] if isinstance(place, list) and place else place
    address = _get(place, "address") or {}
    if isinstance(address, str):
        address = {"streetAddress": address}
    body = _text(job.get("description")) or _text(record.get("page_body_html"))
    extra = [
        _heading_block("Responsibilities", _jsonld_text(job.get("responsibilities"))),
        _heading_block("Qualifications", _jsonld_text(job.get("qualifications"))),
        _heading_block("Experience", _jsonld_text(job.get("experienceRequirements"))),
        _heading_block("Education", _jsonld_text(job.get("educationRequirements"))),
    ]
    location = ", ".join(
        p
        for p in (
            _text(address.get("addressLocality")),
            _text(address.get("addressRegion")),
            _text(address.get("addressCountry"))
            if not isinstance(address.get("addressCountry"), Mapping)
            else _text(address["addressCountry"].get("name")),
            _text(address.get("streetAddress")) if not address.get("addressLocality") else "",
        )
        if p
    )
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(_get(job, "hiringOrganization", "name")) or None,
        body="\n".join(p for p in (body, *extra) if p),
        url=_text(job.get("url")) or record.get("url"),
        location=location or None,
        posted_at=to_iso_date(job.get("datePosted")),
        salary=_jsonld_salary(job.get("baseSalary")),
    )


# --- aggregators ---------------------------------------------------------------------------


@adapter("remotive")
def read_remotive(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(job.get("company_name")) or None,
        body=_text(job.get("description")),
        url=_text(job.get("url")) or record.get("url"),
        location=_text(job.get("candidate_required_location")) or None,
        posted_at=to_iso_date(job.get("publication_date")),
        salary=parse_salary(_text(job.get("salary"))),
    )


@adapter("remoteok")
def read_remoteok(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    lo, hi = _amount(job.get("salary_min")), _amount(job.get("salary_max"))
    salary = (
        Salary(float(lo), float(hi) if hi else None, "USD", "year")
        if lo is not None and job["salary_min"]
        else None
    )
    return PostingFields(
        title=_require_title(job.get("position"), "position"),
        company=_text(job.get("company")) or None,
        body=_text(job.get("description")),
        url=_text(job.get("url")) or record.get("url"),
        location=_text(job.get("location")) or None,
        posted_at=to_iso_date(job.get("date") or job.get("epoch")),
        salary=salary,
    )


@adapter("arbeitnow")
def read_arbeitnow(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(job.get("company_name")) or None,
        body=_text(job.get("description")),
        url=_text(job.get("url")) or record.get("url"),
        location=_text(job.get("location")) or None,
        posted_at=to_iso_date(job.get("created_at")),
    )


_HN_ROLE = re.compile(
    r"engineer|developer|scientist|analyst|researcher|architect|manager|lead|designer|"
    r"sre|devops|mlops|intern|head of|director|specialist|programmer|swe",
    re.I,
)


# A job named in prose: up to four capitalised words, then a job noun ("Machine Learning
# Research Engineer", "Senior Data Scientist", "SRE"). Bounded repeats: linear on any input.
_HN_PROSE_ROLE = re.compile(
    r"(?:\b[A-Z][\w+#./-]{0,30} ){0,4}\b(?i:engineer|developer|scientist|analyst|researcher|"
    r"architect|sre|devops|mlops|programmer)s?\b"
)
_HN_PROSE_SPAN = 600  # characters from the start: where a comment says whom it hires


def _hn_job_in_prose(body: str) -> str | None:
    """The job a comment names near its start when its header names none ("Acme | Remote |
    …", or prose: "Acme is hiring an ML Research Engineer to …"); None when it names none."""
    opening = html.unescape(re.sub(r"<[^<>]+>", "\n", body[: _HN_PROSE_SPAN * 4]))
    named = _HN_PROSE_ROLE.search(opening[:_HN_PROSE_SPAN])
    return named.group(0) if named else None


@adapter("hackernews")
def read_hackernews(record: Mapping[str, Any]) -> PostingFields:
    comment = record["payload"]
    body = _text(comment.get("text"))
    first = html.unescape(re.split(r"<p>|\n", body, maxsplit=1)[0])
    first = re.sub(r"<[^<>]+>", "", first)  # [^<>]: linear, "<<<…" cannot rescan the line
    parts = [p.strip() for p in first.split("|") if p.strip()]
    roles = [p for p in parts[1:] if _HN_ROLE.search(p)]
    title = roles[0] if roles else _hn_job_in_prose(body)
    if title is None:
        if len(parts) < 2:
            raise AdapterError(
                QuarantineReason.MISSING_FIELD,
                "comment neither starts with 'Company | Role | …' nor names a job near its "
                "start (no title to read)",
            )
        title = parts[1]
    if len(parts) < 2:
        parts = [""]
    return PostingFields(
        title=title,
        company=parts[0] or None,
        body=body,
        url=record.get("url") or f"https://news.ycombinator.com/item?id={comment.get('id')}",
        location=next((p for p in parts[1:] if p not in roles), None),
        posted_at=to_iso_date(comment.get("created_at")),
        salary=parse_salary(first),
    )


# --- data that did not come from a spider --------------------------------------------------


@adapter("text")
def read_text(record: Mapping[str, Any]) -> PostingFields:
    job = record["payload"]
    return PostingFields(
        title=_require_title(job.get("title"), "title"),
        company=_text(job.get("company")) or None,
        body=_text(job.get("description")),
        url=_text(job.get("url")) or record.get("url"),
        location=_text(job.get("location")) or None,
        posted_at=to_iso_date(job.get("posted_at")),
    )


CSV_FIELDS = (
    "id",
    "title",
    "company",
    "description",
    "duties",
    "required",
    "preferred",
    "other",
    "location",
    "country",
    "posted_at",
    "url",
    "salary",
    "tags",
)
CSV_TEXT_FIELDS = ("description", "duties", "required", "preferred", "other")
# A cell that only says "nothing here" is empty: pandas' nan, Glassdoor's -1, "우대사항 없음".
_EMPTY_CELL = re.compile(r"(?:nan|none|null|n/?a|-1?|(?:[가-힣]+\s?){0,3}없음)\.?", re.IGNORECASE)


@adapter("csv")
def read_csv(record: Mapping[str, Any]) -> PostingFields:
    """A row of `careermarket import-csv`: `field_map` names its columns, `csv_options` holds
    the file's defaults (`line_separator`, `default_country`, `default_posted_at`).

    A `description` column beside section columns is a body with its own headings: it is
    split by them, and the section columns win where both have text (see `PostingFields`).
    """
    row = record["payload"]
    field_map = record.get("field_map") or {}
    if not isinstance(field_map, Mapping) or "title" not in field_map:
        raise AdapterError(
            QuarantineReason.MISSING_FIELD, "csv record has no field_map with a title"
        )
    options = record.get("csv_options")
    options = options if isinstance(options, Mapping) else {}
    separator = _text(options.get("line_separator")) or None

    def cells(field: str) -> list[str]:
        names = field_map.get(field)
        if not names:
            return []
        names = names if isinstance(names, list) else str(names).split("+")
        values = [_text(row.get(str(n).strip())) for n in names]
        return [v for v in values if v and not _EMPTY_CELL.fullmatch(v)]

    def column(field: str) -> str:
        text = "\n".join(cells(field))
        return text.replace(separator, "\n") if separator else text

    body = column("description")
    sections = None
    if any(field_map.get(f) for f in ("duties", "required", "preferred")):
        sections = (
            ("other", column("other")),
            ("duties", column("duties")),
            ("required", column("required")),
            ("preferred", column("preferred")),
        )
    else:
        body = "\n\n".join(p for p in (column("other"), body) if p)
    company = column("company").split("\n")[0].strip() or None  # Glassdoor appends the rating
    country = column("country").upper()
    default_country = _text(options.get("default_country")).upper()
    return PostingFields(
        title=_require_title(column("title"), f"title column {field_map.get('title')!r}"),
        company=company,
        body=body,
        sections=sections,
        url=column("url") or record.get("url"),
        location=column("location") or None,
        country=country if len(country) == 2 else None,
        posted_at=to_iso_date(column("posted_at")) or to_iso_date(options.get("default_posted_at")),
        salary=parse_salary(column("salary")),
        tags=parse_tags("\n".join(cells("tags"))),
        country_default=default_country if len(default_country) == 2 else None,
    )


# --- declarative adapters: field_maps.yaml ---------------------------------------------------

FIELD_MAPS_PATH = Path(__file__).resolve().with_name("field_maps.yaml")
FIELD_MAP_KEYS = frozenset(
    {"title", "company", "body", "url", "location", "country", "posted_at", "salary", "salary_text"}
)
SALARY_KEYS = frozenset({"min", "max", "currency", "period"})
BLOCK_KEYS = frozenset({"text", "heading", "each"})


class FieldMapError(ValueError):
    """field_maps.yaml does not have the documented shape."""


def _path(spec: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in spec.lstrip("@").split("."))


def pick(record: Mapping[str, Any], spec: Any) -> Any:
    """The value a field-map spec names (see field_maps.yaml); None when absent."""
    if spec is None:
        return None
    if isinstance(spec, str):
        root = record if spec.startswith("@") else record.get("payload")
        return _get(root, *_path(spec))
    if isinstance(spec, list):  # the first alternative that has text
        return next((v for v in (pick(record, s) for s in spec) if _text(v)), None)
    if "join" in spec:
        parts = (_text(pick(record, s)) for s in spec["join"])
        return spec.get("sep", ", ").join(p for p in parts if p) or None
    url = _text(pick(record, spec.get("host_label") or spec.get("path_segment")))
    index = int(spec.get("index", 0))
    if "path_segment" in spec:
        return _slug_from_url(url, index)
    labels = (urlparse(url).hostname or "").split(".")
    return labels[index] if url and -len(labels) <= index < len(labels) else None


def _check_spec(where: str, spec: Any) -> None:
    if isinstance(spec, str):
        return
    if isinstance(spec, list) and spec:
        for i, alternative in enumerate(spec):
            _check_spec(f"{where}[{i}]", alternative)
        return
    if isinstance(spec, dict):
        keys = set(spec)
        if keys <= {"join", "sep"} and isinstance(spec.get("join"), list):
            for i, part in enumerate(spec["join"]):
                _check_spec(f"{where}.join[{i}]", part)
            return
        for kind in ("host_label", "path_segment"):
            if kind in spec and keys <= {kind, "index"}:
                _check_spec(f"{where}.{kind}", spec[kind])
                return
    raise FieldMapError(f"{where}: not a field spec: {spec!r}")


def _salary(record: Mapping[str, Any], spec: Mapping[str, Any]) -> Salary | None:
    values = {key: pick(record, sub) for key, sub in spec.items()}
    try:
        lo = float(values["min"]) if _text(values.get("min")) else None
        hi = float(values["max"]) if _text(values.get("max")) else None
    except (TypeError, ValueError):
        return None
    if lo is None:
        return None
    unit = _text(values.get("period")).lower()
    period = "hour" if "hour" in unit else "month" if "month" in unit else "year"
    return Salary(lo, hi, _text(values.get("currency")).upper() or None, period)


def _body(record: Mapping[str, Any], blocks: list[Mapping[str, Any]]) -> str:
    parts = []
    for block in blocks:
        if "each" in block:  # a list of {heading, text} objects, e.g. Personio jobDescriptions
            items = pick(record, block["each"])
            for item in items if isinstance(items, list) else []:
                text = _text(_get(item, *_path(block["text"])))
                heading = _text(_get(item, *_path(block["heading"]))) if "heading" in block else ""
                parts.append(_heading_block(heading, text) if heading else text)
            continue
        text = _text(pick(record, block["text"]))
        parts.append(_heading_block(block["heading"], text) if block.get("heading") else text)
    return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class FieldMap:
    """An adapter written as data: which payload (or record, ``@``) keys hold which field."""

    name: str
    spec: Mapping[str, Any]

    def __call__(self, record: Mapping[str, Any]) -> PostingFields:
        spec = self.spec
        country = _text(pick(record, spec.get("country"))).upper()
        salary = _salary(record, spec["salary"]) if "salary" in spec else None
        return PostingFields(
            title=_require_title(pick(record, spec["title"]), str(spec["title"])),
            company=_text(pick(record, spec.get("company"))) or None,
            body=_body(record, spec.get("body") or []),
            url=_text(pick(record, spec.get("url"))) or record.get("url"),
            location=_text(pick(record, spec.get("location"))) or None,
            country=country if len(country) == 2 else None,
            posted_at=to_iso_date(pick(record, spec.get("posted_at"))),
            salary=salary or parse_salary(_text(pick(record, spec.get("salary_text")))),
        )


def parse_field_maps(data: Any) -> dict[str, FieldMap]:
    """Strict: an unknown key or spec raises instead of silently reading nothing."""
    if not isinstance(data, dict) or set(data) != {"version", "maps"} or data["version"] != 1:
        raise FieldMapError("top level must be {version: 1, maps: {family: map}}")
    maps: dict[str, FieldMap] = {}
    for name, spec in (data["maps"] or {}).items():
        if not isinstance(spec, dict) or "title" not in spec or set(spec) - FIELD_MAP_KEYS:
            raise FieldMapError(f"{name}: needs title; keys are {sorted(FIELD_MAP_KEYS)}")
        for key, value in spec.items():
            if key == "salary":
                if not isinstance(value, dict) or set(value) - SALARY_KEYS or "min" not in value:
                    raise FieldMapError(f"{name}.salary: {{min, max?, currency?, period?}}")
                for sub, sub_spec in value.items():
                    _check_spec(f"{name}.salary.{sub}", sub_spec)
            elif key == "body":
                for i, block in enumerate(value if isinstance(value, list) else [None]):
                    if (
                        not isinstance(block, dict)
                        or set(block) - BLOCK_KEYS
                        or "text" not in block
                    ):
                        raise FieldMapError(f"{name}.body[{i}]: {{text, heading?, each?}}")
                    _check_spec(f"{name}.body[{i}].text", block["text"])
            else:
                _check_spec(f"{name}.{key}", value)
        maps[str(name)] = FieldMap(str(name), spec)
    return maps


def load_field_maps(path: Path = FIELD_MAPS_PATH) -> dict[str, FieldMap]:
    with open(path, encoding="utf-8") as fh:
        return parse_field_maps(yaml.safe_load(fh))


for _name, _field_map in load_field_maps().items():
    if _name in ADAPTERS:
        raise FieldMapError(f"{_name} has both an adapter function and a field map")
    ADAPTERS[_name] = _field_map
