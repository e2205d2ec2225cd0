"""Where a long line that lost its line breaks is cut back into lines: text heuristics for
text with no structure (run-together CSV descriptions, scraped text with its newlines lost).

Each rule finds cut points in one line; none of them runs on HTML blocks or short lines. The
pieces are offsets into the line, so what the vocabulary pass found in the line still holds.

- glued_heading: a heading alias written with a capital and glued to the text around it
  ("…platformsResponsibilitiesBuild…", "…every day.Minimum Requirements M.S. …"), or in
  brackets inside a line ("…유지보수해요. [이런 분과 함께하고 싶어요] • …"), or any bracketed
  phrase that ends a line after a space ("…연결 [이런 경험이 있으신 분이면 더 좋아요]")
- joined_list: a line holds a bullet of the posting's lists again after a space: once, two
  lists joined with one space ("…구축 및 개선 • 데이터 분석 경력 3년 이상"), as crawlers that
  concatenate a posting's fields leave them, and the second starts a new block; more than
  once, a list written on one line ("- Build … - Work with …"), cut into its items
- inline_glyph: a bullet glyph or emoji inside a long Korean line ("…요건✅ 경험…")
- nbsp_break: a non-breaking space in a long Korean line, where a bullet ended
- about_heading: "About" and a company's name of one to three words, glued on to the
  introduction that follows it ("…next quarter.About AcmeWe build…", "…About Acme Corp Acme
  is a…"): the name ends where the introduction starts again with the name or with a word
  that opens one (sections.yaml company_intro_starters); "About" starts the line, follows a
  sentence end or is glued to a lower-case word
- glued_bullet: a bullet starter glued to the previous word ("…product teamsCollaborate…")
- glued_years: a figure of years glued to the previous bullet ("…related field2+ years…")
- spaced_you: a sentence starting "You are / You have" after a lower-case word
- colon_bullet: a list that starts right after an introducing colon ("…who have:* 5+ years")
- glued_label: a short label and its colon glued on to the end of a word ("…is a plusML
  knowledge:")
- sentence_end: a sentence end in a very long line ("…platforms.Build …", "…다. 다음")
- joined_items: in a posting with no bullets and no headings, two fields joined by a space
  inside one line: a Korean item ends for good ("…능력 우수 Salesforce …", "…경험 보유자 석사
  …", "…수립합니다. B2C …") and an ask follows; the second starts a new block
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pipelines.automaton import Automaton, occurrences
from pipelines.section_vocab import Head
from pipelines.taxonomy import SectionRules

# Lines longer than GLUE_LINE may hold a glued heading; lines longer than LONG_LINE have lost
# their line breaks (a bullet is rarely longer), so every other rule cuts them too.
GLUE_LINE = 60
LONG_LINE = 220
# A glued heading alias must be at least this long: shorter ones ("Team", "Plus") occur inside
# ordinary sentences too often.
MIN_GLUED_ALIAS = 6
# How many Title Case words before a glued one-word heading may belong to it
# ("Preferred, But Not Required Additional Areas Of Experience").
MAX_HEADING_RUN = 8

_GLYPH = "[✅✔☑✓•▪►▶●◆■★☆➤➔→\U0001f300-\U0001faff]"
_GLYPH_RE = re.compile(_GLYPH)


def _is_glyph(ch: str) -> bool:
    """Whether `ch` (one character, or none) is a bullet glyph; none of them is ASCII."""
    return not ch.isascii() and _GLYPH_RE.match(ch) is not None


_INLINE_BULLETS = re.compile(f"\\s*{_GLYPH}\ufe0f?\\s*")
_GLUE_BEFORE = frozenset('.!?:;)”"')
_AFTER_GLUED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789%)")
# Candidate sentence ends: a mark, then spaces, then what may start a sentence (a capital, a
# bullet; after a Korean "다." or "요." anything). `sentence_ends` decides which ones cut; the
# regex only spares it the marks that cannot ("e.g. python", "3.5", "다.다음").
# (one class of marks first, the alternatives after it: CPython's engine skips ahead by the
# first character only when every match starts with one class; an alternation at the top,
# "[.!?:;…]…|。…|\.…", is tried at every position of the line, twice as slow)
_SENTENCE_MARK = re.compile(
    r"[.!?:;…。](?:(?<=[.!?:;…])\s*(?=[A-Z•*\-\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])"
    r"|(?<=。)\s*|(?<=[다요]\.)\s+)"
)
# (the colon first: a pattern that starts with a look-behind is tried at every position)
# A figure of years right after a glued one-word heading: "Requirements1-3+ years of …"
_YEARS_AHEAD = re.compile(r"\d{1,2}\+?(?:\s*(?:-|–|to)\s*\d{1,2}\+?)?\s*(?:years|yrs)\b")
_COLON_BULLET = re.compile(r"[:：](?<=[a-z)][:：])\s*(?=[*•\-–]\s*\w|\d+\+?\s*(?:years|yrs))")
# (`colon_bullet` runs on every line longer than GLUE_LINE, not only on long ones)
# A label of a few words and a colon glued on to the end of a word in lower case ("…is a
# plusML knowledge:", "…requirementsIdeal Requirements for the Engineer:"): a line of its own.
MAX_LABEL_WORDS, MAX_LABEL_CHARS = 8, 80
# A turn from lower to upper case ("…plusML"), read backwards ("LMsulp…"): the first one in the
# reversed text before a colon is the nearest to it, found without listing every other turn.
_CASE_TURN_REVERSED = re.compile(r"[A-Z][a-z)]")
_LABEL_PUNCT = re.compile(r"[&/\-'’()]")


_EMPLOYER_NOTE = re.compile(r"\s*[,(].*$")
_EMPLOYER_TAIL = re.compile(r"\s+(?:Inc|LLC|Ltd|Corp|Corporation|Company|Careers)\b\.?.*$")


def employer_names(company: str | None) -> tuple[str, ...]:
    """The employer's name as "About <name>" may write it, the longest first: "Acme
    Robotics Corp (US)" -> "Acme Robotics Corp", "Acme Robotics"; none when it is not a
    capitalized name of a few words."""
    if not company:
        return ()
    name = _EMPLOYER_NOTE.sub("", company.strip())
    out = []
    for candidate in (name, _EMPLOYER_TAIL.sub("", name)):
        if (
            (candidate[:1].isupper() or candidate[:1].isdigit())
            and 2 <= len(candidate) <= MAX_ABOUT_CHARS
            and len(candidate.split()) <= MAX_ABOUT_WORDS + 1
            and candidate not in out
        ):
            out.append(candidate)
    return tuple(out)


def _colons(line: str) -> list[int]:
    """Where the line's colons (":" and "："), in order, are: found by str.find, many times
    faster than a regex of the two, whose engine steps through the line character by
    character (and `_COLON_BULLET` is then tried at each by `match`, its look-behind seeing
    the text before it)."""
    out = []
    for colon in ":：":
        at = line.find(colon)
        while at != -1:
            out.append(at)
            at = line.find(colon, at + 1)
    if len(out) > 1:
        out.sort()
    return out


def _glued_labels(line: str) -> list[int]:
    """Where labels glued on to a lower-case word start (see glued_label): for each colon,
    the nearest turn from lower to upper case before it, a few words away."""
    out = []
    for colon in _colons(line):
        lo = max(0, colon - MAX_LABEL_CHARS)
        turn = _CASE_TURN_REVERSED.search(line[lo:colon][::-1])
        if turn is None:
            continue
        start = colon - turn.start() - 1  # the upper-case letter of the turn
        label = line[start:colon]
        words = label.split()
        if (
            len(words) <= MAX_LABEL_WORDS
            and label.replace("’", "'").isascii()
            and all(_LABEL_PUNCT.sub("", w).isalnum() for w in words)
        ):
            out.append(start)
    return out


_WORD_RUN = re.compile(r"[^\s.!?:…]+")
# about_heading: the words of a company's name after "About " (a capital or a figure first,
# "DoorDash", "G2", "Lowe's"), at most MAX_ABOUT_WORDS of them and MAX_ABOUT_CHARS long.
MAX_ABOUT_WORDS, MAX_ABOUT_CHARS = 3, 40
_ABOUT_NAME = re.compile(r"[A-Z0-9][A-Za-z0-9&'’-]*(?: [A-Z0-9][A-Za-z0-9&'’-]*){0,2}")


# What a piece of a cut line is: text, a glued heading, or the first line of a list that was
# joined to the previous one (the start of a new block).
TEXT_PIECE, HEADING_PIECE, BREAK_PIECE = "text", "heading", "break"
# Bullets whose repeat inside a line (after a space) starts a list joined on to another; those
# also written inline as separators must be followed by a space to count.
LIST_GLYPHS = frozenset("•·ㆍ▪-*◦‣∙・")
_INLINE_SEPARATORS = frozenset("·ㆍ-*・")
# A closing bracket and its opening one; a bracketed heading is at most MAX_BRACKETED long
# before its alias ("＜ 엔라이즈는 이런 분을 찾고 있어요 ＞").
_CLOSERS = {"]": "[", "】": "【", ">": "<", "」": "「", "＞": "＜", "〉": "〈", "》": "《"}
MAX_BRACKETED = 20
_OPENERS = frozenset(_CLOSERS.values())
# A line no longer than GLUE_LINE is cut only where it repeats a bullet after a space, or
# when it ends in a closing bracket (`needs_cutting`).
SHORT_CUT_ENDS = frozenset(_CLOSERS)
# A bracketed phrase that ends a line after a space: a heading glued on to the last item
# ("…비즈니스 임팩트로 연결 [이런 경험이 있으신 분이면 더 좋아요]").
_BRACKETED_TAIL = re.compile(
    r"(?<=\s)[\[【＜「〈《][^\[\]【】＜＞「」〈〉《》]{2,40}[\]】＞」〉》]\s*$"
)
# An emoji and a short Korean phrase that end a line after a space: a heading glued on to the
# last item, as crawlers that join a posting's fields leave them ("…주도합니다. 🤗 함께하고 싶은
# 분", "…있으신 분 👍 우대사항"); at most EMOJI_TAIL characters from the emoji on.
EMOJI_TAIL = 24
_EMOJI_TAIL = re.compile(
    r"(?<=\s)[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?\s*[\uac00-\ud7a3][^\n]{0,20}$"
)


# Bullets a Korean posting also writes with no space after them when a crawler joins its lists
# on one line ("…강화 ㆍ클라우드 …", "…보유 -데이터 …", "…이상 ・정보처리기사 …"); written
# between two words ("기획ㆍ실행", "A·B") they have no space before them either.
UNSPACED_KOREAN_BULLETS = frozenset("ㆍ・-")


def _korean_bullet(line: str, at: int) -> bool:
    """Whether the glyph after the space at `at` is a Korean bullet with no space after it
    (UNSPACED_KOREAN_BULLETS), as in "…대응 체계 강화 ㆍ클라우드 보안 운영 경력 3년": a Korean word
    ends before the space and one starts right after the glyph."""
    return (
        line[at + 1 : at + 2] in UNSPACED_KOREAN_BULLETS
        and "\uac00" <= line[at - 1 : at] <= "\ud7a3"
        and "\uac00" <= line[at + 2 : at + 3] <= "\ud7a3"
    )


class Piece(NamedTuple):
    start: int
    end: int
    kind: str  # TEXT_PIECE | HEADING_PIECE | BREAK_PIECE


# `Piece(…)` without the keyword handling of a NamedTuple's generated __new__: one per line cut
_piece = functools.partial(tuple.__new__, Piece)


class Unglue:
    """The cut rules of this module, with the words they read from sections.yaml."""

    def __init__(self, rules: SectionRules) -> None:
        self.starters = Automaton((word, word) for word in rules.bullet_starters)
        grammar = rules.grammar
        self.intro_starters = tuple(grammar["company_intro_starters"])
        self.connectors = frozenset(grammar["title_connectors"])
        self.you_verbs = tuple(grammar["you_verbs"])
        words = grammar["abbreviations"]
        self.abbreviation_words = tuple(words)
        self.abbreviation = re.compile(
            rf"(?:\b\w\.\w+\.?|\b[A-Za-z]\.|\b(?:e\.g|i\.e|{'|'.join(words)})\.)$"
        )

    # --- glued_heading -----------------------------------------------------------------

    @staticmethod
    def _heading_ends(line: str, start: int, stop: int, multiword: bool) -> bool:
        """Whether an alias at line[start:stop] is glued as a heading, by what follows it: a
        colon, a parenthesis, a bullet glyph or a capital with no space; a multi-word alias
        also a figure, or a capital after a space when a sentence end or a word precedes it."""
        rest = line[stop : stop + 3]
        if rest[:1] == "(" or rest[:1].isupper() or _is_glyph(rest[:1]):
            return True
        if multiword and rest[:1].isdigit():  # "Preferred Qualifications2+ years of …"
            return True
        if (
            rest[:1].isdigit()
            and line[start - 1 : start].islower()
            and _YEARS_AHEAD.match(line, stop)
        ):
            return True  # one word glued on both sides: "…when appropriateRequirements1-3+ years …"
        if (
            rest[:2] == " ("
            and not multiword
            and line[start - 1 : start] == " "
            and line[start - 2 : start - 1].isalnum()
        ):
            return False  # the last word of a phrase, then its list: "Big Data Technologies (…)"
        if rest.lstrip(" ")[:1] in (":", "(", "："):
            return True
        if multiword and rest[:1] == "?" and (rest[1:2].isupper() or not rest[1:2]):
            return True  # a question heading glued on: "…$199,000.00What's the role?Etsy is …"
        if (
            not multiword
            and line[start - 1 : start] in (".", "!", "?", ")")
            and (
                rest[:1].isdigit()
                or (rest[:1] == " " and (rest[1:2].isupper() or rest[1:3] == "- "))
            )
        ):
            return True  # glued to a sentence end: "…Plan.Qualifications A Bachelor's degree …"
        if (
            not multiword
            and line[start - 2 : start] in (". ", "! ", "? ")
            and rest[:1] == " "
            and rest[1:2].isupper()
        ):
            return True  # a sentence, then the heading: "…new features. Qualifications A BS in …"
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

    def glued_headings(self, line: str, heads: Sequence[Head]) -> list[tuple[int, int]]:
        """Spans of the headings glued into the line: leftmost-longest, not overlapping; two
        with only a space between are one ("Preferred Experience Requirements:")."""
        found = [
            (h.start, h.end + (line[h.end : h.end + 1] == "?"))  # a question keeps its mark
            for h in heads
            if len(h.alias) >= MIN_GLUED_ALIAS
            and h.alias.isascii()
            and line[h.start].isupper()
            and self._heading_ends(line, h.start, h.end, " " in h.alias)
        ]
        for h in heads:  # "… [이런 분과 함께하고 싶어요] …": a bracketed heading inside a line
            closing = line[h.end : h.end + 2].lstrip()[:1]
            if closing not in _CLOSERS:
                continue
            opening = line.rfind(_CLOSERS[closing], max(0, h.start - MAX_BRACKETED), h.start)
            if opening != -1:
                found.append((opening, line.index(closing, h.end) + 1))
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        spans: list[tuple[int, int]] = []
        for start, stop in found:
            if spans and start >= spans[-1][1] and not line[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], stop)
            elif not spans or start >= spans[-1][1]:
                spans.append((start, stop))
        return spans

    def _intro_starts(self, text: str) -> bool:
        """Whether `text` opens with a word that starts a company's introduction ("We build
        …", "Our mission …"): the word whole, then a space."""
        return any(
            text.startswith(word) and text[len(word) : len(word) + 1] == " "
            for word in self.intro_starters
        )

    def about_headings(self, line: str, company: str | None = None) -> list[tuple[int, int]]:
        """Spans of "About <name>" headings glued on to a company's introduction (see
        about_heading). When the posting's employer (`company`, without ", Inc." or a note)
        follows "About" whole, it is the name. Otherwise the name is one to three
        capitalized words; it ends where the text turns from lower to upper case or at a
        space, and what follows is the name again ("About TikTokTikTok is…", "About Acme
        Corp Acme is…") or an introduction's first word ("About DoorDashWe build…"), the
        nearest such end first.

        >>> from pipelines.taxonomy import load_taxonomy
        >>> u = Unglue(load_taxonomy().sections)
        >>> line = "Python is a plus.About BrightPathWe build tools for farms."
        >>> [line[a:b] for a, b in u.about_headings(line)]
        ['About BrightPath']
        >>> u.about_headings("We care About Python We use it daily and more of it.")
        []
        >>> line = "Python is a plus.About Quillo LabsMost teams lose hours a week."
        >>> [line[a:b] for a, b in u.about_headings(line, "Quillo Labs, Inc.")]
        ['About Quillo Labs']
        """
        out = []
        known = employer_names(company)
        at = line.find("About ")
        while at != -1:
            here, at = at, line.find("About ", at + 6)
            before = line[:here].rstrip()
            if not (
                here == 0
                or before[-1:] in (".", "!", "?", ")")
                or (len(before) == here and line[here - 1].islower())
            ):
                continue  # "…we care About Python": "About" inside a sentence
            start = here + 6
            name = _ABOUT_NAME.match(line, start, start + MAX_ABOUT_CHARS)
            if name is None:
                continue
            end = None
            for employer in known:
                if not line.startswith(employer, start):
                    continue
                after = line[start + len(employer) : start + len(employer) + 2]
                if after[:1].isupper() or after[:1] in (":", "：") or after[1:].isupper():
                    end = start + len(employer)  # not "About Acmeville", "About Acme's …"
                    break
            if end is None:
                end = self._about_name_end(line, start, name.end())
            if end is not None:
                out.append((here, end))
        return out

    def _about_name_end(self, line: str, start: int, limit: int) -> int | None:
        """Where the name after "About " (line[start:limit] at most) ends, or None."""
        for end in range(start + 2, limit + 1):
            prev, nxt = line[end - 1], line[end : end + 1]
            if nxt == " ":
                rest = line[end + 1 : end + 1 + MAX_ABOUT_CHARS]
            elif nxt.isupper() and (prev.islower() or prev.isdigit() or prev.isupper()):
                rest = line[end : end + MAX_ABOUT_CHARS]
            else:
                continue
            name = line[start:end]
            if "About" in name:
                return None  # "About The RoleAbout Us…": two headings
            first = name.split(" ", 1)[0]
            if len(name.split()) > MAX_ABOUT_WORDS:
                return None
            if (
                rest.startswith(first) and not rest[len(first) : len(first) + 1].islower()
            ) or self._intro_starts(rest):
                return end
        return None

    def _title_case(self, text: str) -> bool:
        return all(w[:1].isupper() or w.lower() in self.connectors for w in text.split())

    def _heading_start(self, line: str, start: int) -> int:
        """Where a glued heading really starts: a Title Case run before the alias belongs to
        it ("…level. Preferred, But Not Required Additional Areas Of Experience…")."""
        # (the last words only: a long line holds many)
        words = list(_WORD_RUN.finditer(line, max(0, start - 160), start))[-MAX_HEADING_RUN:]
        begin, gap_end = start, start
        for word in reversed(words):
            gap = line[word.end() : gap_end]
            if any(ch in ".!?:…\n" for ch in gap):
                return begin
            core = word.group(0).strip(",;&()")
            if not core or not (core[:1].isupper() or core.lower() in self.connectors):
                return start
            begin, gap_end = word.start(), word.start()
        gap = line[max(0, begin - 2) : begin]
        return begin if begin == 0 or any(ch in ".!?:…\n" for ch in gap) else start

    def _heading_pieces(
        self, line: str, spans: list[tuple[int, int]], cuts: set[int]
    ) -> list[tuple[int, int]]:
        out, last = [], 0
        for start, stop in spans:
            heading = line[start:stop]
            after_word = start >= 2 and line[start - 1] == " " and line[start - 2].isalpha()
            marked = heading[:1] in _OPENERS or _is_glyph(heading[:1])
            if after_word and not marked and not self._title_case(heading):
                continue  # "…in English Bonus Points Successful…" only when Title Case
            # A one-word heading may carry modifiers before it ("Additional Areas Of
            # Experience"); a multi-word one ("Bonus Points") is whole already.
            begin = max(self._heading_start(line, start) if " " not in heading else start, last)
            while stop < len(line) and line[stop] in ":：":  # the colon belongs to the heading
                stop += 1
            out.append((begin, stop))
            cuts.update((begin, stop))
            last = stop
        return out

    # --- the other cut rules ------------------------------------------------------------

    def _glued_bullets(self, line: str, cuts: set[int]) -> None:
        """A bullet starter glued to the end of a lower-case word ("…product teamsCollaborate
        with…"), or a capitalized starter glued to a word in capitals ("…#HIRINGExperience")."""
        size, words = len(line), self.starters.values
        for index, start, stop in self.starters.indexed_matches(line):
            if start < 2 or (stop < size and line[stop].isalnum()):
                continue
            before, last = line[start - 2], line[start - 1]
            if (
                ((before.islower() or before in ")%") and (last.islower() or last in ")%"))
                or (last == "." and before.islower())  # "…Kubeflow etc.Experience with …"
                or (
                    (pair := before + last).isalpha()
                    and pair.isupper()
                    and words[index][1:2].islower()  # not "…HANA, …"
                )
            ):
                cuts.add(start)

    @staticmethod
    def _glued_years(line: str, cuts: set[int]) -> None:
        for word in ("years", "yrs"):
            for at in occurrences(line, word):
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
                    cuts.add(i)

    def _spaced_you(self, line: str, cuts: set[int]) -> None:
        for at in occurrences(line, " You "):
            before, after = line[at - 1 : at], line[at + 5 : at + 10].replace("’", "'")
            if (before.islower() or before == ")") and after.startswith(self.you_verbs):
                end = at + 5 + next(len(v) for v in self.you_verbs if after.startswith(v))
                if end >= len(line) or not line[end].isalnum():
                    cuts.add(at + 1)

    def _may_abbreviate(self, text: str, lo: int, mark: int) -> bool:
        """Whether `abbreviation` could match text[lo:mark + 1] (a full stop at `mark`), by C
        string tests: it cannot when no other full stop is near and the stop ends a word of
        two characters or more that is none of the abbreviated words ("…every day.")."""
        return (
            mark - lo < 2
            or text.find(".", lo, mark) != -1
            or not text[mark - 2 : mark].isalnum()
            or text.endswith(self.abbreviation_words, lo, mark)
        )

    def sentence_ends(self, text: str, lo: int, hi: int) -> list[int]:
        """Where sentences start in text[lo:hi] ("…platforms.Build …", "… production.
        Experience …", "…다. 다음"), not inside abbreviations ("M.S. or Ph.D.", "e.g. Python")."""
        cuts, last = [], lo
        for m in _SENTENCE_MARK.finditer(text, lo, hi):
            mark, after = m.span()
            if after >= hi:
                break
            punct, nxt = text[mark], text[after]
            if punct == "。":
                pass
            elif mark == lo:
                if not (after > lo + 1 and punct in ".!?;…" and (nxt.isupper() or nxt in "•*-")):
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
                and mark >= lo + 2
                and text[mark - 1] in _AFTER_GLUED
                and text[mark - 2] in _AFTER_GLUED
            ):
                continue
            start = max(last, mark - 11)  # only a full stop can close an abbreviation
            if (
                punct == "."
                and self._may_abbreviate(text, start, mark)
                and self.abbreviation.search(text[start : mark + 1])
            ):
                continue
            cuts.append(after)
            last = after
        return cuts

    # --- all together -------------------------------------------------------------------

    @staticmethod
    def joined_lists(line: str, glyphs: Iterable[str]) -> list[int]:
        """Where a list joined on to an earlier one starts inside the line (see joined_list):
        a bullet of the posting's lists (`glyphs`: the bullets that start its lines) after a
        space, outside parentheses. Bullets also written inline as separators ("기획 · 실행",
        "A - B") must be followed by a space, and a dash is not a range ("3 - 5년")."""
        out = []
        for glyph in glyphs:
            for at in occurrences(line, " " + glyph):
                pos = at + 1
                spaced = line[pos + 1 : pos + 2] in (" ", "\t")
                if glyph in _INLINE_SEPARATORS and not spaced and not _korean_bullet(line, at):
                    continue  # "-based", "·": not a bullet
                if (
                    glyph == "-"
                    and line[at - 1 : at].isdigit()
                    and line[pos + 2 : pos + 3].isdigit()
                ):
                    continue  # "3 - 5년": a range
                if line.count("(", 0, at) > line.count(")", 0, at):
                    continue  # "(BigQuery · MySQL · PostgreSQL 중 하나)": a list inside a note
                out.append(pos)
        return sorted(out)

    def needs_cutting(
        self, line: str, has_heads: bool, joins: Iterable[str], company: str | None = None
    ) -> bool:
        """Whether `pieces` may cut the line (a cheap test first); `joins`: " " and each of
        the posting's bullets; `company`: the employer's name (see `about_headings`)."""
        size = len(line)
        if size > LONG_LINE or (size > GLUE_LINE and has_heads):
            return True
        if joins and any(join in line for join in joins):
            return True
        if line[-1:] in _CLOSERS and _BRACKETED_TAIL.search(line) is not None:
            return True
        if (
            size > GLUE_LINE
            and not line.isascii()  # (an emoji is not: most lines skip the regex)
            and _EMOJI_TAIL.search(line, size - EMOJI_TAIL) is not None
        ):
            return True
        if size > GLUE_LINE and ":" in line and _glued_labels(line):
            return True
        if size > GLUE_LINE and "About " in line and self.about_headings(line, company):
            return True
        return (
            size > GLUE_LINE
            and ":" in line
            and any(_COLON_BULLET.match(line, at) is not None for at in _colons(line))
        )

    def pieces(
        self,
        line: str,
        heads: Sequence[Head],
        glyphs: Iterable[str] = (),
        company: str | None = None,
    ) -> list[Piece] | None:
        """The pieces of a line that lost its breaks, or None to keep it whole. `glyphs`: the
        bullets that start the lines of the posting's lists."""
        size = len(line)
        cuts: set[int] = set()
        drops: list[tuple[int, int]] = []
        colons = (
            [  # in a line that kept its breaks, only before a bullet ("have:* 5+ …")
                m.end()
                for at in _colons(line)  # (a match holds one colon: as finditer finds them)
                if (m := _COLON_BULLET.match(line, at)) is not None
                and (size > LONG_LINE or line[m.end() : m.end() + 1] in LIST_GLYPHS)
            ]
            if ":" in line
            else []
        )
        # A list that starts after a colon ("…who have:* 5+ years * Experience with …"): its
        # bullet is one of the line's own.
        own = {line[at] for at in colons if line[at] in LIST_GLYPHS}
        glyphs = [*glyphs, *(g for g in own if g not in glyphs)]
        joins = self.joined_lists(line, glyphs) if glyphs else []
        cuts.update(colons)
        if ":" in line:  # "…is a plusML knowledge:Deep understanding…": a label glued on
            cuts.update(_glued_labels(line))
        # One repeat: two lists joined ("…구축 및 개선 • 경력 3년 이상"), the second a new block.
        # More: a list written on one line ("- Build … - Work with … - Own …"), cut into items.
        breaks = set(joins) if len(joins) == 1 else set()
        cuts.update(joins)
        spans = self.glued_headings(line, heads) if heads and size > GLUE_LINE else []
        if size > GLUE_LINE and "About " in line and (abouts := self.about_headings(line, company)):
            spans = sorted(
                [
                    *spans,
                    *(
                        (a, b)
                        for a, b in abouts
                        if all(b <= x or a >= y for x, y in spans)  # a listed alias wins
                    ),
                ]
            )
        tail = _BRACKETED_TAIL.search(line) if line[-1:] in _CLOSERS else None
        if tail is None and size > GLUE_LINE and not line.isascii():
            tail = _EMOJI_TAIL.search(line, size - EMOJI_TAIL)
        if tail is not None and tail.start() > 0:  # "…개선 [이런 분이면 더 좋아요]"
            spans = [*(sp for sp in spans if sp[1] <= tail.start()), (tail.start(), size)]
        headings = self._heading_pieces(line, spans, cuts) if spans else []
        if size > LONG_LINE:
            if not line.isascii():
                drops += [(at, at + 1) for at in occurrences(line, "\u00a0")]
                if _GLYPH_RE.search(line):
                    drops += [
                        m.span()
                        for m in _INLINE_BULLETS.finditer(line)
                        if breaks.isdisjoint(range(*m.span()))  # a joined list's bullet stays
                    ]
            self._glued_bullets(line, cuts)
            if "yrs" in line or "years" in line:
                self._glued_years(line, cuts)
            if " You " in line:
                self._spaced_you(line, cuts)
        if not cuts and not drops:
            if size <= LONG_LINE:
                return None
            starts = [0, *self.sentence_ends(line, 0, size), size]  # sentences only
            if len(starts) == 2:
                return None
            return [_piece((a, b, TEXT_PIECE)) for a, b in itertools.pairwise(starts)]
        bounds = sorted({0, size, *cuts, *(a for a, _ in drops), *(b for _, b in drops)})
        heading_starts = {a: b for a, b in headings}
        dropped = _covered(bounds, drops)
        out: list[Piece] = []
        for a, b in itertools.pairwise(bounds):
            if a in dropped:
                continue
            kind = BREAK_PIECE if a in breaks else TEXT_PIECE
            if heading_starts.get(a) == b:
                out.append(_piece((a, b, HEADING_PIECE)))
            elif size > LONG_LINE and b - a > LONG_LINE:
                starts = [a, *self.sentence_ends(line, a, b), b]
                out.extend(
                    _piece((x, y, kind if x == a else TEXT_PIECE))
                    for x, y in itertools.pairwise(starts)
                )
            else:
                out.append(_piece((a, b, kind)))
        return out


