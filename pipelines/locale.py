"""Language and country of a posting."""

from __future__ import annotations

import functools
import re

from pipelines.phrases import PhraseMatcher
from pipelines.taxonomy import Taxonomy

# Counted on the UTF-8 bytes, where bytes.translate is a C loop: a Hangul syllable
# (U+AC00-U+D7A3) starts with byte 0xEA-0xED, a Latin letter is one ASCII byte.
_ALL_BYTES = bytes(range(256))
_NOT_HANGUL_LEAD = bytes(b for b in range(256) if not 0xEA <= b <= 0xED)
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
# Korean packs a word into two or three syllables where English spends six letters, so a
# Korean posting full of English tool names still has well over a fifth of its letters Hangul.
_KOREAN_SHARE = 0.2


def detect_language(text: str) -> str:
    """ "ko" when a fair share of the letters are Hangul, else "en"."""
    sample = text[:800]
    data = sample.encode("utf-8")
    hangul = len(data.translate(_ALL_BYTES, _NOT_HANGUL_LEAD))
    latin = len(data.translate(_ALL_BYTES, _NOT_LATIN))
    if hangul and hangul / (hangul + latin) >= _KOREAN_SHARE:
        return "ko"
    return "en"


@functools.lru_cache(maxsize=8)
def _countries(taxonomy: Taxonomy) -> PhraseMatcher:
    return PhraseMatcher(
        ((alias, c.code) for c in taxonomy.countries for alias in c.aliases),
        ((code, c.code) for c in taxonomy.countries for code in c.codes),
        allow_suffix=False,
    )


def country_of(location: str | None, taxonomy: Taxonomy) -> str | None:
    """ISO 3166-1 alpha-2 code of the first place named in a location string, or None."""
    if not location:
        return None
    if re.fullmatch(r"[A-Za-z]{2}", location.strip()):
        code = location.strip().upper()
        if any(c.code == code for c in taxonomy.countries):
            return code
    matches = _countries(taxonomy).find(location)
    return str(matches[0].key) if matches else None
