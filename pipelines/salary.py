"""Salary ranges from structured fields or posting text: amount, ISO 4217 currency and period."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from pipelines.automaton import Automaton, CaselessSearch
from pipelines.models import Salary

_CURRENCY_SIGNS = [
    ("US$", "USD"),
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("A$", "AUD"),
    ("S$", "SGD"),
    ("HK$", "HKD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₩", "KRW"),
    ("¥", "JPY"),
    ("₹", "INR"),
]
_CODES = {"USD", "EUR", "GBP", "KRW", "JPY", "CAD", "AUD", "SGD", "INR", "CHF", "SEK", "PLN", "HKD"}
_CUE = re.compile(
    r"[$€£₩¥₹]|\b(?:USD|EUR|GBP|KRW|JPY|CAD|AUD|SGD|CHF)\b|salary|compensation|base pay|pay range|"
    r"per hour|hourly|연봉|급여|보수|월급|시급|만\s*원",
    re.I,
)
_CUE_SEARCH = CaselessSearch(_CUE)  # tried at its openings only
_SIGN = r"US\$|CA\$|C\$|A\$|S\$|HK\$|[$€£₩¥₹]"
_NUMBER = r"\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_UNIT = r"(?:[kK]|mm|MM|[mM])(?![A-Za-z])|천만|만|억"
_WON = r"천만\s*원|만\s*원|원"
_CODE = r"USD|EUR|GBP|KRW|JPY|CAD|AUD|SGD|CHF"
# (?=…): a match starts at a currency sign or a figure, so other positions fail on one test.
_RANGE = re.compile(
    rf"(?=[\d$€£₩¥₹UCASH])(?P<c1>{_SIGN})?\s*(?P<a1>{_NUMBER})\s*(?P<u1>{_UNIT})?\s*(?P<w1>{_WON})?"
    rf"(?:\s*(?:-|–|—|~|～|to|and)\s*(?P<c2>{_SIGN})?\s*(?P<a2>{_NUMBER})\s*(?P<u2>{_UNIT})?"
    rf"\s*(?P<w2>{_WON})?)?\s*(?P<code>\b(?:{_CODE})\b)?"
)
_KOREAN_PAY = re.compile(r"연봉|급여|월급|보수|처우|시급|연\s*\d")
_HOUR = re.compile(r"per hour|/\s*h(?:ou)?r|hourly|an hour|시급|시간당", re.I)
_MONTH = re.compile(r"per month|/\s*mo(?:nth)?\b|monthly|월급|월\s*\d|월\s*급여|매월", re.I)
_KOREAN_UNITS = {"만": 10_000, "천만": 10_000_000, "억": 100_000_000}
_LATIN_UNITS = {"k": 1_000, "m": 1_000_000, "mm": 1_000_000}
_BOUNDS = {
    "year": {
        "KRW": (5_000_000, 2_000_000_000),
        "JPY": (1_000_000, 100_000_000),
        "*": (10_000, 3_000_000),
    },
    "month": {"KRW": (500_000, 100_000_000), "JPY": (100_000, 10_000_000), "*": (500, 100_000)},
    "hour": {"KRW": (5_000, 500_000), "JPY": (500, 50_000), "*": (5, 1_000)},
}


def _number(raw: str) -> float:
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", raw):
        return float(re.sub(r"[,.]", "", raw))
    return float(raw)


def _scale(value: float, unit: str | None, won: str | None) -> float:
    if unit:
        lowered = unit.lower()
        value *= _KOREAN_UNITS.get(unit, _LATIN_UNITS.get(lowered, 1))
    if won and won.replace(" ", "").startswith("만"):
        value *= 10_000
    elif won and won.replace(" ", "").startswith("천만"):
        value *= 10_000_000
    return value


def _currency(sign: str | None, code: str | None, won: str | None, korean: bool) -> str | None:
    if code and code.upper() in _CODES:
        return code.upper()
    if sign:
        return dict(_CURRENCY_SIGNS)[sign]
    if won or korean:
        return "KRW"
    return None


def parse_salary(text: str | None, period_hint: str | None = None) -> Salary | None:
    """The first plausible salary figure or range in `text`, or None."""
    if not text or not _CUE_SEARCH.search(text):
        return None
    period = period_hint or (
        "hour" if _HOUR.search(text) else "month" if _MONTH.search(text) else "year"
    )
    korean_pay = bool(_KOREAN_PAY.search(text))
    for m in _RANGE.finditer(text):
        g = m.groupdict()
        bare_korean = g["u1"] in _KOREAN_UNITS and korean_pay  # "연봉 4천" with no 원
        if not (g["c1"] or g["c2"] or g["code"] or g["w1"] or g["w2"] or bare_korean):
            continue
        lo = _scale(_number(g["a1"]), g["u1"] or g["u2"], g["w1"] or g["w2"])
        hi = None
        if g["a2"]:
            hi = _scale(_number(g["a2"]), g["u2"] or g["u1"], g["w2"] or g["w1"])
        currency = _currency(g["c1"] or g["c2"], g["code"], g["w1"] or g["w2"], korean_pay)
        if currency is None:
            continue
        low, high = _BOUNDS[period].get(currency, _BOUNDS[period]["*"])
        if not low <= lo <= high or (hi is not None and not lo <= hi <= high):
            continue
        return Salary(lo, hi, currency, period)
    return None


# Cheap literal test before any regex: most postings state no pay at all.
_CUE_WORDS = ("$", "€", "£", "₩", "¥", "₹", "usd", "eur", "gbp", "krw", "jpy", "cad", "aud", "sgd", "chf", "salary", "compensation", "base pay", "pay range", "hour", "연봉", "급여", "보수", "월급", "시급", "만 원", "만원")  # fmt: skip


_DIGIT = re.compile(r"\d")
_CUE_AUTOMATON = Automaton((word, word) for word in _CUE_WORDS)


def extract_salary(
    lines: Iterable[str], text: str | None = None, lowered: str | None = None
) -> Salary | None:
    """The first salary stated on any line of the posting (only lines with a pay cue are read).

    `text`: the lines joined with newlines, and `lowered`: `text.lower()`, when the caller
    has them already (lower-casing a whole posting is not free)."""
    lines = list(lines)
    if text is None:
        text = "\n".join(lines)
    if lowered is None:
        lowered = text.lower()
    hits = _CUE_AUTOMATON.indexed_matches(lowered)
    if not hits:
        return None
    # offsets of the lower-cased lines (a lower case may be longer than its letter: "İ")
    same = len(lowered) == len(text)
    sizes = map(len, lines) if same else (len(line.lower()) for line in lines)
    starts = list(itertools.accumulate((size + 1 for size in sizes), initial=0))
    cued = sorted({bisect.bisect_right(starts, start) - 1 for _, start, _ in hits})
    for index in cued:
        if not _DIGIT.search(lines[index]):
            continue  # "flexible hours", "competitive salary": no amount, nothing to parse
        salary = parse_salary(lines[index])
        if salary is not None:
            return salary
    return None
