"""The lowest degree the requirements ask for (CONTRACT §7 `degree_min`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from pipelines.automaton import Automaton, CaselessSearch, holds_words, required_words

DEGREE_RANK = {"none": 0, "high_school": 1, "associate": 2, "bachelor": 3, "master": 4, "phd": 5}

# Abbreviations are case-sensitive and must look like a degree ("BS in", "MS/PhD", "B.S.").
_ABBREV_END = (
    r"(?=\s*(?:/|,|\bor\b|\bin\b|\bdegree|\+|\band\b|\(|\)|$|\.|;|-|–|with|required|preferred))"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "none",
        re.compile(
            r"(?=[학ndr])(?:학력\s*[:：]?\s*무관|학력무관|학력\s*[:：]?\s*(?:제한\s*)?없음|no degree (?:is )?required|degree (?:is )?not required|regardless of (?:education|degree))",
            re.I,
        ),
    ),
    ("phd", re.compile(r"(?=[pd박])(?:\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral degree|박사)", re.I)),
    ("phd", re.compile(r"(?=P)\bPhDs?\b")),
    (
        "master",
        re.compile(
            r"(?=[m석ag대])(?:\bmaster(?:'|’)?s?(?:'|’)?\s*(?:(?:degree|of|in|level|program|or)\b|/|,|\(|$)|석\s*[/,·]\s*박사|\bmasters\b(?!\s*(?:data|class|plan|list|card|branch|record|chef))|\b(?:advanced|graduate) degree|석사|대학원\s*졸업)",
            re.I,
        ),
    ),
    ("master", re.compile(rf"(?=M)\b(?:MS|M\.S\.?|MSc|M\.Sc\.?|MEng|M\.Eng\.?|MBA){_ABBREV_END}")),
    (
        "bachelor",
        re.compile(
            r"(?=[bucf4학대])(?:\bbachelor|\bundergrad(?:uate)?\s+degree|\bcollege (?:degree|education)|\buniversity degree|\b(?:4|four)[- ]year (?:college |university )?degree|\bbaccalaureate"
            r"|학사|학\s*[/,·]\s*석(?:사|\s*[/,·]\s*박사)|대졸|4년제|대학교\s*졸업|대학\s*졸업|대학교졸업|4년\s*대졸|학부\s*졸업)",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            rf"(?=B)\b(?:BS|B\.S\.?|BSc|B\.Sc\.?|BA(?!\s*\(\s*[Bb]usiness\s+[Aa]nal)|B\.A\.|B\.E\.|BEng|B\.Eng\.?|BTech|B\.Tech\.?){_ABBREV_END}"
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
_KEYWORDS_SEARCH = CaselessSearch(_KEYWORDS)  # tried at its openings only
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
    r"(?=[mbt])(?:MS (?:Office|Excel|SQL|Word|Teams|Azure|Project|Access|PowerPoint)|\bBA\s+team"
    # the company's people, not a requirement: "our team of ML PhDs"
    r"|team of (?:[\w-]+ ){0,3}ph\.?\s?d\.?(?:['’]?s)?)",
    re.I,
)
# Words every match of _NOT_DEGREE holds ("ms ", "team"): a line lower-cased with none of a
# set is left as it is, a substitution pass saved (read from the pattern: cannot drift from it)
_NOT_DEGREE_NEEDS = required_words(_NOT_DEGREE)
_EDUCATION_NAMES = [
    ("phd", re.compile(r"박사")),
    ("master", re.compile(r"석사")),
    ("bachelor", re.compile(r"4년|학사|대학교")),
    ("associate", re.compile(r"2,?3년|2년|3년|전문")),
    ("high_school", re.compile(r"고등학교|고졸")),
    ("none", re.compile(r"무관")),
]


# Words every match of a pattern holds, one of them at least (in `_PATTERNS` order), and
# whether they are read case-sensitively: a line with none of them skips the pattern.
_NEEDS: list[tuple[tuple[str, ...], bool]] = [
    (("학력", "degree", "regardless"), False),
    (("ph", "doctor", "박사"), False),
    (("PhD",), True),
    (("master", "석", "degree", "대학원"), False),
    (("MS", "M.S", "MEng", "M.Eng", "MBA"), True),
    (("bachelor", "undergrad", "college", "university", "year", "baccalaureate", "학", "대졸",
      "4년제", "대학"), False),
    (("BS", "B.S", "BA", "B.A", "B.E", "BEng", "B.Eng", "BTech", "B.Tech"), True),
    (("associate", "전문", "초대졸", "2년제", "3년제"), False),
    (("high school", "ged", "고졸", "고등학교"), False),
]  # fmt: skip
# Letters that match an ASCII letter under re.I but are not it once lower-cased ("ı", "ſ",
# "İ", the Kelvin sign): on a line with one, every pattern is tried.
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def degree_mentions(line: str) -> list[tuple[str, int]]:
    """Every degree named in the line, with its position."""
    if not _KEYWORDS_SEARCH.search(line):
        return []
    lowered = line.lower()
    every = not line.isascii() and _FOLDS.search(line) is not None
    if every or holds_words(lowered, _NOT_DEGREE_NEEDS):
        line = _NOT_DEGREE.sub(lambda m: " " * len(m.group(0)), line)
        lowered = line.lower()
        every = not line.isascii() and _FOLDS.search(line) is not None
    found: list[tuple[str, int]] = []
    for (degree, pattern), (words, cased) in zip(_PATTERNS, _NEEDS, strict=True):
        text = line if cased else lowered
        if every or any(word in text for word in words):
            found += [(degree, m.start()) for m in pattern.finditer(line)]
    return sorted(found, key=lambda t: t[1])


def degree_from_hint(name: str | None) -> str | None:
    """A board's own education field ("대학교졸업(4년) 이상", "학력무관") as a degree id."""
    if not name:
        return None
    for degree, pattern in _EDUCATION_NAMES:
        if pattern.search(name):
            return degree
    return None


