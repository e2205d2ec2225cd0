"""Multi-phrase matching in one pass (Aho-Corasick, `pipelines.automaton`) with the boundary rules job text needs.

Latin phrases match at word boundaries, with an optional plural "s" or version suffix
("TensorFlow2", "Python 3.10" is a separate token anyway). Korean phrases may be followed by any
particle (파이썬을, 도커와); a short Korean phrase (one or two syllables) must start a word so
that 통계 does not match inside 통계청's neighbours. Overlapping matches resolve to the longest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from pipelines.automaton import Automaton

_HANGUL_START, _HANGUL_END = 0xAC00, 0xD7A3
_VERSION_SUFFIX = re.compile(r"\d+(?:\.\d+)*(?:\.x)?(?![A-Za-z0-9])")
# Characters that fold to one ASCII character, so offsets in the folded text match the original.
_FOLD_PAIRS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\uff0f", "/"),
    ("\uff08", "("),
    ("\uff09", ")"),
    ("\uff0c", ","),
    ("\u00a0", " "),
)


def lower(text: str) -> str:
    """Lower-case, keeping the length (so offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character whose lower case is longer ("İ")
        lowered = "".join(ch.lower()[:1] or ch for ch in text)
    return lowered


def fold(text: str, lowered: str | None = None) -> str:
    """Lower-case and fold quotes / dashes, keeping the length (so offsets stay valid);
    `lowered`: `lower(text)`, when the caller has it already."""
    folded = lower(text) if lowered is None else lowered
    if folded.isascii():
        return folded  # every character folded is outside ASCII (`isascii` reads a flag)
    for source, target in _FOLD_PAIRS:
        if source in folded:  # str.replace is fast; str.translate with a table is not
            folded = folded.replace(source, target)
    return folded


def _is_hangul(ch: str) -> bool:
    return _HANGUL_START <= ord(ch) <= _HANGUL_END


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Match(NamedTuple):  # a tuple: built once per candidate, so it must be cheap
    start: int
    end: int
    key: Hashable  # what the phrase stands for (a skill id, a role id, …)
    phrase: str  # the phrase as listed (lower-cased, or exact when case-sensitive)


# `Match(…)` without the keyword-argument handling of a NamedTuple's generated __new__
_new_match = tuple.__new__


@dataclass(frozen=True, slots=True)
class _Entry:
    key: Hashable
    phrase: str
    exact: bool
    short_korean: bool
    multiword: bool = False


def _glued(text: str, at: int) -> bool:
    """A lost space between two words of run-together text: "Reinforcement LearningContributions
    to …", "…expertiseMachine Learning"; only trusted at the edge of a phrase of several words,
    since one-word names are often CamelCase ("JavaScript" is not Java)."""
    return 0 < at < len(text) and text[at - 1].islower() and text[at].isupper()


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class PhraseMatcher:
    """Finds many phrases at once; build once per taxonomy, reuse for every text.

    Case-insensitive phrases are searched in the folded text; case-sensitive ones ("R", "Go")
    in the original text, so that every lower-case "r" of a posting is not a candidate.
    """

    def __init__(
        self,
        phrases: Iterable[tuple[str, Hashable]],
        exact_phrases: Iterable[tuple[str, Hashable]] = (),
        allow_suffix: bool = True,
        words: Iterable[str] = (),
        compact: bool = False,
    ) -> None:
        """`words`: plain lower-case substrings found in the same pass as the phrases, with no
        boundary rules (`find_with_words`): a second pass over the text would cost as much as
        the first, whatever the number of patterns. `compact`: the case-insensitive phrases
        in a compact automaton (`Automaton`), for thousands of them."""
        self._allow_suffix = allow_suffix
        self._folded = self._build(((fold(p), p, k) for p, k in phrases), words, compact)
        self._exact = self._build((p, p, k) for p, k in exact_phrases)

    @staticmethod
    def _build(
        items: Iterable[tuple[str, str, Hashable]], words: Iterable[str] = (), compact: bool = False
    ) -> Automaton[tuple[tuple[_Entry, ...], str | None]] | None:
        table: dict[str, list[_Entry]] = {}
        for needle, phrase, key in items:
            if not needle.strip():
                continue
            hangul = sum(1 for ch in needle if _is_hangul(ch))
            short_korean = _is_hangul(needle[0]) and hangul <= 2
            multiword = needle.isascii() and (" " in needle.strip() or "-" in needle)
            table.setdefault(needle, []).append(_Entry(key, phrase, False, short_korean, multiword))
        plain = set(words)
        if not table and not plain:
            return None
        return Automaton(
            (
                (needle, (tuple(table.get(needle, ())), needle if needle in plain else None))
                for needle in (*table, *sorted(plain - set(table)))
            ),
            compact,
        )

    def _right_ok(self, text: str, end: int, needle_last: str) -> bool:
        if end >= len(text) or needle_last not in _WORD_CHARS:
            return True
        nxt = text[end]
        if nxt not in _WORD_CHARS:
            return True
        if not self._allow_suffix:
            return False
        if nxt in "sS" and (end + 1 >= len(text) or text[end + 1] not in _WORD_CHARS):
            return True  # plural: "LLMs", "data pipelines"
        if nxt == "e" and text[end + 1 : end + 2] == "s":
            return end + 2 >= len(text) or text[end + 2] not in _WORD_CHARS
        return nxt.isdigit() and bool(_VERSION_SUFFIX.match(text, end))

    def _scan(
        self,
        automaton: Automaton[tuple[tuple[_Entry, ...], str | None]],
        haystack: str,
        text: str,
        found: list[Match],
        glued: list[tuple[Match, bool, bool]],
        accept: Callable[[Match, str], bool] | None,
        words: list[tuple[int, str]] | None = None,
    ) -> None:
        values = automaton.values
        size = len(haystack)
        word_chars = _WORD_CHARS
        for index, start, end in automaton.indexed_matches(haystack):
            entries, word = values[index]
            if word is not None and words is not None:
                words.append((end - 1, word))
            if not entries:
                continue
            prev = haystack[start - 1] if start else " "
            inside = prev in word_chars and haystack[start] in word_chars
            left_glued = inside and _glued(text, start)
            if inside and not left_glued:
                continue
            right_glued = False
            # `_right_ok`, whose first tests settle most phrases, tried here first
            if (
                end < size
                and haystack[end] in word_chars
                and haystack[end - 1] in word_chars
                and not self._right_ok(haystack, end, haystack[end - 1])
            ):
                right_glued = _glued(text, end)
                if not right_glued:
                    continue
            # A lost space may bound a phrase of several words; a one-word name glued to its
            # neighbour counts only if that neighbour is a name too ("PythonDockerKubernetes"),
            # so that "JavaScript" is not Java.
            one_word_glued = (left_glued or right_glued) and not entries[0].multiword
            for entry in entries:
                if entry.short_korean and _is_hangul(prev):
                    continue
                match = _new_match(Match, (start, end, entry.key, entry.phrase))
                if accept is None or accept(match, text):
                    if one_word_glued:
                        glued.append((match, left_glued, right_glued))
                    else:
                        found.append(match)

    def find(
        self,
        text: str,
        folded: str | None = None,
        accept: Callable[[Match, str], bool] | None = None,
    ) -> list[Match]:
        """All non-overlapping matches in `text`, leftmost-longest first.

        `accept(match, text)` can veto a candidate before overlaps are resolved, so a rejected
        long phrase does not hide a shorter valid one inside it.
        """
        return self.find_with_words(text, folded, accept)[0]

    def find_with_words(
        self,
        text: str,
        folded: str | None = None,
        accept: Callable[[Match, str], bool] | None = None,
    ) -> tuple[list[Match], list[tuple[int, str]]]:
        """`find`, and (index of the last character, word) of every occurrence of the plain
        `words` given at construction, from the same pass over the folded text."""
        if not text:
            return [], []
        found: list[Match] = []
        glued: list[tuple[Match, bool, bool]] = []
        words: list[tuple[int, str]] = []
        if self._folded is not None:
            haystack = fold(text) if folded is None else folded
            self._scan(self._folded, haystack, text, found, glued, accept, words)
        if self._exact is not None:
            self._scan(self._exact, text, text, found, glued, accept)
        if glued:
            found.extend(_glued_to_names(found, glued))
        return resolve_overlaps(found), words


def _glued_to_names(found: list[Match], glued: list[tuple[Match, bool, bool]]) -> list[Match]:
    """The one-word names glued to another name on each glued side ("PythonDockerGCP")."""
    starts = {m.start for m in found} | {m.start for m, _, _ in glued}
    ends = {m.end for m in found} | {m.end for m, _, _ in glued}
    return [
        m
        for m, left, right in glued
        if (not left or m.start in ends) and (not right or m.end in starts)
    ]


def resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earliest first on ties), in text order."""
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    for m in matches:
        if kept and m.start < kept[-1].end:
            last = kept[-1]
            if m.end - m.start > last.end - last.start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept
