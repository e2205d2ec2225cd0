"""Years of experience and newcomer eligibility, from the requirements (CONTRACT §7).

A cheap keyword test picks the few lines worth a regex ("년", "year", "신입", "entry"), so the
patterns below never run over a whole posting.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.automaton import (
    Automaton,
    CaselessSearch,
    holds_words,
    lowered_lines,
    required_words,
)
from pipelines.education import DEGREE_RANK, degree_mentions, no_degree_path, years_are_optional

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
# A figure may be glued to the text before it ("…related field3+ years", "…field.5+ years"),
# but not be the decimals of another ("3.5 years"); a word may not be glued.
_NUM = (
    r"(?:(?:(?<![\d.])|(?<=[A-Za-z)]\.))(\d{1,2})|\b(" + "|".join(_WORDS) + r")(?:\s*\(\d{1,2}\))?)"
)
_TO = r"\s*(?:-|–|~|to|～)\s*"
_YRS = r"(?:years?|yrs?)"

_EN_PATTERNS = [
    # "3-5 years", "3 to 5+ years"
    (re.compile(rf"{_NUM}{_TO}{_NUM}\s*\+?\s*{_YRS}", re.I), "range"),
    # "5+ years", "5 + yrs", "four plus years"
    (re.compile(rf"{_NUM}\s*(?:\+|\bplus\b)\s*{_YRS}", re.I), "min"),
    # "at least 3 years", "minimum of 3 years", "min. 3 years"
    (
        re.compile(
            rf"(?=[amo])\b(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than)\s+\(?{_NUM}\)?\s*\+?(?:\s*|-){_YRS}",
            re.I,
        ),
        "min",
    ),
    # "3 or more years"
    (re.compile(rf"{_NUM}\s+or\s+more\s+{_YRS}", re.I), "min"),
    # "up to 3 years"
    (re.compile(rf"(?=u)(?i:up)\s+to\s+{_NUM}\s*{_YRS}", re.I), "upto"),
    # "3 years of experience", "two years' experience", "3 years in industry"
    (
        re.compile(
            rf"{_NUM}\s*{_YRS}['’]?\s+(?:of\s+)?(?:[\w/&,+-]+\s+){{0,6}}?"
            r"(?:experience|exp\b|industry|professional|working|work|hands-on|building|developing)",
            re.I,
        ),
        "min",
    ),
    # "experience: 3 years", "with 3 years"
    (re.compile(rf"(?=[wh])\b(?:with|having|have)\s+{_NUM}\s*{_YRS}\b", re.I), "min"),
    # "Java: 3 years (Required)": a screening question's answer, as Indeed lists them
    (
        re.compile(
            r"^(?![^:]*\b(?:contract|duration|length|term|period|program|course|age)\b)"
            rf"[^:]{{1,60}}:\s*{_NUM}\s*\+?\s*{_YRS}\b",
            re.I,
        ),
        "min",
    ),
    # "5+ years overall (2+ in production ML)": a figure in brackets after years, the years
    # left unsaid
    # (only lines that name years come here)
    (re.compile(rf"\(\s*{_NUM}\s*\+\s*(?:in|of|with|on)\b", re.I), "min"),
    # "BS + 10 years, MS + 7 years …": a bare figure, counted on lines about experience
    (re.compile(rf"{_NUM}\s*\+?\s*{_YRS}\b", re.I), "bare"),
]
# The same patterns with figures only, for the many lines that spell no number: the word
# alternation, tried at every position, costs most of the time.
_DIGITS = r"(?:(?:(?<![\d.])|(?<=[A-Za-z)]\.))(\d{1,2}))"


def _digit_first(pattern: str) -> str:
    """A pattern that opens with a figure also opens with (?=\\d): the engine then leaves a
    position after one test instead of trying both look-behinds there (2.5x faster)."""
    return rf"(?=\d){pattern}" if pattern.startswith(_DIGITS) else pattern


_EN_DIGIT_PATTERNS = [
    (re.compile(_digit_first(p.pattern.replace(_NUM, _DIGITS)), p.flags), k)
    for p, k in _EN_PATTERNS
]


def _needs(pattern: re.Pattern[str], gate: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Words every match of `pattern` holds (`required_words`: sets, one word of each at least,
    read lower-cased), less the sets every line tried holds (`gate`: a line is tried only if it
    holds one of these words). Read from the pattern, so they cannot drift from it."""
    return tuple(
        words
        for words in required_words(pattern)
        if not all(any(word in held for word in words) for held in gate)
    )


