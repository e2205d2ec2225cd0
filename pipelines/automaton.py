"""Many substrings found in one pass: a thin layer over `ahocorasick_rs` (Rust's aho-corasick).

Every stage that looks for a list of words (skill aliases, section cues, glued headings, pay
words) uses it. It reports every occurrence, overlapping ones included, with character offsets;
callers apply their own boundary rules. Measured on benchmark text, the Rust automaton (DFA) is
about five times faster per character than pyahocorasick, which the benchmark keeps as its floor.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick, Implementation

V = TypeVar("V")


class Automaton(Generic[V]):
    """A fixed set of patterns, each with a value; build once, search many texts."""

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        table: dict[str, V] = {}
        for pattern, value in entries:
            if pattern:
                table.setdefault(pattern, value)  # the first value given for a pattern wins
        self._values: list[V] = list(table.values())
        self._search = (
            AhoCorasick(list(table), implementation=Implementation.DFA).find_matches_as_indexes
            if table
            else None
        )

    def __len__(self) -> int:
        return len(self._values)

    def matches(self, text: str) -> list[tuple[int, int, V]]:
        """(start, end, value) of every occurrence in `text`, overlapping ones included."""
        if self._search is None or not text:
            return []
        values = self._values
        return [(start, end, values[i]) for i, start, end in self._search(text, overlapping=True)]

    @property
    def values(self) -> list[V]:
        """The value of each pattern, by the index `indexed_matches` reports."""
        return self._values

    def indexed_matches(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every occurrence: `matches` without building a
        tuple per match, for callers that loop over many hits."""
        if self._search is None or not text:
            return []
        return self._search(text, overlapping=True)

    def lines_hit(
        self, lines: Sequence[str], accept: Callable[[str, int, int, V], bool] | None = None
    ) -> list[int]:
        """Indexes of the lines holding a pattern, searched lower-cased in one pass over all
        of them; `accept(text, start, end, value)` can veto an occurrence."""
        joined = "\n".join(lines)
        text = joined.lower()
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        if len(text) != len(joined):  # a letter whose lower case is longer ("İ" -> "i̇"):
            # its first character only, so that offsets in `text` are offsets in `lines`
            text = "".join(ch.lower()[:1] for ch in joined)
        found = {
            bisect.bisect_right(starts, start) - 1
            for start, end, value in self.matches(text)
            if accept is None or accept(text, start, end, value)
        }
        return sorted(found)
