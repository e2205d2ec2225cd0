"""Find postings that are copies of an earlier one: reposts and cross-source copies.

The same source id crawled twice is the same posting (same `posting_key`), not a duplicate.
Different ids are duplicates when they have the same company and the same text (a repost), or the
same company, a similar title and near-identical text (one job on two boards): MinHash over word
shingles (datasketch) with locality-sensitive hashing finds those candidates without comparing
all pairs.

The pass streams, so its state must stay small: about 150 bytes per posting, plus about 250 for
each posting that is not a copy (its band hashes, in sorted numpy arrays). datasketch's own
`MinHashLSH` keeps a Python set per bucket, 2-3 KiB per posting, which is why the banding is
done here (with the same bands and rows `MinHashLSH` picks for this threshold).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
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


_SHINGLE_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D], dtype=np.uint64)


def _shingles(text: str) -> list[int]:
    """32-bit hashes of the word 3-grams of the text: each word hashed once (CRC-32, the same
    in every process), three neighbours mixed with numpy, instead of joining and hashing a
    string per shingle."""
    words = [zlib.crc32(w.encode()) for w in _WORD.findall(text.lower())]
    if len(words) <= SHINGLE:
        return [zlib.crc32(" ".join(map(str, words)).encode())]
    h = np.array(words, dtype=np.uint64)
    mixed = h[:-2] * _SHINGLE_MIX[0] + h[1:-1] * _SHINGLE_MIX[1] + h[2:] * _SHINGLE_MIX[2]
    return ((mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).tolist()


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    posting_key: str
    duplicate_of: str
    method: str  # "repost" (same company and text) or "near_duplicate" (MinHash)


@dataclass(frozen=True, slots=True)
class _Canonical:
    key: str
    company: str
    title: frozenset[str]


def _id64(text: str) -> int:
    """A 64-bit id of a string (BLAKE2b), for sets and dicts much smaller than the string."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


_MIX = np.array([0x9E3779B97F4A7C15 * (2 * i + 1) % 2**64 for i in range(64)], dtype=np.uint64)


class _BandIndex:
    """LSH buckets: the band hashes of every stored posting in one sorted numpy array (12 bytes
    per band), plus a small dict of recent ones merged into it now and then."""

    def __init__(self, bands: int, rows: int, merge_every: int = 4096) -> None:
        self._bands, self._rows, self._merge_every = bands, rows, merge_every
        self._salt = np.arange(bands, dtype=np.uint64) * np.uint64(0xD1B54A32D192ED03)
        self._keys = np.empty(0, dtype=np.uint64)
        self._ids = np.empty(0, dtype=np.uint32)
        self._recent: dict[int, list[int]] = {}

    def band_keys(self, hashvalues: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: its rows mixed together, salted with the band number."""
        size = self._bands * self._rows
        rows = hashvalues[:size].astype(np.uint64).reshape(self._bands, self._rows)
        with np.errstate(over="ignore"):  # unsigned multiplication wraps, as a hash should
            mixed = (rows * _MIX[: self._rows]).sum(axis=1, dtype=np.uint64)
            return (mixed ^ (mixed >> np.uint64(29))) + self._salt

    def query(self, keys: np.ndarray) -> set[int]:
        found: set[int] = set()
        if len(self._keys):
            lo = np.searchsorted(self._keys, keys, side="left")
            hi = np.searchsorted(self._keys, keys, side="right")
            for start, stop in zip(lo.tolist(), hi.tolist(), strict=True):
                if start < stop:
                    found.update(self._ids[start:stop].tolist())
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        return found

    def insert(self, keys: np.ndarray, posting: int) -> None:
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(posting)
        # Merging re-sorts everything: wait until the recent keys are a fair share of the
        # sorted ones, so the total cost stays O(n log n) however long the stream.
        if len(self._recent) >= max(self._merge_every, len(self._keys) // 8):
            self._merge()

    def _merge(self) -> None:
        pairs = [(key, posting) for key, ids in self._recent.items() for posting in ids]
        keys = np.concatenate([self._keys, np.array([k for k, _ in pairs], dtype=np.uint64)])
        ids = np.concatenate([self._ids, np.array([p for _, p in pairs], dtype=np.uint32)])
        order = np.argsort(keys, kind="stable")
        self._keys, self._ids = keys[order], ids[order]
        self._recent = {}


class Deduplicator:
    """Feed postings in canonical-first order; each call says what the posting duplicates."""

    def __init__(self, threshold: float = TEXT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)  # only for its bands and rows
        self._index = _BandIndex(lsh.b, lsh.r)
        self._seen: set[int] = set()
        self._exact: dict[int, int] = {}  # id of (company, content hash) -> canonical posting
        self._canonical: list[_Canonical] = []
        self._titles: dict[str, frozenset[str]] = {}  # titles repeat: one set per title
        self._companies: dict[str | None, str] = {}
        # One sketch, cleared for each posting: building a MinHash costs as much as filling it.
        # The shingles come hashed already (see _shingles; the affine scheme mixes each hash
        # again): the default SHA-1 per shingle in Python was most of the dedupe time.
        self._sketch = MinHash(num_perm=num_perm, hashfunc=int)

    def _minhash(self, text: str) -> np.ndarray:
        """The MinHash signature of the text's word shingles."""
        self._sketch.clear()
        self._sketch.update_batch(_shingles(text))
        return self._sketch.hashvalues

    def add(
        self, key: str, company: str | None, title: str, text: str, content_hash: str
    ) -> DuplicateMatch | None:
        """Register one posting; return the earlier posting it copies, if any."""
        posting_id = _id64(key)
        if posting_id in self._seen:
            return None  # the same posting seen again: not a copy of another one
        self._seen.add(posting_id)
        company_id = self._companies.get(company)
        if company_id is None:
            company_id = self._companies.setdefault(company, company_key(company))
        words = self._titles.get(title)
        if words is None:
            words = self._titles.setdefault(title, title_words(title))
        exact_id = _id64(f"{company_id}\n{content_hash}")
        canonical = self._exact.get(exact_id)
        if canonical is not None:
            return DuplicateMatch(key, self._canonical[canonical].key, "repost")
        # A copy has the same company, so the company is mixed into every band key: buckets
        # then hold one company's postings, not every employer's copy of a template.
        band_keys = self._index.band_keys(self._minhash(text)) ^ np.uint64(_id64(company_id))
        for other in sorted(self._index.query(band_keys)):  # earliest first
            earlier = self._canonical[other]
            if earlier.company == company_id and _jaccard(earlier.title, words) >= TITLE_THRESHOLD:
                # Later reposts of this text point at the canonical posting, never at a copy.
                self._exact[exact_id] = other
                return DuplicateMatch(key, earlier.key, "near_duplicate")
        self._exact[exact_id] = len(self._canonical)
        self._index.insert(band_keys, len(self._canonical))
        self._canonical.append(_Canonical(key, company_id, words))
        return None


def find_duplicates(
    postings: Iterable[tuple[str, str | None, str, str, str]],
) -> list[DuplicateMatch]:
    """Duplicates among (key, company, title, text, content_hash), earliest first wins."""
    dedupe = Deduplicator()
    return [m for p in postings if (m := dedupe.add(*p)) is not None]
