"""Split posting text into duties / required / preferred / other lines (CONTRACT §7).

Headings come from `sections.yaml`; they may be bracketed ([자격요건]), decorated (✨ 우대사항),
numbered, bold (already flattened to a line), inline ("Requirements: Python, SQL") or glued to
the text around them when a scraper lost the newlines ("…platformsResponsibilitiesBuild…").
Inside the requirements, a line that marks itself optional ("~우대", "is a plus") is preferred;
inside the preferred part, a line marked 필수 is required.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pipelines.automaton import Automaton
from pipelines.phrases import fold
from pipelines.taxonomy import Taxonomy

DEMAND_SECTIONS = ("duties", "required", "preferred")

_EMOJI = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3\u2190-\u21ff\u2700-\u27bf"
)
_EDGE = f"\\s#*•\\-–—·▪■□◆◇▶►▷●○◎★☆※><\\[\\]【】「」『』()（）:：!?.…|~'\"`=_{_EMOJI}"
_LEAD = re.compile(f"^(?:[{_EDGE}]|\\d{{1,2}}[.)](?=\\s|\\D))+")
_TRAIL = re.compile(f"[{_EDGE}]+$")
_INLINE = re.compile(r"^(.{2,60}?)\s*[:：]\s*(\S.*)$")
_BULLET = re.compile(r"^\s*[•\-*·▪◦‣∙ㆍ]\s*")
_PARENS = re.compile(r"\(([^()]{2,})\)|（([^（）]{2,})）|\[([^\[\]]{2,})\]")
_CLAUSES = re.compile(r"\s*[;；]\s*|,\s+|\s+but\s+|\s+while\s+|\s*/\s+")
# Sentence ends in run-together text, but not inside abbreviations ("M.S. or Ph.D.").
# Candidate sentence ends: punctuation, then optional spaces. `_sentences` decides which split.
_SENTENCE_MARK = re.compile(r"[.!?:;…。]\s*")
_AFTER_GLUED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789%)")
# "M.S. or Ph.D. in …", "e.g. Python", "Dr. Kim": a full stop inside an abbreviation.
_ABBREVIATION_WORDS = ("vs", "Dr", "Mr", "Ms", "Mrs", "St", "No", "approx")
_ABBREVIATION = re.compile(
    rf"(?:\b\w\.\w+\.?|\b[A-Za-z]\.|\b(?:e\.g|i\.e|{'|'.join(_ABBREVIATION_WORDS)})\.)$"
)


def _may_abbreviate(text: str, lo: int, mark: int) -> bool:
    """Whether `_ABBREVIATION` could match text[lo:mark + 1] (a full stop at `mark`), by C
    string tests: it cannot when no other full stop is near and the stop ends a word of two
    characters or more that is none of the abbreviated words ("…every day.")."""
    return (
        mark - lo < 2
        or text.find(".", lo, mark) != -1
        or not text[mark - 2 : mark].isalnum()
        or text.endswith(_ABBREVIATION_WORDS, lo, mark)
    )


def _sentences(text: str) -> list[str]:
    """Split a long run-together line at sentence ends ("…platforms.Build …", "… production.
    Experience …", "…다. 다음"), not inside abbreviations ("M.S. or Ph.D.", "e.g. Python")."""
    parts, last, size = [], 0, len(text)
    for m in _SENTENCE_MARK.finditer(text):
        mark, after = m.span()
        if after >= size:
            break
        punct, nxt = text[mark], text[after]
        if punct == "。":
            pass
        elif mark == 0:
            if not (after > 1 and punct in ".!?;…" and (nxt.isupper() or nxt in "•*-")):
                continue
        elif punct == ":":
            if not (text[mark - 1].islower() or text[mark - 1] == ")") or not nxt.isupper():
                continue
        elif after > mark + 1:  # spaces after the mark
            if not (
                (punct == "." and text[mark - 1] in "다요")
                or (punct in ".!?;…" and (nxt.isupper() or nxt in "•*-"))
            ):
                continue
        elif not (
            punct in ".!?…"
            and nxt.isupper()
            and mark >= 2
            and text[mark - 1] in _AFTER_GLUED
            and text[mark - 2] in _AFTER_GLUED
        ):
            continue
        # Only a full stop can close an abbreviation.
        lo = max(last, mark - 11)
        if (
            punct == "."
            and _may_abbreviate(text, lo, mark)
            and _ABBREVIATION.search(text[lo : mark + 1])
        ):
            continue
        parts.append(text[last:after].rstrip())
        last = after
    parts.append(text[last:])
    return [p for p in parts if p.strip()]


_SENTENCE_ENDS = (".", "。", "다", "요")  # "…합니다", "…해요.": a sentence, not a heading
_HEADING_LINKS = frozenset(
    {"at", "in", "for", "and", "with", "of", "to", "on", "&", "@", "및", "관련"}
)
# Bullet glyphs and emoji inside a long line start a new item ("…Qualifications✅ Experience…").
_GLYPH = "[✅✔☑✓•▪►▶●◆■★☆➤➔→\U0001f300-\U0001faff]"
_GLYPH_RE = re.compile(_GLYPH)
_INLINE_BULLETS = re.compile(f"\\s*{_GLYPH}\ufe0f?\\s*")
# What a line asks of the candidate, by its wording. Strong cues are safe even in a company's
# introduction; weak ones only where the posting has no headings at all. English cues start a
# word; duty verbs are whole words; Korean cues match anywhere.
_STRONG_CUES = [
    *(f"you {v}" for v in ("have", "bring", "must", "should have", "will have", "possess", "are proficient")),
    *(f"you'll {v}" for v in ("have", "bring", "need")),
    "must have", "the ideal candidate", "we're looking for", "we are looking for",
    *(f"{c} {m} {v}" for c in ("candidate", "candidates") for m in ("should", "must", "will") for v in ("have", "possess", "be")),
    "required", "requires", "proficien", "familiarity with", "expertise in", "expertise with",
    *(f"experience {p}" for p in ("with", "in", "building", "developing", "using", "working")),
    "degree in", "bachelor", "master's", "masters", "phd", "ph.d", "knowledge of",
    *(f"strong {n}" for n in ("skills", "background", "experience", "knowledge", "understanding", "communicat")),
]  # fmt: skip
_WEAK_CUES = [
    "experience of", "years of", "familiar", "understanding of", "degree", "must", "you bring",
    "expertise", "background in", "ability to", "skilled", "fluent", "hands-on",
]  # fmt: skip
_KOREAN_REQUIRED_CUES = ["경험", "경력", "능숙", "이해", "가능하신", "보유", "역량", "지식", "이상", "전공", "학위", "자격", "능력", "익숙"]  # fmt: skip
_DUTY_VERBS = ("build", "develop", "design", "own", "lead", "maintain", "implement", "deploy", "create", "drive")  # fmt: skip
_DUTY_WORDS = [
    "you will", "you'll", "responsible for", "your job", "your role", "your work", "we need you",
    *_DUTY_VERBS,
    *(f"{verb}s" for verb in _DUTY_VERBS),  # a description in the third person: "Develops models"
]  # fmt: skip
_KOREAN_DUTY_CUES = [
    "담당",
    "수행",
    "업무",
    "개발합니다",
    "구축합니다",
    "운영합니다",
    "하게 됩니다",
    "예정",
]
_YEARS_FIGURE = re.compile(r"\d+\s*\+?\s*(?:years|yrs)", re.I)
STRONG, WEAK, DUTY, OPTIONAL, REQUIRED_MARK, CLOSING = (
    "strong", "weak", "duty", "optional", "required_mark", "closing",
)  # fmt: skip


class _CueFinder:
    """Which cues a line carries (strong / weak requirement, duty, optional or required marker,
    closing boilerplate), in one Aho-Corasick pass instead of a regex per kind of cue."""

    def __init__(
        self, optional: Iterable[str], required: Iterable[str], closing: Iterable[str]
    ) -> None:
        entries: dict[str, set[tuple[str, str]]] = {}

        def add(phrases: Iterable[str], cue: str, boundary: str) -> None:
            for phrase in phrases:
                phrase = " ".join(phrase.lower().split())
                variants = {phrase}
                if not phrase.isascii():
                    variants.add(phrase.replace(" ", ""))  # 면 좋아요 / 면좋아요
                for variant in variants:
                    entries.setdefault(variant, set()).add((cue, boundary))

        add(_STRONG_CUES, STRONG, "start")
        add(_WEAK_CUES, WEAK, "start")
        add(_KOREAN_REQUIRED_CUES, WEAK, "none")
        add(_DUTY_WORDS, DUTY, "word")
        add(_KOREAN_DUTY_CUES, DUTY, "none")
        add(optional, OPTIONAL, "word")
        add(required, REQUIRED_MARK, "word")
        add(closing, CLOSING, "none")
        self._automaton = Automaton((phrase, tuple(cues)) for phrase, cues in entries.items())

    def per_line(self, lines: list[str]) -> list[frozenset[str]]:
        """The cues of each line, from one automaton pass over all of them."""
        joined = "\n".join(lines)
        folded = fold(joined)
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        found: dict[int, set[str]] = {}  # line index -> its cues; most lines have none
        for start, stop, entry in self._automaton.matches(folded):
            end = stop - 1
            starts_word = start == 0 or not folded[start - 1].isalnum()
            ends_word = (
                end + 1 >= len(folded)
                or not folded[end + 1].isalnum()
                or (joined[end].islower() and joined[end + 1].isupper())  # "…is a plusWhy us?"
            )
            kept = [
                cue
                for cue, boundary in entry
                if boundary == "none"
                or not folded[start].isascii()
                or (boundary == "start" and starts_word)
                or (boundary == "word" and starts_word and ends_word)
            ]
            if kept:  # one line lookup per match, not per cue
                found.setdefault(bisect.bisect_right(starts, start) - 1, set()).update(kept)
        # Lines with a figure of years, and Korean duty sentences ("…개발합니다"), found with
        # str.find over the joined text instead of a test on every line.
        with_years = {
            bisect.bisect_right(starts, at) - 1
            for word in ("year", "yrs", "Year")
            for at in _occurrences(joined, word)
        }
        for index in with_years:
            if _YEARS_FIGURE.search(lines[index]):
                found.setdefault(index, set()).add(STRONG)
        for at in _occurrences(joined, "합니다"):
            end = at + 3
            if end == len(joined) or joined[end] == "\n":
                found.setdefault(bisect.bisect_right(starts, at) - 1, set()).add(DUTY)
        out = [_NO_CUES] * len(lines)
        for index, cues in found.items():
            out[index] = frozenset(cues)
        return out


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` occurs in `text` (str.find, in C)."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)


_NO_CUES: frozenset[str] = frozenset()
_YOU_VERBS = ("are", "have", "will", "bring", "know", "can", "also", "'re", "’re", "'ll", "’ll")


def _cut_before(line: str, cuts: list[int]) -> str:
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(line[last:cut])
        last = cut
    pieces.append(line[last:])
    return "\n".join(pieces)


def _split_glued_years(line: str) -> str:
    """ "…or related field2+ years of experience…": a requirement glued to the previous bullet
    starts a new line. (str.find, not a regex: a regex tries every position of a long line.)"""
    cuts = []
    for word in ("years", "yrs"):
        for at in _occurrences(line, word):
            i = at
            while i > 0 and line[i - 1] in " +":
                i -= 1
            digits_end = i
            while i > 0 and line[i - 1].isdigit() and digits_end - i < 2:
                i -= 1
            if (
                i < digits_end
                and i >= 2
                and line[i - 2 : i].isalpha()
                and line[i - 2 : i].islower()
            ):
                cuts.append(i)
    return _cut_before(line, sorted(set(cuts))) if cuts else line


def _split_spaced_you(line: str) -> str:
    """ "…of the stack You are a highly skilled dev …": a bullet that lost its line break, not
    its space."""
    cuts = []
    for at in _occurrences(line, " You "):
        before, after = line[at - 1 : at], line[at + 5 : at + 10]
        if (before.islower() or before == ")") and after.startswith(_YOU_VERBS):
            end = at + 5 + next(len(v) for v in _YOU_VERBS if after.startswith(v))
            if end >= len(line) or not line[end].isalnum():
                cuts.append(at + 1)
    return _cut_before(line, cuts).replace(" \n", "\n") if cuts else line


_INTRODUCED_OPTION = re.compile(
    r"[,;]\s*(?:and |or )?(?:ideally|preferably|with a preference for|bonus (?:if|for)|especially|nice to have)\b",
    re.IGNORECASE,
)
_CONTENT_WORDS = re.compile(r"\s(?:in|with|of|using|on)\s")  # lower case: prose, not a title
_LONG_LINE = 220
_GLUE_LINE = 60
_MAX_HEADING = 70


class Line(NamedTuple):  # a tuple: built for every line of every posting, so it must be cheap
    """One line of a posting and the section it belongs to."""

    text: str
    section: str


@dataclass(frozen=True)
class _Rules:
    headings: Mapping[str, str]  # space-less lower-cased alias -> section
    strict: frozenset[str]  # one-word aliases: must be the whole line (or end in a colon)
    longest: int
    glue: _GlueFinder
    optional: re.Pattern[str]
    required: re.Pattern[str]
    cues: _CueFinder
    keywords: tuple[tuple[str, re.Pattern[str]], ...]
    suffixes: tuple[tuple[str, str], ...]  # (space-less alias, section) that may end a heading
    suffix_keys: tuple[str, ...]  # the aliases of `suffixes`
    starts: frozenset[str]  # the first two letters of every alias
    markers: frozenset[str]  # space-less lower-cased optional and required markers
    spaced_bullets: re.Pattern[str]  # " Experience …" after a word: a bullet that lost its break


_SPACE = object()  # a break between words: any spacing, or none ("면 좋아요", "면좋아요")


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for many phrases, as a prefix tree: at each position the engine follows the
    characters of the text instead of trying every phrase in turn (a plain alternation of 60
    markers cost about 50 µs on a 100-character line). Longer phrases are tried first."""
    trie: dict = {}
    for word in words:
        node = trie
        for unit in [_SPACE if ch == " " else ch for ch in " ".join(word.lower().split())]:
            node = node.setdefault(unit, {})
        node[""] = {}  # the end of a phrase

    def emit(node: dict) -> str:
        branches = [
            (r"\s*" if unit is _SPACE else re.escape(unit)) + emit(child)
            for unit, child in node.items()
            if unit != ""
        ]
        if "" in node:
            branches.append("")  # after every longer continuation
        if len(branches) == 1:
            return branches[0]
        return f"(?:{'|'.join(branches)})"

    return emit(trie)


def _marker_pattern(markers: Iterable[str]) -> re.Pattern[str]:
    """Whether a text holds one of the markers (only ever used for `search` being truthy).

    A marker that starts with a Latin letter is a whole word, or glued to the next sentence
    in run-together text ("…is a plusWhy join us?"); other markers match anywhere."""
    latin = {m for m in markers if m[:1].isascii() and m[:1].isalpha()}
    other = set(markers) - latin
    parts = []
    if latin:
        parts.append(rf"\b{_trie_regex(latin)}(?:\b|(?<=[a-z])(?=(?-i:[A-Z])))")
    if other:
        parts.append(_trie_regex(other))
    # The first letters, tested before anything else: most positions fail on that one test.
    first = "".join(sorted({re.escape(m[0].lower()) for m in markers}))
    return re.compile(f"(?=[{first}])(?:{'|'.join(parts)})", re.IGNORECASE)


_GLUE_BEFORE = frozenset('.!?:;)”"')


class _GlueFinder:
    """Finds headings and bullets that lost their line breaks, one Aho-Corasick pass each.

    A heading alias counts when followed by a colon, a parenthesis, a bullet glyph or a capital
    with no space ("…platformsResponsibilitiesBuild…"); a multi-word one also when it follows a
    sentence end or a word and precedes a capital ("…every day.Minimum Requirements M.S. …").
    A bullet starter counts when glued to the end of a lower-case word ("…teamsCollaborate…").
    """

    def __init__(self, aliases: Iterable[str], starters: Iterable[str]) -> None:
        self._headings = Automaton((a, a) for a in aliases if a.isascii() and len(a) >= 6)
        self._starters = Automaton((word, word) for word in starters)

    @staticmethod
    def _heading_ends(line: str, start: int, stop: int, multiword: bool) -> bool:
        rest = line[stop : stop + 3]
        if rest[:1] in ("(",) or rest[:1].isupper() or _GLYPH_RE.match(rest[:1] or " "):
            return True
        if multiword and rest[:1].isdigit():  # "Preferred Qualifications2+ years of …"
            return True
        if rest.lstrip(" ")[:1] in (":", "(", "："):
            return True
        if (
            not multiword
            and line[start - 1 : start] in (".", "!", "?", ")")
            and (
                rest[:1].isdigit()
                or (rest[:1] == " " and (rest[1:2].isupper() or rest[1:3] == "- "))
            )
        ):
            return True  # glued to a sentence end: "…Plan.Qualifications A Bachelor's degree …"
        # "…a-beautiful-problemBasic Qualifications 3+ years of …": a capital or a figure next
        if (
            not multiword
            or not rest.startswith(" ")
            or not (rest[1:2].isupper() or rest[1:2].isdigit())
        ):
            return False
        before = line[max(0, start - 2) : start]
        last = before[-1:]
        return (
            last in _GLUE_BEFORE
            or last.isalpha()  # "…platformsMinimum Requirements …", "…#HIRINGDesired Skills …"
            or (last == " " and (before[:1] in _GLUE_BEFORE or before[:1].isalpha()))
        )

    def heading_spans(
        self, lines: list[str], min_length: int = 0
    ) -> dict[int, list[tuple[int, int]]]:
        """Spans of glued headings in each line at least `min_length` long, from one pass over
        all of them: leftmost-longest, not overlapping; two headings with only a space between
        are one ("Preferred Experience Requirements:")."""
        text = "\n".join(lines)
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        found: dict[int, list[tuple[int, int]]] = {}
        for start, stop, alias in self._headings.matches(fold(text)):
            index = bisect.bisect_right(starts, start) - 1
            line, offset = lines[index], starts[index]
            if len(line) < min_length or not text[start].isupper():
                continue
            if self._heading_ends(line, start - offset, stop - offset, " " in alias):
                found.setdefault(index, []).append((start - offset, stop - offset))
        return {index: self._merge(lines[index], spans) for index, spans in found.items()}

    def headings(self, line: str) -> list[tuple[int, int]]:
        """Spans of the glued headings of one line (see heading_spans)."""
        return self.heading_spans([line]).get(0, [])

    @staticmethod
    def _merge(line: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        spans: list[tuple[int, int]] = []
        for start, stop in found:
            if spans and start >= spans[-1][1] and not line[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], stop)
            elif not spans or start >= spans[-1][1]:
                spans.append((start, stop))
        return spans

    def split_bullets(self, line: str) -> str:
        cuts = set()
        for start, stop, _ in self._starters.matches(line):
            if start < 2 or (stop < len(line) and line[stop].isalnum()):
                continue
            pair = line[start - 2 : start]
            if all(c.islower() or c in ")%" for c in pair) or (pair.isalpha() and pair.isupper()):
                cuts.add(start)
        if not cuts:
            return line
        pieces, last = [], 0
        for cut in sorted(cuts):
            pieces.append(line[last:cut])
            last = cut
        pieces.append(line[last:])
        return "\n".join(pieces)


@functools.lru_cache(maxsize=8)
def _rules(taxonomy: Taxonomy) -> _Rules:
    table: dict[str, str] = {}
    strict: set[str] = set()
    suffixes: list[tuple[str, str]] = []
    for section, aliases in taxonomy.sections.headings.items():
        for alias in aliases:
            key = alias.replace(" ", "")
            table[key] = section
            one_word = " " not in alias and (alias.isascii() or len(key) <= 2)
            if one_word:
                strict.add(key)
            elif alias.isascii() and alias.split()[0] in ("you", "you'll", "we", "we're"):
                suffixes.append((key, section))
    rules = taxonomy.sections
    return _Rules(
        headings=table,
        strict=frozenset(strict),
        longest=max(map(len, table), default=0),
        glue=_GlueFinder(
            (a for aliases in rules.headings.values() for a in aliases), rules.bullet_starters
        ),
        optional=_marker_pattern(rules.optional_markers),
        required=_marker_pattern(rules.required_markers),
        markers=frozenset(
            "".join(m.lower().split()) for m in (*rules.optional_markers, *rules.required_markers)
        ),
        cues=_CueFinder(rules.optional_markers, rules.required_markers, rules.closing_markers),
        keywords=tuple(
            (section, re.compile("|".join(re.escape(s).replace("'", "['’]") for s in stems), re.I))
            for section, stems in rules.heading_keywords
            if stems
        ),
        suffixes=tuple(sorted(suffixes, key=lambda kv: len(kv[0]), reverse=True)),
        suffix_keys=tuple(key for key, _ in suffixes),
        starts=frozenset(key[:2] for key in table),
        spaced_bullets=re.compile(
            rf"(?<=[a-z)]) (?=(?:{'|'.join(map(re.escape, rules.bullet_starters))})\b)"
        ),
    )


def _heading_key(text: str) -> str:
    if not text[:1].isalpha():  # no edge character is a letter
        text = _LEAD.sub("", text)
    if text and not text[-1].isalnum():  # no edge character is alphanumeric
        text = _TRAIL.sub("", text)
    return "".join(text.lower().replace("’", "'").split())


def _after_prefix(text: str, size: int) -> str:
    """The part of `text` after its first `size` non-space characters (of the heading key)."""
    text = _LEAD.sub("", text).replace("’", "'")
    seen = 0
    for index, ch in enumerate(text):
        if seen == size:
            return text[index:].strip()
        if not ch.isspace():
            seen += 1
    return ""


# "The ideal candidate will have", "The candidate should possess": a heading, in lower case
_HEADING_VERBS = frozenset(
    {"will", "should", "must", "would", "have", "has", "possess", "possesses", "bring", "brings"}
)


def _qualifies(rest: str) -> bool:
    """Whether the words after an English heading alias still read as part of a heading
    ("What you'll do at Acme", "Requirements (must have)", "The ideal candidate will have")
    rather than a sentence."""
    if not rest or rest[0] in "([{-–—:/|&@":
        return True
    words = rest.split()
    if words[0].lower() in _HEADING_LINKS or all(w.rstrip(":：") in _HEADING_VERBS for w in words):
        return True
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _lookup(text: str, rules: _Rules, bulleted: bool) -> str | None:
    key = _heading_key(text)
    if not key:
        return None
    if key in rules.headings:
        return rules.headings[key]
    if text.rstrip().endswith(_SENTENCE_ENDS):
        return None
    slack = 3 if bulleted else 14
    # A prefix heading shorter than len(key) - slack would stop the loop anyway: skip them;
    # and no prefix is a heading when the first two letters start none.
    sizes = range(min(len(key), rules.longest), max(1, len(key) - slack - 1), -1)
    for size in sizes if key[:2] in rules.starts else ():
        head = key[:size]
        section = rules.headings.get(head)
        if section is None:
            continue
        rest_key, rest = key[size:], _after_prefix(text, size)
        if len(rest_key) > slack:
            break
        if head in rules.strict or head.isascii():
            if not (rest[:1] in tuple("([{-–—:/|") if head in rules.strict else _qualifies(rest)):
                break
        elif len(rest_key) > 6:
            break
        if section == "required" and rules.optional.search(rest_key):
            return "preferred"
        return section
    if not bulleted:
        return _heading_by_shape(text, key, rules)
    return None


# A Korean item that marks itself ("Docker 경험 우대", "석사 이상 필수") or names its label
# ("전공: 컴퓨터공학 우대"); headings that end so ("우대사항", "이런 분이면 환영해요") are aliases,
# looked up before the shape is.
_MARKED_ITEM = re.compile(
    r"\S\s*(?:우대|우대함|우대합니다|우대해요|환영|환영합니다|환영해요|필수)\W*$"
)
_LABELLED_ITEM = re.compile(r"[^:：]{1,12}[:：]\s*\S")
# … or describes the person sought ("…갖춘 분", "자격증 소지자", "업무 가능자"); a list has commas,
# and a Korean heading is a few words ("이런 업무를 해요").
_PERSON_ITEM = re.compile(r"(?:분|자|님)\W*$")


def _heading_by_shape(text: str, key: str, rules: _Rules) -> str | None:
    """A line shaped like a heading that no alias names: by its ending ("…Because You Have…")
    or by a keyword ("Preferred Qualfications", "Travel Requirements")."""
    if len(text) > _MAX_HEADING:
        return None
    if key.endswith(rules.suffix_keys):
        for suffix, section in rules.suffixes:
            if key.endswith(suffix) and len(key) > len(suffix):
                return section
    words = _LEAD.sub("", text).split()
    capitalized = all(w[:1].isupper() or not w[:1].isalpha() or len(w) <= 3 for w in words)
    introduces = text.rstrip().endswith((":", "：")) and len(words) <= 8  # "Skills include:"
    if not words or len(words) > 10 or not (capitalized or introduces or not text.isascii()):
        return None
    if _CONTENT_WORDS.search(text):  # "Experience in Go" is a requirement, not a heading
        return None
    bare = _PARENS.sub(" ", text) if not text.isascii() else ""  # "담당업무(C++, Python)"
    if bare and (
        _MARKED_ITEM.search(bare)
        or _LABELLED_ITEM.match(bare)
        or _PERSON_ITEM.search(bare)
        or "," in bare
        or len(bare.split()) > 5
    ):
        return None  # "Docker 경험 우대", "전공: 컴퓨터공학", "AWS 자격증 소지자": an item
    for section, pattern in rules.keywords:
        if pattern.search(text):
            return section
    return None


# Headings written as a question or a "what you …" phrase, read by who does what: "What you
# will bring" asks, "What we'll bring" offers, "How you will make an impact" is the work.
_QUESTION = re.compile(r"^(why|what|who|how)\s+(you|we)\b", re.I)
_OFFER_WORDS = (
    "expect",
    "look forward",
    "learn",
    "grow",
    "love",
    "get ",
    "gain",
    "experience work",
    "choose",
    "apply",
    "join",
    "benefit",
    "offer",
)
_ASK_OF_YOU = (
    "need",
    "bring",
    "have",
    "must",
    "done",
    "know",
    "are",
    "'ve",
    "’ve",
    "qualif",
    "skills",
)
_WE_ASK = (
    "want",
    "look for",
    "looking for",
    "expect from you",
    "love to see",
    "'d love",
    "’d love",
    "would love",
    "love about you",
    "need",
)
_MAY_HAVE = ("might have", "nice", "bonus", "plus", "could have")  # fmt: skip


_HERE_IS = re.compile(r"\bhere(?:'s|’s|\s+is|\s+are)\s+(?=(?:what|how)\s+you\b)", re.I)
_DO = re.compile(r"\bdo\b")


def _question_heading(text: str) -> str | None:
    m = _QUESTION.match(text)
    if m is None or len(text) > 60 or len(text.split()) > 9 or text.rstrip().endswith("."):
        return None
    lowered = text.lower()
    if m.group(1).lower() == "why":
        return "other"
    if m.group(2).lower() == "we":
        return "required" if any(w in lowered for w in _WE_ASK) else "other"
    if any(w in lowered for w in _MAY_HAVE):
        return "preferred"
    if _DO.search(lowered):
        return "duties"  # "What you'll learn and do", "What you will get to do": the work
    if any(w in lowered for w in _OFFER_WORDS):
        return "other"
    if any(w in lowered for w in _ASK_OF_YOU):
        return "required"
    return "duties"  # "What you will take on", "How you will make an impact"


_NOTE = re.compile(r"[(（]([^()（）]{3,})[)）]\W*$")
# "About Acme", "About Acme Robotics:": a company introduction's heading. "About the role" and
# "About you" are aliases in sections.yaml and are looked up first.
_ABOUT_NAME = re.compile(r"\W*About\s+(?:[A-Z0-9][\w&.'’-]*\s*){1,4}[:：]?$")


def _leading_heading(text: str, rules: _Rules) -> tuple[str, str] | None:
    """A Title Case heading of two words or more that runs into its content with only a space,
    as run-together text has it: "Preferred Qualifications PhD in …", "What You Will Do Lead …"."""
    # The cheap test first, before splitting: most lines are sentences, not "Title Case …".
    second = text.find(" ") + 1
    if not (
        text[:1].isupper()
        and second
        and text[second : second + 1].isupper()
        and text.find(" ", second) != -1
    ):
        return None
    words = text.split(" ", 7)
    for size in range(min(6, len(words) - 1), 1, -1):
        head, following = words[:size], words[size]
        if not (following[:1].isupper() or following[:1].isdigit()):
            continue
        if not all(w[:1].isupper() or w.lower() in _CONNECTORS for w in head):
            continue
        section = rules.headings.get(_heading_key(" ".join(head)))
        if section is not None:
            return section, text.split(" ", size)[size].strip()
    return None


def match_heading(line: str, taxonomy: Taxonomy) -> tuple[str, str] | None:
    """(section, content on the same line) when the line is a section heading, else None."""
    return _match_heading(line.strip(), _rules(taxonomy))


def _match_heading(stripped: str, rules: _Rules) -> tuple[str, str] | None:
    """match_heading of a line stripped already (as `_content_lines` gives them)."""
    if not stripped:
        return None
    inline = _INLINE.match(stripped) if (":" in stripped[:62] or "：" in stripped[:62]) else None
    if inline:
        section = _lookup(inline.group(1), rules, bulleted=False)
        if section is not None:
            return section, inline.group(2).strip()
    if len(stripped) <= _MAX_HEADING and not stripped.endswith((". ", ".", "。")):
        # a heading is short and does not end with a full stop
        section = _lookup(stripped, rules, bool(_BULLET.match(stripped)))
        if section is None:
            question = stripped.rstrip(":：?!")
            intro = _HERE_IS.search(question)  # "As an ML Engineer, here is what you'll do"
            section = _question_heading(question[intro.end() :] if intro else question)
        if section is None and _ABOUT_NAME.match(stripped):
            section = "other"  # "About Acme": the company's own introduction
        if section is not None:
            # "담당업무(사용언어 C++, Python)": the note is content, unless only a marker
            # ("Qualifications (nice to have)")
            note = _NOTE.search(stripped)
            if note is None or "".join(note.group(1).lower().split()) in rules.markers:
                return section, ""
            return section, note.group(1).strip()
    return _leading_heading(stripped, rules)


_LINKS = frozenset(
    {"with", "using", "including", "as", "like", "on", "at", "by", "from", "into", "and/or"}
)
_CONNECTORS = frozenset(
    {
        "of",
        "and",
        "or",
        "the",
        "to",
        "for",
        "in",
        "&",
        "a",
        "an",
        "but",
        "not",
        "our",
        "your",
        "you",
    }
)
_MAX_RUN = 8


_RUN_WORD = re.compile(r"[^\s.!?:…]+")
_WORD_WINDOW = 400  # characters before a heading that hold its modifiers, but for long words


def _heading_start(line: str, start: int, line_words: Callable[[], list[tuple[int, int]]]) -> int:
    """Where a glued heading really starts: a Title Case run before the alias belongs to it
    ("…level. Preferred, But Not Required Additional Areas Of Experience…",
    "…ownership.Useful Skills:…"). The words before it are read in a window, or, when the
    window may cut one, from `line_words()`: the spans of `_RUN_WORD` in the line, found once.
    (Read from the start of the line for each heading, they took quadratic time.)"""
    window = max(0, start - _WORD_WINDOW)
    words = [m.span() for m in _RUN_WORD.finditer(line, window, start)]
    if window and len(words) <= _MAX_RUN:
        every = line_words()
        at = bisect.bisect_left(every, (start,))  # the words that start before the heading
        words = [(s, min(e, start)) for s, e in every[max(0, at - _MAX_RUN) : at]]
    begin, gap_end = start, start
    for word_start, word_end in reversed(words[-_MAX_RUN:]):
        gap = line[word_end:gap_end]
        if any(ch in ".!?:…\n" for ch in gap):
            return begin
        core = line[word_start:word_end].strip(",;&()")
        if not core or not (core[:1].isupper() or core.lower() in _CONNECTORS):
            return start
        begin, gap_end = word_start, word_start
    gap = line[max(0, begin - 2) : begin]
    return begin if begin == 0 or any(ch in ".!?:…\n" for ch in gap) else start


def _title_case(text: str) -> bool:
    return all(w[:1].isupper() or w.lower() in _CONNECTORS for w in text.split())


def _split_glued_headings(line: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    every: list[tuple[int, int]] = []

    def line_words() -> list[tuple[int, int]]:
        if not every:
            every.extend(m.span() for m in _RUN_WORD.finditer(line))
        return every

    for start, stop in spans:
        heading = line[start:stop]
        after_word = start >= 2 and line[start - 1] == " " and line[start - 2].isalpha()
        if after_word and not _title_case(heading):
            continue  # "…in English Bonus Points Successful…" only when the heading is Title Case
        # A one-word heading may carry modifiers before it ("Additional Areas Of Experience");
        # a multi-word one ("Bonus Points") is whole already.
        one_word = " " not in heading
        begin = max(_heading_start(line, start, line_words) if one_word else start, last)
        while stop < len(line) and line[stop] in ":：":  # the colon belongs to the heading
            stop += 1
        out += [line[last:begin], "\n", line[begin:stop], "\n"]
        last = stop
    return "".join(out) + line[last:]


def _unglue(lines: list[str], rules: _Rules) -> list[str]:
    """Put back the line breaks a scraper lost (long lines only): before and after headings,
    between glued bullets, after colons and sentence ends. Each line is read on its own, so
    many texts' lines can go through one call: one text comes back per line given."""
    out = []
    lines = [
        # (isascii is O(1): no NBSP in an ASCII line; the replacement keeps offsets)
        line.replace("\u00a0", "\n") if len(line) > _LONG_LINE and not line.isascii() else line
        for line in lines
    ]
    glued = rules.glue.heading_spans(lines, min_length=_GLUE_LINE + 1)  # one pass for all lines
    for index, line in enumerate(lines):
        if _GLUE_LINE < len(line) <= _LONG_LINE:
            if index in glued:  # a heading glued into a shorter line
                line = _split_glued_headings(line, glued[index])
        elif len(line) > _LONG_LINE:
            spans = glued.get(index, [])
            if not line.isascii() and _GLYPH_RE.search(line):
                line = _INLINE_BULLETS.sub("\n", line)
                spans = rules.glue.headings(line)
            line = _split_glued_headings(line, spans)
            line = rules.glue.split_bullets(line)
            if "yrs" in line or "years" in line:
                line = _split_glued_years(line)
            if " You " in line:
                line = _split_spaced_you(line)
            line = "\n".join(
                part
                for piece in line.split("\n")
                for part in (_sentences(piece) if len(piece) > _LONG_LINE else [piece])
            )
        out.append(line.replace("\u00a0", " "))
    return out


def _split_optional(text: str, rules: _Rules) -> list[Line]:
    """A required line with optional parts: the optional parts are preferred."""
    if not rules.optional.search(text):
        return [Line(text, "required")]
    intro = _INTRODUCED_OPTION.search(text)
    if intro and intro.start() > 10:  # "SQL, ideally with Scala or Java": only the tail is optional
        head, tail = text[: intro.start()].strip(), text[intro.start() :].lstrip(",; ")
        return [*_split_optional(head, rules), Line(tail, "preferred")]
    out: list[Line] = []

    def take_parens(m: re.Match[str]) -> str:
        inner = next(g for g in m.groups() if g)
        if rules.optional.search(inner):
            out.append(Line(inner.strip(), "preferred"))
            return " "
        return m.group(0)

    rest = _PARENS.sub(take_parens, text).strip()
    if rest and rules.optional.search(rest):
        sentences = _option_sentences(rest, rules)
        if sentences is not None:
            out.extend(sentences)
        elif rules.required.search(rest):
            for clause in filter(None, (c.strip() for c in _CLAUSES.split(rest))):
                out.append(
                    Line(clause, "preferred" if rules.optional.search(clause) else "required")
                )
        else:
            out.append(Line(rest, "preferred"))
    elif rest:
        out.insert(0, Line(rest, "required"))
    return out


# Where one sentence ends and the next begins inside a line: "…a related field; advanced degree
# preferred. 5+ years of …" (two bullets that lost their line break).
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)%][.;])\s+(?=[A-Z0-9])|;\s+")
# "This is a plus.", "Both are a bonus.": a short sentence that marks the one before it
_BACK_REFERENCE = re.compile(r"(?:this|that|it|these|both|either|all|a plus|nice to have)\b", re.I)


_SPACED_BULLET_LINE = 120


def _breaks(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """Sentence ends inside a line and, in a long line, bullets joined with only a space
    ("…relevant experience Hands on experience in …"), but not after a linking word ("Python
    and Deep Learning") or inside a name ("Operations Research")."""
    found = [
        m.span()
        for m in _SENTENCE_BREAK.finditer(text)
        if text[m.start() - 1] != "."
        or not _ABBREVIATION.search(text[max(0, m.start() - 11) : m.start()])  # "e.g. Python"
    ]
    if len(text) >= _SPACED_BULLET_LINE:
        for m in rules.spaced_bullets.finditer(text):
            # the last two words before the space, read in a window unless it may cut one
            # (the whole text before each space took quadratic time)
            words = text[max(0, m.start() - 200) : m.start()].split()
            if len(words) < 3 and m.start() > 200:
                words = text[: m.start()].split()
            words = words[-2:]
            earlier, before = (["", *words])[-2:]
            # "…with Python Experience in …" splits, "…Math, Operations Research" is one name
            in_name = before[:1].isupper() and earlier[:1].isupper()
            if not in_name and before not in _CONNECTORS and before not in _LINKS:
                found.append(m.span())
    return sorted(found)


def _option_sentences(text: str, rules: _Rules) -> list[Line] | None:
    """A line of several sentences or joined bullets, only some of them optional: each on its
    own (None when the line is one piece, or every piece is optional)."""
    pieces, last = [], 0
    for start, end in _breaks(text, rules):
        if start < last:
            continue
        pieces.append(text[last:start].strip())
        last = end
    if not pieces:
        return None
    pieces.append(text[last:].strip())
    optional = [bool(rules.optional.search(p)) for p in pieces]
    if all(optional):
        return None
    for i in range(1, len(pieces)):
        if optional[i] and len(pieces[i].split()) <= 5 and _BACK_REFERENCE.match(pieces[i]):
            optional[i - 1] = True
    return [
        Line(p, "preferred" if o else "required")
        for p, o in zip(pieces, optional, strict=True)
        if p
    ]


def _mark(text: str, section: str, cues: frozenset[str], rules: _Rules, out: list[Line]) -> None:
    """Append the line to `out`, its optional parts preferred and its 필수 items required."""
    if section == "required" and OPTIONAL in cues:
        out.extend(_split_optional(text, rules))
    elif section == "preferred" and REQUIRED_MARK in cues and OPTIONAL not in cues:
        out.append(Line(text, "required"))
    else:
        out.append(Line(text, section))


def _apply_markers(lines: list[Line], cues: list[frozenset[str]], rules: _Rules) -> list[Line]:
    out: list[Line] = []
    for line, line_cues in zip(lines, cues, strict=True):
        _mark(line.text, line.section, line_cues, rules, out)
    return out


def _guess_section(cues: frozenset[str], strong: bool = False) -> str:
    """What a line asks for, by its wording (its cues): for postings without headings, for vague
    blocks ("About the role") and, with `strong`, for the preamble before the first heading."""
    if OPTIONAL in cues and (not strong or STRONG in cues):
        return "preferred"
    if STRONG in cues or (not strong and WEAK in cues):
        return "required"
    if not strong and DUTY in cues:
        return "duties"
    return "other"


# Internal section names: a vague block read line by line, and the text before any heading.
ROLE, LEAD = "role", "lead"


def _content_lines(text: str, rules: _Rules) -> list[str]:
    return _stripped(_unglue(text.split("\n"), rules))


def _stripped(unglued: list[str]) -> list[str]:
    return [line for raw in "\n".join(unglued).split("\n") if (line := raw.strip())]


def split_sections(text: str, taxonomy: Taxonomy, start: str = "other") -> list[Line]:
    """Lines of a free-text posting, each with its section."""
    rules = _rules(taxonomy)
    raw_lines = _content_lines(text, rules)
    texts: list[str] = []
    sections: list[str] = []
    cues: list[frozenset[str]] = []
    contents: list[int] = []  # heading lines with content: their cues are found afterwards
    section = LEAD if start == "other" else start
    saw_demand_heading = False
    for raw, line_cues in zip(raw_lines, rules.cues.per_line(raw_lines), strict=True):
        heading = _match_heading(raw, rules)
        if heading is not None:
            section, content = heading
            saw_demand_heading |= section in DEMAND_SECTIONS
            if content:
                contents.append(len(texts))
                texts.append(content)
                sections.append(section)
                cues.append(_NO_CUES)
            continue
        if section != "other" and CLOSING in line_cues:
            section = "other"  # equal-opportunity and pay-range boilerplate ends the lists
        texts.append(raw)
        sections.append(section)
        cues.append(line_cues)
    if contents:
        found = rules.cues.per_line([texts[i] for i in contents])
        for i, content_cues in zip(contents, found, strict=True):
            cues[i] = content_cues
    has_required = False
    out: list[Line] = []
    for i, (line_text, line_section, line_cues) in enumerate(
        zip(texts, sections, cues, strict=True)
    ):
        if line_section == ROLE or (line_section == LEAD and not saw_demand_heading):
            line_section = _guess_section(line_cues)
        elif line_section == LEAD:
            line_section = _guess_section(line_cues, strong=True)
        elif line_section == "duties" and STRONG in line_cues and DUTY not in line_cues:
            # "Experience with …" under a duties heading: the requirements heading was lost
            line_section = "required"
        sections[i] = line_section
        has_required |= line_section == "required"
        _mark(line_text, line_section, line_cues, rules, out)
    # "Preferred Education & Experience:" as the posting's only qualifications list is its
    # requirements (§7: one flat list with no required part counts as required), unless
    # its bullets mark themselves ("(필수) Python", "(우대) Docker")
    if has_required or "preferred" not in sections or sum(REQUIRED_MARK in c for c in cues) >= 2:
        return out
    out = []
    for line_text, line_section, line_cues in zip(texts, sections, cues, strict=True):
        _mark(
            line_text,
            "required" if line_section == "preferred" else line_section,
            line_cues,
            rules,
            out,
        )
    return out


def lines_from_fields(fields: Iterable[tuple[str, str]], taxonomy: Taxonomy) -> list[Line]:
    """Lines of a posting whose source keeps the sections apart (Wanted, Jumpit, CSV columns).

    The field decides the section, whatever sub-heading the company wrote inside it, except that
    a preferred heading inside the requirements field starts a preferred part.
    """
    rules = _rules(taxonomy)
    fields = list(fields)
    split = [(text or "").split("\n") for _, text in fields]
    unglued = iter(_unglue([line for field in split for line in field], rules))  # one call
    lines: list[Line] = []
    for (field_section, _), field in zip(fields, split, strict=True):
        section = field_section
        for raw in _stripped([next(unglued) for _ in field]):
            heading = _match_heading(raw, rules)
            if heading is not None:
                found, content = heading
                if field_section == "required" and found == "preferred":
                    section = "preferred"
                if content:
                    lines.append(Line(content, section))
                continue
            lines.append(Line(raw, section))
    return _apply_markers(lines, rules.cues.per_line([line.text for line in lines]), rules)
