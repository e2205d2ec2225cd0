"""Every word the section reader looks for, found in one automaton pass per posting.

`sections.yaml` lists heading aliases, cue words (asks, duties, optional and required markers,
closing boilerplate) and bullet starters; `Vocabulary` puts them all in one Aho-Corasick
automaton. `Vocabulary.scan` searches a posting's whole text once and hands back the hits,
which `Hits.per_line` then maps to lines by offset: the reader's work is in proportion to what
the automaton finds, not a Python loop over every line and every word list.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from pipelines.automaton import Automaton, occurrences
from pipelines.phrases import fold
from pipelines.taxonomy import Taxonomy

# Cue kinds: what a line says about itself (sections.yaml `cues`).
ASK, WEAK, DUTY, YOURS, OPTIONAL, REQUIRED, CLOSING, OFFER = (
    "asks", "asks_weak", "duties", "duties_yours", "optional", "required", "closing", "offers",
)  # fmt: skip
HEAD = "head"  # a heading alias
# A keyword of a heading-shaped line that no alias names ("Preferred Qualfications"), per
# section: the cue kinds "keyword_other", "keyword_preferred", …
KEYWORD = "keyword_"
# How an English phrase must sit in the text: at a word start, or as a whole word. Korean
# phrases match anywhere (particles follow them).
_START, _WORD, _ANY = 0, 1, 2
_BOUNDARY = {
    ASK: _START, WEAK: _START, DUTY: _WORD, YOURS: _WORD, OPTIONAL: _WORD, REQUIRED: _WORD,
    OFFER: _WORD,
}  # fmt: skip
_YEARS_FIGURE = re.compile(r"\d+\s*\+?\s*(?:years|yrs)", re.I)
NO_CUES: frozenset[str] = frozenset()
# A heading alias this far into a line may still start it (after bullets, brackets, emoji).
MAX_LEAD = 6
# A heading is short: longer lines are sentences that happen to start like one.
MAX_HEADING = 70
# An inline heading ("Requirements: Python") has its colon within this many characters.
MAX_INLINE_HEAD = 62
_AFTER_HEADING = frozenset(("", "\n", ":", "：", "(", "（"))
# A Korean heading noun closed as a sentence by a copula and a stop ("…주요 업무에요."): the
# alias still ends the heading (section_rules.heading_as_sentence).
COPULA_TAIL = re.compile(r"(?:이에요|에요|예요|입니다)?[.。!]?\s*")
# The characters a `COPULA_TAIL` that is not only spaces opens with.
_COPULA_OPENS = frozenset("이에예입.。!")
# Characters where a line may start or end once run-together text is cut (`unglue`): a heading
# alias in lower case far from all of them is a word of a sentence.
_BREAKS = frozenset("\n.:：;!?)]•·▪*\u00a0\u202f\t0123456789")


class Head(NamedTuple):
    """A heading alias found in a line (offsets relative to the line)."""

    start: int
    end: int
    section: str
    alias: str


class _Entry(NamedTuple):
    kind: str
    value: str  # the section of a heading alias, the word of a bullet starter, else ""
    boundary: int


# `_tests` of a phrase that is a heading alias only (the most frequent hits): where it is.
_ALIAS = "alias"


def _tests(entries: list[_Entry]) -> bool | str | None:
    """What a phrase's hits need: word boundaries (True), a look at where they are (_ALIAS:
    heading aliases only; False: aliases or keywords among other words), or nothing (None)."""
    if any(e.boundary != _ANY for e in entries):
        return True
    if all(e.kind == HEAD for e in entries):
        return _ALIAS
    if any(e.kind == HEAD or e.kind.startswith(KEYWORD) for e in entries):
        return False
    return None


class Hit(NamedTuple):
    """A phrase found in the posting (offsets in the whole text)."""

    start: int
    end: int
    kind: str  # HEAD or a cue kind
    value: str  # the section of a heading alias, else ""


class LineHits:
    """What the pass found in each line: its cues, and its heading aliases and cue words with
    their offsets in the line. Lines with no hit share the empty answers."""

    __slots__ = ("cues", "heads", "spans")

    def __init__(self, size: int) -> None:
        self.cues: list[frozenset[str]] = [NO_CUES] * size
        self.heads: dict[int, list[Head]] = {}  # line -> heading aliases, in order
        self.spans: dict[int, list[tuple[int, int, str]]] = {}  # line -> cue words, in order

    def cues_from(self, line: int, offset: int) -> frozenset[str]:
        """The cues of the part of a line from `offset` on (a heading's inline content)."""
        return frozenset(k for s, _, k in self.spans.get(line, ()) if s >= offset)


# Words an English contraction becomes once a scraper drops its apostrophe ("we're" -> "were",
# "we'll" -> "well"): a phrase of one or two words that turns into one of them is no variant.
_LOST_APOSTROPHE_WORDS = frozenset(
    ("were", "well", "wed", "its", "cant", "wont", "lets", "ill", "id", "hell", "shell", "shed")
)
# From this many words on, a phrase is specific enough whichever words it has ("wed love to
# hear from you if").
_LOST_APOSTROPHE_CONTEXT = 3


def without_apostrophes(phrase: str) -> str | None:
    """The phrase as postings that lost their apostrophes write it ("what you'll do" -> "what
    youll do": Glassdoor exports drop them), or None when it has none or would read as another
    word ("we're" -> "were")."""
    if "'" not in phrase:
        return None
    bare = phrase.replace("'", "")
    words = bare.split()
    if len(words) < _LOST_APOSTROPHE_CONTEXT and not _LOST_APOSTROPHE_WORDS.isdisjoint(words):
        return None
    return bare


class Vocabulary:
    """The automaton of every phrase in sections.yaml, built once per taxonomy."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        rules = taxonomy.sections
        entries: dict[str, list[_Entry]] = {}

        def add(phrase: str, entry: _Entry) -> None:
            phrase = " ".join(phrase.lower().replace("’", "'").split())
            entries.setdefault(phrase, []).append(entry)
            bare = without_apostrophes(phrase) if phrase.isascii() else None
            if bare is not None:
                entries.setdefault(bare, []).append(entry)  # "What Youll Do"
            if not phrase.isascii() and " " in phrase:
                entries.setdefault(phrase.replace(" ", ""), []).append(entry)  # 면 좋아요/면좋아요

        for section, aliases in rules.headings.items():
            for alias in aliases:
                add(alias, _Entry(HEAD, section, _ANY))  # glued headings sit inside words
        for section, stems in rules.heading_keywords:
            for stem in stems:
                add(stem, _Entry(KEYWORD + section, "", _ANY))
        for kind, phrases in rules.cues.items():
            for phrase in phrases:
                boundary = _BOUNDARY.get(kind, _ANY) if phrase.isascii() else _ANY
                add(phrase, _Entry(kind, "", boundary))
        self.automaton = Automaton(
            (
                (phrase, (tuple(dict.fromkeys(found)), _tests(found)))
                for phrase, found in entries.items()
            ),
            compact=True,  # ~900 phrases: the NFA is faster in the pipeline (see Automaton)
        )
        self.headings: dict[str, str] = {  # space-less alias -> section
            "".join(variant.split()): s
            for s, aliases in rules.headings.items()
            for a in aliases
            for variant in (
                a.replace("’", "'"),
                without_apostrophes(" ".join(a.lower().replace("’", "'").split())) or "",
            )
            if variant
        }
        self.never_demand = {"".join(a.split()): k for a, k in rules.never_demand.items()}
        self.rules = rules

    def scan(self, text: str) -> tuple[list[Hit], list[Hit], str]:
        """Every phrase of the vocabulary in `text`, where its boundary rule allows: the
        heading aliases, the cue words (and heading keywords), and the folded text the offsets
        refer to."""
        folded = fold(text)
        size = len(folded)
        heads: list[Hit] = []
        out: list[Hit] = []
        append, append_head = out.append, heads.append
        values = self.automaton.values
        for index, start, stop in self.automaton.indexed_matches(folded):
            entry, bounded = values[index]
            if bounded is _ALIAS:  # the placement test below, for a phrase of aliases only
                if (
                    text[start].isupper()
                    or not folded[start].isascii()
                    or start <= MAX_LEAD
                    or not _BREAKS.isdisjoint(text[start - MAX_LEAD - 1 : start])
                    or not _BREAKS.isdisjoint(text[stop : stop + 2])
                    or text[stop : stop + 1].isupper()
                ):
                    for kind, value, _ in entry:
                        append_head((start, stop, kind, value))  # type: ignore[arg-type]
                continue
            if bounded is None:  # cue words that match anywhere (Korean): nothing to test
                for kind, value, _ in entry:
                    append((start, stop, kind, value))  # type: ignore[arg-type]
                continue
            starts_word = ends_word = True
            if bounded:  # some phrase of the entry must start a word, or be a whole word
                starts_word = (
                    start == 0
                    or not folded[start - 1].isalnum()
                    or (text[start].isupper() and text[start - 1].islower())  # "…BringPreferably"
                )
                ends_word = (
                    stop >= size
                    or not folded[stop].isalnum()
                    or (text[stop - 1].islower() and text[stop].isupper())  # "…is a plusWhy us?"
                )
            for kind, value, boundary in entry:
                if boundary == _START and not starts_word:
                    continue
                if boundary == _WORD and not (starts_word and ends_word):
                    continue
                if kind == HEAD:
                    if not (
                        text[start].isupper()  # a heading, or one glued into running text
                        or not folded[start].isascii()  # Korean: `assign` decides
                        or start <= MAX_LEAD
                        or not _BREAKS.isdisjoint(text[start - MAX_LEAD - 1 : start])
                        or not _BREAKS.isdisjoint(text[stop : stop + 2])
                        or text[stop : stop + 1].isupper()  # "…you haveExperience": glued
                    ):
                        continue  # a word of an English sentence, not where a line may break
                    if not (starts_word or text[start].isupper()):
                        continue  # inside a word, and not a heading glued to it
                    append_head((start, stop, kind, value))  # type: ignore[arg-type]
                    continue
                append((start, stop, kind, value))  # type: ignore[arg-type]
        # A figure of years asks ("3+ years", "5 yrs").
        for word in ("year", "yrs", "Year"):
            for at in occurrences(text, word):
                if _YEARS_FIGURE.search(text, max(0, at - 8), at + 5):
                    append((at, at + len(word), ASK, ""))  # type: ignore[arg-type]
        return heads, out, folded

    @staticmethod
    def assign(
        head_hits: list[Hit],
        hits: list[Hit],
        folded: str,
        starts: list[int],
        ends: list[int],
        glued: bool = False,
    ) -> LineHits:
        """The hits of each line (line i is text[starts[i]:ends[i]]): the heading aliases
        `head_hits` and the cue words `hits` of `scan`; offsets in the line.

        Heading aliases are kept only where a heading can be: near the line's start or end,
        or before a colon or a bracket (anywhere, with `glued`: where one is glued into
        run-together text); heading keywords only in a short line or before an inline colon.
        Elsewhere they are words of a sentence."""
        lines = LineHits(len(starts))
        found: dict[int, set[str]] = {}
        heads, spans = lines.heads, lines.spans
        new_head = tuple.__new__  # (Head(…) minus a call)
        bisect_right = bisect.bisect_right
        # the line of each hit (by offset); a hit across a line's end is no word of that line
        for start, stop, _, value in head_hits:
            line = bisect_right(starts, start) - 1
            if line < 0 or stop > (end := ends[line]):
                continue
            offset = starts[line]
            if not (
                glued
                or start - offset <= MAX_LEAD
                or stop >= end - 2
                or folded[stop : stop + 3].lstrip(" ')!?.")[:1] in _AFTER_HEADING
                or (
                    # (a copula tail opens with a stop, a copula or a space that runs to the end)
                    (
                        folded[stop + 1].isspace()
                        if folded[stop].isspace()
                        else folded[stop] in _COPULA_OPENS
                    )
                    and COPULA_TAIL.fullmatch(folded, stop, end)
                )
            ):
                continue
            head = new_head(Head, (start - offset, stop - offset, value, folded[start:stop]))
            if line in heads:
                heads[line].append(head)
            else:
                heads[line] = [head]
        for start, stop, kind, _ in hits:
            line = bisect_right(starts, start) - 1
            if line < 0 or stop > (end := ends[line]):
                continue
            offset = starts[line]
            if kind[0] == "k" and end - offset > MAX_HEADING and stop - offset > MAX_INLINE_HEAD:
                continue  # a keyword in a long line, past an inline heading's colon
            if line in found:
                found[line].add(kind)
                spans[line].append((start - offset, stop - offset, kind))
            else:
                found[line] = {kind}
                spans[line] = [(start - offset, stop - offset, kind)]
        for line, kinds in found.items():
            lines.cues[line] = frozenset(kinds)
        return lines

    def heads(self, text: str) -> list[Head]:
        """The heading aliases of one line of text, at word starts."""
        hits, _, folded = self.scan(text)
        return [Head(h.start, h.end, h.value, folded[h.start : h.end]) for h in hits]


@functools.lru_cache(maxsize=8)
def vocabulary(taxonomy: Taxonomy) -> Vocabulary:
    return Vocabulary(taxonomy)
