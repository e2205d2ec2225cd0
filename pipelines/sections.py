"""Read a posting into duties / required / preferred / other lines (CONTRACT §7).

The reader works in three steps, each a declared set of rules:

1. **Lines.** The posting's blocks (`html_text.read_blocks`: headings, list items, paragraphs
   from the HTML structure, or the lines of plain text) are searched once by the vocabulary
   automaton (`section_vocab`); long lines that lost their breaks are cut where the text shows
   it (`unglue`), and the hits are mapped to the resulting lines by offset.
2. **Blocks.** `section_rules.HEADING_RULES` decides which lines are headings, and of what. A
   heading opens a block. A heading of nothing known (an `<h3>` or a bold line no rule names)
   is a sub-heading inside a block opened by a higher-level heading, else it opens an
   `unknown` block, read by its content: a list of asks is required, anything else `other`.
3. **Lines again.** `LINE_RULES` below give each line its section inside its block: an
   optional marker in a required line makes that part preferred, an ask under a duties heading
   is required (a heading that mislabels its list), closing boilerplate ends a list, and a
   block with no heading (the lead, "About the role") is read line by line by its wording.

Every line records the rule that decided its section (`Line.rule`) and the heading it sits
under (`Line.heading`), so `careermarket eval --errors` can show why a skill landed where it
did.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipelines.html_text import HEADING, ITEM, TEXT, Block, read_blocks
from pipelines.optional_parts import OptionalParts
from pipelines.section_rules import (
    GLUED,
    KEYWORD_CUES,
    MAX_HEADING,
    MAY_ASK,
    OPENERS,
    UNKNOWN,
    Candidate,
    Verdict,
    _strip_lead,
    classify,
    may_be_heading,
    words,
)
from pipelines.section_vocab import (
    ASK,
    CLOSING,
    DUTY,
    OFFER,
    OPTIONAL,
    REQUIRED,
    WEAK,
    YOURS,
    Head,
    Hit,
    LineHits,
    Vocabulary,
    vocabulary,
)
from pipelines.taxonomy import Taxonomy
from pipelines.unglue import (
    BREAK_PIECE,
    GLUE_LINE,
    HEADING_PIECE,
    LIST_GLYPHS,
    MIN_GLUED_ALIAS,
    NOTE_TAIL,
    SHORT_CUT_ENDS,
    TEXT_PIECE,
    Piece,
    Unglue,
    employer_names,
    ending_kind,
    joined_items,
)

DEMAND_SECTIONS = ("duties", "required", "preferred")
# Internal block sections: the text before any heading, a vague block ("About the role") read
# line by line, and a list joined on to the one before it (`unglue`).
LEAD, ROLE, JOINED = "lead", "role", "joined"
# The rule that starts a joined block where the bullets change between two lists (`_blocks`).
GLYPH_CHANGE = "glyph_change"
_UNHEADED = (LEAD, ROLE, UNKNOWN, JOINED, "other")
_APPLICATION = "listed_heading:hiring_process"  # a block of how to apply (sections.yaml)
# A block with no heading is read as one list when at least MIN_LIST_ITEMS and LIST_SHARE of its
# lines are items, and LIST_SHARE of the items that say something agree on what they are.
MIN_LIST_ITEMS, LIST_SHARE = 2, 0.5
# The last lines of a block read line by line that say which field a joined block follows.
TRAILING_LINES = 3
# Ties between what a list's items say go to the first of these.
_VOTE_ORDER = ("required", "duties", "preferred")
# Heading levels of headings found in text (html_text gives 1-8 for markup): a heading line of
# plain text, and a short line ending in a colon, which is the weakest heading of all.
TEXT_HEADING_LEVEL, COLON_LEVEL = 7, 9
# A block under an unknown heading is a list of asks when at least this share of its lines
# ask something ("experience with", "you have", "~경험", "~능력").
ASK_SHARE = 0.5
# A preferred list is the posting's only qualifications list unless at least this many of its
# items mark themselves required ("(필수) Python", "(우대) Docker" in one combined list).
MARKED_REQUIRED_ITEMS = 2


_BULLETS = frozenset("•·ㆍ▪-*◦‣∙・")
_COLONS = frozenset(":：")
_OPENERS, _MAY_ASK, _SHORT_CUES = OPENERS, MAY_ASK, KEYWORD_CUES


class Line(NamedTuple):  # a tuple: built for every line of every posting, so it must be cheap
    """One line of a posting, the section it belongs to, and why."""

    text: str
    section: str
    rule: str = ""  # the heading rule or line rule that decided the section
    heading: str = ""  # the heading the line sits under ("" before any)


@dataclass(frozen=True)
class _Reader:
    vocab: Vocabulary
    unglue: Unglue
    optional: OptionalParts
    endings: tuple[tuple[str, tuple[str, ...]], ...]  # korean_item_endings
    role_intro: re.Pattern[str]  # "We're looking for a <role> to <verb> …": the work
    finals: tuple[str, ...]  # grammar.korean_item_finals
    continuations: frozenset[str]  # grammar.korean_continuations
    work_openers: frozenset[str]  # grammar.work_openers
    imperative: re.Pattern[str]  # a line that opens with a duty verb and no subject


@functools.lru_cache(maxsize=8)
def _reader(taxonomy: Taxonomy) -> _Reader:
    rules = taxonomy.sections
    return _Reader(
        vocabulary(taxonomy),
        Unglue(rules),
        OptionalParts(rules),
        rules.korean_item_endings,
        _role_intro(rules.grammar["role_intro"]),
        tuple(rules.grammar["korean_item_finals"]),
        frozenset(rules.grammar["korean_continuations"]),
        frozenset(rules.grammar["work_openers"]),
        _imperative(rules.cues["duties"]),
    )


def _imperative(cues: Sequence[str]) -> re.Pattern[str]:
    """A line that opens with one of the one-word duty verbs (cues.duties) and no subject,
    then lower-case words or a second verb: "Design, build & maintain the ledger service",
    "Perform…"; not a title ("Lead Data Scientist") nor the company ("Acme builds …")."""
    verbs = sorted((c for c in cues if c.isascii() and c.isalpha()), key=len, reverse=True)
    return re.compile(
        rf"^[^\w]*(?i:{'|'.join(verbs)})(?:\s*,\s*[a-z]|\s+(?:&|and|/)\s+[a-z]|\s+[a-z])"
    )


# At most this many words name the role between "looking for a" and "to <verb>".
ROLE_INTRO_WORDS = 8


def _role_intro(verbs: Sequence[str]) -> re.Pattern[str]:
    """The start of a sentence that introduces the role by its work: "We're looking for a
    backend engineer to scale our ingestion" (the skills in it are duties, not asks); "…a
    scientist with experience to build …" names an ask first, so it is not one."""
    alternatives = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(
        rf"^\W*(?:we(?:'re|’re|\s+are)|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){{0,3}}\s+is)"
        rf"\s+(?:(?:currently|now|actively)\s+)?(?:{alternatives})\s+(?:an?|two|several)\s+"
        rf"(?:(?!with\b|having\b)[^\s.;:!?]+\s+){{1,{ROLE_INTRO_WORDS}}}?"
        r"(?:to|who\s+will)\s+[a-z]",
        re.I,
    )


