"""HTML (or plain text) to clean text with one line per block, list items as bullets.

Job boards serve HTML in several disguises: Greenhouse escapes its HTML once more (`&lt;p&gt;`),
Programmers uses markdown with backslash escapes, RemoteOK stores UTF-8 read as Latin-1. A
regex pass is enough here (we read text, we don't render pages) and is several times faster
than building a DOM.
"""

from __future__ import annotations

import html
import re

_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s|&gt;|/)")
_REAL_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Blocks whose content is no text: <script>…</script> and the like, <!-- comments -->.
_DROP_NAMES = ("script", "style", "head", "noscript", "svg")
_DROP_OPEN = re.compile(rf"(?i)<({'|'.join(_DROP_NAMES)})\b|<!--")
_DROP_CLOSE = {name: re.compile(rf"(?i)</{name}\s*>") for name in _DROP_NAMES}
# [^<>]*, not [^>]*: a tag cannot hold "<", so a run of "<li <li …" with no ">" is not
# rescanned to its end from every "<li" (quadratic).
_LIST_ITEM = re.compile(r"(?i)<li\b[^<>]*>")
_BREAKS = re.compile(
    r"(?i)<br\s*/?>|</?(?:p|div|h[1-6]|ul|ol|li|tr|table|tbody|thead|section|article|header|"
    r"footer|blockquote|pre|dl|dt|dd|hr|main|aside|nav|figure|figcaption)\b[^<>]*>"
)
_ANY_TAG = re.compile(r"<[^<>]+>")
_MD_ESCAPE = re.compile(r"\\([-.+*_#!()\[\]{}>`|~])")
# Non-breaking spaces are kept: in text that lost its newlines they often mark where a bullet
# ended ("…experiments&nbsp;Lead the design…"); the section splitter decides what they mean.
# Runs only: substituting every single space with itself would cost a call per word.
_SPACES = re.compile(
    r"[ \t\f\v\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\f\v\u2000-\u200b\u202f\u205f\u3000]"
)
_NBSP_RUN = re.compile(r"[ \u00a0]*\u00a0[ \u00a0]*")
_BLANK_LINES = re.compile(r"\n{3,}")
_BLOCK_GAPS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")

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


# (?<![ \t]): tried at the start of a run of spaces only (from each of its spaces, a long run
# took quadratic time); a run matches from its start or nowhere.
_WIDE_GAP = re.compile(r"(?<![ \t])[ \t]{2,}(?=[A-Z•\-*])")
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


def clean_lines(text: str) -> str:
    """Normalize whitespace: one space between words, no blank-line runs, stripped lines.

    In a long line that lost its newlines, a wide gap before a capital is where a bullet
    ended ("…for diverse applications  Develop and maintain…"): it becomes a line break.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:  # Unicode line / paragraph separators
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if "\u200b" in text:
        text = text.replace("\u200b", " ")
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > _LONG_LINE and ("  " in line or "\t" in line):
            out.extend(_clean_line(piece) for piece in _WIDE_GAP.sub("\n", line).split("\n"))
        else:
            out.append(_clean_line(line))
    text = "\n".join(out)
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


def drop_blocks(text: str) -> str:
    """Each <script>, <style>, <head>, <noscript> or <svg> block and each comment replaced by
    a space, in linear time. (The regex `<(script|…)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->` does the
    same, but from every opening of a block that is never closed it searched to the end of the
    text: 12 s for 120 KB of "<script>".) Once the end of a kind of block is missing after one
    opening, it is missing after every later one too, so it is searched for once."""
    out: list[str] = []
    kept = position = 0
    missing: set[str] = set()  # ends not found: a block's name, ">" or "-->"
    while (opening := _DROP_OPEN.search(text, position)) is not None:
        position = opening.start() + 1  # where to look next if this is no block
        name = opening.group(1)
        if name is None:  # <!-- … -->
            end = -1 if "-->" in missing else text.find("-->", opening.end())
            if end < 0:
                missing.add("-->")
                continue
            end += 3
        else:
            name = name.lower()
            tag_end = -1 if ">" in missing else text.find(">", opening.end())
            if tag_end < 0:
                missing.add(">")
                continue
            closing = None if name in missing else _DROP_CLOSE[name].search(text, tag_end + 1)
            if closing is None:
                missing.add(name)
                continue
            end = closing.end()
        out.append(text[kept : opening.start()])
        out.append(" ")
        kept = position = end
    if not out:
        return text
    out.append(text[kept:])
    return "".join(out)


def html_to_text(value: str | None) -> str:
    """Readable text of an HTML fragment (or plain text), one block per line."""
    if not value:
        return ""
    text = value
    if not _REAL_TAG.search(text) and _ESCAPED_TAG.search(text):
        text = _unescape(text)  # Greenhouse: the HTML itself was entity-escaped
    if _REAL_TAG.search(text):
        lowered = text.lower()
        if (
            "<script" in lowered
            or "<style" in lowered
            or "<!--" in lowered
            or "<head" in lowered
            or "<svg" in lowered
            or "<noscript" in lowered
        ):
            text = drop_blocks(text)
        if "<li" in lowered:
            text = _LIST_ITEM.sub("\n• ", text)
        text = _BREAKS.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = _BLOCK_GAPS.sub("\n", text)  # block boundaries are line breaks, not paragraphs
    if "&" in text:
        text = _unescape(text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text:
        text = text.replace("**", "")
    return clean_lines(fix_mojibake(text))
