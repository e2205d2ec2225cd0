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
import itertools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 3
BATCH = 256  # postings per `Deduplicator.add_many` call in `find_duplicates`
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


def _word_hashes(text: str) -> list[int]:
    """CRC-32 of each word (the same in every process)."""
    return [zlib.crc32(w.encode()) for w in _WORD.findall(text.lower())]


def _mix(h: np.ndarray) -> np.ndarray:
    """32-bit hashes of each three neighbours in an array of word hashes."""
    mixed = h[:-2] * _SHINGLE_MIX[0] + h[1:-1] * _SHINGLE_MIX[1] + h[2:] * _SHINGLE_MIX[2]
    return (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)


def _short(words: list[int]) -> int:
    """The one shingle of a text of SHINGLE words or fewer."""
    return zlib.crc32(" ".join(map(str, words)).encode())


def _shingles(text: str) -> list[int]:
    """32-bit hashes of the word 3-grams of the text: each word hashed once (CRC-32, the same
    in every process), three neighbours mixed with numpy, instead of joining and hashing a
    string per shingle."""
    return _shingle_batch([text])[0].tolist()


def _shingle_batch(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """`_shingles` of many texts at once: all shingles in one array, and where each text's
    start (every text has at least one)."""
    words = [_word_hashes(text) for text in texts]
    flat = np.fromiter(itertools.chain.from_iterable(words), dtype=np.uint64)
    mixed = _mix(flat) if len(flat) > 2 else flat[:0]
    parts, starts, offset, size = [], [], 0, 0
    for hashes in words:
        starts.append(size)
        if len(hashes) <= SHINGLE:
            parts.append(np.array([_short(hashes)], dtype=np.uint64))
            size += 1
        else:  # the shingles inside this text, none across its edges
            parts.append(mixed[offset : offset + len(hashes) - 2])
            size += len(hashes) - 2
        offset += len(hashes)
    return np.concatenate(parts), np.array(starts, dtype=np.intp)


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


_SIGNATURE_BLOCK = 64  # texts per block of `_signatures`
# datasketch's affine32 pre-mix (MurmurHash3's 32-bit finalizer), applied to every shingle
_FMIX32 = (
    np.uint32(16),
    np.uint32(0x85EBCA6B),
    np.uint32(13),
    np.uint32(0xC2B2AE35),
    np.uint32(16),
)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


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

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """One 64-bit key per band of each signature (one row each): its rows mixed together,
        salted with the band number."""
        size = self._bands * self._rows
        rows = signatures[:, :size].astype(np.uint64).reshape(-1, self._bands, self._rows)
        with np.errstate(over="ignore"):  # unsigned multiplication wraps, as a hash should
            mixed = (rows * _MIX[: self._rows]).sum(axis=2, dtype=np.uint64)
            return (mixed ^ (mixed >> np.uint64(29))) + self._salt

    def stored_hits(self, keys: np.ndarray) -> list[set[int]]:
        """The postings in the sorted buckets of each row of band keys."""
        found: list[set[int]] = [set() for _ in range(len(keys))]
        if len(self._keys):
            lo = np.searchsorted(self._keys, keys, side="left")
            hi = np.searchsorted(self._keys, keys, side="right")
            for row in np.flatnonzero((lo < hi).any(axis=1)).tolist():
                for start, stop in zip(lo[row].tolist(), hi[row].tolist(), strict=True):
                    if start < stop:
                        found[row].update(self._ids[start:stop].tolist())
        return found

    def recent_hits(self, keys: np.ndarray) -> set[int]:
        """The postings in the recent buckets of one row of band keys."""
        found: set[int] = set()
        if self._recent:
            for key in keys.tolist():
                found.update(self._recent.get(key, ()))
        return found

    def insert(self, keys: np.ndarray, posting: int) -> None:
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(posting)

    def settle(self) -> None:
        """Merge the recent buckets into the sorted ones once they are a fair share of them
        (merging re-sorts everything, so the total cost stays O(n log n)); called between
        batches, so that `stored_hits` of a batch stays valid while it is added."""
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

    def _signatures(self, texts: Sequence[str]) -> np.ndarray:
        """The MinHash signatures of many texts, one row each.

        For datasketch's default scheme (affine32) this is its `update_batch` arithmetic on
        every text at once, a few numpy calls per batch instead of a dozen per text (a test
        checks the rows against datasketch's own); other schemes go text by text."""
        if self._sketch.scheme != "affine32":
            return np.array([self._minhash(text) for text in texts])
        shingles, starts = _shingle_batch(texts)
        a, b = self._sketch.permutations
        rows = []
        # blocks of texts, so the shingle x permutation matrix stays a few MiB
        for first in range(0, len(texts), _SIGNATURE_BLOCK):
            block = starts[first : first + _SIGNATURE_BLOCK + 1]
            lo = block[0]
            hi = block[-1] if len(block) > _SIGNATURE_BLOCK else len(shingles)
            hv = _fmix32(shingles[lo:hi].astype(np.uint32))
            phv = hv[:, None] * a + b  # uint32: wraps modulo 2^32, as datasketch's does
            rows.append(np.minimum.reduceat(phv, block[:_SIGNATURE_BLOCK] - lo, axis=0))
        return np.concatenate(rows)

    def add(
        self, key: str, company: str | None, title: str, text: str, content_hash: str
    ) -> DuplicateMatch | None:
        """Register one posting; return the earlier posting it copies, if any."""
        return self.add_many([(key, company, title, text, content_hash)])[0]

    def add_many(
        self, postings: Sequence[tuple[str, str | None, str, str, str]]
    ) -> list[DuplicateMatch | None]:
        """`add` of each (key, company, title, text, content_hash), in order; the MinHash
        signatures and bucket lookups of the whole batch are computed together."""
        if not postings:
            return []
        company_ids, band_keys = self.sign_many([(p[1], p[3]) for p in postings])
        signed = [
            (key, company_id, title, content_hash)
            for (key, _, title, _, content_hash), company_id in zip(
                postings, company_ids, strict=True
            )
        ]
        return self.add_signed(signed, band_keys)

    def sign_many(self, postings: Sequence[tuple[str | None, str]]) -> tuple[list[str], np.ndarray]:
        """The signature of each (company, text): its company key and its band keys (one row
        each). What `add_signed` needs, so it can be computed where the text is at hand (the
        normalize workers) and stored instead of the text."""
        company_ids = [self._company_id(company) for company, _ in postings]
        if not postings:
            return company_ids, np.empty((0, self._index._bands), dtype=np.uint64)
        # A copy has the same company, so the company is mixed into every band key: buckets
        # then hold one company's postings, not every employer's copy of a template.
        salts = np.array([_id64(c) for c in company_ids], dtype=np.uint64)
        band_keys = self._index.band_keys(self._signatures([text for _, text in postings]))
        band_keys ^= salts[:, None]
        return company_ids, band_keys

    def add_signed(
        self, postings: Sequence[tuple[str, str, str, str]], band_keys: np.ndarray
    ) -> list[DuplicateMatch | None]:
        """`add` of each signed (key, company key, title, content_hash), in order, with its
        row of `band_keys` (from `sign_many`)."""
        if not postings:
            return []
        band_keys = np.asarray(band_keys, dtype=np.uint64)
        stored = self._index.stored_hits(band_keys)  # buckets as they were before this batch
        out: list[DuplicateMatch | None] = []
        for (key, company_id, title, content_hash), keys, hits in zip(
            postings, band_keys, stored, strict=True
        ):
            out.append(self._add(key, company_id, title, content_hash, keys, hits))
        self._index.settle()
        return out

    def _company_id(self, company: str | None) -> str:
        found = self._companies.get(company)
        if found is None:
            found = self._companies.setdefault(company, company_key(company))
        return found

    def _add(
        self,
        key: str,
        company_id: str,
        title: str,
        content_hash: str,
        band_keys: np.ndarray,
        stored: set[int],
    ) -> DuplicateMatch | None:
        posting_id = _id64(key)
        if posting_id in self._seen:
            return None  # the same posting seen again: not a copy of another one
        self._seen.add(posting_id)
        words = self._titles.get(title)
        if words is None:
            words = self._titles.setdefault(title, title_words(title))
        exact_id = _id64(f"{company_id}\n{content_hash}")
        canonical = self._exact.get(exact_id)
        if canonical is not None:
            return DuplicateMatch(key, self._canonical[canonical].key, "repost")
        candidates = stored | self._index.recent_hits(band_keys)
        for other in sorted(candidates):  # earliest first
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
    found: list[DuplicateMatch] = []
    stream = iter(postings)
    while block := list(itertools.islice(stream, BATCH)):
        found.extend(m for m in dedupe.add_many(block) if m is not None)
    return found