# In `_EN_PATTERNS` order: a line that cannot match a pattern skips it, a regex pass saved
# (the figure-only patterns hold the words of those they were made from).
_EN_NEEDS = [_needs(pattern, ("year", "yr")) for pattern, _ in _EN_PATTERNS]
# Letters that match an ASCII letter under re.I but are not it once lower-cased ("ı", "ſ",
# "İ", the Kelvin sign): on a line with one, every pattern is tried.
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGIT = re.compile(r"\d")
# (?=[…]): the first letters of the alternatives, tested before any of them (as above).
_EXPERIENCE_CONTEXT = re.compile(
    r"(?=[eip경실])(?:experience|\bexp\b|industry|professional|경력|경험|실무)", re.I
)
_EXPERIENCE_CONTEXT_SEARCH = CaselessSearch(_EXPERIENCE_CONTEXT)  # tried at its openings only
_KO_PATTERNS = [
    # "신입 ~ 경력 5년", "신입~3년차": newcomers up to N years (eval/ANNOTATION.md: 0 to N)
    (re.compile(r"신입\s*[~\-–～]\s*(?:경력\s*)?(\d{1,2})\s*년"), "upto"),
    # "5년 이상 10년 이하", "3년 이상 ~ 7년 미만": a range, not "up to 10"
    (re.compile(r"(\d{1,2})\s*년\s*이상\s*[~\-–～,]?\s*(\d{1,2})\s*년\s*(?:이하|미만)"), "range"),
    (re.compile(r"(\d{1,2})\s*(?:년|년차)?\s*[~\-–～]\s*(\d{1,2})\s*년"), "range"),
    (re.compile(r"(\d{1,2})\s*년\s*(?:차\s*)?(?:이상|↑|\+|초과)"), "min"),
    # ("경력 5년 이하" is at most five: the "upto" pattern below reads it)
    (
        re.compile(r"(?:경력|경험|실무)\s*(?:이\s*)?(\d{1,2})\s*년(?!\s*(?:차\s*)?(?:이하|미만))"),
        "min",
    ),
    (re.compile(r"(\d{1,2})\s*년\s*(?:차\s*)?(?:이상의\s*)?(?:경력|경험|실무|이상|차)"), "min"),
    (re.compile(r"최소\s*(\d{1,2})\s*년"), "min"),
    (re.compile(r"(\d{1,2})\s*년\s*(?:이하|미만)"), "upto"),
    # "학사 혹은 2년": a bare figure, counted on lines about experience (as in English)
    (re.compile(r"(?<!\d)(\d{1,2})\s*년(?!\s*(?:제|간|도|생|월|전|후|마다|단위))"), "bare"),
]
_KO_NEEDS = [_needs(pattern, ("년",)) for pattern, _ in _KO_PATTERNS]  # (as _EN_NEEDS)
_NOT_EXPERIENCE = re.compile(
    # (?<!\d)\d+: a figure is tried from its first digit only (from every digit, a long run
    # of digits took quadratic time)
    r"(?=[\d창fta])(?:(?<!\d)\d+\s*[- ]?(?:years?|year)\s*(?:old|degree|college|university|program|course|contract|warranty)"
    # the company's years, not the candidate's: "3 years of successful operation", "an
    # average experience of 14+ years" (the team's)
    r"|(?<!\d)\d+\s*\+?\s*years?\s+of\s+(?:successful\s+)?(?:operation|business|history|innovation)"
    r"|average\s+(?:experience|tenure)\s+of\s+\d+\s*\+?\s*years?"
    r"|(?:4|four|2|two)[- ]year\s+(?:degree|college|university|program)"
    r"|(?<!\d)\d+\s*년\s*(?:제|계약|연속|간의?\s*(?:역사|업력))|창립\s*\d+\s*년|\d{4}\s*년)",
    re.I,
)
_KEYWORDS = Automaton(
    (word, word)
    for word in ("년", "year", "yr", "신입", "경력", "entry", "new grad", "graduate",
                 "no experience", "intern", "인턴", "junior", "무관", "college hire", "campus hire")
)  # fmt: skip
# 신입 turned away ("신입 불가", "신입 지원 불가", "신입은 제외") opens nothing to newcomers
_NOT_NEWCOMERS = r"(?!\s*(?:은|는)?\s*(?:지원\s*)?(?:불가|제외))"
_NEWCOMER = re.compile(
    r"(?=[신경학enri인졸cu])(?:신입"
    + _NOT_NEWCOMERS
    + r"|경력\s*[:：]?\s*무관|학력\s*/\s*경력\s*무관|entry[- ]level|new[- ]grad|new graduate|"
    r"college hire|campus hire|university graduates?|"
    r"recent graduate|recent grads?|no (?:prior |previous )?experience (?:is )?(?:required|necessary|needed)|"
    r"no experience required|early[- ]career|(?<!non-)(?<!non )internship|\bintern\b|인턴|졸업\s*예정)",
    re.I,
)
_NEWCOMER_SEARCH = CaselessSearch(_NEWCOMER)  # tried at its openings only
_EITHER_OR = re.compile(r"\bor\b|혹은|또는|이나", re.I)  # cheap test before years_are_optional
_ZERO_YEARS = re.compile(r"신입" + _NOT_NEWCOMERS)
_NO_EXPERIENCE = re.compile(r"경력\s*[:：]?\s*무관|no (?:prior |previous )?experience", re.I)


