"""Which lines are headings, and of which section: a declared, ordered table of rules.

`HEADING_RULES` is tried in order on each line that may be a heading; the first rule that names
the line decides, and its name is recorded on every line under that heading (`Line.rule`), so a
wrong section leads straight to its rule. Each rule's docstring lists examples as
`"line" → section` (and `+ "content"` when part of the line is content, not heading); a test
runs every example through the table and checks that this rule, and no earlier one, names it.

The words come from `sections.yaml`; the thresholds below are data too, each with its reason.
A section named `unknown` means "a heading, but of nothing we know": the reader decides that
block by what it holds (CONTRACT §7: unknown never means required).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from pipelines.html_text import HEADING
from pipelines.models import SECTIONS
from pipelines.section_vocab import (
    ASK,
    CLOSING,
    COPULA_TAIL,
    KEYWORD,
    MAX_HEADING,
    MAX_INLINE_HEAD,
    MAX_LEAD,
    OPTIONAL,
    REQUIRED,
    WEAK,
    YOURS,
    Head,
    Vocabulary,
)  # fmt: skip
from pipelines.taxonomy import Taxonomy

UNKNOWN = "unknown"
GLUED = "glued"  # a line kind: a heading alias cut out of run-together text

# After a heading alias, at most this many letters may follow and still make a heading
# ("What you'll do at Acme"): 14 in a line of its own, 3 in a bulleted line (a bullet that
# starts with "Experience …" is an item, not a heading).
SLACK, BULLETED_SLACK = 14, 3
# A Korean alias may be followed by a short ending ("자격요건은", "우대 사항 안내").
KOREAN_SLACK = 6
# A heading-shaped line has at most this many words; an introducing line ("Skills include:")
# at most INTRO_WORDS.
SHAPE_WORDS, INTRO_WORDS = 10, 8
# A Korean heading is a few words; a longer line, or one with a comma, is an item.
KOREAN_HEADING_WORDS = 5
# A question heading ("What you will bring") is short.
QUESTION_CHARS, QUESTION_WORDS = 60, 9
# An introducing line ("Ideally, you also have:") is read by its cues up to this many words.
COLON_INTRO_WORDS = 14

_EMOJI = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3\u2190-\u21ff\u2700-\u27bf"
)
_EDGE = f"\\s#*•\\-–—·▪■□▣◈◆◇▶►▷●○◎★☆※><＜＞〈〉《》\\[\\]【】「」『』()（）:：!?.…|~'\"`=_{_EMOJI}"
_LEAD = re.compile(f"^(?:[{_EDGE}]|\\d{{1,2}}[.)](?=\\s|\\D))+")
_EDGES = re.compile(f"[{_EDGE}]+")


def _strip_lead(text: str) -> str:
    """`_LEAD.sub("", text)` (`^` matches only at 0) without searching the rest of the line."""
    found = _LEAD.match(text)
    return text[found.end() :] if found else text


def _strip_trail(text: str) -> str:
    """The text without the run of edge characters ending it (`[_EDGE]+$` removed), read from its end
    (the regex tries every position of the line, a few microseconds for a long one)."""
    found = _EDGES.match(text[::-1])
    return text[: len(text) - found.end()] if found else text


_BULLET = re.compile(r"^\s*[•\-*·▪◦‣∙ㆍ]\s*")
_SENTENCE_ENDS = (".", "。", "다", "요")  # "…합니다", "…해요.": a sentence, not a heading
_NOTE = re.compile(r"[(（]([^()（）]{3,})[)）]\W*$")
_PARENS = re.compile(r"\(([^()]{2,})\)|（([^（）]{2,})）|\[([^\[\]]{2,})\]")
_CONTENT_WORDS = re.compile(r"\s(?:in|with|of|using|on)\s")  # lower case: prose, not a title
_MARKED_ITEM = re.compile(
    r"\S\s*(?:우대|우대함|우대합니다|우대해요|환영|환영합니다|환영해요|필수)\W*$"
)
_LABELLED_ITEM = re.compile(r"[^:：]{1,12}[:：]\s*\S")
_PERSON_ITEM = re.compile(r"(?:분|자|님)\W*$")
_QUESTION = re.compile(
    r"^(why|what|who|how)\s+(?:(?:are|do|will|would|can|should|could)\s+)?(you|we)\b", re.I
)
_HERE_IS = re.compile(
    r"\bhere(?:'s|’s|\s+is|\s+are)\s+(?:(?:a\s+few|some)\s+)?"
    r"(?=(?:what|how)\s+you\b|what\s+we\b|things\s+(?:that\s+)?(?:you|we)\b)",
    re.I,
)
# "(here are a few) things (that) we look for" asks as "what we look for" does
_THINGS = re.compile(r"things\s+(?:that\s+)?", re.I)
_DO = re.compile(r"\bdo\b")
_ABOUT_NAME = re.compile(r"\W*(?:About|ABOUT|Why|WHY)\s+(?:[A-Z0-9][\w&.'’-]*\s*){1,4}[:：?]?$")
KEYWORD_CUES = _KEYWORD_CUES = frozenset(KEYWORD + section for section in SECTIONS)
# Cheap gates: which lines may be named by the rules that need no heading alias.
MAY_ASK = _MAY_ASK = re.compile(r"^\W{0,4}(?:why|what|who|how|here|as |about)\b", re.I)


class Verdict(NamedTuple):
    """What a heading rule made of a line."""

    section: str  # duties | required | preferred | other | role | unknown
    content: str  # the part of the line that is content, not heading ("" for none)
    rule: str  # the rule's name
    kind: str = ""  # for `other`: the kind of block (benefits, pay, …) when the words say


class Candidate(NamedTuple):
    """A line that may be a heading, with what the vocabulary pass found in it."""

    text: str  # stripped
    kind: str  # html_text.HEADING | ITEM | TEXT, or GLUED
    heads: Sequence[Head]  # heading aliases found in the line
    cues: frozenset[str]
    spans: Sequence[tuple[int, int, str]] = ()  # the cue words, with offsets


class _Words:
    """The words of sections.yaml the rules read, prepared once per taxonomy."""

    def __init__(self, vocab: Vocabulary) -> None:
        rules = vocab.rules
        self.vocab = vocab
        self.headings = vocab.headings
        self.never_demand = vocab.never_demand
        self.strict = frozenset(  # one-word aliases: the whole line, or before a bracket
            alias
            for aliases in rules.headings.values()
            for alias in aliases
            if " " not in alias and (alias.isascii() or len(alias) <= 2)
        )
        self.suffixes = tuple(  # "…Because You Have": a heading that ends in a you/we alias
            sorted(
                (
                    ("".join(a.split()), s)
                    for s, aliases in rules.headings.items()
                    for a in aliases
                    if a.isascii() and " " in a and a.split()[0] in ("you", "you'll", "we", "we're")
                ),
                key=lambda kv: len(kv[0]),
                reverse=True,
            )
        )
        self.suffix_keys = tuple(key for key, _ in self.suffixes)
        # (section, its keyword cue), in the order sections.yaml checks them
        self.keywords = tuple((section, KEYWORD + section) for section, _ in rules.heading_keywords)
        grammar = rules.grammar
        self.links = frozenset(grammar["heading_links"])
        self.verbs = frozenset(grammar["heading_verbs"])
        self.connectors = frozenset(grammar["title_connectors"])
        self.questions = rules.question_words
        self.markers = frozenset(
            "".join(m.split()) for m in (*rules.cues["optional"], *rules.cues["required"])
        )
        self.optional_markers = frozenset("".join(m.split()) for m in rules.cues["optional"])
        # a table header row's column names, space-free and longest first (table_header)
        self.columns = tuple(
            sorted({"".join(c.split()) for c in grammar["table_columns"]}, key=len, reverse=True)
        )
        self.work_columns = frozenset("".join(c.split()) for c in grammar["table_work_columns"])


@functools.lru_cache(maxsize=8)
def words(taxonomy: Taxonomy) -> _Words:
    from pipelines.section_vocab import vocabulary

    return _Words(vocabulary(taxonomy))


@functools.lru_cache(maxsize=4096)  # the rules of one line ask for it several times
def heading_key(text: str) -> str:
    """The text of a possible heading without decoration, lower-cased, spaces removed."""
    if not text[:1].isalpha():  # no edge character is a letter
        text = _strip_lead(text)
    if text and not text[-1].isalnum():  # no edge character is alphanumeric
        text = _strip_trail(text)
    return "".join(text.lower().replace("’", "'").split())


def _after_prefix(text: str, size: int) -> str:
    """The part of `text` after its first `size` non-space characters (of the heading key)."""
    text = _strip_lead(text).replace("’", "'")
    seen = 0
    for index, ch in enumerate(text):
        if seen == size:
            return text[index:].strip()
        if not ch.isspace():
            seen += 1
    return ""


def _qualifies(rest: str, w: _Words) -> bool:
    """Whether the words after an English heading alias still read as part of a heading
    ("What you'll do at Acme", "Requirements (must have)", "The ideal candidate will have")
    rather than a sentence."""
    if not rest or rest[0] in "([{-–—:/|&@":
        return True
    parts = rest.split()
    if parts[0].lower() in w.links or all(p.rstrip(":：") in w.verbs for p in parts):
        return True
    return all(p[:1].isupper() or not p[:1].isalpha() for p in parts)


def _section_of_key(key: str, w: _Words) -> tuple[str, str] | None:
    section = w.headings.get(key)
    if section is None:
        return None
    return section, w.never_demand.get(key, "") if section == "other" else ""


# --- the rules ------------------------------------------------------------------------------


def listed_heading(line: Candidate, w: _Words) -> Verdict | None:
    """The whole line is a heading of sections.yaml, once its bullets, brackets, emoji,
    numbering and a trailing colon are set aside.

    "주요업무" → duties; "[담당업무]" → duties; "■ 자격요건" → required; "【지원자격】" → required;
    "🙌 이런 분을 찾아요" → required; "✨ 우대사항" → preferred; "이런 분이면 더 좋아요!" → preferred;
    "<우대 조건>" → preferred; "혜택 및 복지" → other; "Responsibilities" → duties;
    "What You’ll Do:" → duties; "### Requirements" → required; "Minimum Qualifications" → required;
    "Nice to have" → preferred; "Bonus points:" → preferred; "What we'd love to see:" → preferred;
    "You're a great fit if" → required; "Benefits" → other; "1. 주요업무" → duties;
    "Impact You'll Make:" → duties; "About the role" → role; "▣ 필수역량" → required;
    "◈ 핵심 역량" → required; "포지션 및 자격요건" → role (a board's wrapper over the employer's
    own headings, read line by line); "모집분야 및 자격요건" → role
    """
    found = _section_of_key(heading_key(line.text), w)
    if found is None:
        return None
    return Verdict(found[0], "", "listed_heading", found[1])


# A Korean heading noun may be closed as a sentence by a copula ("…주요 업무예요."): at most this
# many words may stand before the alias ("입사 후 맡게 될 주요 업무에요": four).
COPULA_LEAD_WORDS = 4


def heading_as_sentence(line: Candidate, w: _Words) -> Verdict | None:
    """A Korean listed heading written as a sentence: closed by a full stop, or a heading
    noun closed by a copula, with at most a few words before it. The stop or the copula does
    not make the line content: it is still the heading the board template wrote.

    "이런 분과 함께하고 싶어요." → required; "■ 이런 경험이 있다면 더 좋아요." → preferred;
    "■ 입사 후 맡게 될 주요 업무에요." → duties;
    "합류하면 함께할 주요 업무예요" → duties; "■ 필요한 역량이에요." → required
    (a possessive before the alias, or a marker alias such as 필수 after words, stays content)
    """
    text = line.text
    if text.isascii() or len(text) > MAX_HEADING or _BULLET.match(text):
        return None  # (English: "Who is Acme? You are." is a sentence of the intro)
    for head in line.heads:
        copula = COPULA_TAIL.fullmatch(text, head.end)
        if copula is None or (copula.end() == head.end and not text.endswith((".", "。"))):
            continue  # neither a stop nor a copula after the alias: the other rules decide
        lead = _strip_lead(text[: head.start])
        if len(lead.split()) > COPULA_LEAD_WORDS:
            continue
        key = "".join(head.alias.lower().split())
        if lead and (
            "," in lead
            or copula.end() == head.end + (text[-1:] in ".。!")  # words before it need the copula
            or key in w.strict  # "3년 이상 필수입니다": a marked item, not a heading
            or key in w.markers
            or lead.rstrip().endswith("의")  # "회사의 핵심 역량이에요": a sentence about it
        ):
            continue
        found = _section_of_key(key, w)
        if found is not None:
            return Verdict(found[0], "", "heading_as_sentence", found[1])
    return None


_TABLE_LINKS = ("및", "/", "·", ",", "&")
# A table header row names at least this many columns (two could be a heading: "담당업무 및
# 자격요건").
TABLE_COLUMNS = 3


def table_header(line: Candidate, w: _Words) -> Verdict | None:
    """The header row of a recruiting table flattened into one line: nothing but column names
    (sections.yaml grammar.table_columns), three or more, one of them the work. The row opens
    the table, whose first text column is the work: duties (the 자격 / 우대 cells inside it
    carry their own headings or asks).

    "모집분야 직무 담당업무 자격요건 근무지" → duties;
    "구분 수행 업무 지원 자격 및 우대 요건 인원" → duties;
    "채용분야 / 업무 내용 / 자격 요건 / 근무지역" → duties
    """
    found = column_names(line.text, w)
    if found is None or found[0] < TABLE_COLUMNS or not found[1]:
        return None
    return Verdict("duties", "", "table_header")


def column_names(text: str, w: _Words) -> tuple[int, bool] | None:
    """(how many column names, whether one is the work) when `text` holds nothing but table
    column names (sections.yaml grammar.table_columns) and links ("및", "/"), else None.

    "담당업무 자격요건 및 우대사항" → (3, True); "근무지" → (1, False); "경력 3년" → None
    """
    rest = "".join(text.split())
    if not rest.startswith(w.columns) and not rest.startswith(_TABLE_LINKS):
        return None  # (the loop's first step in one C call: most lines open with neither)
    names = 0
    work = False
    while rest:
        for link in _TABLE_LINKS:
            if rest.startswith(link):
                rest = rest[len(link) :]
                break
        else:
            for column in w.columns:
                if rest.startswith(column):
                    rest = rest[len(column) :]
                    names += 1
                    work = work or column in w.work_columns
                    break
            else:
                return None
    return names, work


def heading_with_note(line: Candidate, w: _Words) -> Verdict | None:
    """A listed heading followed by a note in parentheses: the note is content, unless it
    only marks the list optional or required.

    "담당업무(사용 언어 C++, Python)" → duties + "사용 언어 C++, Python";
    "Qualifications (nice to have)" → preferred; "Requirements (must have)" → required
    """
    note = _NOTE.search(line.text)
    if note is None:
        return None
    found = _section_of_key(heading_key(line.text[: note.start()]), w)
    if found is None:
        return None
    marker = "".join(note.group(1).lower().split())
    if marker in w.markers:
        optional = marker in w.optional_markers
        section = "preferred" if optional and found[0] == "required" else found[0]
        return Verdict(section, "", "heading_with_note", found[1])
    return Verdict(found[0], note.group(1).strip(), "heading_with_note", found[1])


def _prefix(text: str, heads: Sequence[Head], bulleted: bool, w: _Words) -> tuple[str, str] | None:
    """A heading alias at the start of `text` followed by a few words that keep it a heading."""
    key = heading_key(text)
    if not key or text.rstrip().endswith(_SENTENCE_ENDS):
        return None
    lead = len(text) - len(_strip_lead(text)) if not text[:1].isalpha() else 0
    starting = [h for h in heads if h.start == lead]
    if not starting:
        return None
    alias = max(starting, key=lambda h: h.end).alias
    head = "".join(alias.split())
    if not key.startswith(head) or len(head) == len(key):
        return None
    section = w.headings[head]
    rest_key, rest = key[len(head) :], _after_prefix(text, len(head))
    slack = BULLETED_SLACK if bulleted else SLACK
    if len(rest_key) > slack:
        return None
    if head in w.strict:
        if rest[:1] not in tuple("([{-–—:/|"):
            return None
    elif head.isascii():
        if not _qualifies(rest, w):
            return None
    elif len(rest_key) > KOREAN_SLACK:
        return None
    if section == "required" and any(m in rest_key for m in w.optional_markers):
        return "preferred", ""
    return section, w.never_demand.get(head, "")


def heading_with_words(line: Candidate, w: _Words) -> Verdict | None:
    """A listed heading followed by a few words that keep it a heading: a link word, a
    bracket, Title Case words, or only verbs.

    "What you'll do at Acme" → duties; "The ideal candidate has:" → required;
    "The candidate should possess:" → required; "Qualifications - nice to have" → preferred;
    "Bonus Points If You Know" → preferred; "자격요건 안내" → required
    """
    found = _prefix(line.text, line.heads, bool(_BULLET.match(line.text)), w)
    if found is None:
        return None
    return Verdict(found[0], "", "heading_with_words", found[1])


def _shape(text: str, keywords: frozenset[str], w: _Words) -> tuple[str, str] | None:
    """A line shaped like a heading that no alias names, by its ending or by a keyword."""
    if len(text) > MAX_HEADING:
        return None
    key = heading_key(text)
    if key.endswith(w.suffix_keys):
        for suffix, section in w.suffixes:
            if key.endswith(suffix) and len(key) > len(suffix):
                return section, ""
    parts = _strip_lead(text).split()
    capitalized = all(p[:1].isupper() or not p[:1].isalpha() or len(p) <= 3 for p in parts)
    introduces = text.rstrip().endswith((":", "：")) and len(parts) <= INTRO_WORDS
    if (
        not parts
        or len(parts) > SHAPE_WORDS
        or not (capitalized or introduces or not text.isascii())
    ):
        return None
    if _CONTENT_WORDS.search(text):  # "Experience in Go" is a requirement, not a heading
        return None
    bare = (  # (a bracketed line is a heading by its shape, whatever its words)
        _PARENS.sub(" ", _strip_trail(_strip_lead(text)))
        if not text.isascii() and not _BRACKETED.match(text)
        else ""
    )
    if bare and (
        _MARKED_ITEM.search(bare)
        or _LABELLED_ITEM.match(bare)
        or _PERSON_ITEM.search(bare)
        or "," in bare
        or len(bare.split()) > KOREAN_HEADING_WORDS
    ):
        return None  # "Docker 경험 우대", "전공: 컴퓨터공학", "AWS 자격증 소지자": an item
    for section, cue in w.keywords:
        if cue in keywords:
            return section, ""
    return None


def heading_by_keyword(line: Candidate, w: _Words) -> Verdict | None:
    """A heading-shaped line (a few capitalized words, or a short line ending in a colon)
    that no alias names, by a keyword stem in it or a you/we heading it ends with.

    "Preferred Qualfications" → preferred; "Travel Requirements" → other;
    "Qualifying Criteria:" → required; "Why This Role Is Great Because You Have" → required;
    "캐릭터&성향" → required (the traits asked of the candidate)
    """
    if _BULLET.match(line.text):
        return None
    found = _shape(line.text, line.cues, w)
    if found is None:
        return None
    return Verdict(found[0], "", "heading_by_keyword", found[1])


def inline_heading(line: Candidate, w: _Words) -> Verdict | None:
    """A heading and its content on one line, after a colon.

    "Requirements: Python, SQL" → required + "Python, SQL";
    "우대사항 : Kubernetes 경험" → preferred + "Kubernetes 경험";
    "The Ideal Candidate will have:5+ years of experience" → required + "5+ years of experience";
    "Bonus points: Experience with Rust" → preferred + "Experience with Rust"
    """
    text = line.text
    colon = min(
        (
            at
            for at in (text.find(":", 0, MAX_INLINE_HEAD), text.find("：", 0, MAX_INLINE_HEAD))
            if at != -1
        ),
        default=-1,
    )
    if colon < 2:
        return None
    head, content = text[:colon].rstrip(), text[colon + 1 :].strip()
    if not content or head.count("(") + head.count("（") > head.count(")") + head.count("）"):
        return None  # a colon inside a note ("자격증 보유자 우대(예: 기사 1급)") opens no heading
    heads = [h for h in line.heads if h.end <= colon]
    found = _section_of_key(heading_key(head), w) or _prefix(head, heads, False, w)
    found = found or _shape(head, frozenset(k for s, e, k in line.spans if e <= colon), w)
    if found is None:
        return None
    return Verdict(found[0], content, "inline_heading", found[1])


def question_heading(line: Candidate, w: _Words) -> Verdict | None:
    """A heading written as a question or a 'what you …' phrase, read by who does what.

    "What you will take on" → duties; "How you will spend your days:" → duties;
    "What we expect from you" → required; "Who we want" → required; "What you might have" →
    preferred; "What we'd really love to see" → preferred; "What we'll bring" → other;
    "What you can expect" → other; "Why you'll love us" → other; "What you'll learn and do" →
    duties; "What you will get to do" → duties; "What you'll learn" → other;
    "As our new Data Engineer, here's what you will learn and do" → duties;
    "Here's what you'll get to do" → duties; "What are we looking for?" → required;
    "Here's what we look for:" → required; "Curious? Here are a few things we look for:" →
    required; "Here's what we'd love to see" → preferred
    """
    text = line.text.rstrip(":：?!")
    # "As an ML Engineer, here is what you'll do" (the regex opens with \b and ignores case,
    # so CPython's engine tries it at every position: a line without "here" skips it)
    intro = _HERE_IS.search(text) if "here" in text.lower() else None
    text = _THINGS.sub("what ", text[intro.end() :], count=1) if intro else text
    m = _QUESTION.match(text)
    if m is None or len(text) > QUESTION_CHARS or len(text.split()) > QUESTION_WORDS:
        return None
    if text.rstrip().endswith("."):
        return None
    lowered = text.lower().replace("’", "'")
    q = w.questions
    if m.group(1).lower() == "why":
        return Verdict("other", "", "question_heading", "company")
    if m.group(2).lower() == "we":
        if any(word in lowered for word in q["we_would_like"]):
            return Verdict("preferred", "", "question_heading")
        if any(word in lowered for word in q["we_ask"]):
            return Verdict("required", "", "question_heading")
        return Verdict("other", "", "question_heading", "benefits")
    if any(word in lowered for word in q["you_may_have"]):
        return Verdict("preferred", "", "question_heading")
    if _DO.search(lowered):
        return Verdict("duties", "", "question_heading")  # the work, even beside what is offered
    if any(word in lowered for word in q["offered"]):
        return Verdict("other", "", "question_heading", "benefits")
    if any(word in lowered for word in q["asked_of_you"]):
        return Verdict("required", "", "question_heading")
    return Verdict("duties", "", "question_heading")  # "What you will take on"


def about_company(line: Candidate, w: _Words) -> Verdict | None:
    """'About' and a name: the company's own introduction ('About the role' and 'About you'
    are listed headings, tried first); 'Why' and a name, its pitch.

    "About Acme" → other; "About Acme Robotics:" → other; "ABOUT ACME ROBOTICS:" → other;
    "Why Acme Robotics Inc.?" → other
    """
    if _ABOUT_NAME.match(line.text) is None:
        return None
    return Verdict("other", "", "about_company", "company")


def heading_runs_into_text(line: Candidate, w: _Words) -> Verdict | None:
    """A Title Case heading of two words or more that runs into its content with only a
    space, as run-together text has it.

    "Preferred Qualifications PhD in Computer Science" → preferred + "PhD in Computer Science";
    "Minimum Qualifications Bachelor's degree and 3+ years" → required +
    "Bachelor's degree and 3+ years"
    """
    text = line.text
    second = text.find(" ") + 1
    if not (
        text[:1].isupper()
        and second
        and text[second : second + 1].isupper()
        and text.find(" ", second) != -1
    ):
        return None
    parts = text.split(" ", 7)
    for size in range(min(6, len(parts) - 1), 1, -1):
        head, following = parts[:size], parts[size]
        if not (following[:1].isupper() or following[:1].isdigit()):
            continue
        if not all(p[:1].isupper() or p.lower() in w.connectors for p in head):
            continue
        found = _section_of_key(heading_key(" ".join(head)), w)
        if found is not None:
            content = text.split(" ", size)[size].strip()
            return Verdict(found[0], content, "heading_runs_into_text", found[1])
    return None


# "… the following tasks:", "… these responsibilities:": the words that make the heading word
# ending an introducing line the name of the list after it.
_NAMES_LIST = re.compile(r"\b(?:the following|following|these|the below)\s+$", re.I)


def _names_its_list(text: str, heads: Sequence[Head]) -> str | None:
    """The section of the heading word that ends an introducing line after "the following" /
    "these" ("… will take on the following tasks:"), or None."""
    end = len(text.rstrip(":： "))
    for head in heads:
        if (
            head.end == end
            and head.section in ("duties", "required", "preferred")
            and _NAMES_LIST.search(text, max(0, head.start - 20), head.start)
        ):
            return head.section
    return None


def colon_intro(line: Candidate, w: _Words) -> Verdict | None:
    """A short line that ends in a colon introduces a list, read by its own words: an
    optional cue makes the list preferred, an ask required, the work duties. With none of
    them it is content: in text that lost its breaks, a colon is often all that is left of
    a label ("Posted:") or of a glued item.

    "We're looking for teammates who have:" → required; "Ideally, you also have:" → preferred;
    "You will be expected to:" → duties; "The ideal candidate will take on the following
    tasks:" → duties (the list named by its heading word, whatever the cues before it)
    """
    text = line.text
    if not text.endswith((":", "：")) or len(text.split()) > COLON_INTRO_WORDS:
        return None
    named = _names_its_list(text, line.heads)
    if named is not None:
        return Verdict(named, "", "colon_intro")
    cues = line.cues
    if CLOSING in cues:
        return Verdict("other", "", "colon_intro")
    if OPTIONAL in cues and REQUIRED in cues:
        return None  # "Masters required, Ph.D. preferred in:": an item with two parts
    if OPTIONAL in cues:
        return Verdict("preferred", "", "colon_intro")
    if ASK in cues or REQUIRED in cues:
        return Verdict("required", "", "colon_intro")
    if YOURS in cues and WEAK not in cues:  # "You will be expected to:", not "Lead with care:"
        return Verdict("duties", "", "colon_intro")
    return None  # "Posted:", "…modelsInTune:": in text, a colon alone makes no heading


OPENERS = _OPENERS = frozenset("[【<＜「〈《")
_BRACKETED = re.compile(
    r"^[\[【<＜「〈《]\s*[^\[\]【】<>＜＞「」〈〉《》]{1,40}?\s*[\]】>＞」〉》]\W*$"
)


def bracketed_heading(line: Candidate, w: _Words) -> Verdict | None:
    """A short line wrapped in brackets, as Korean postings write their headings, that no
    rule above names: a heading of something unknown.

    "[함께 일하는 동료들]" → unknown; "＜ 함께 일하는 방식과 환경이에요 ＞" → unknown
    """
    if _BRACKETED.match(line.text) is None:
        return None
    return Verdict(UNKNOWN, "", "bracketed_heading")


def structural_heading(line: Candidate, w: _Words) -> Verdict | None:
    """A heading by its markup (an <h1>–<h6>, a paragraph that is all bold, a markdown
    heading) that no rule above names: a heading of something unknown.

    "<h3>Our Journey</h3>" → unknown; "<p><b>Life in Seoul</b></p>" → unknown
    """
    if line.kind != HEADING:
        return None
    return Verdict(UNKNOWN, "", "structural_heading")


Rule = Callable[[Candidate, _Words], Verdict | None]

# The order matters: a listed heading wins over a heading with a note, over a heading with
# words after it, over its shape; the question and "About …" forms come after every alias
# ("About the role" is listed); a heading that runs into its text is the text heuristic of
# last resort, then the catch-alls for unknown headings.
HEADING_RULES: tuple[Rule, ...] = (
    inline_heading,
    listed_heading,
    heading_as_sentence,
    table_header,
    heading_with_note,
    heading_with_words,
    heading_by_keyword,
    question_heading,
    about_company,
    heading_runs_into_text,
    colon_intro,
    bracketed_heading,
    structural_heading,
)
# Rules that read a line only when it is short (a heading is), and do not end a sentence.
_SHORT_ONLY = frozenset(
    {
        listed_heading,
        table_header,
        heading_with_note,
        heading_with_words,
        heading_by_keyword,
        question_heading,
        about_company,
    }
)


def may_be_heading(text: str, kind: str, heads: Sequence[Head], cues: frozenset[str]) -> bool:
    """Whether any rule could name the line: the cheap test that spares most lines. Every
    rule needs a heading alias at the start or end of the line or before a colon, a colon at
    its end, a question word or a keyword of a heading, or a heading's markup."""
    if kind != "text" and kind != "item":
        return True
    size = len(text)
    if text[-1:] in (":", "："):
        return True
    for head in heads:
        if head.start <= MAX_LEAD:
            # a heading alone, or with a few words, a note, or its content after a colon, or
            # running into Title Case text
            if size - head.end <= 2 * SLACK or text[-1:] in ")）":
                return True
            if ":" in text[head.end : MAX_INLINE_HEAD] or "：" in text[head.end : MAX_INLINE_HEAD]:
                return True
            second = text.find(" ", head.start) + 1
            if second and text[second : second + 1].isupper():
                return True
        elif size <= MAX_HEADING and (
            head.end >= size - 2 or (not text.isascii() and COPULA_TAIL.fullmatch(text, head.end))
        ):
            return True  # "…Because You Have", "입사 후 맡게 될 주요 업무예요."
        elif head.end < MAX_INLINE_HEAD and (
            ":" in text[head.end : MAX_INLINE_HEAD] or "：" in text[head.end : MAX_INLINE_HEAD]
        ):
            return True
    if size > MAX_HEADING:
        return False
    return (
        bool(_MAY_ASK.match(text))
        or not cues.isdisjoint(_KEYWORD_CUES)
        or text[:1] in _OPENERS  # "[기술 스택]"
    )


def classify(line: Candidate, w: _Words) -> Verdict | None:
    """The first rule that names the line, or None for a line of content.

    A line that trails off in three full stops is read as one ending in an ellipsis ("You will
    shine here if you..." is the heading "… if you…"), not as a sentence that ended.
    """
    text = line.text
    if text.endswith("...") and not text.endswith("...."):
        text = text[:-3].rstrip() + "…"
        line = line._replace(text=text)
    structural = line.kind == HEADING or line.kind == GLUED
    short = len(text) <= MAX_HEADING and (structural or not text.endswith((". ", ".", "。")))
    if structural and text.endswith((".", "。")):  # an <h3> may end with a full stop
        line = line._replace(text=text.rstrip(".。 "))
    for rule in HEADING_RULES:
        if rule in _SHORT_ONLY and not short:
            continue
        verdict = rule(line, w)
        if verdict is not None:
            return verdict
    return None