class _Doc(NamedTuple):
    """The lines of a posting after ungluing, with what the vocabulary pass found in each."""

    texts: list[str]
    kinds: list[str]
    levels: list[int]
    fields: list[int]  # which field each line came from (0 for a posting body)
    hits: LineHits
    breaks: frozenset[int]  # lines that start a list joined on to the line before (`unglue`)


def _document(
    parts: Sequence[Sequence[Block]], reader: _Reader, company: str | None = None
) -> _Doc:
    """One automaton pass over every line of every part; long lines cut back into lines
    (`company`: the posting's employer, whose name may end a glued "About <name>")."""
    blocks = [block for part in parts for block in part]
    part_of = [index for index, part in enumerate(parts) for _ in part]
    texts = [block.text for block in blocks]
    joined = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))[:-1]
    ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]
    head_hits, hits, folded = reader.vocab.scan(joined)
    # Headings glued into run-together text are written with a capital and are long enough
    # not to occur inside ordinary words (`unglue`): only those hits are needed to cut lines.
    glued = [
        h
        for h in head_hits
        if (h[1] - h[0] >= MIN_GLUED_ALIAS and joined[h[0]].isupper())
        or joined[h[1] : h[1] + 2].lstrip()[:1] in "]】>」＞〉》"  # "… [이런 분을 찾아요] …"
    ]
    heads = reader.vocab.assign(glued, [], folded, starts, ends, glued=True).heads if glued else {}
    plain = joined.replace("\u00a0", " ") if "\u00a0" in joined else joined
    unglue = reader.unglue
    # The bullets of the posting's lists: the glyphs that start at least two of its lines.
    firsts = Counter(text[:1] for text in texts)
    glyphs = [g for g in LIST_GLYPHS if firsts[g] >= MIN_LIST_ITEMS]
    joins = [" " + g for g in glyphs]
    # Lines a short line's cut rules may cut: the ones that repeat a bullet after a space.
    joining = _lines_holding(joined, joins, starts, ends) if joins else ()
    cut = {}
    for i, block in enumerate(blocks):
        text = block.text
        if len(text) <= GLUE_LINE and text[-1:] not in SHORT_CUT_ENDS and i not in joining:
            continue  # `needs_cutting` says no to it (the cheap part of its test)
        if (
            block.kind != HEADING
            and unglue.needs_cutting(text, i in heads, joins, company)
            and (pieces := unglue.pieces(text, heads.get(i, ()), glyphs, company)) is not None
        ):
            cut[i] = pieces
    if not glyphs and not any(_starts_line(joined, h[0]) for h in head_hits):
        # no bullets and no headings: fields a crawler joined with a space (`joined_items`)
        for i, block in enumerate(blocks):
            if i in cut or block.kind == HEADING or block.text.isascii():
                continue
            at = joined_items(block.text, reader.endings, reader.finals, reader.continuations)
            if at is not None:
                size = len(block.text)
                cut[i] = [Piece(0, at, TEXT_PIECE), Piece(at, size, BREAK_PIECE)]
    if not cut:  # most postings with structure: the blocks are the lines
        lines = reader.vocab.assign(head_hits, hits, folded, starts, ends)
        kinds = [block.kind for block in blocks]
        levels = [block.level for block in blocks]
        out = texts if plain is joined else [plain[a:b] for a, b in zip(starts, ends, strict=True)]
        _mark_employer(out, lines, company)
        return _Doc(out, kinds, levels, part_of, lines, frozenset())
    line_starts: list[int] = []
    line_ends: list[int] = []
    out: list[str] = []
    kinds, levels, fields = [], [], []
    breaks: set[int] = set()
    for i, block in enumerate(blocks):
        start = starts[i]
        pieces = cut.get(i)
        if pieces is None:
            line_starts.append(start)
            line_ends.append(ends[i])
            out.append(block.text if plain is joined else plain[start : ends[i]])
            kinds.append(block.kind)
            levels.append(block.level)
            fields.append(part_of[i])
            continue
        for n, (a, b, piece) in enumerate(pieces):
            text = plain[start + a : start + b]
            kept = text.strip()  # (what str.isspace calls space, as the offsets below)
            if not kept:
                continue
            a = start + a + len(text) - len(text.lstrip())
            if piece == BREAK_PIECE:
                breaks.add(len(out))
            heading = piece == HEADING_PIECE
            line_starts.append(a)
            line_ends.append(a + len(kept))
            out.append(kept)
            kinds.append(
                GLUED
                if heading
                else ITEM
                if kept[0] in _BULLETS
                else block.kind
                if n == 0
                else TEXT
            )
            levels.append(TEXT_HEADING_LEVEL if heading else block.level)
            fields.append(part_of[i])
    lines = reader.vocab.assign(head_hits, hits, folded, line_starts, line_ends)
    _mark_employer(out, lines, company)
    return _Doc(out, kinds, levels, fields, lines, frozenset(breaks))


# A cue of a line that opens with the employer's name ("Acme delivers secure analytics …",
# "Acme, from complexity to clarity."): the company speaking of itself.
EMPLOYER = "employer"
_AFTER_NAME = re.compile(
    r"(?:[,:]|['’]s\b|\s+(?:is|was|has|have|are|delivers?|provides?|pioneers?|offers?|helps?|builds?|serves?|works?|operates?|specializes?|supports?|develops?|creates?|enables?|empowers?|brings?|combines?|partners?|strives?|leads?|believes?|values?|began|started|launched|grew|continues?|remains?|employs?|maintains?|focuses?|uses?)\b)"
)


MAX_EMPLOYER_CHARS = 120  # an employer's name, with a note ("Acme Robotics, Inc. (US)")


def _mark_employer(texts: list[str], lines: LineHits, company: str | None) -> None:
    """Add the EMPLOYER cue to each line that opens with the employer's name and goes on as a
    sentence about it (CONTRACT §7: the company's self-description is other, wherever it sits)."""
    if not company or len(company) > MAX_EMPLOYER_CHARS:
        return  # (a name is short: a long field is no name, and its regexes cost)
    names = employer_names(company)
    if not names:
        return
    for i, text in enumerate(texts):
        for name in names:
            if text.startswith(name) and _AFTER_NAME.match(text, len(name)):
                lines.cues[i] = lines.cues[i] | {EMPLOYER}
                break


def _lines_holding(
    joined: str, words: Sequence[str], starts: list[int], ends: list[int]
) -> set[int]:
    """The lines of `joined` (line i is joined[starts[i]:ends[i]]) that hold one of `words`
    (none of which holds a line break), found by str.find over the whole text."""
    out: set[int] = set()
    for word in words:
        at = joined.find(word)
        while at != -1:
            line = bisect.bisect_right(starts, at) - 1
            out.add(line)
            at = joined.find(word, ends[line])
    return out


