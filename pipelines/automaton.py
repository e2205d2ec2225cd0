"""Many substrings found in one pass: a thin layer over `ahocorasick_rs` (Rust's aho-corasick).

Every stage that looks for a list of words (skill aliases, section cues, glued headings, pay
words) uses it. It reports every occurrence, overlapping ones included, with character offsets;
callers apply their own boundary rules. Measured on benchmark text, the Rust automaton (DFA) is
about five times faster per character than pyahocorasick, which the benchmark keeps as its floor.
"""

from __future__ import annotations

import bisect
import itertools
import re
import re._constants as _c
import re._parser as _parser
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick, Implementation

V = TypeVar("V")


class Automaton(Generic[V]):
    """A fixed set of patterns, each with a value; build once, search many texts."""

    def __init__(self, entries: Iterable[tuple[str, V]], compact: bool = False) -> None:
        """`compact`: a contiguous NFA instead of the DFA, for thousands of patterns. Their DFA
        takes megabytes (7 MB for the skill aliases), more than the CPU's cache holds between
        two postings, so each search waits on memory; the NFA takes half a megabyte
        and, in the pipeline, searches in half the time (more instructions, fewer misses)."""
        table: dict[str, V] = {}
        for pattern, value in entries:
            if pattern:
                table.setdefault(pattern, value)  # the first value given for a pattern wins
        self._values: list[V] = list(table.values())
        kind = Implementation.ContiguousNFA if compact else Implementation.DFA
        self._search = (
            AhoCorasick(list(table), implementation=kind).find_matches_as_indexes if table else None
        )

    def __len__(self) -> int:
        return len(self._values)

    def matches(self, text: str) -> list[tuple[int, int, V]]:
        """(start, end, value) of every occurrence in `text`, overlapping ones included."""
        if self._search is None or not text:
            return []
        values = self._values
        return [(start, end, values[i]) for i, start, end in self._search(text, True)]

    @property
    def values(self) -> list[V]:
        """The value of each pattern, by the index `indexed_matches` reports."""
        return self._values

    def indexed_matches(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every occurrence: `matches` without building a
        tuple per match, for callers that loop over many hits."""
        if self._search is None or not text:
            return []
        return self._search(text, True)  # overlapping (by position: PyO3 parses keywords slowly)

    def lines_hit(
        self,
        lines: Sequence[str],
        accept: Callable[[str, int, int, V], bool] | None = None,
        text: str | None = None,
    ) -> list[int]:
        """Indexes of the lines holding a pattern, searched lower-cased in one pass over all
        of them; `accept(text, start, end, value)` can veto an occurrence. `text`:
        `lowered_lines(lines)`, when the caller has it already."""
        if text is None:
            text = lowered_lines(lines)
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        if accept is None:  # no value needed: no (start, end, value) tuple per occurrence
            found = {
                bisect.bisect_right(starts, start) - 1 for _, start, _ in self.indexed_matches(text)
            }
        else:
            found = {
                bisect.bisect_right(starts, start) - 1
                for start, end, value in self.matches(text)
                if accept(text, start, end, value)
            }
        return sorted(found)


def lowered_lines(lines: Sequence[str]) -> str:
    """The lines joined with newlines and lower-cased, offset for offset: a letter whose lower
    case is longer ("İ" -> "i̇") keeps its first character only."""
    joined = "\n".join(lines)
    text = joined.lower()
    if len(text) != len(joined):
        text = "".join(ch.lower()[:1] for ch in joined)
    return text


def occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` occurs in `text` (str.find, in C)."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)


def openings(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Literal texts one of which every match of `regex` starts with (after zero-width
    assertions such as `\\b`), or None when the pattern does not say. A text holding none of
    them cannot match, which a substring test tells faster than the regex engine: CPython's
    engine has no fast scan for a pattern that opens with `\\b`, and tries every position."""
    if regex.flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _openings(list(parsed))
    return frozenset(found) if found and all(found) else None


# A character class of at most this many characters, all listed one by one ("[lg]"), opens
# its matches with one of them ("[lg]c" with "lc" or "gc"); a longer one is no opening.
_MAX_CLASS = 8
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)  # \b, ^, and look-arounds: (?<!x), (?=y)


