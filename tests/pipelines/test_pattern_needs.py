"""The words a years or degree pattern needs (`_EN_NEEDS`, `_KO_NEEDS`, `_NEEDS`) are what let a
line without them skip the pattern. The years' are read from the patterns (`required_words`),
the degree's sit beside the patterns by hand: these properties fail when a pattern can match a
line holding none of its words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import education, experience

_TOKENS = [
    *"0123456789",
    *" +-–~～:()/.,↑",
    "1", "3", "5", "10", "years", "year", "yrs", "yr", "Years", "of", "to", "at least",
    "minimum", "min", "more than", "over", "up to", "experience", "exp", "industry",
    "professional", "work", "hands-on", "building", "developing", "with", "have", "having",
    "one", "two", "three", "five", "ten", "plus", "or", "and", "in",
    "년", "년차", "이상", "이하", "미만", "초과", "경력", "경험", "실무", "최소", "차", "신입",
    "degree", "Degree", "bachelor", "Bachelor's", "BS", "B.S.", "BA", "MS", "M.S.", "MBA",
    "PhD", "Ph.D.", "doctorate", "master", "Master's", "college", "university", "undergrad",
    "associate", "high school", "GED", "학사", "석사", "박사", "학력", "무관", "대졸", "초대졸",
    "고졸", "대학", "대학원", "4년제", "전문대", "regardless", "or equivalent",
]  # fmt: skip
_WORDS = st.lists(st.sampled_from(_TOKENS), max_size=4)
_LEAD = st.sampled_from(
    ["", "up to ", "with ", "having ", "at least ", "over ", "최소 ", "(", "경력 "]
)
_NUMBER = st.sampled_from(["3", "5", "10", "two", "five", "3 (3)"])
_JOIN = st.sampled_from(["", " ", "-", "+", " to ", "~", " or more ", "+ ", ": ", " ("])
_UNIT = st.sampled_from(["years", "yrs", "year", "년", "년 이상", "years of experience", "degree"])
# shapes the patterns look for (words, a lead word, a number, a joint, a number or unit, words), and any
# mix of the tokens
_SHAPED = st.tuples(_WORDS, _LEAD, _NUMBER, _JOIN, _NUMBER | _UNIT, _UNIT, _WORDS).map(
    lambda t: " ".join(t[0]) + " " + t[1] + t[2] + t[3] + t[4] + " " + t[5] + " " + " ".join(t[6])
)
_LINES = (
    _SHAPED
    | st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=12).map(" ".join)
    | st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=12).map("".join)
)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_a_years_pattern_matches_only_a_line_holding_one_of_its_words(line):
    lowered = line.lower()
    pairs = [
        *zip(experience._EN_PATTERNS, experience._EN_NEEDS, strict=True),
        *zip(experience._EN_DIGIT_PATTERNS, experience._EN_NEEDS, strict=True),
        *zip(experience._KO_PATTERNS, experience._KO_NEEDS, strict=True),
    ]
    for (pattern, _), needs in pairs:
        if pattern.search(line):
            for words in needs:  # a word of each set
                assert any(w in lowered for w in words), (pattern.pattern, line, words)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_a_degree_pattern_matches_only_a_line_holding_one_of_its_words(line):
    lowered = line.lower()
    for (_, pattern), (words, cased) in zip(education._PATTERNS, education._NEEDS, strict=True):
        if pattern.search(line):
            text = line if cased else lowered
            assert any(w in text for w in words), (pattern.pattern, line)