@dataclass
class _Block:
    """Lines under one heading (or before the first, or after a joined list's break)."""

    section: str
    rule: str
    heading: str = ""
    level: int = 0
    lines: list[tuple[str, frozenset[str], bool]] = field(default_factory=list)  # (…, item)
    items: int = 0  # how many of its lines are list items


def _starts_line(text: str, at: int) -> bool:
    """Whether only marks stand between the start of its line and `at` ("[자격요건]": a
    heading word may start the line; "…경험 우대" does not)."""
    start = text.rfind("\n", 0, at) + 1
    return not any(c.isalnum() for c in text[start:at])


def _verdict(doc: _Doc, i: int, w) -> Verdict | None:
    """The heading rule that names line i, or None for a line of content."""
    text, kind, cues = doc.texts[i], doc.kinds[i], doc.hits.cues[i]
    heads = doc.hits.heads.get(i, ())
    if not may_be_heading(text, kind, heads, cues):
        return None
    return _classified(text, kind, tuple(heads), cues, tuple(doc.hits.spans.get(i, ())), w)


@functools.lru_cache(maxsize=8192)
def _classified(
    text: str,
    kind: str,
    heads: tuple[Head, ...],
    cues: frozenset[str],
    spans: tuple[tuple[int, int, str], ...],
    w,
) -> Verdict | None:
    """`classify`, remembered: the rules read nothing but the candidate line, and postings
    repeat their headings ("Requirements", "[주요업무]") and much of their boilerplate."""
    return classify(Candidate(text, kind, heads, cues, spans), w)


def _content_cues(doc: _Doc, i: int, content: str) -> frozenset[str]:
    offset = doc.texts[i].rfind(content)
    return doc.hits.cues_from(i, max(offset, 0))


def _level(doc: _Doc, i: int, verdict: Verdict) -> int:
    if verdict.rule == "colon_intro":
        return COLON_LEVEL
    return doc.levels[i] or TEXT_HEADING_LEVEL


def _blocks(doc: _Doc, indexes: Iterable[int], start: str, w, reader: _Reader) -> list[_Block]:
    """The lines grouped under their headings (step 2 of the module docstring)."""
    current = _Block(start, "lead" if start == LEAD else "column")
    blocks = [current]

    def add(block: _Block, i: int, text: str, cues: frozenset[str]) -> None:
        item = doc.kinds[i] == ITEM
        block.lines.append((text, cues, item))
        block.items += item

    texts, kinds, cues_of, heads, breaks = (
        doc.texts, doc.kinds, doc.hits.cues, doc.hits.heads, doc.breaks
    )  # fmt: skip
    order = indexes if isinstance(indexes, Sequence) else list(indexes)
    for at, i in enumerate(order):
        text = texts[i]
        if i in breaks:  # a list joined on to the previous one: a block of its own
            current = _Block(JOINED, "joined_list")
            blocks.append(current)
        elif (
            current.section in (LEAD, JOINED)
            and current.lines
            and (last := _glyph(current.lines[-1][0]))
            and last != _glyph(text)
            and _glyph_changes(doc, order, at, current, w, reader)
        ):  # a second list after the first, told apart only by its bullets
            current = _Block(JOINED, GLYPH_CHANGE)
            blocks.append(current)
        kind = kinds[i]
        content = (  # the cheap part of `may_be_heading`, inline: most lines are content
            (kind in (TEXT, ITEM))
            and i not in heads
            and text[-1:] not in _COLONS
            and (
                len(text) > MAX_HEADING
                or (
                    text[:1] not in _OPENERS
                    and _SHORT_CUES.isdisjoint(cues_of[i])
                    and _MAY_ASK.match(text) is None
                )
            )
        )
        verdict = None if content else _verdict(doc, i, w)
        if verdict is None:
            item = kinds[i] == ITEM
            current.lines.append((text, cues_of[i], item))
            current.items += item
            continue
        level = _level(doc, i, verdict)
        inside = current.section not in _UNHEADED and level > current.level
        if verdict.section == UNKNOWN or (
            verdict.rule == "colon_intro" and inside and not _narrows(current.section, verdict)
        ):
            if (
                inside
                or (current.section == UNKNOWN and level > current.level)
                or (
                    verdict.rule == "bracketed_heading"
                    and current.section in DEMAND_SECTIONS
                    and not current.lines
                )
            ):  # a sub-heading, or a bracketed title opening a known block ("담당업무" then
                # "[CRM 마케팅 운영]"): its text stays in that block
                add(current, i, text, doc.hits.cues[i])
                continue
            current = _Block(UNKNOWN, verdict.rule, text, level)
            blocks.append(current)
            add(current, i, text, doc.hits.cues[i])
            continue
        if (
            verdict.rule == "inline_heading"
            and current.rule == _APPLICATION
            and text[:1] in _BULLETS
        ):  # "- 필수: 이력서" under 제출 서류 labels documents to send, not asks
            add(current, i, text, doc.hits.cues[i])
            continue
        if _own_item(current, verdict, kind, kinds[i - 1] if i else None):
            # "Bonus: Django" inside a list of requirements labels its own item only: the
            # list goes on as required after it.
            blocks.append(_Block(verdict.section, "inline_label_item", text, current.level))
            blocks[-1].lines.append(
                (verdict.content, _content_cues(doc, i, verdict.content), kind == ITEM)
            )
            current = _Block(current.section, current.rule, current.heading, current.level)
            blocks.append(current)
            continue
        current = _Block(verdict.section, verdict.rule, text, level)
        if verdict.kind:
            current.rule = f"{verdict.rule}:{verdict.kind}"
        blocks.append(current)
        if verdict.rule == "colon_intro":
            add(current, i, text, doc.hits.cues[i])  # "Experience with AWS tools like:"
        elif verdict.content:
            current.lines.append((verdict.content, _content_cues(doc, i, verdict.content), False))
    return blocks


_NUMBERED = re.compile(r"\d{1,2}[.)]\s")  # as html_text reads a numbered item ("3.5년" is none)
NUMBER = "1"  # the bullet of a numbered item ("1. …", "2) …") in `_glyph`


def _glyph(text: str) -> str:
    """The bullet a line starts with: a glyph of LIST_GLYPHS, NUMBER for a numbered item, or
    "" for a line with none."""
    first = text[:1]
    if first in LIST_GLYPHS:
        return first
    return NUMBER if first.isdigit() and _NUMBERED.match(text) else ""


def _glyphs_back(lines: list[tuple[str, frozenset[str], bool]]) -> tuple[str, int, bool]:
    """The bullet of the last bulleted line of `lines`, how many lines in a row carry it
    (lines with no bullet, an item's wrapped text or a note, neither count nor end the run),
    and whether such lines sit among them."""
    glyph, run, mixed = "", 0, False
    for text, _, _ in reversed(lines):
        first = _glyph(text)
        if not first:
            mixed = mixed or bool(glyph)
            continue
        if glyph and first != glyph:
            break
        glyph, run = first, run + 1
    return glyph, run, mixed


