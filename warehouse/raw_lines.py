"""The raw records of a landing file, one line of JSON each, whatever shape the file came in.

Crawls write JSON Lines in UTF-8. Files handed in by people (`careermarket normalize`, a landing
directory filled by hand) also come as one JSON array (pretty-printed or not), as pretty-printed
objects one after another, or in UTF-16 (what Windows tools write). Read line by line, an array
gave one quarantined row per physical line and UTF-16 looked like malformed JSON; here each
record of such a file becomes one line, so each is normalized or quarantined once, on its own:

- UTF-16, told by its byte-order mark or by the NUL bytes of ASCII text, is decoded (an unpaired
  surrogate becomes U+FFFD, which normalize counts as damage) and its lines are given in UTF-8;
- a file whose first line opens an array ("[") or is a lone "{" is read as JSON values one after
  another: each element of an array, and each other value, is one record, numbered from 1 in
  place of its line number; a file that is not valid JSON then is given whole, as one record,
  and quarantined once with the parser's message (line and column).
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_BOM = b"\xef\xbb\xbf"
_SPACE = re.compile("[ \t\r\n\ufeff]*")  # JSON's whitespace, and a byte-order mark


def _utf16(head: bytes) -> str | None:
    """The UTF-16 codec a file's first bytes show, or None for UTF-8 (and anything else)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"  # the byte-order mark tells the order, and the codec drops it
    if len(head) >= 2 and head[0] and not head[1]:
        return "utf-16-le"
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be"
    return None


def _physical_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        encoding = _utf16(handle.read(4))
        handle.seek(0)
        if encoding is None:
            yield from handle
            return
        with io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="") as text:
            for line in text:
                yield line.encode("utf-8", errors="surrogatepass")


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud83d" in the file): keep it escaped
        return json.dumps(value).encode("ascii")


def _records(document: bytes) -> Iterator[tuple[int, bytes]]:
    """Each value of a JSON document (each element of an array), or the document whole."""
    try:
        text = document.decode("utf-8")
        decoder = json.JSONDecoder()
        values, at = [], _SPACE.match(text).end()
        while at < len(text):
            value, end = decoder.raw_decode(text, at)
            values.append(value)
            at = _SPACE.match(text, end).end()
        records = [
            _dumps(item)
            for value in values
            for item in (value if isinstance(value, list) else [value])
        ]
    except (ValueError, RecursionError):  # not JSON (or not UTF-8): one record, quarantined
        yield 1, document.strip()
        return
    yield from enumerate(records, start=1)


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number, bytes) of each raw record of a landing file: for JSON Lines, the 1-based line
    number and each non-empty line; for the other shapes, see the module's docstring."""
    numbered = enumerate(_physical_lines(path), start=1)
    first = next(((n, line) for n, line in numbered if line.strip()), None)
    if first is None:
        return
    start = first[1].strip().removeprefix(_BOM).lstrip()
    if start.startswith(b"[") or start == b"{":
        yield from _records(b"".join(line for _, line in itertools.chain([first], numbered)))
        return
    for number, line in itertools.chain([first], numbered):
        line = line.rstrip(b"\r\n")
        if line.strip():
            yield number, line
