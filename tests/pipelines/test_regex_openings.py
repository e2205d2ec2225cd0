"""`automaton.openings`: the texts every match of a regex starts with, and
`automaton.required_words`: words every match holds; prefilters that must never rule out a
text the regex matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipelines.automaton import CaselessSearch, finditer_at, openings, required_words


def test_openings_of_alternatives_after_a_word_boundary() -> None:
    regex = re.compile(r"\b(?:launch(?:es|ed)?|ship(?:s|ped)?)\b[^.]{0,20}?\bmodels?\b")
    assert openings(regex) == frozenset({"launch", "ship"})


def test_openings_of_a_literal_with_an_optional_tail() -> None:
    assert openings(re.compile(r"\bwidgets?\b")) == frozenset({"widget"})
    assert openings(re.compile("(?:가나|다라)\\s*마바")) == frozenset({"가나", "다라"})


def test_openings_after_a_look_around_and_of_a_short_class() -> None:
    # a look-behind or look-ahead is zero width: the match opens with what follows it
    assert openings(re.compile(r"(?<!un)widget")) == frozenset({"widget"})
    assert openings(re.compile(r"(?=x)xy")) == frozenset({"xy"})
    assert openings(re.compile("(?<!가)나다")) == frozenset({"나다"})
    # a class of a few listed characters opens with one of them, then the literal after it
    assert openings(re.compile(r"\b[lg]c-?ms")) == frozenset({"lc", "gc"})
    assert openings(re.compile(r"[ab]")) == frozenset({"a", "b"})
    # an optional or repeated start: what the repeat opens with, or (none of it) what follows
    assert openings(re.compile(r"\b(?:as )?(?:part of|as) an?")) == frozenset(
        {"as ", "part of", "as"}
    )
    assert openings(re.compile(r"a?b")) == frozenset({"ab", "b"})
    assert openings(re.compile(r"(?:ab)*c")) == frozenset({"ab", "c"})
    assert openings(re.compile(r"(?:ab)+c")) == frozenset({"ab"})


def test_no_openings_when_a_match_may_start_anywhere() -> None:
    for pattern in (
        r"a?",
        r"(?:|x)y",
        r"\w+",
        r"(?:ab)*",
        r"[a-z]c",
        r"[^ab]c",
        r"[\w.]c",
        r"(a?)b",
    ):
        assert openings(re.compile(pattern)) is None, pattern
    # a case-insensitive regex matches letters the literal does not show
    assert openings(re.compile("ab", re.IGNORECASE)) is None
    assert openings(re.compile("(?i)ab")) is None


_PATTERNS = [
    r"\b(?:ab(?:c|cd)?|b[ac]+)\b",
    r"(?:ca|a)b?c",
    r"\bba(?:\s+ab)?",
    r"a(?:b|c)+d?",
    r"(?<![ab])ba|(?<=c)d",
    r"\b[cd]a?b",
    r"(?=a)ab|[bd]c(?!a)",
    r"(?:ca)?b|d*a(?:b|c)",
    r"(?:a|b\s)+?d|c{0,2}ab",
    r"(?:ab){2,}c|d*a",
]


@given(st.sampled_from(_PATTERNS), st.text(alphabet="abcd .", max_size=30))
def test_a_text_without_the_openings_never_matches(pattern: str, text: str) -> None:
    regex = re.compile(pattern)
    found = openings(regex)
    assert found is not None
    if regex.search(text) is not None:
        assert any(opening in text for opening in found)


@given(st.sampled_from(_PATTERNS), st.text(alphabet="abcd .", max_size=40))
def test_finditer_at_finds_what_finditer_finds(pattern: str, text: str) -> None:
    regex = re.compile(pattern)
    found = openings(regex)
    assert found is not None
    expected = [(m.span(), m.group(0)) for m in regex.finditer(text)]
    assert [(m.span(), m.group(0)) for m in finditer_at(regex, text, found)] == expected


_CASELESS = [
    r"(?=[abk가])(?:ab\b|ba+c|가나|kit)",
    r"\b(?:sa|is)\s*ka",
    r"[$€]\s*\d|\bab(?:c|d)",
]


@given(
    st.sampled_from(_CASELESS),
    st.text(alphabet="abcsikABCSIK가나 .$€1\u0130\u0131\u017f\u212a", max_size=30),
)
def test_caseless_search_finds_what_search_finds(pattern: str, text: str) -> None:
    """`CaselessSearch` gives the match `search` gives, in text of either case and with the
    letters that fold to ASCII ones only under re.I (ı, İ, ſ, the Kelvin sign)."""
    regex = re.compile(pattern, re.IGNORECASE)
    caseless = CaselessSearch(regex)
    assert caseless.opens is not None
    expected = regex.search(text)
    found = caseless.search(text)
    assert (found and (found.span(), found.group(0))) == (
        expected and (expected.span(), expected.group(0))
    )


def test_caseless_openings_are_lower_case_and_without_longer_repeats() -> None:
    regex = re.compile(r"\b(?:Intern|internship|New Grad)\b", re.IGNORECASE)
    assert CaselessSearch(regex).opens == ("intern", "new grad")
    # an opening letter with a case outside ASCII ("é") could fold in ways lower() does not
    assert CaselessSearch(re.compile("école", re.IGNORECASE)).opens is None
    assert CaselessSearch(re.compile(r"\w+x", re.IGNORECASE)).opens is None


def _as_lists(found: tuple[frozenset[str], ...]) -> list[list[str]]:
    return [sorted(words) for words in found]


def test_required_words_of_literals_classes_and_alternatives() -> None:
    # every literal run is a set of one word; a listed class, a set of its characters
    assert _as_lists(required_words(re.compile(r"\d+\s*[xy]\s*widgets?"))) == [
        ["x", "y"],
        ["widget"],
    ]
    # alternatives: the best set of each branch, joined; a word holding another is left out
    assert _as_lists(required_words(re.compile(r"(?:at\s+least|minimum|min\.?)\s+\d"))) == [
        ["least", "min"]
    ]
    # a case-insensitive pattern's words are lower-cased; so are those under (?i:…)
    assert _as_lists(required_words(re.compile(r"Foo(?i:Bar)", re.I))) == [["foo"], ["bar"]]
    assert _as_lists(required_words(re.compile("(?:가나|다)\\s*라"))) == [["가나", "다"], ["라"]]


def test_no_required_words_where_a_match_may_hold_none() -> None:
    for pattern in (r"\w+", r"(?:ab)?c*", r"a|\d", r"[a-z]+", r"(?=ab)\w", "é+"):
        assert required_words(re.compile(pattern, re.I)) == (), pattern


_REQUIRED = [
    *_PATTERNS,
    r"a\s*(?:b|cd)\s*[ab]\s*d",
    r"(?:ab|c)(?:d|a)+?b",
    r"(?:a\.|b)\s+(?:c\s*)?d",
]


@given(st.sampled_from(_REQUIRED), st.text(alphabet="abcdABCD .", max_size=30))
def test_a_text_without_the_required_words_never_matches(pattern: str, text: str) -> None:
    regex = re.compile(pattern, re.IGNORECASE)
    if regex.search(text) is not None:
        lowered = text.lower()
        for words in required_words(regex):
            assert any(word in lowered for word in words), (pattern, text, words)