def _glyph_changes(
    doc: _Doc, order: Sequence[int], at: int, current: _Block, w, reader: _Reader
) -> bool:
    """Whether line order[at], after a bulleted line, starts a second list in text with no
    heading between its lists (the glyph_change rule): its bullet differs from the one
    before it ("• …" items, then "・ …" items), each run of bullets is a list (MIN_LIST_ITEMS
    lines or more), the new bullet is new to the block and the first does not come back
    before the next heading or joined list (a bullet that comes back is that of a list with
    a nested one: "• A / - a1 / - a2 / • B", "1. A / - a1 / - a2 / 2. B"). Korean items with
    no bullet after a list that had one on every line are a list too when each ends like an
    item (`korean_item_endings`): "- … / - … / … 가능자 / … 전공자".

    The new block is read as a joined list: by what its items are, a second list of asks
    being the preferred one (`_list_section`)."""
    texts, kinds, breaks = doc.texts, doc.kinds, doc.breaks
    glyph = _glyph(texts[order[at]])
    if not glyph and (len(current.lines) < MIN_LIST_ITEMS or not _glyph(current.lines[-2][0])):
        return False  # (the cheap test first: a list with lines of no bullet among its items)
    before, run, mixed = _glyphs_back(current.lines)
    if run < MIN_LIST_ITEMS or (not glyph and (mixed or kinds[order[at]] != TEXT)):
        return False
    if glyph and any(_glyph(line[0]) == glyph for line in current.lines):
        return False  # back to the bullet of the list the other one was nested in
    after, counting = 0, True
    for i in order[at:]:
        if i in breaks and i != order[at]:
            break
        text = texts[i]
        first = _glyph(text)
        if first == before:
            return False  # the first list goes on: the second was nested in it
        if first and first != glyph:
            counting = False  # a third bullet: the new list ends
            continue
        if not first and (kinds[i] == HEADING or _verdict(doc, i, w) is not None):
            break
        if not glyph and counting:
            if not _ends_as_item(text, reader):
                return False  # a note or a paragraph after the list, not a list of its own
            after += 1
        elif first:
            after += counting
    return after >= MIN_LIST_ITEMS


def _own_item(current: _Block, verdict: Verdict, kind: str, previous: str | None) -> bool:
    """Whether an optional label with its content on one line ("Bonus: Experience with Go")
    sits among the items of a list of requirements, of the same kind as the item before it:
    then it labels that item, not the lines after it."""
    return (
        verdict.rule == "inline_heading"
        and verdict.section == "preferred"
        and bool(verdict.content)
        and current.section == "required"
        and bool(current.lines)
        and kind == previous
    )


def _narrows(section: str, verdict: Verdict) -> bool:
    """Whether an introducing line inside a list changes its section: an optional intro in
    the requirements ("Bonus if you also have:"), an ask under duties ("You bring:")."""
    return (section == "required" and verdict.section == "preferred") or (
        section == "duties" and verdict.section == "required"
    )


# --- step 3: each line's section inside its block -------------------------------------------


def _by_wording(cues: frozenset[str], strict: bool) -> tuple[str, str]:
    """What a line of a block with no heading asks for, by its wording: for postings without
    headings, for vague blocks ("About the role") and, `strict`, for the lead of a posting
    that has headings (only strong asks count there: it is usually the company's intro; an ask
    that marks itself optional, "Background in search engines a plus", is one even when weakly
    worded, as a company does not call its own introduction a plus)."""
    if OPTIONAL in cues and (not strict or ASK in cues or WEAK in cues):
        return "preferred", "wording_optional"
    if ASK in cues or (not strict and WEAK in cues):
        return "required", "wording_asks"
    if DUTY in cues and (not strict or YOURS in cues):
        return "duties", "wording_duties"
    return "other", "wording_none"


# The last run of Hangul syllables in a line, matched in the reversed line: anchored there the
# regex is linear, where a search for "a run, then no Hangul up to the end" retries from every
# syllable of every run.
_HANGUL_TAIL_REVERSED = re.compile(r"[^\uac00-\ud7a3]*([\uac00-\ud7a3]+)")
_CLOSING_NOTE = NOTE_TAIL  # "…경험 (3년 이상)"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KIND_SECTION = {"optional": "preferred", "asks": "required", "duties": "duties"}


def _hangul_tail(text: str) -> str | None:
    """The last run of Hangul syllables within the last 40 characters of a line ("…운영
    경험 (3년)" gives "경험"), or None."""
    found = _HANGUL_TAIL_REVERSED.match(text[-40:][::-1])
    return None if found is None else found.group(1)[::-1]


def _korean_item(text: str, endings: Sequence[tuple[str, tuple[str, ...]]]) -> str | None:
    """The section a Korean list item's ending says ("…경험이 있으신 분" asks), or None."""
    if ")" in text or "）" in text:  # (the note's closing parenthesis: else nothing to drop)
        text = _CLOSING_NOTE.sub("", text)
    tail = _hangul_tail(text)
    if tail is None:
        return None
    kind = ending_kind(tail, endings)
    return None if kind is None else _KIND_SECTION[kind]


def _item_section(text: str, cues: frozenset[str], reader: _Reader) -> str:
    """What one item of a list with no heading is: by its Korean ending, else its wording."""
    if not text.isascii():
        found = _korean_item(text, reader.endings)
        if found is not None:
            return found
    return _by_wording(cues, strict=False)[0]


def _list_section(block: _Block, reader: _Reader, ask_lists: int) -> tuple[str, str] | None:
    """The section of a block with no heading that is a list, by what most of its items are
    (None when it is not a list, or its items say nothing). A list of asks joined on to an
    earlier list of asks is the preferred list: postings list requirements before
    nice-to-haves, and crawlers that join a posting's fields keep that order."""
    # a field joined on by a space (`joined_items`) is a list even without bullets
    items = len(block.lines) if block.section == JOINED and not block.items else block.items
    if items < (1 if block.section == JOINED else MIN_LIST_ITEMS) or items < LIST_SHARE * len(
        block.lines
    ):
        return None
    votes = Counter(
        found
        for text, cues, _ in block.lines
        if (found := _item_section(text, cues, reader)) != "other"
    )
    if not votes:
        return None
    section = max(_VOTE_ORDER, key=lambda s: votes[s])
    if votes[section] < LIST_SHARE * sum(votes.values()):
        return None
    if section == "required" and ask_lists and block.section == JOINED:
        return "preferred", "second_ask_list"
    return section, f"list_of_{section}"


_SENTENCE_END = ("니다", "요")


def _ends_as_item(text: str, reader: _Reader) -> bool:
    """Whether a Korean line ends like a list item ("…운영 경험", "…가능자"), not a sentence
    ("…진행됩니다.")."""
    if text.isascii():
        return False
    bare = _CLOSING_NOTE.sub("", text) if ")" in text or "）" in text else text
    tail = _hangul_tail(bare)
    if tail is None or tail.endswith(_SENTENCE_END):
        return False
    return _korean_item(text, reader.endings) is not None


