"""The lowest degree the requirements ask for (CONTRACT §7 `degree_min`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from pipelines.automaton import Automaton

DEGREE_RANK = {"none": 0, "high_school": 1, "associate": 2, "bachelor": 3, "master": 4, "phd": 5}

# Abbreviations are case-sensitive and must look like a degree ("BS in", "MS/PhD", "B.S.").
_ABBREV_END = (
    r"(?=\s*(?:/|,|\bor\b|\bin\b|\bdegree|\+|\band\b|\(|\)|$|\.|;|-|–|with|required|preferred))"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "none",
        re.compile(
            r"(?=[학ndr])(?:학력\s*무관|학력무관|no degree (?:is )?required|degree (?:is )?not required|regardless of (?:education|degree))",
            re.I,
        ),
    ),
    ("phd", re.compile(r"(?=[pd박])(?:\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral degree|박사)", re.I)),
    ("phd", re.compile(r"(?=P)\bPhDs?\b")),
    (
        "master",
        re.compile(
            r"(?=[m석ag대])(?:\bmaster(?:'|’)?s?(?:'|’)?\s*(?:degree|of|in|level|program|or\b|/|,|\(|$)|석\s*[/,·]\s*박사|\bmasters\b(?!\s*(?:data|class|plan|list|card|branch|record|chef))|\b(?:advanced|graduate) degree|석사|대학원\s*졸업)",
            re.I,
        ),
    ),
    ("master", re.compile(rf"(?=M)\b(?:MS|M\.S\.|MSc|M\.Sc\.?|MEng|M\.Eng\.?|MBA){_ABBREV_END}")),
    (
        "bachelor",
        re.compile(
            r"(?=[bucf4학대])(?:\bbachelor|\bundergraduate degree|\bcollege degree|\buniversity degree|\b(?:4|four)[- ]year (?:college |university )?degree|\bbaccalaureate"
            r"|학사|대졸|4년제|대학교\s*졸업|대학\s*졸업|대학교졸업|4년\s*대졸)",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            rf"(?=B)\b(?:BS|B\.S\.|BSc|B\.Sc\.?|BA|B\.A\.|B\.E\.|BEng|B\.Eng\.?|BTech|B\.Tech\.?){_ABBREV_END}"
        ),
    ),
    (
        "associate",
        re.compile(
            r"(?=[a전초23])(?:\bassociate(?:'|’)?s? degree|전문\s*학사|초대졸|2년제|3년제|전문대)",
            re.I,
        ),
    ),
    (
        "high_school",
        re.compile(
            r"(?=[hg고])(?:\bhigh school (?:diploma|degree|graduate)|\bGED\b|고졸|고등학교\s*졸업)",
            re.I,
        ),
    ),
]
_KEYWORDS = re.compile(
    r"(?=[dbmpcuhg학석박졸전423])(?:degree|bachelor|master|ph\.?d|doctor|b\.?s\b|m\.?s\b|b\.?a\b|m\.?a\b|msc|bsc|meng|beng|mba|btech"
    r"|college|university|undergrad|baccalaureate|high school|ged|학력|학사|석사|박사|졸|전문학사|4년제|2년제|3년제)",
    re.I,
)
# The same words for one pass over all the requirement lines (the regex then reads only the
# lines they hit); the short abbreviations must be whole words, as the patterns' `\b` asks
# ("ms" ends every "systems" and "algorithms").
_KEYWORD_WORDS = Automaton(
    (word, word in {"bs", "b.s", "ms", "m.s", "ba", "b.a", "ma", "m.a"})  # value: a whole word
    for word in ("degree", "bachelor", "master", "phd", "ph.d", "doctor", "bs", "b.s", "ms", "m.s",
                 "ba", "b.a", "ma", "m.a", "msc", "bsc", "meng", "beng", "mba", "btech", "college",
                 "university", "undergrad", "baccalaureate", "high school", "ged", "학력", "학사",
                 "석사", "박사", "졸", "전문학사", "4년제", "2년제", "3년제")
)  # fmt: skip


def _keyword_ends(text: str, start: int, end: int, whole_word: bool) -> bool:
    if not whole_word:
        return True
    before, after = text[start - 1 : start], text[end : end + 1]
    return not (before.isalnum() or before == "_" or after.isalnum() or after == "_")


_NOT_DEGREE = re.compile(
    r"(?=[mb])(?:MS (?:Office|Excel|SQL|Word|Teams|Azure|Project|Access|PowerPoint)|\bBA\s+team)",
    re.I,
)
_EDUCATION_NAMES = [
    ("phd", re.compile(r"박사")),
    ("master", re.compile(r"석사")),
    ("bachelor", re.compile(r"4년|학사|대학교")),
    ("associate", re.compile(r"2,?3년|2년|3년|전문")),
    ("high_school", re.compile(r"고등학교|고졸")),
    ("none", re.compile(r"무관")),
]


def degree_mentions(line: str) -> list[tuple[str, int]]:
    """Every degree named in the line, with its position."""
    if not _KEYWORDS.search(line):
        return []
    line = _NOT_DEGREE.sub(lambda m: " " * len(m.group(0)), line)
    found: list[tuple[str, int]] = []
    for degree, pattern in _PATTERNS:
        found.extend((degree, m.start()) for m in pattern.finditer(line))
    return sorted(found, key=lambda t: t[1])


def degree_from_hint(name: str | None) -> str | None:
    """A board's own education field ("대학교졸업(4년) 이상", "학력무관") as a degree id."""
    if not name:
        return None
    for degree, pattern in _EDUCATION_NAMES:
        if pattern.search(name):
            return degree
    return None


_ALTERNATIVE = re.compile(r"\s*(?:\bor\b|혹은|또는|이나|or equivalently)\s*", re.I)
_YEARS_FIRST = re.compile(r"\W*(?:at least\s+|최소\s*)?\d+\s*\+?\s*(?:years?|yrs?|년)", re.I)


def _degree_is_optional(line: str) -> bool:
    """ "학사 학위 혹은 2년 이상 경력", "Master's or 2+ years of experience": the degree is one
    way in among others, so it is not a minimum (§7)."""
    clauses = _ALTERNATIVE.split(line)
    for before, after in itertools.pairwise(clauses):
        degree_then_years = bool(degree_mentions(before)) and bool(_YEARS_FIRST.match(after))
        years_then_degree = bool(_YEARS_FIRST.match(before)) and bool(degree_mentions(after))
        if (degree_then_years and not degree_mentions(after)) or (
            years_then_degree and not degree_mentions(before)
        ):
            return True
    return False


def extract_degree(lines: Iterable[str], hint: str | None = None) -> str | None:
    """Lowest degree named in the requirement lines; the board's field when the text has none."""
    lines = list(lines)
    degrees: set[str] = set()
    for index in _KEYWORD_WORDS.lines_hit(lines, _keyword_ends):
        found = degree_mentions(lines[index])
        if found and not _degree_is_optional(lines[index]):
            degrees.update(d for d, _ in found)
    if degrees:
        return min(degrees, key=DEGREE_RANK.__getitem__)
    return degree_from_hint(hint)