_ALTERNATIVE = re.compile(
    r"\s*(?:\bor\b|혹은|또는|이나|or equivalently|\bother candidates with)\s*", re.I
)
# years at the start of a clause: "2+ years", "3–4 years", "최소 2년", "2~3년", and in Korean
# after the kind of experience ("관련 경력 2년 이상", "실무 경험 3년")
_YEARS_FIRST = re.compile(
    r"\W*(?:(?:관련|유관|해당|동종|실무)\s*(?:분야|업계|직무)?\s*(?:의\s*)?(?:실무\s*)?(?:경력|경험)\s*:?\s*)?"
    r"(?:at least\s+|최소\s*)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s*[-–~]\s*\d+)?\s*\+?\s*(?:years?|yrs?|년)",
    re.I,
)
# years anywhere in a clause ("MS with 2+ years")
# (?=[…]): the first characters of the alternatives, tested before the look-behind and `\b`
_YEARS_IN = re.compile(
    r"(?=[\dotfsen])(?:(?<![\d.])\d{1,2}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))"
    r"(?:\s*[-–~]\s*\d+)?\s*\+?\s*(?:years?|yrs?|년)",
    re.I,
)
_LEADS = 15  # a degree named within this many characters of a clause's start leads it


# A student, not a graduate, as the other way in: "또는 연구 경험이 있는 학생", "학사졸업 or
# 재학중", "current students"
_STUDENT = re.compile(
    r"(?=[학재휴cs])(?:학생|재학|휴학|\bcurrent(?:ly enrolled)? students?\b|\bstudents? currently\b)",
    re.I,
)


class _Clause(NamedTuple):
    degree: bool  # names a degree
    years: bool  # names years
    years_first: bool  # starts with years ("2+ years of …", "2년 이상의 …")
    degree_first: bool  # starts with a degree ("MS with 2+ years")
    student: bool = False  # names a student ("재학중", "연구 경험이 있는 학생")


def _clause(text: str) -> _Clause:
    degrees = degree_mentions(text)
    return _Clause(
        bool(degrees),
        bool(_YEARS_IN.search(text)),
        bool(_YEARS_FIRST.match(text)),
        bool(degrees) and degrees[0][1] < _LEADS,
        bool(_STUDENT.search(text)),
    )