def _korean_items(block: _Block, reader: _Reader) -> bool:
    """Whether a block is a list of Korean items by how its lines end ("…파이프라인 구축",
    "…운영 경험"), as a crawler leaves a posting's first field before its first heading;
    a company's intro ends its sentences ("…기업입니다.") and is not one.

    >>> r = _reader(__import__("pipelines.taxonomy").taxonomy.load_taxonomy())
    >>> _korean_items(_Block(LEAD, "lead", lines=[("추천 모델 개발", frozenset(), False),
    ...     ("배치 파이프라인 운영", frozenset(), False)]), r)
    True
    >>> _korean_items(_Block(LEAD, "lead", lines=[("저희는 물류 회사입니다.", frozenset(), False),
    ...     ("데이터로 일합니다.", frozenset(), False)]), r)
    False
    """
    found = sum(_ends_as_item(text, reader) for text, _, _ in block.lines)
    return found >= MIN_LIST_ITEMS and found >= LIST_SHARE * len(block.lines)


_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z])")


def _take_intro(
    text: str, cues: frozenset[str], heading: str, reader: _Reader, out: list[_Pending]
) -> str:
    """The line without its opening introduction of the role ("We're looking for a data
    engineer to own our pipelines. You have …"), which goes to `out` as duties."""
    if ASK not in cues or reader.role_intro.match(text) is None:
        return text
    end = _SENTENCE_BREAK.search(text)
    intro, rest = (text, "") if end is None else (text[: end.start() + 1], text[end.end() :])
    out.append((intro, "duties", "role_intro", heading, cues))
    return rest


_WORD = re.compile(r"\S+")
# A work item that runs on into the next item or heading with no break ("…and
# presentationsQuantitative BS degree"): what follows the work is not part of it.
_RUN_ON = re.compile(r"(?<=[a-z])[A-Z](?=[a-z])")
# An ask cue that starts within this many words of an item opens it ("Strong experience
# with …", "A bachelor's degree …", "This role requires …").
ASK_OPENING_WORDS = 3


def _ask_in_duties(text: str, cues: frozenset[str], reader: _Reader) -> str | None:
    """The rule by which an item under a duties heading is an ask, or None when it is the work.

    An item the candidate is asked for opens with its ask ("ask_opens_item": a weak ask as its
    first word, a strong one within its first words), even when a work word follows ("Experience with SQL scripts and the design of ETL flows"). An item that
    opens with a work verb is the work, whatever it draws on ("Apply your knowledge of …"),
    unless it runs on into another item before the ask.
    Otherwise a strong ask with no duty word anywhere is an ask ("ask_under_duties"), as is a
    Korean item ending like one ("…가능하신 분").

    >>> r = _reader(__import__("pipelines.taxonomy").taxonomy.load_taxonomy())
    >>> _ask_in_duties("Ability to pick up new tools fast", frozenset({WEAK}), r)
    'ask_opens_item'
    >>> _ask_in_duties("Share your knowledge of testing with the team", frozenset({ASK}), r)
    """
    if _HANGUL.search(text):  # a Korean item: an English ask with no duty word, or its ending
        asks = (ASK in cues and DUTY not in cues) or _korean_item(
            text, reader.endings
        ) == "required"
        return "ask_under_duties" if asks else None
    if ASK not in cues and WEAK not in cues:
        return None
    _, hits, _ = reader.vocab.scan(text)
    lead = len(text) - len(_strip_lead(text))
    starts = [m.start() for m in itertools.islice(_WORD.finditer(text, lead), ASK_OPENING_WORDS)]
    word = text[lead : starts[1]].strip(" ,.;:").lower() if len(starts) > 1 else ""
    if word.endswith("ly") and word not in reader.work_openers:
        lead = starts[1]  # "Proficiently utilizing …", "Highly skilled in …": read past the adverb
        starts = starts[1:]
    first = text[lead : starts[1] if len(starts) > 1 else None].strip(" ,.;:").lower()
    opening = starts[-1] + 1 if len(starts) == ASK_OPENING_WORDS else len(text)
    if any(kind in (ASK, WEAK) and start == lead for start, _, kind, _ in hits):
        return "ask_opens_item"  # "Working knowledge of …": the ask is the first word
    asked = min((start for start, _, kind, _ in hits if kind == ASK), default=len(text))
    if (first in reader.work_openers or any(k == DUTY and s == lead for s, _, k, _ in hits)) and (
        _RUN_ON.search(text, 0, asked) is None
    ):
        return None
    if any(kind == ASK and start < opening for start, _, kind, _ in hits):
        return "ask_opens_item"  # "Strong experience with …", "This role requires …"
    return "ask_under_duties" if ASK in cues and DUTY not in cues else None


# An offer opens its sentence: it starts within this many words of the line ("As a machine
# learning engineer in the platform group, you will have the opportunity to …").
OFFER_OPENING_WORDS = 12


def _first_hit(hits: list[Hit], kinds: tuple[str, ...]) -> int | None:
    """Where the first vocabulary hit of one of `kinds` starts in the line, None without one."""
    return min((start for start, _, kind, _ in hits if kind in kinds), default=None)


def _offers(text: str, reader: _Reader) -> bool:
    """Whether a line is the company telling the candidate what the job gives them: an offer
    cue with no ask before it ("In this role you'll get to pick your tools" offers;
    "Experience with Go; you'll get to use it daily" asks).

    >>> r = _reader(__import__("pipelines.taxonomy").taxonomy.load_taxonomy())
    >>> _offers("Here you'll have the chance to shape a young data team", r)
    True
    >>> _offers("Deep knowledge of Go, which you'll get to use every day", r)
    False
    """
    _, hits, _ = reader.vocab.scan(text)
    offered = _first_hit(hits, (OFFER,))
    if offered is None or len(text[:offered].split()) > OFFER_OPENING_WORDS:
        return False  # deep in a run of items glued together, it is not the line's voice
    asked = _first_hit(hits, (ASK, WEAK))
    return asked is None or asked >= offered


def _work_first(text: str, reader: _Reader) -> bool:
    """Whether a sentence tells the reader their work before anything it asks ("In this role
    you will lead the audits, drawing on your experience with SOX"): the ask is what the
    work draws on. A sentence that opens with its ask ("You will need experience with …",
    "You'll have a degree in …") asks.

    >>> r = _reader(__import__("pipelines.taxonomy").taxonomy.load_taxonomy())
    >>> _work_first("In this role you will run audits, using your knowledge of SOX", r)
    True
    >>> _work_first("You'll have experience with SOX audits", r)
    False
    """
    heads, hits, _ = reader.vocab.scan(text)
    yours = _first_hit(hits, (YOURS,))
    asked = _first_hit(hits, (ASK, WEAK))
    if yours is None or (asked is not None and yours >= asked):
        return False
    # a heading glued in after the work ("…you produce What we're looking forBS degree"):
    # what follows it is another block's
    return not any(start > yours for start, _, _, _ in heads)