def _literal_run(items: list, index: int) -> str:
    """The literal characters items[index:] open with, one after another ("" for none)."""
    literal = []
    while index < len(items) and items[index][0] is _c.LITERAL:
        literal.append(chr(items[index][1]))
        index += 1
    return "".join(literal)


def _openings(items: list) -> set[str] | None:
    index = 0
    while index < len(items) and items[index][0] in _ZERO_WIDTH:  # zero width: a match
        index += 1  # starts where the next item does (`match` still sees the text before)
    if index == len(items):
        return None
    op, av = items[index]
    if op is _c.LITERAL:
        return {_literal_run(items, index)}
    if op is _c.IN:
        if len(av) > _MAX_CLASS or any(member[0] is not _c.LITERAL for member in av):
            return None  # a range, a category (\w) or a negated class: anything may open
        after = _literal_run(items, index + 1)
        return {chr(member[1]) + after for member in av}
    if op is _c.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _openings(list(sub))
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _openings(list(branch))
            if not found:
                return None
            out |= found
        return out
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        low, high, body = av
        rest = items[index + 1 :]
        # a match opens with the first repeat, then (a repeat at most once: "(?:ca)?b")
        # with what follows it; a repeat that may come again ends the literal there ("d*a")
        first = _openings([*body, *rest] if high == 1 else list(body))
        if low > 0 or first is None:
            return first
        after = _openings(rest)  # or, repeated no time, with what follows ("(?:as )?part")
        return None if after is None else first | after
    return None


