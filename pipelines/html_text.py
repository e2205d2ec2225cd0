"""HTML (or plain text) to blocks: headings, list items and paragraphs, one line each.

Where a payload is HTML (Greenhouse, Lever, Ashby, SmartRecruiters, JSON-LD pages, HN comments),
the blocks come from a real HTML parser (selectolax, Lexbor): a heading is an `<h1>`–`<h6>` or a
paragraph or list item whose text is all bold; a list item is an `<li>`; inline elements
(`<span>`, `<a>`, `<strong>` …) never split a line, and a newline inside HTML text is a space,
unless it starts a bullet or follows a colon (HN comments write their lists so).
Plain text keeps its lines: a line is a list item when it starts with a bullet, a heading when
it is markdown bold or a markdown `#` heading. Job boards disguise their HTML too: Greenhouse
escapes it once more (`&lt;p&gt;`), Programmers writes markdown with backslash escapes and inline
`<span>`s, RemoteOK stores UTF-8 read as Latin-1.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

# What a block is. The section reader trusts a structural heading more than a line of text.
HEADING, ITEM, TEXT = "heading", "item", "text"
# Heading levels: h1-h6 are 1-6; a bold-only paragraph 7; a bold-only list item 8 (lists of
# bold items are more often emphasis than sub-headings); a heading found in plain text 7.
BOLD_LEVEL, BOLD_ITEM_LEVEL = 7, 8
# A bold paragraph longer than this is an emphasised sentence, not a heading.
MAX_BOLD_HEADING = 80
BULLET = "• "


class Block(NamedTuple):
    """One line of a posting as its markup shows it."""

    text: str
    kind: str = TEXT  # HEADING | ITEM | TEXT
    level: int = 0  # for headings: 1-6 (h1-h6), 7 (bold or markdown), 8 (bold list item)


_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s|&gt;|/)")
_REAL_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Markup that shapes blocks. HTML whose tags are all inline (Programmers' `<span class=colour>`
# inside markdown) is text with decorations: its newlines are line breaks.
_BLOCK_TAG = re.compile(
    r"(?i)<(?:br|p|div|h[1-6]|ul|ol|li|tr|td|th|table|section|article|header|footer|blockquote"
    r"|pre|dl|dt|dd|hr|main|aside|nav|figure|figcaption)\b"
)
_ANY_TAG = re.compile(r"<[^<>]+>")
_MD_ESCAPE = re.compile(r"\\([-.+*_#!()\[\]{}>`|~])")
_MD_BOLD_LINE = re.compile(r"^\s*\*\*(?=\S)(.+?)\*\*\s*[:：]?\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(\S.*)$")
_TEXT_BULLET = re.compile(r"^\s*(?:[•\-*·▪◦‣∙ㆍ・■□◆◇▶►▷●○◎★☆※✔✅☑✓➤➔→]|\d{1,2}[.)]\s)")

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "tr",
        "td",
        "th",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "hr",
        "main",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "form",
        "fieldset",
    ]
)
_DROP_TAGS = frozenset(
    [
        "-comment",
        "script",
        "style",
        "head",
        "noscript",
        "svg",
        "template",
        "img",
        "iframe",
        "button",
        "select",
        "option",
    ]
)
_BOLD_TAGS = frozenset(("strong", "b"))
_HTML_SPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})
_LIST_LINE = re.compile(r"\s*(?:[-*•·▪◦‣∙ㆍ]\s|\d{1,2}[.)]\s)")

# Non-breaking spaces are kept: in text that lost its newlines they often mark where a bullet
# ended ("…experiments&nbsp;Lead the design…"); the section reader decides what they mean.
# Runs only: substituting every single space with itself would cost a call per word.
_SPACES = re.compile(
    r"[ \t\f\v\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\f\v\u2000-\u200b\u202f\u205f\u3000]"
)
_NBSP_RUN = re.compile(r"[ \u00a0]*\u00a0[ \u00a0]*")
_BLANK_LINES = re.compile(r"\n{3,}")

# Mojibake: UTF-8 bytes decoded as Latin-1 / cp1252 ("MecÃ¡nico", "â€™", "ì\x9d´").
_CP1252_EXTRA = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE_RUN = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_EXTRA}]+")


def looks_like_html(text: str) -> bool:
    """True when the text carries real or entity-escaped markup."""
    return bool(_REAL_TAG.search(text) or _ESCAPED_TAG.search(text))


def _to_byte(ch: str) -> int | None:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        code = ord(ch)
        return code if code < 256 else None


def _repair_run(match: re.Match[str]) -> str:
    run = match.group(0)
    raw = [_to_byte(ch) for ch in run]
    if None in raw:
        return run
    try:
        return bytes(raw).decode("utf-8")  # type: ignore[arg-type]
    except UnicodeDecodeError:
        return run


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Latin-1 or cp1252 somewhere upstream."""
    # Every run starts with a character in U+00C2-U+00F4, whose UTF-8 starts with byte 0xC3:
    # a C-speed byte test spares the regex scan on almost every text.
    if text.isascii() or b"\xc3" not in text.encode("utf-8", "surrogatepass"):
        return text
    if not _MOJIBAKE_RUN.search(text):
        return text
    return _MOJIBAKE_RUN.sub(_repair_run, text)