# "The Data Scientist will build …", "The successful candidate will apply …": the hire, named
# as the role, and what they will do (not "will have / need / bring", which ask)
_ROLE_WILL = re.compile(
    r"^[^\w]*The\s+(?:(?:successful|selected)\s+(?:candidate|applicant)|incumbent"
    r"|(?:[A-Z][\w./&-]*\s+){1,4}?(?:Scientist|Engineer|Analyst|Developer|Architect|Manager"
    r"|Specialist|Consultant|Intern|Researcher|Lead|Modeler|Statistician)s?)"
    r"\s+will\s+(?:also\s+)?(?!(?:be\s+)?(?:have|has|need|needs|possess|bring|not|be\s+required)\b)"
    r"(?:be\s+(?:responsible|working|tasked|expected|involved|part|assigned|scoping|supporting)\b"
    r"|(?!be\b)[a-z]+)"
)


def _imperative_work(text: str, reader: _Reader) -> bool:
    """Whether a line before a posting's first heading tells the work as an order, with no
    subject ("Build and maintain the billing pipelines"): the company speaks of itself with
    a subject ("We build …", "Acme builds …"), so such a line is the job's (issue 16: the
    run-together plain-text postings list their work before any heading).

    >>> r = _reader(__import__("pipelines.taxonomy").taxonomy.load_taxonomy())
    >>> _imperative_work("Design, build, & maintain the route planner", r)
    True
    >>> _imperative_work("Lead Data Scientist - Remote", r)
    False
    >>> _imperative_work("We build route planners for fleets", r)
    False
    """
    return reader.imperative.match(text) is not None


def _role_will(text: str) -> bool:
    """Whether a line before a posting's first heading says what the hire will do, naming them
    by their role ("The Data Analyst will run the monthly audits"): the work, in the third
    person of plain-text postings.

    >>> _role_will("The Senior Data Engineer will design the lakehouse")
    True
    >>> _role_will("The successful candidate will apply queueing models to the port")
    True
    >>> _role_will("The Data Scientist will have a PhD in physics")
    False
    >>> _role_will("The company will relocate to Austin")
    False
    """
    return _ROLE_WILL.match(text) is not None


def _asks(block: _Block) -> bool:
    """Whether a block under an unknown heading is a list of asks."""
    asking = sum(1 for _, cues, _ in block.lines if ASK in cues or WEAK in cues)
    return asking > 0 and asking >= ASK_SHARE * len(block.lines)


def _mark(
    text: str, section: str, rule: str, heading: str, cues: frozenset[str], reader: _Reader,
    out: list[Line],
) -> None:  # fmt: skip
    """Append the line to `out`, its optional parts preferred and its 필수 items required."""
    if section == "required" and OPTIONAL in cues:
        for part in reader.optional.split(text):
            out.append(Line(part.text, part.section, part.rule, heading))
    elif section == "preferred" and REQUIRED in cues and OPTIONAL not in cues:
        out.append(Line(text, "required", "required_marker", heading))
    else:
        out.append(Line(text, section, rule, heading))


# The cues that take a line after a logistics label ("Location: …") out of it.
_DEMAND_CUES = frozenset((ASK, WEAK, REQUIRED, OPTIONAL, DUTY, YOURS))
# Cues a company's prose does not carry ("we build", "development" do): an ask, a marker, the
# work addressed to the reader
_STRONG_DEMAND = frozenset((ASK, REQUIRED, OPTIONAL, YOURS))

# A line with its section, before its own markers are read (`_mark`): (text, section, rule,
# heading, cues); a plain tuple, made for every line.
_Pending = tuple[str, str, str, str, frozenset[str]]


def _optional_by_wording(
    text: str, heading: str, cues: frozenset[str], strict: bool, reader: _Reader,
    out: list[_Pending],
) -> None:  # fmt: skip
    """A line read by its wording that holds an optional marker: the marker governs its own
    part only (`OptionalParts.split`), and the rest of the line is read by its own wording, so
    "Implement ML workflows on GCP (preferred), …" stays a duty with GCP preferred, and
    "… clearance strongly preferred Familiarity with …" asks for what follows the marker."""
    parts = reader.optional.split(text)
    if all(part.section == "preferred" for part in parts):
        out.append((text, "preferred", "wording_optional", heading, cues))
        return
    for part in parts:
        if part.section == "preferred":
            out.append((part.text, "preferred", "wording_optional_part", heading, cues))
            continue
        _, hits, _ = reader.vocab.scan(part.text)
        own = frozenset(kind for _, _, kind, _ in hits)
        section, rule = _by_wording(own, strict=strict)
        out.append((part.text, section, f"wording_rest:{rule}", heading, own))