@dataclass(frozen=True, slots=True)
class Experience:
    min_years: int | None
    max_years: int | None
    newcomer_ok: bool | None


def _num(token: str) -> int:
    return int(token) if token.isdigit() else _WORDS[token.lower()]


def _years_in(line: str, about_experience: bool = False) -> list[tuple[int, int | None, int]]:
    """(min, max, position) of each experience statement in a line; a bare "N years" counts
    when the line (or the sentence it was cut from) is about experience."""
    lowered = line.lower()
    korean, english = "년" in line, "yr" in lowered or "year" in lowered
    if not (korean or english):
        return []  # every pattern names 년 or years
    spelled = english and any(word in lowered for word in _WORDS)
    if not spelled and not _DIGIT.search(line):
        return []  # every pattern needs a figure, or a number spelled in English
    english_patterns: list[tuple[re.Pattern[str], str]] = []
    if english:
        english_patterns = _EN_PATTERNS if spelled else _EN_DIGIT_PATTERNS
    patterns = (*(_KO_PATTERNS if korean else ()), *english_patterns)
    if line.isascii() or not _FOLDS.search(line):
        needs = (*(_KO_NEEDS if korean else ()), *(_EN_NEEDS if english else ()))
        patterns = tuple(
            pattern
            for pattern, sets in zip(patterns, needs, strict=True)
            if not sets or holds_words(lowered, sets)
        )
    about_experience = about_experience or bool(_EXPERIENCE_CONTEXT_SEARCH.search(line))
    if _NOT_EXPERIENCE.search(line):
        line = _NOT_EXPERIENCE.sub(" ", line)
    out: list[tuple[int, int | None, int]] = []
    # The spans earlier patterns took, disjoint and sorted (ends too): a match overlaps one only
    # if it overlaps the last span starting before its end, found by bisection; a pattern's own
    # matches never overlap. (A scan of every span was quadratic in a line of many statements.)
    taken: list[tuple[int, int]] = []
    for pattern, kind in patterns:
        if kind == "bare" and not about_experience:
            continue  # a bare figure counts only on a line about experience
        ends = [e for _, e in taken]
        new: list[tuple[int, int]] = []
        for m in pattern.finditer(line):
            at = bisect.bisect_left(taken, (m.end(),))
            if at and ends[at - 1] > m.start():
                continue
            new.append((m.start(), m.end()))
            numbers = [_num(g) for g in m.groups() if g]
            if kind == "range":
                lo, hi = numbers[0], numbers[1]
                if lo <= hi <= 40:
                    out.append((lo, hi, m.start()))
            elif kind == "min" or (kind == "bare" and about_experience):
                if numbers[0] <= 30:
                    out.append((numbers[0], None, m.start()))
            elif kind == "upto":
                out.append((0, numbers[0], m.start()))
        if new:
            taken = sorted(taken + new)  # two sorted runs: merged in linear time
    return out