_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+$")
_WORD = re.compile(r"\S+")
# "… 경험 (3년 이상)": a closing note, with the spaces before it. (It opens with one class, a
# space or the parenthesis, so CPython's engine skips ahead to those; written "\s*[(（]…", it
# is tried at every position of the line. The same matches: `tests/pipelines/test_sections`.)
NOTE_TAIL = re.compile(r"[\s(（](?:(?<=[(（])|(?<=\s)\s*[(（])[^()（）]*[)）]\W*$")


def ending_kind(word: str, endings: Sequence[tuple[str, tuple[str, ...]]]) -> str | None:
    """The kind of Korean item a word ends (sections.yaml korean_item_endings), or None."""
    for kind, tails in endings:
        if word.endswith(tails):
            return kind
    return None


def joined_items(
    line: str,
    endings: Sequence[tuple[str, tuple[str, ...]]],
    finals: tuple[str, ...],
    continuations: frozenset[str],
) -> int | None:
    """Where a second field starts inside a Korean line of a posting whose fields a crawler
    joined with a space and no bullet or heading (None when it is one item). The word before
    the space ends an item for good (`finals`: "우수", "보유자", "…합니다.") and the rest ends
    as an ask; the word after is no continuation ("및", "이상"), no item word itself ("경험 보유자"), no
    figure or note; both sides are two words or more. One such place only: more is prose.

    >>> from pipelines.taxonomy import load_taxonomy
    >>> r = load_taxonomy().sections
    >>> args = (r.korean_item_endings, r.grammar["korean_item_finals"],
    ...         frozenset(r.grammar["korean_continuations"]))
    >>> line = "문서 작성 능력 우수 Tableau 대시보드 제작 경험"
    >>> line[joined_items(line, *args):]
    'Tableau 대시보드 제작 경험'
    >>> joined_items("모델 학습 및 추론 파이프라인 구축", *args) is None
    True
    """
    found = None
    words = list(_WORD.finditer(line))
    if len(words) < 4:
        return None
    tail_word = _HANGUL_WORD.search(NOTE_TAIL.sub("", line).rstrip(" .!"))
    tail_kind = None if tail_word is None else ending_kind(tail_word.group(), endings)
    if tail_kind is None or tail_kind == "duties":
        return None
    for n in range(1, len(words) - 2):
        left = _HANGUL_WORD.search(words[n].group().rstrip(".!"))
        if left is None:
            continue
        kind = ending_kind(left.group(), endings)
        if kind is None or kind == "optional":
            continue
        nxt = words[n + 1].group()
        if nxt[:1].isdigit() or nxt[:1] in "(（[~-" or nxt in continuations:
            continue
        head = re.match(r"[\uac00-\ud7a3]+", nxt)
        if head is not None and ending_kind(head.group(), endings) is not None:
            continue  # "분석 경험", "경험 보유자": one item
        if not left.group().endswith(finals):
            continue  # "데이터 처리 파이프라인 구축": a duty word inside a phrase
        if found is not None:
            return None
        found = words[n + 1].start()
    return found


def _covered(bounds: list[int], drops: list[tuple[int, int]]) -> set[int]:
    """The bounds that start a segment inside a dropped range (bounds include every range's
    ends, so a segment is either wholly inside a range or wholly outside)."""
    out: set[int] = set()
    if not drops:
        return out
    index = {b: i for i, b in enumerate(bounds)}
    for x, y in drops:
        out.update(bounds[index[x] : index[y]])
    return out
