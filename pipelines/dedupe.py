"""Find postings that are copies of an earlier one: reposts and cross-source copies.

The same source id crawled twice is the same posting (same `posting_key`), not a duplicate.
Different ids are duplicates when they have the same company and the same text (a repost), or the
same company, a similar title and near-identical text (one job on two boards): MinHash over word
shingles with locality-sensitive hashing finds those candidates without comparing all pairs.
The state kept per posting is its band hashes (under 1 KiB), so the pass streams.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 3
TEXT_THRESHOLD = 0.7  # estimated Jaccard similarity of word shingles (copies reorder bullets)
TITLE_THRESHOLD = 0.5  # Jaccard similarity of title words
_WORD = re.compile(r"\w+")
_COMPANY_NOISE = re.compile(
    r"\b(?:inc|llc|ltd|corp|co|corporation|company|gmbh|plc)\b\.?|주식회사|㈜|\(주\)|[()]", re.I
)
_TITLE_NOISE = re.compile(r"\[[^\]]*\]|\([^)]*\)|【[^】]*】")


def dedupe_text(section_text: Mapping[str, str | None]) -> str:
    """The text that identifies a job: duties and requirements, since boards wrap one job in
    different intros and benefits; the rest only when a posting has nothing else."""
    demand = "\n".join(
        filter(None, (section_text.get(s) for s in ("duties", "required", "preferred")))
    )
    return demand or (section_text.get("other") or "")


def company_key(company: str | None) -> str:
    """Company name without legal suffixes, case or spacing ("Acme, Inc." -> "acme")."""
    if not company:
        return ""
    text = unicodedata.normalize("NFKC", company).lower()
    text = _COMPANY_NOISE.sub(" ", text)
    return "".join(_WORD.findall(text))


def title_words(title: str) -> frozenset[str]:
    """Title words without bracketed notes ("[경력] ML Engineer (3년+)" -> {ml, engineer})."""
    return frozenset(_WORD.findall(_TITLE_NOISE.sub(" ", title.lower())))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return [" ".join(words).encode()]
    return [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)]


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    posting_key: str
    duplicate_of: str
    method: str  # "repost" (same company and text) or "near_duplicate" (MinHash)


@dataclass(frozen=True, slots=True)
class _Seen:
    key: str
    company: str
    title: frozenset[str]


class Deduplicator:
    """Feed postings in canonical-first order; each call says what the posting duplicates."""

    def __init__(self, threshold: float = TEXT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self._num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._exact: dict[tuple[str, str], str] = {}
        self._seen: dict[str, _Seen] = {}
        template = MinHash(num_perm=num_perm)
        self._permutations, self._scheme = template.permutations, template.scheme

    def _minhash(self, text: str) -> MinHash:
        # CRC-32 (C, deterministic across processes) instead of the default SHA-1 in Python:
        # the affine scheme mixes each input hash again, and SHA-1 was most of the dedupe time.
        m = MinHash(
            num_perm=self._num_perm,
            permutations=self._permutations,
            scheme=self._scheme,
            hashfunc=zlib.crc32,
        )
        m.update_batch(_shingles(text))
        return m

    def add(
        self, key: str, company: str | None, title: str, text: str, content_hash: str
    ) -> DuplicateMatch | None:
        """Register one posting; return the earlier posting it copies, if any."""
        if key in self._seen:
            return None  # the same posting seen again: not a copy of another one
        company_id = company_key(company)
        seen = _Seen(key, company_id, title_words(title))
        canonical = self._exact.get((company_id, content_hash))
        if canonical is not None and canonical != key:
            self._seen[key] = seen
            return DuplicateMatch(key, canonical, "repost")
        minhash = self._minhash(text)
        match = None
        for other in sorted(self._lsh.query(minhash)):
            earlier = self._seen[other]
            if (
                earlier.company == company_id
                and _jaccard(earlier.title, seen.title) >= TITLE_THRESHOLD
            ):
                match = DuplicateMatch(key, other, "near_duplicate")
                break
        self._seen[key] = seen
        # Later reposts of this text point at the canonical posting, never at a copy.
        self._exact[(company_id, content_hash)] = match.duplicate_of if match else key
        if match is None:
            self._lsh.insert(key, minhash)
        return match


def find_duplicates(
    postings: Iterable[tuple[str, str | None, str, str, str]],
) -> list[DuplicateMatch]:
    """Duplicates among (key, company, title, text, content_hash), earliest first wins."""
    dedupe = Deduplicator()
    return [m for p in postings if (m := dedupe.add(*p)) is not None]