# A degree (or a figure) that opens a clause: "…; or MS with 5 years", ", a Master's and 3",
# "4 years with a BS or 2 years with an MS", "… or at least 2 years with an MS". An "or" before anything else stays inside its
# clause ("Statistics, or related discipline with eight (8) years", "or equivalent
# experience"): a list of fields is no alternative path.
_CLAUSE_OPENS = (
    r"(?=\s*(?:a |an |with an? |with )?(?:bachelor|master|ph\.?d|doctor|bs\b|ms\b|ba\b|b\.s|m\.s|b\.a|"
    r"\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|at least\b|"
    r"a minimum\b|minimum of\b|more than\b))"
)
# (No run of spaces is tried from more than one side: two `\s*` in a row, or one before the
# alternatives, made a long run of spaces cubic.)
_CLAUSE = re.compile(rf"(?:;|(?:,\s*)?\(?\bor\b\)?{_CLAUSE_OPENS}|,{_CLAUSE_OPENS})", re.I)


def _degree_years(line: str) -> tuple[int, int | None] | None:
    """Degree-dependent years ("BS + 10 years, MS + 7, PhD + 5" or "4 years with a Bachelor's or
    2 years with an advanced degree"): the years asked of the lowest accepted degree (§7)."""
    paired: list[tuple[int, int, int | None]] = []
    bare: list[tuple[int, int | None]] = []  # years in a clause that names no degree
    for clause in _CLAUSE.split(line):
        degrees = {d for d, _ in degree_mentions(clause)}
        found = _years_in(clause, about_experience=True)
        if degrees and found:  # "MS/PhD with 1+ years": the clause's lowest degree
            lo, hi, _ = min(found, key=lambda t: t[0])
            paired.append((min(DEGREE_RANK[d] for d in degrees), lo, hi))
        elif found:
            lo, hi, _ = min(found, key=lambda t: t[0])
            bare.append((lo, hi))
    if len(paired) == 1 and len(bare) == 1:
        # "(a BS in one of these fields) with 8 years, or MS/PhD with 4 years": the years
        # beside no degree are the path without the one named, the lowest accepted
        return bare[0]
    if len({rank for rank, _, _ in paired}) < 2:
        return None
    _, lo, hi = min(paired)
    return lo, hi


_SENTENCE = re.compile(r"(?<=[.;])\s+")


def _without_degree(line: str) -> tuple[int, int | None] | None:
    """ "5+ years with a PhD. 7+ years otherwise": the years of the sentence that names the
    path without the degree, the lowest accepted (§7: degree-dependent years)."""
    if no_degree_path(line) is None:
        return None
    for sentence in _SENTENCE.split(line):
        if no_degree_path(sentence) is not None or not degree_mentions(sentence):
            m = re.search(r"\b(?:otherwise|without)\b", sentence, re.I)
            found = _years_in(sentence, about_experience=True) if m else []
            if found:
                lo, hi, _ = min(found, key=lambda t: abs(t[2] - m.start()))
                return lo, hi
    return None


def _line_min(line: str, found: list[tuple[int, int | None, int]]) -> tuple[int, int | None]:
    """The smallest years a requirement line asks for; degree-dependent years by degree."""
    if len(found) >= 2:
        no_degree = _without_degree(line)
        if no_degree is not None:
            return no_degree
        by_degree = _degree_years(line)
        if by_degree is not None:
            return by_degree
    lo, hi, _ = min(found, key=lambda t: t[0])
    return lo, hi


_LADDER_LEAD = 30  # a ladder line names its degree within this many characters of its start