@functools.lru_cache(maxsize=4096)  # the years, then the degree, ask about the same lines
def _either_or(line: str) -> tuple[tuple[_Clause, _Clause], ...]:
    """Each "A or B" of the line ("혹은", "또는", "other candidates with" too), read clause by clause."""
    if not _KEYWORDS_SEARCH.search(line):
        return ()  # no degree named: no degree alternative either
    splits = list(_ALTERNATIVE.finditer(line))
    if not splits:
        return ()
    # A is all that comes before the "or" ("PhD or an advanced degree, … Other candidates
    # with 3 years …"); B is the clause after it, up to the next "or"
    ends = [m.start() for m in splits[1:]] + [len(line)]
    return tuple(
        (_clause(line[: m.start()]), _clause(line[m.end() : end]))
        for m, end in zip(splits, ends, strict=True)
    )


# The path for everyone without the degree just named: "5+ years with a PhD, 8+ years
# otherwise", "MS with 2 years or 6 years without a degree".
_NO_DEGREE_PATH = re.compile(
    r"(?=[ow])\b(?:otherwise|without (?:a |an |the )?(?:degree|ph\.?\s?d|doctorate|master\S*|"
    r"bachelor\S*|graduate degree|advanced degree))\b",
    re.I,
)
_NO_DEGREE_PATH_SEARCH = CaselessSearch(_NO_DEGREE_PATH)  # tried at its openings only


def no_degree_path(line: str) -> re.Match[str] | None:
    """Where a line with a degree and years offers a way in without that degree ("N years
    with a PhD; M years otherwise"): the degree is then one path, not a minimum (§7)."""
    if (
        not _NO_DEGREE_PATH_SEARCH.search(line)
        or not _YEARS_IN.search(line)
        or not degree_mentions(line)
    ):
        return None
    return _NO_DEGREE_PATH_SEARCH.search(line)


def degree_is_optional(line: str) -> bool:
    """ "학사 학위 혹은 2년 이상 경력", "Master's or 2+ years of experience", "2년 이상의 경험 또는
    석사 학위": a degree and years are alternatives, so the degree is not a minimum (§7)."""
    return no_degree_path(line) is not None or any(
        (a.degree and not a.years and b.years_first and not b.degree)
        or (a.years_first and not a.degree and b.degree and not b.years)
        # a student is the other way in: "학사 이상 또는 연구 경험이 있는 학생", "학사졸업 or
        # 재학중" — someone without the degree qualifies
        or (a.degree and b.student and not b.degree)
        or (a.student and not a.degree and b.degree)
        for a, b in _either_or(line)
    )


def years_are_optional(line: str) -> bool:
    """A degree alone is one way in, years another ("MS or 2 years", "PhD, or MS with 2+
    years", "2년 이상의 경험 또는 석사 학위"): someone with no experience may qualify, so
    newcomer eligibility is unknown, not no (§7)."""
    return any(
        (a.degree and not a.years and (b.years_first or (b.degree_first and b.years)))
        or (a.years_first and not a.degree and b.degree and not b.years)
        for a, b in _either_or(line)
    ) or _or_a_degree_alone(line)


# "Bachelor's degree and 2+ years …; or graduate degree in …": after a clause break, a degree
# with no years is a way in of its own ("BS or MS with 5 years" is one list of degrees)
_OR_DEGREE_ALONE = re.compile(r"[;,]\s*or\s+(?=\S)", re.I)


def _or_a_degree_alone(line: str) -> bool:
    for m in _OR_DEGREE_ALONE.finditer(line):
        head, tail = _clause(line[: m.start()]), _clause(_ALTERNATIVE.split(line[m.end() :])[0])
        if head.degree and head.years and tail.degree_first and not tail.years:
            return True
    return False


def extract_degree(
    lines: Iterable[str], hint: str | None = None, lowered: str | None = None
) -> str | None:
    """Lowest degree named in the requirement lines; the board's field when the text has none.

    `lowered`: `automaton.lowered_lines(lines)`, when the caller has it already."""
    lines = list(lines)
    degrees: set[str] = set()
    for index in _KEYWORD_WORDS.lines_hit(lines, _keyword_ends, lowered):
        found = degree_mentions(lines[index])
        if found and not degree_is_optional(lines[index]):
            degrees.update(d for d, _ in found)
    if degrees:
        return min(degrees, key=DEGREE_RANK.__getitem__)
    return degree_from_hint(hint)