def required_words(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of words, lower-cased, each of which holds a word of every match of `regex`: a
    line lower-cased that misses every word of one set cannot match, which substring tests tell
    faster than the regex engine. Read from the pattern itself (literal runs, small character
    classes, alternatives), so the sets cannot drift from it; () when it says nothing. Sound
    for a case-insensitive regex only on a text with none of `_FOLDS`: each word holds ASCII
    characters or characters with no case, so a match's text lower-cased holds it."""
    try:
        parsed = _parser.parse(regex.pattern, regex.flags & ~re.IGNORECASE)
    except re.error:
        return ()
    out: list[frozenset[str]] = []
    for words in _required(list(parsed)):
        if words not in out:
            out.append(words)
    return tuple(out)


def holds_words(text: str, needs: tuple[frozenset[str], ...]) -> bool:
    """Whether `text` holds a word of each set of `needs` (sets from `required_words`, so
    `text` is lower-cased unless they come from a case-sensitive regex): a text that does not
    cannot match the regex they were read from."""
    for words in needs:
        for word in words:
            if word in text:
                break
        else:
            return False
    return True


def _caseless(word: str) -> bool:
    return all(ch.isascii() or ch.lower() == ch == ch.upper() for ch in word)


def _tidy(words: Iterable[str]) -> frozenset[str] | None:
    """The words lower-cased, less any that holds another (it occurs only where that one
    does); None when a word is empty or has a case outside ASCII."""
    lowered = {w.lower() for w in words}
    if not lowered or not all(w and _caseless(w) for w in lowered):
        return None
    return frozenset(w for w in lowered if not any(o != w and o in w for o in lowered))


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of the sets: its shortest word longest, then the fewest words."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _required(items: list) -> list[frozenset[str]]:
    """Sets of words of `_required_words`, for a sequence of parsed items: every set holds."""
    out: list[frozenset[str]] = []
    index = 0
    while index < len(items):
        op, av = items[index]
        if op is _c.LITERAL:
            run = _literal_run(items, index)
            index += len(run)
            if (words := _tidy([run])) is not None:
                out.append(words)
            continue
        index += 1
        if op is _c.IN:
            listed = len(av) <= _MAX_CLASS and all(member[0] is _c.LITERAL for member in av)
            if listed and (words := _tidy(chr(member[1]) for member in av)) is not None:
                out.append(words)
        elif op is _c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if not del_flags and not add_flags & ~re.IGNORECASE:  # (the words are lower-cased)
                out += _required(list(sub))
        elif op is _c.BRANCH:
            chosen = [_best(_required(list(branch))) for branch in av[1]]
            if all(chosen) and (words := _tidy(w for s in chosen for w in s)) is not None:
                out.append(words)  # one word of some branch: the branches' best sets joined
        elif (op is _c.MAX_REPEAT or op is _c.MIN_REPEAT) and av[0] > 0:
            out += _required(list(av[2]))  # repeated once at least: its words are the match's
    return out


def finditer_at(regex: re.Pattern[str], text: str, opens: Iterable[str]) -> list[re.Match[str]]:
    """`list(regex.finditer(text))` when every match of `regex` starts with one of the texts
    `opens` (`openings`): the regex is tried only where one of them occurs, not at every
    position of the text (`match` at a position sees the text before it, for `\\b`, as
    `finditer` does)."""
    find = text.find
    starts: list[int] = []
    for opening in opens:  # (`occurrences`, inlined: this runs for every window and line)
        at = find(opening)
        while at != -1:
            starts.append(at)
            at = find(opening, at + 1)
    if not starts:
        return []  # the common case: none of the openings is there
    out: list[re.Match[str]] = []
    end = 0
    match = regex.match
    for at in sorted(set(starts)) if len(starts) > 1 else starts:
        if at < end:
            continue  # inside the last match: finditer resumes at its end
        found = match(text, at)
        if found is not None:
            out.append(found)
            end = found.end()  # past `at`: every match holds an opening
    return out


# Letters that a case-insensitive regex matches to an ASCII letter although their lower case
# is not that letter, or not one character ("ı" and "İ" for i, "ſ" for s, the Kelvin sign for
# k): in a text holding one, `CaselessSearch` searches as the regex does.
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


class CaselessSearch:
    """`regex.search` for a case-insensitive regex, tried only where one of its openings
    (`openings` of the same pattern read case-sensitively, lower-cased) occurs in the text
    lower-cased. CPython's engine has no fast scan for such a regex (they open with a
    look-ahead of first letters, "(?=[enr…])", or with `\\b`) and tries it at most positions;
    `str.find` of the openings is a C loop. Each opening holds ASCII characters or characters
    with no case, so that, in a text with none of `_FOLDS`, the regex matches an opening
    exactly where the lower-cased text holds it lower-cased."""

    __slots__ = ("opens", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        found = openings(re.compile(regex.pattern, regex.flags & ~re.IGNORECASE))
        caseless = found is not None and all(
            ch.isascii() or ch.lower() == ch == ch.upper() for opening in found for ch in opening
        )
        lowered = {o.lower() for o in found} if found and caseless else set()
        # an opening that starts with another one occurs only where that one does
        self.opens = (
            tuple(
                sorted(o for o in lowered if not any(o != p and o.startswith(p) for p in lowered))
            )
            if lowered
            else None
        )

    def search(self, text: str) -> re.Match[str] | None:
        """`self.regex.search(text)`."""
        if self.opens is None or (not text.isascii() and _FOLDS.search(text) is not None):
            return self.regex.search(text)
        lowered = text.lower()  # as long as the text: no "İ" (see _FOLDS)
        find = lowered.find
        starts: list[int] = []
        for opening in self.opens:
            at = find(opening)
            while at != -1:
                starts.append(at)
                at = find(opening, at + 1)
        match = self.regex.match  # the leftmost match starts at the first opening that matches
        for at in sorted(set(starts)) if len(starts) > 1 else starts:
            found = match(text, at)
            if found is not None:
                return found
        return None