def _degree_ladder(
    candidates: tuple[str, ...], hits: list[int]
) -> dict[int, tuple[int, int | None] | None]:
    """Degree-dependent years written one degree a line ("Bachelor's with 8+ years" / "Master's
    with 5+ years" / "PhD with 2+ years"): adjacent lines that each open with a degree and ask
    years, two degrees at least. Each such line maps to the years of the lowest degree's line
    (the first of the run) or to None (the rest): one ask, the lowest accepted path (§7)."""
    rungs: dict[int, tuple[int, tuple[int, int | None]]] = {}
    for i in hits:
        if i == 0:
            continue  # the title
        line = candidates[i]
        degrees = [(d, at) for d, at in degree_mentions(line) if at < _LADDER_LEAD]
        if not degrees:
            continue
        found = _years_in(line, about_experience=True)
        if len(found) == 1:  # a line that asks other years besides is no plain rung
            rungs[i] = (min(DEGREE_RANK[d] for d, _ in degrees), _line_min(line, found))
    out: dict[int, tuple[int, int | None] | None] = {}
    run: list[int] = []
    for i in [*sorted(rungs), -2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if len(run) >= 2 and len({rungs[j][0] for j in run}) >= 2:
            lowest = min(run, key=lambda j: rungs[j][0])
            out[run[0]] = rungs[lowest][1]
            out.update((j, None) for j in run[1:])
        run = [i]
    return out


def extract_experience(
    lines: Iterable[str],
    hint_min: int | None = None,
    hint_max: int | None = None,
    hint_newcomer: bool | None = None,
    title: str = "",
    lowered: str | None = None,
) -> Experience:
    """Min / max years and newcomer eligibility from requirement lines and the title.

    "경력 무관" leaves the minimum unstated even beside 신입, unless the title says 신입 (§7).
    The source's own structured fields (Jumpit minCareer, Wanted annual_from) are used only
    when the text says nothing. `lowered`: `automaton.lowered_lines(lines)`, when the caller
    has it already (the degree reads the same).
    """
    mins: list[tuple[int, int | None]] = []
    newcomer = no_experience = years_required = False
    # "3年 이상": Korean postings also write the year with its Chinese character
    candidates = (title, *(line.replace("年", "년") if "年" in line else line for line in lines))
    if lowered is None:
        lowered = lowered_lines(candidates[1:])
    elif "年" in lowered:
        lowered = lowered.replace("年", "년")
    hits = [i + 1 for i in _KEYWORDS.lines_hit(candidates[1:], text=lowered)]
    if title and _KEYWORDS.indexed_matches(lowered_lines((title,))):
        hits.insert(0, 0)
    ladder = _degree_ladder(candidates, hits) if len(hits) > 1 else {}
    for i in hits:
        line = candidates[i]
        if i in ladder:
            rung = ladder[i]
            if rung is not None:
                mins.append(rung)
                years_required = years_required or rung[0] > 0
            continue
        if _NEWCOMER_SEARCH.search(line) and not re.search(r"신입\s*(?:불가|제외)", line):
            newcomer = True
            if _NO_EXPERIENCE.search(line) and line is not title:
                no_experience = True
            elif _ZERO_YEARS.search(line):
                mins.append((0, None))
        # "MS or 2 years": the years are one way in and a degree alone another, so they are
        # asked (min_years) but do not rule a newcomer out (newcomer_ok unknown, §7)
        found = _years_in(line)
        optional = False
        # (once years are required elsewhere, whether these are optional changes nothing)
        if (
            not (found and years_required)
            and (found or "년" in line or "year" in line)
            and _EITHER_OR.search(line)
        ):
            optional = years_are_optional(line)
            if optional and not found:  # "학사 혹은 2년": a bare figure is years here
                found = _years_in(line, about_experience=True)
        if found:
            lo, hi = _line_min(line, found)
            mins.append((lo, hi))
            years_required = years_required or (lo > 0 and not optional)
    if no_experience and not (title and _NEWCOMER_SEARCH.search(title)):
        # "경력 무관" in the requirements: any experience is accepted, so the smallest ask is
        # none even where another opening or line asks for years (§7: min_years null)
        return Experience(None, None, True)
    if mins:
        lo = min(m[0] for m in mins)
        his = [m[1] for m in mins if m[0] == lo and m[1] is not None]
        hi = max(his) if his else None
        if lo == 0:
            newcomer = True
        return Experience(lo, hi, True if newcomer else (False if years_required else None))
    if newcomer or no_experience:
        return Experience(None, None, True)
    if hint_newcomer:
        return Experience(0, hint_max, True)
    if hint_min is not None:
        return Experience(hint_min, hint_max, hint_min == 0)
    return Experience(None, None, None)