# (?<![ \t][ \t]) after the run's first space: tried at the start of a run of spaces only
# (from each of its spaces, a long run took quadratic time); a run matches from its start or
# nowhere. The space comes first so that the regex engine skips to spaces in C (a pattern that
# opens with a look-behind is tried at every position).
_WIDE_GAP = re.compile(r"[ \t](?<![ \t][ \t])[ \t]+(?=[A-Z•\-*])")
# A text line longer than this that has lost its newlines may keep wide gaps where they were.
_LONG_LINE = 220


def _clean_line(line: str) -> str:
    if "\u00a0" in line:  # keep non-breaking spaces (one per run), collapse the rest
        return _NBSP_RUN.sub("\u00a0", _SPACES.sub(" ", line)).strip(" \u00a0")
    return collapse_spaces(line)


def collapse_spaces(text: str) -> str:
    """`" ".join(text.split())`: one space between words, none at the ends.

    Most lines are clean already; `isprintable` is false for every whitespace character but
    the ASCII space, so a printable line with no double or edge space is returned as it is,
    without splitting it into words and joining them again."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _cleaned(text: str) -> list[str]:
    """The lines of `clean_lines`, before empty ones are squeezed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:  # Unicode line / paragraph separators
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if "\u200b" in text:
        text = text.replace("\u200b", " ")
    if (  # every line clean already (see collapse_spaces): one test of the whole text
        "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and text.replace("\n", "").isprintable()
    ):
        return text.split("\n")
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > _LONG_LINE and ("  " in line or "\t" in line):
            out.extend(_clean_line(piece) for piece in _WIDE_GAP.sub("\n", line).split("\n"))
        else:
            out.append(_clean_line(line))
    return out


def clean_lines(text: str) -> str:
    """Normalize whitespace: one space between words, no blank-line runs, stripped lines.

    In a long line that lost its newlines, a wide gap before a capital is where a bullet
    ended ("…for diverse applications  Develop and maintain…"): it becomes a line break.
    """
    text = "\n".join(_cleaned(text))
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


# The entities job boards use most (`html.escape` writes &#x27;, some boards escape "/"), each
# as `html.unescape` reads it.
_COMMON_ENTITIES = {
    entity: html.unescape(entity)
    for entity in (
        "&lt;", "&gt;", "&quot;", "&#39;", "&#x27;", "&#x2F;", "&#47;", "&nbsp;", "&ndash;",
        "&mdash;", "&rsquo;", "&lsquo;", "&rdquo;", "&ldquo;", "&hellip;", "&bull;", "&middot;",
    )
}  # fmt: skip
_ENTITY = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _unescape(text: str) -> str:
    """`html.unescape`, with the common entities replaced in C first.

    `html.unescape` calls a Python function per entity, and an escaped page has one every few
    words. Replacing the common ones (&lt; &#x27; &nbsp; …) beforehand gives the same text; so
    does replacing &amp; last when no other entity is left ("&amp;lt;" must end as "&lt;", not
    "<"). Any other mix goes to `html.unescape` whole."""
    out = text
    for entity in set(_ENTITY.findall(text)):  # one scan finds which entities there are
        char = _COMMON_ENTITIES.get(entity)
        if char is not None:
            out = out.replace(entity, char)
    amps = out.count("&")
    if amps == 0:
        return out
    escaped_amps = out.count("&amp;")
    if escaped_amps == amps:
        return out.replace("&amp;", "&")
    return html.unescape(text if escaped_amps else out)