def _lines(blocks: list[_Block], saw_demand: bool, reader: _Reader) -> list[_Pending]:
    """Each line of each block with its section (step 3 of the module docstring)."""
    out: list[_Pending] = []
    ask_lists = 0  # lists of asks read so far (a required block, headed or not)
    for block in blocks:
        section, rule, heading = block.section, block.rule, block.heading
        if section == UNKNOWN and not saw_demand:
            section = ROLE  # no heading we know anywhere: every block is read by its wording
        elif section == UNKNOWN:  # read by what it holds: a list by its items, else its asks
            found = _list_section(block, reader, 0)
            if found is not None:
                section, rule = found[0], f"unknown_heading:{found[1]}"
            elif _asks(block):
                section, rule = "required", "asks_under_unknown"
            else:
                section, rule = "other", "unknown_heading"
        # a company's intro before its headings, unless it is a list of Korean items
        strict = section == LEAD and saw_demand and not _korean_items(block, reader)
        if section in (LEAD, ROLE, JOINED) and not strict:
            found = _list_section(block, reader, ask_lists)
            if found is not None:
                section, rule = found
                if block.rule == GLYPH_CHANGE:
                    rule = f"{GLYPH_CHANGE}:{rule}"
            elif section == JOINED:
                section = ROLE
        ask_lists += section == "required"
        first = len(out)
        after_list = _after_list(block, section)
        stack_asks = False  # an ask ending in ':' in a stack block: the list after it is asked
        last_strong: int | None = None  # the block's last line with a strong demand cue
        for n, (text, cues, item) in enumerate(block.lines):
            if CLOSING in cues and section in (LEAD, ROLE):
                # a block read line by line: the boilerplate line alone is other
                out.append((text, "other", "closing_boilerplate", heading, cues))
                continue
            if CLOSING in cues and section in DEMAND_SECTIONS:
                glued = _before_closing(text, item, section, reader)
                if glued is not None:  # the list's last item, then the boilerplate
                    out.append((glued[0], section, "before_closing", heading, glued[1]))
                    text, cues = glued[2], glued[3]
            if CLOSING in cues and section != "other":
                section, rule = "other", "closing_boilerplate"  # EEO, pay range: the list ends
            if EMPLOYER in cues and n and section in DEMAND_SECTIONS:
                # "Acme delivers analytics to …" after the last item: the company's own blurb,
                # glued on to the list with no heading of its own (CONTRACT §7). With no ask
                # or work after it in the block, the list has ended; otherwise the line alone
                # is the company's ("Acme strives to …" between duties)
                if last_strong is None:  # (once per block: a line of many names stays linear)
                    last_strong = max(
                        (k for k, (_, c, _) in enumerate(block.lines) if _STRONG_DEMAND & c),
                        default=-1,
                    )
                if last_strong > n:
                    out.append((text, "other", "employer_voice", heading, cues))
                    continue
                section, rule = "other", "employer_voice"
            if OFFER in cues and section != "other" and _offers(text, reader):
                out.append((text, "other", "offer_to_candidate", heading, cues))
                continue
            if n >= after_list and _SECTION_CUES[section].isdisjoint(cues):
                out.append((text, "other", "paragraph_after_list", heading, cues))
                continue
            if section in (LEAD, ROLE):
                ending = None if strict or text.isascii() else _korean_item(text, reader.endings)
                if ending is not None:  # a Korean item says what it is by how it ends
                    out.append((text, ending, "korean_item_ending", heading, cues))
                    continue
                text = _take_intro(text, cues, heading, reader, out)
                if not text:
                    continue
                line_section, line_rule = _by_wording(cues, strict=strict)
                if line_rule == "wording_none" and DUTY in cues and _imperative_work(text, reader):
                    line_section, line_rule = "duties", "imperative_work"
                elif line_rule == "wording_none" and _role_will(text):
                    line_section, line_rule = "duties", "role_will"
                if line_rule == "wording_asks" and YOURS in cues and _work_first(text, reader):
                    line_section, line_rule = "duties", "wording_work_first"
                if line_rule == "wording_optional":
                    _optional_by_wording(text, heading, cues, strict, reader, out)
                    continue
                out.append((text, line_section, line_rule, heading, cues))
            elif section == "duties" and (ask_rule := _ask_in_duties(text, cues, reader)):
                text = _take_intro(text, cues, heading, reader, out)
                if not text:
                    continue
                # "Experience with …" under a duties heading: the heading mislabels its list
                out.append((text, "required", ask_rule, heading, cues))
            elif (
                n
                and section == "other"
                and rule.endswith(":logistics")
                and cues & _DEMAND_CUES
                and not _HANGUL.search(text)
            ):
                # "Location: Rochester" heads a line or two; a line after it that asks or
                # describes the work is read by its wording ("PhD … required."); under a Korean
                # label (근무조건, 유의사항) the lines are conditions and application notes
                # ("… 포트폴리오 필수 제출", "… 우대합니다" for veterans), so they stay other
                line_section, line_rule = (
                    ("required", "wording_required")
                    if REQUIRED in cues and OPTIONAL not in cues
                    else _by_wording(cues, strict=False)
                )
                out.append((text, line_section, f"after_logistics:{line_rule}", heading, cues))
            elif (
                section == "other" and (ASK in cues or stack_asks) and rule.endswith(":environment")
            ):
                # "Strong experience deploying models" after a stack list: the requirements
                # went on without a heading of their own; "you should be ready to work with:"
                # asks for the list that follows it
                out.append((text, "required", "ask_after_stack", heading, cues))
                stack_asks = stack_asks or text.rstrip().endswith(":")
            else:
                out.append((text, section, rule, heading, cues))
        if section in (LEAD, ROLE) and len(out) > first:
            # a block of Korean items that ends in asks: a field joined on after it is the
            # next list of asks (the preferred one)
            read = Counter(
                line[1] for line in out[first:][-TRAILING_LINES:] if line[2] == "korean_item_ending"
            )
            ask_lists += read["required"] > max(read["duties"], read["preferred"])
    return out


# Where a list's last item runs into the closing boilerplate after it with no line break
# ("Experience with C++The expected base salary range …", "… AI developmentAcme is an equal
# opportunity employer"): a lower-case letter, figure or closing mark glued to a capitalised
# word, or a sentence end.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9+)\]%.])(?=[A-Z][a-z])|(?<=[.!?])\s+(?=[A-Z#])")
# The item before the boilerplate has at least this many words.
MIN_ITEM_WORDS = 2


def _before_closing(
    text: str, item: bool, section: str, reader: _Reader
) -> tuple[str, frozenset[str], str, frozenset[str]] | None:
    """A demand line whose closing boilerplate ("The expected base salary range …") was glued
    onto the list's last item: (item, its cues, boilerplate, its cues), or None when the line
    is boilerplate from its start or what comes before is not an item of the list."""
    _, hits, _ = reader.vocab.scan(text)
    at = min((start for start, _, kind, _ in hits if kind == CLOSING), default=0)
    cut = None
    for m in _GLUED_SENTENCE.finditer(text):
        if m.start() > at:
            break
        if text[text.rfind(" ", 0, m.start()) + 1] != "#":  # not inside a hashtag
            cut = m
    if cut is None or len(text[: cut.start()].split()) < MIN_ITEM_WORDS:
        return None
    head_cues = frozenset(kind for _, end, kind, _ in hits if end <= cut.start())
    if not item and _SECTION_CUES[section].isdisjoint(head_cues):
        return None
    tail_cues = frozenset(kind for start, _, kind, _ in hits if start >= cut.end())
    return text[: cut.start()].strip(), head_cues, text[cut.end() :].strip(), tail_cues


# The cues that show a line belongs to a section (a paragraph after a list without them is not
# part of the list).
_SECTION_CUES = defaultdict(
    frozenset,
    {
        "duties": frozenset((DUTY, YOURS)),
        "required": frozenset((ASK, WEAK, OPTIONAL, REQUIRED)),
        "preferred": frozenset((ASK, WEAK, OPTIONAL, REQUIRED)),
    },
)
# A paragraph after a list has at least this many words (a short line is a list item that lost
# its bullet, or a note).
PARAGRAPH_WORDS = 12


def _after_list(block: _Block, section: str) -> int:
    """Where the paragraphs that follow a demand block's list start (its length when none):
    a company's introduction or a closing note appended to the list is not part of it."""
    if section not in DEMAND_SECTIONS or block.items < MIN_LIST_ITEMS:
        return len(block.lines)
    last = max(n for n, (_, _, item) in enumerate(block.lines) if item)
    for n in range(last + 1, len(block.lines)):
        if len(block.lines[n][0].split()) < PARAGRAPH_WORDS:
            return len(block.lines)  # a short line after the list: not a paragraph
    return last + 1


# A heading that labels qualifications as preferred rather than optional.
_LABEL = re.compile(r"prefer|desir|우대", re.I)


def _flat_list(pending: list[_Pending]) -> list[_Pending]:
    """A list labelled preferred ("Preferred Education & Experience:") that is the posting's
    only qualifications list is its requirements (CONTRACT §7: one flat list with no required
    part counts as required) when one of its own items says it is required ("10+ years
    required"): the label is loose. With no such item the list is what its heading says,
    preferred (eval/ANNOTATION.md); with several ("(필수) Python", "(우대) Docker") it is a
    combined list read item by item; a heading that says it is optional ("Great to haves",
    "Bonus points") is never a flat list."""
    sections = {line[1] for line in pending}
    if "required" in sections or "preferred" not in sections:
        return pending
    if not all(_LABEL.search(heading) for _, s, _, heading, _ in pending if s == "preferred"):
        return pending  # "Great to haves:", "Bonus": a list that says it is optional
    if not 0 < sum(REQUIRED in line[4] for line in pending) < MARKED_REQUIRED_ITEMS:
        return pending
    return [
        (text, "required", "flat_qualifications", heading, cues) if section == "preferred" else line
        for line in pending
        for text, section, _, heading, cues in (line,)
    ]


# A table's header cell naming both the requirements and the nice-to-haves ("자격요건 및 우대사항").
_BOTH_HEADING = re.compile(
    r"(?:자격|요건|qualifications|requirements)\W*(?:및|and|&|/|·|,)\W*(?:우대|preferred|nice)",
    re.I,
)


def _table_header_row(blocks: list[_Block]) -> list[_Block]:
    """A table's header row read as lines (담당업무, then 자격요건 및 우대사항, then the cells):
    the duties heading has no lines of its own, and the cells after the row start with the
    duties; the requirements column's own sub-headings (자격요건, 우대사항) take over later."""
    for first, second in itertools.pairwise(blocks):
        if (
            first.section == "duties"
            and not first.lines
            and second.section in ("required", "preferred")
            and _BOTH_HEADING.search(second.heading)
        ):
            first.lines, second.lines = second.lines, []
            first.items, second.items = second.items, 0
    return blocks


def _read(doc: _Doc, indexes: Sequence[int], start: str, reader: _Reader, w) -> list[Line]:
    blocks = _table_header_row(_blocks(doc, indexes, start, w, reader))
    saw_demand = any(b.section in DEMAND_SECTIONS for b in blocks) or start in DEMAND_SECTIONS
    out: list[Line] = []
    new_line = tuple.__new__  # Line(…) without the constructor's call, for every line
    for text, section, rule, heading, cues in _flat_list(_lines(blocks, saw_demand, reader)):
        if (section == "required" and OPTIONAL in cues) or (
            section == "preferred" and REQUIRED in cues
        ):
            _mark(text, section, rule, heading, cues, reader, out)
        else:
            out.append(new_line(Line, (text, section, rule, heading)))
    return out


def _as_blocks(text: str | Sequence[Block]) -> Sequence[Block]:
    return read_blocks(text) if isinstance(text, str) else text


def split_sections(
    text: str | Sequence[Block],
    taxonomy: Taxonomy,
    start: str = "other",
    company: str | None = None,
) -> list[Line]:
    """Lines of a free-text posting (text or `read_blocks` blocks), each with its section
    (`company`: the employer's name, see `_document`)."""
    reader = _reader(taxonomy)
    doc = _document([_as_blocks(text)], reader, company)
    return _read(
        doc, range(len(doc.texts)), LEAD if start == "other" else start, reader, words(taxonomy)
    )


def lines_from_fields(
    fields: Iterable[tuple[str, str | Sequence[Block]]],
    taxonomy: Taxonomy,
    company: str | None = None,
) -> list[Line]:
    """Lines of a posting whose source keeps the sections apart (Wanted, Jumpit, CSV columns).

    The field decides the section, whatever sub-heading the company wrote inside it, except
    that a preferred heading inside the requirements field starts a preferred part, and a
    field that holds a whole posting (its headings name a section no field of its own holds:
    a Programmers body in the duties column) is read by its headings.
    """
    reader, w = _reader(taxonomy), words(taxonomy)
    fields = [(section, _as_blocks(text)) for section, text in fields]
    doc = _document([blocks for _, blocks in fields], reader, company)
    by_field: list[list[int]] = [[] for _ in fields]
    for i, part in enumerate(doc.fields):
        by_field[part].append(i)
    held = {section for section, blocks in fields if blocks}
    out: list[Line] = []
    for (section, _), indexes in zip(fields, by_field, strict=True):
        verdicts = {i: v for i in indexes if (v := _verdict(doc, i, w)) is not None}
        whole = any(
            v.section in DEMAND_SECTIONS and v.section != section and v.section not in held
            for v in verdicts.values()
        )
        if whole:
            out += _read(doc, indexes, section, reader, w)
        else:
            out += _column(doc, indexes, section, verdicts, reader, "preferred" in held)
    return out


def _column(
    doc: _Doc,
    indexes: Sequence[int],
    field: str,
    verdicts: dict[int, Verdict],
    reader: _Reader,
    preferred_held: bool = False,
) -> list[Line]:
    """A field's lines, the field deciding their section (but for markers and a preferred
    part inside the requirements). A preferred heading that opens the requirements field of a
    posting with a preferred field of its own is a mislabel ("[이런 분이면 더 좋아요]" pasted
    over the requirements): the field stays required (CONTRACT §7, headings that mislabel)."""
    out: list[Line] = []
    section, rule, heading = field, "column", ""
    for i in indexes:
        verdict, text, cues = verdicts.get(i), doc.texts[i], doc.hits.cues[i]
        if verdict is not None and verdict.section != UNKNOWN:
            if (
                field == "required"
                and verdict.section == "preferred"
                and preferred_held
                and i == indexes[0]
                and not verdict.content
            ):
                rule, heading = "mislabelled_field_heading", text
                continue
            if field == "required" and verdict.section == "preferred":
                section, rule, heading = "preferred", "preferred_heading_in_requirements", text
            if verdict.rule == "colon_intro":
                _mark(text, section, rule, heading, cues, reader, out)
            elif verdict.content:
                content_cues = _content_cues(doc, i, verdict.content)
                _mark(verdict.content, section, rule, heading, content_cues, reader, out)
            continue
        _mark(text, section, rule, heading, cues, reader, out)
    return out


def match_heading(line: str, taxonomy: Taxonomy) -> tuple[str, str] | None:
    """(section, content on the same line) when the line is a section heading, else None."""
    verdict = heading_verdict(line, taxonomy)
    if verdict is None or verdict.section == UNKNOWN:
        return None
    return verdict.section, verdict.content


def heading_verdict(line: str, taxonomy: Taxonomy, kind: str = "text") -> Verdict | None:
    """The heading rule that names a line of text (None for content)."""
    reader = _reader(taxonomy)
    doc = _document([[Block(line.strip(), kind)]], reader)
    if len(doc.texts) != 1:
        return None
    return _verdict(doc, 0, words(taxonomy))


__all__ = [
    "DEMAND_SECTIONS",
    "ITEM",
    "Line",
    "lines_from_fields",
    "match_heading",
    "split_sections",
]