def _tidy(text: str) -> str:
    """One line's text as the reader wants it: markdown escapes and bold marks dropped,
    mojibake repaired, spaces collapsed (non-breaking ones kept)."""
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text:
        text = text.replace("**", "")
    return _clean_line(fix_mojibake(text))


class _Walk:
    """Blocks of a parsed HTML tree, in document order (see `read_blocks`)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.plain = False  # the line holds non-space text outside bold
        self.bold = False  # … and text inside bold

    def flush(self, heading: int, item: bool) -> None:
        if not self.parts:
            return
        text = _tidy("".join(self.parts))
        plain, bold = self.plain, self.bold
        self.parts, self.plain, self.bold = [], False, False
        if not text:
            return
        if heading:
            self.blocks.append(Block(text, HEADING, heading))
        elif bold and not plain and len(text) <= MAX_BOLD_HEADING:
            self.blocks.append(Block(text, HEADING, BOLD_ITEM_LEVEL if item else BOLD_LEVEL))
        elif item:
            self.blocks.append(Block(BULLET + text, ITEM))
        elif text[0] in _BULLET_CHARS:  # "- Build APIs" written in a paragraph
            self.blocks.append(Block(text, ITEM))
        else:
            self.blocks.append(Block(text, TEXT))

    def walk(self, node: LexborNode, heading: int, item: bool, bold: bool, pre: bool) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                if text:
                    if not pre and "\n" in text and text.strip():
                        self._text_with_newlines(text, heading, item, bold)
                        continue
                    if not pre:
                        text = text.translate(_HTML_SPACE)
                    elif "\n" in text:  # <pre>: its newlines are line breaks
                        first, *rest = text.split("\n")
                        self._text(first, bold)
                        for piece in rest:
                            self.flush(heading, item)
                            self._text(piece, bold)
                        continue
                    self._text(text, bold)
            elif tag in _DROP_TAGS:
                continue
            elif tag == "br" or tag == "hr":
                self.flush(heading, item)
            elif tag in _BLOCK_TAGS:
                self.flush(heading, item)
                if tag[0] == "h" and tag[1:].isdigit():
                    self.walk(child, int(tag[1]), item, bold, pre)
                    self.flush(int(tag[1]), item)  # the heading's own text
                else:
                    inner_item = item or tag == "li"
                    self.walk(child, heading, inner_item, bold, pre or tag == "pre")
                    self.flush(heading, inner_item)
            else:
                self.walk(child, heading, item, bold or tag in _BOLD_TAGS, pre)

    def _text_with_newlines(self, text: str, heading: int, item: bool, bold: bool) -> None:
        """HTML text is spaced by its newlines, except where the author wrote a list or a
        heading with them (HN comments): before a bullet, or after a colon."""
        pieces = text.split("\n")
        self._text(pieces[0].translate(_HTML_SPACE), bold)
        for before, piece in itertools.pairwise(pieces):
            if _LIST_LINE.match(piece) or before.rstrip().endswith((":", "：")):
                self.flush(heading, item)
            else:
                self._text(" ", bold)
            self._text(piece.translate(_HTML_SPACE), bold)

    def _text(self, text: str, bold: bool) -> None:
        self.parts.append(text)
        if not text.isspace():
            if bold:
                self.bold = True
            elif text.strip(" \u00a0:：,.;|-–—()[]"):
                self.plain = True  # "<b>Skills</b>:" is still bold only


def _html_blocks(markup: str) -> list[Block]:
    tree = LexborHTMLParser(markup)
    walk = _Walk()
    if tree.body is not None:
        walk.walk(tree.body, 0, False, False, False)
        walk.flush(0, False)
    return walk.blocks


_BULLET_CHARS = frozenset("•-*·▪◦‣∙ㆍ・■□◆◇▶►▷●○◎★☆※✔✅☑✓➤➔→")


def _text_block(line: str) -> Block:
    """One clean line of plain text as a block (markdown bold or `#` lines are headings)."""
    if "**" in line:
        bold = _MD_BOLD_LINE.match(line)
        if bold is not None:
            return Block(collapse_spaces(bold.group(1).replace("**", "")), HEADING, BOLD_LEVEL)
        line = collapse_spaces(line.replace("**", ""))
    first = line[:1]
    if first == "#":
        heading = _MD_HEADING.match(line)
        if heading is not None:
            return Block(heading.group(2), HEADING, len(heading.group(1)))
    if first in _BULLET_CHARS or (first.isdigit() and _TEXT_BULLET.match(line)):
        return Block(line, ITEM)
    return Block(line, TEXT)


# A plain-text line of this length that stops mid-sentence was cut by a hard wrap (the
# Glassdoor exports wrap at under 80 characters); a shorter one is a heading or a list item,
# a longer one was never wrapped (an item that ends without a full stop).
WRAP_WIDTH = range(60, 81)
_SENTENCE_END = frozenset('.:;!?)”"')


def _is_wrapped(line: str) -> bool:
    return len(line) in WRAP_WIDTH and line[-1] not in _SENTENCE_END


def read_blocks(value: str | None) -> list[Block]:
    """The blocks of an HTML fragment or of plain text, in order, empty lines left out."""
    if not value:
        return []
    text = value
    if not _REAL_TAG.search(text) and _ESCAPED_TAG.search(text):
        text = _unescape(text)  # Greenhouse: the HTML itself was entity-escaped
    if "<" in text and _REAL_TAG.search(text):
        if _BLOCK_TAG.search(text):
            return _html_blocks(text)
        text = _ANY_TAG.sub("", text)  # inline markup only: the newlines are the lines
    if "&" in text:
        text = _unescape(text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    blocks: list[Block] = []
    wrapped = False  # the line before was cut by a hard wrap, mid-sentence
    for line in _cleaned(fix_mojibake(text)):
        if not line:
            wrapped = False
            continue
        first = line[0]
        if wrapped and blocks and first.islower():
            # "…reinforcement learning is" / "a plus.": one sentence, so its cues read whole
            last = blocks[-1]
            blocks[-1] = Block(f"{last.text} {line}", last.kind, last.level)
            wrapped = _is_wrapped(line)
            continue
        wrapped = _is_wrapped(line)
        if first in _BULLET_CHARS:
            blocks.append(Block(line, ITEM) if "**" not in line else _text_block(line))
        elif first == "#" or first.isdigit() or "**" in line:
            block = _text_block(line)  # markdown, or a numbered item
            if block.text:
                blocks.append(block)
        else:
            blocks.append(Block(line))
    return blocks


def blocks_text(blocks: list[Block]) -> str:
    """The blocks as text, one per line."""
    return "\n".join(block.text for block in blocks)


def html_to_text(value: str | None) -> str:
    """Readable text of an HTML fragment (or plain text), one block per line."""
    if not value:
        return ""
    text = value
    if not _REAL_TAG.search(text) and _ESCAPED_TAG.search(text):
        text = _unescape(text)
    if _REAL_TAG.search(text) and _BLOCK_TAG.search(text):
        return blocks_text(read_blocks(text))
    if _REAL_TAG.search(text):
        text = _ANY_TAG.sub("", text)
    if "&" in text:
        text = _unescape(text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text:
        text = text.replace("**", "")
    return clean_lines(fix_mojibake(text))
