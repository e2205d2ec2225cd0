"""Find postings that are copies of an earlier one: reposts and cross-source copies.

The same source id crawled twice is the same posting (same `posting_key`), not a duplicate.
Different ids are duplicates when they have the same company and the same text (a repost), or the
same company, a similar title and near-identical text (one job on two boards): MinHash over word
shingles (datasketch) with locality-sensitive hashing finds those candidates without comparing
all pairs.

Korean boards rewrite a job more than that: Wanted, Jumpit, Programmers and Saramin each wrap
it in their own intro, headings and title tags ([신입], (경력 3년 이상)), and an employer edits
or reorders bullets per board. A posting on another board (`Requirements.board`) is then still
a copy ("cross_board") when the company is the same, the titles are the same once tags and
seniority words are removed, and the requirement sections (자격요건, 우대사항) overlap: MinHash
Jaccard at a lower threshold than the body's, compared within the company only.

The pass streams, so its state must stay small: about 150 bytes per posting, plus about 250 for
each posting that is not a copy (its band hashes, in sorted numpy arrays), plus about 450 for
the cross-board match of each one with a company (32 16-bit MinHash rows per text). datasketch's own
`MinHashLSH` keeps a Python set per bucket, 2-3 KiB per posting, which is why the banding is
done here (with the same bands and rows `MinHashLSH` picks for this threshold).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import numpy as np

NUM_PERM = 64
SHINGLE = 3
BATCH = 256  # postings per `Deduplicator.add_many` call in `find_duplicates`
TEXT_THRESHOLD = 0.7  # estimated Jaccard similarity of word shingles (copies reorder bullets)
TITLE_THRESHOLD = 0.5  # Jaccard similarity of title words
# Cross-board copies: titles that agree once decorated (a company reuses one text for several
# jobs, so the title decides), and requirement text that overlaps at all (boards reorder and
# edit bullets; Programmers exports lack 자격요건). Calibrated on the corpus's Korean files.
CROSS_TITLE_THRESHOLD = 0.8
CROSS_TEXT_THRESHOLD = 0.3
_SKETCH_PERM = 32  # MinHash permutations the cross-board match keeps per text
# Boards whose copies the cross-board match looks for, by posting language: Korean boards
# rewrite a job per board; English boards mostly copy it (the body match finds those), and
# signing each posting's requirements again costs a third more dedupe time.
CROSS_BOARD_LANGUAGES = ("ko",)
_WORD = re.compile(r"\w+")
# The band keys of a text without a word (a title-only posting): never looked up nor stored.
NO_TEXT = 0
_COMPANY_NOISE = re.compile(
    r"\b(?:inc|llc|ltd|corp|co|corporation|company|gmbh|plc)\b\.?|주식회사|㈜|\(주\)|[()]", re.I
)
_TITLE_NOISE = re.compile(r"\[[^\]]*\]|\([^)]*\)|【[^】]*】")
# Title decoration boards add or drop: tags in square brackets (always: [신입], [회사명], [서울]),
# and these words anywhere or as a whole parenthesis ("(경력 3년 이상)", "(팀원)"). A
# parenthesis with any other word stays: "Software Engineer (Data)" is not "(Frontend)".
_TAGS = re.compile(r"\[[^\]]*\]|【[^】]*】|<[^>]*>")
_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_TITLE_DECORATION = frozenset({
    "신입", "경력", "경력직", "무관", "경력무관", "신입가능", "신입경력", "정규직", "채용", "모집",
    "모집중", "급구", "상시", "상시채용", "시니어", "주니어", "미들", "팀원", "년", "년차", "이상",
    "이하", "및", "senior", "sr", "junior", "jr", "mid", "level", "entry", "new", "grad", "hiring",
    "urgent", "experienced", "years", "yrs",
})  # fmt: skip
_YEARS = re.compile(r"\d+(?:년차?|년|yrs?|years?|\+)?")


def dedupe_text(section_text: Mapping[str, str | None]) -> str:
    """The text that identifies a job: duties and requirements, since boards wrap one job in
    different intros and benefits; the rest only when a posting has nothing else."""
    demand = "\n".join(
        filter(None, (section_text.get(s) for s in ("duties", "required", "preferred")))
    )
    return demand or (section_text.get("other") or "")


def requirements(
    section_text: Mapping[str, str | None],
    source: str,
    source_label: str | None,
    url: str | None,
    language: str | None = None,
) -> Requirements | None:
    """What the cross-board match compares of a posting (its board and requirement sections),
    or None for a posting in a language whose boards it does not cover."""
    if language is not None and language not in CROSS_BOARD_LANGUAGES:
        return None
    return Requirements(
        board_of(source, source_label, url),
        section_text.get("required") or "",
        section_text.get("preferred") or "",
    )


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


def _decoration(word: str) -> bool:
    return word in _TITLE_DECORATION or bool(_YEARS.fullmatch(word))


def cross_title(title: str) -> tuple[str, frozenset[str]]:
    """A title as boards agree on it, and its words: "[신입] 데이터 엔지니어 (경력 무관)" and
    "데이터엔지니어" -> ("데이터엔지니어", …). Square-bracket tags go, a parenthesis of
    decoration words goes, seniority and experience words go, case and punctuation go."""
    text = _TAGS.sub(" ", unicodedata.normalize("NFKC", title).lower())

    def parenthesis(match: re.Match[str]) -> str:
        words = _WORD.findall(match.group(1))
        return " " if all(_decoration(w) for w in words) else f" {match.group(1)} "

    words = [w for w in _WORD.findall(_PARENTHESIS.sub(parenthesis, text)) if not _decoration(w)]
    return "".join(words), frozenset(words)


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
    # "repost" (same company and text), "near_duplicate" (MinHash over the text) or
    # "cross_board" (another board: same company and title, overlapping requirements)
    method: str


@dataclass(frozen=True, slots=True)
class Requirements:
    """What the cross-board match reads of a posting: the board it was found on (a URL host, an
    import label or a source family) and its requirement sections."""

    board: str
    required: str = ""
    preferred: str = ""


# A posting for `Deduplicator.add_many`: (key, company, title, text, content_hash), with its
# `Requirements` as a sixth item when it may be a copy from another board.
Posting = (
    tuple[str, str | None, str, str, str]
    | tuple[str, str | None, str, str, str, Requirements | None]
)


@dataclass(frozen=True, slots=True)
class _Listed:
    """A canonical posting as the cross-board match keeps it (about 450 bytes): its board, its
    title as boards agree on it, and MinHash rows of its required, preferred and both sections
    and of its whole text (what the body match signs), with a bit for each row it has."""

    index: int  # in Deduplicator._canonical
    board: str
    title: str
    words: frozenset[str]
    sketch: np.ndarray  # (4, _SKETCH_PERM) uint16
    present: int  # bit i set when row i has text


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


# MinHashLSH's bands and rows for (threshold, permutations), which datasketch finds by
# numerical integration: importing it (and scipy with it) costs each process about 50 MiB and
# a second and a half, for two numbers. The ones the pipeline uses are listed (a test checks
# them against datasketch); others are asked of datasketch.
_LSH_PARAMS = {(TEXT_THRESHOLD, NUM_PERM): (8, 8)}


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) of `datasketch.MinHashLSH(threshold, num_perm)`."""
    known = _LSH_PARAMS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """`datasketch.MinHash(num_perm, seed).permutations` of its default scheme (affine32),
    drawn as datasketch draws them: h -> a * h + b modulo 2^32, `a` odd."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


class Deduplicator:
    """Feed postings in canonical-first order; each call says what the posting duplicates."""

    def __init__(self, threshold: float = TEXT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self._index = _BandIndex(*lsh_params(threshold, num_perm))
        self._seen: set[int] = set()
        self._exact: dict[int, int] = {}  # id of (company, content hash) -> canonical posting
        self._canonical: list[_Canonical] = []
        self._titles: dict[str, frozenset[str]] = {}  # titles repeat: one set per title
        self._companies: dict[str | None, str] = {}
        # The shingles come hashed already (see _shingles; the affine scheme mixes each hash
        # again): the default SHA-1 per shingle in Python was most of the dedupe time.
        self._permutations = permutations(num_perm)
        self._boards: dict[str, list[_Listed]] = {}  # company -> its canonical postings
        self._cross_titles: dict[str, tuple[str, frozenset[str]]] = {}

    def _signatures(self, texts: Sequence[str]) -> np.ndarray:
        """The MinHash signatures of many texts, one row each: datasketch's `update_batch`
        arithmetic (its default scheme, affine32) on every text at once, a few numpy calls per
        batch instead of a dozen per text (a test checks the rows against datasketch's own)."""
        shingles, starts = _shingle_batch(texts)
        a, b = self._permutations
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
        self,
        key: str,
        company: str | None,
        title: str,
        text: str,
        content_hash: str,
        requirements: Requirements | None = None,
    ) -> DuplicateMatch | None:
        """Register one posting; return the earlier posting it copies, if any."""
        return self.add_many([(key, company, title, text, content_hash, requirements)])[0]

    def add_many(self, postings: Sequence[Posting]) -> list[DuplicateMatch | None]:
        """`add` of each (key, company, title, text, content_hash[, requirements]), in order;
        the MinHash signatures and bucket lookups of the whole batch are computed together."""
        if not postings:
            return []
        company_ids = [self._company_id(p[1]) for p in postings]
        signatures = self._signatures([p[3] for p in postings])
        band_keys = self._band_keys(company_ids, signatures, [p[3] for p in postings])
        listed = self._listings(
            [(p[2], p[3], p[5] if len(p) > 5 else None) for p in postings],
            company_ids,
            signatures,
        )
        signed = [
            (p[0], company_id, p[2], p[4])
            for p, company_id in zip(postings, company_ids, strict=True)
        ]
        return self._add_signed(signed, band_keys, listed)

    def sign_many(self, postings: Sequence[tuple[str | None, str]]) -> tuple[list[str], np.ndarray]:
        """The signature of each (company, text): its company key and its band keys (one row
        each). What `add_signed` needs, so it can be computed where the text is at hand (the
        normalize workers) and stored instead of the text."""
        company_ids = [self._company_id(company) for company, _ in postings]
        if not postings:
            return company_ids, np.empty((0, self._index._bands), dtype=np.uint64)
        texts = [text for _, text in postings]
        return company_ids, self._band_keys(company_ids, self._signatures(texts), texts)

    def _band_keys(
        self, company_ids: list[str], signatures: np.ndarray, texts: Sequence[str]
    ) -> np.ndarray:
        # A copy has the same company, so the company is mixed into every band key: buckets
        # then hold one company's postings, not every employer's copy of a template.
        salts = np.array([_id64(c) for c in company_ids], dtype=np.uint64)
        band_keys = self._index.band_keys(signatures)
        band_keys ^= salts[:, None]
        # A text without a word (a title-only posting's) signs like every other one: its row
        # is all NO_TEXT, which `_add` neither looks up nor stores (no near-duplicate match).
        for row, text in enumerate(texts):
            if not _WORD.search(text):
                band_keys[row] = NO_TEXT
        return band_keys

    def add_signed(
        self,
        postings: Sequence[tuple[str, str, str, str]],
        band_keys: np.ndarray,
        cross: Sequence[tuple[str, Requirements | None] | None] | None = None,
    ) -> list[DuplicateMatch | None]:
        """`add` of each signed (key, company key, title, content_hash), in order, with its
        row of `band_keys` (from `sign_many`). `cross`: for each posting, its text and its
        `Requirements` when it may be a copy from another board (else None); only those
        postings' text is read again."""
        if not postings:
            return []
        listed: list[_Listed | None] = [None] * len(postings)
        chosen = [
            i
            for i, c in enumerate(cross or ())
            if c is not None and c[1] is not None and postings[i][1]
        ]
        if chosen and cross is not None:
            picked = [cast(tuple[str, Requirements], cross[i]) for i in chosen]
            found = self._listings(
                [
                    (postings[i][2], text, need)
                    for i, (text, need) in zip(chosen, picked, strict=True)
                ],
                [postings[i][1] for i in chosen],
                self._signatures([text for text, _ in picked]),
            )
            for i, listing in zip(chosen, found, strict=True):
                listed[i] = listing
        return self._add_signed(postings, band_keys, listed)

    def _add_signed(
        self,
        postings: Sequence[tuple[str, str, str, str]],
        band_keys: np.ndarray,
        listed: Sequence[_Listed | None],
    ) -> list[DuplicateMatch | None]:
        band_keys = np.asarray(band_keys, dtype=np.uint64)
        stored = self._index.stored_hits(band_keys)  # buckets as they were before this batch
        out: list[DuplicateMatch | None] = []
        for (key, company_id, title, content_hash), keys, hits, listing in zip(
            postings, band_keys, stored, listed, strict=True
        ):
            out.append(self._add(key, company_id, title, content_hash, keys, hits, listing))
        self._index.settle()
        return out

    def _listings(
        self,
        postings: Sequence[tuple[str, str, Requirements | None]],
        company_ids: list[str],
        texts: np.ndarray,
    ) -> list[_Listed | None]:
        """How the cross-board match sees each (title, text, requirements) of a batch: None
        without requirements or a company (then nothing says two boards' postings are one
        employer's). `texts`: the signatures of the postings' texts, computed for the body
        match already."""
        chosen = [
            i
            for i, (posting, company) in enumerate(zip(postings, company_ids, strict=True))
            if company and posting[2] is not None
        ]
        out: list[_Listed | None] = [None] * len(postings)
        if not chosen:
            return out
        needs = [cast(Requirements, postings[i][2]) for i in chosen]
        required = self._signatures([n.required for n in needs])
        preferred = self._signatures([n.preferred for n in needs])
        for row, (i, need) in enumerate(zip(chosen, needs, strict=True)):
            has = (bool(_WORD.search(need.required)), bool(_WORD.search(need.preferred)))
            if all(has):  # the MinHash of a union is the element-wise minimum of the parts'
                both = np.minimum(required[row], preferred[row])
            else:
                both = required[row] if has[0] else preferred[row]
            rows = np.stack([required[row], preferred[row], both, texts[i]])
            present = has[0] | has[1] << 1 | any(has) << 2 | bool(_WORD.search(postings[i][1])) << 3
            title = postings[i][0]
            words = self._cross_titles.get(title)
            if words is None:
                words = self._cross_titles.setdefault(title, cross_title(title))
            # 32 permutations of 16 bits each: enough to tell 0.3 from 0.0, at an eighth the size
            sketch = rows[:, :_SKETCH_PERM].astype(np.uint16)
            out[i] = _Listed(-1, need.board, words[0], words[1], sketch, present)
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
        listing: _Listed | None = None,
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
        textless = not band_keys.any()  # NO_TEXT: nothing to compare the text of
        candidates = set() if textless else stored | self._index.recent_hits(band_keys)
        for other in sorted(candidates):  # earliest first
            earlier = self._canonical[other]
            if earlier.company == company_id and _jaccard(earlier.title, words) >= TITLE_THRESHOLD:
                # Later reposts of this text point at the canonical posting, never at a copy.
                self._exact[exact_id] = other
                return DuplicateMatch(key, earlier.key, "near_duplicate")
        if listing is not None:
            for earlier_listing in self._boards.get(company_id, ()):  # earliest first
                if _same_job_elsewhere(earlier_listing, listing):
                    self._exact[exact_id] = earlier_listing.index
                    return DuplicateMatch(
                        key, self._canonical[earlier_listing.index].key, "cross_board"
                    )
            self._boards.setdefault(company_id, []).append(
                dataclasses.replace(listing, index=len(self._canonical))
            )
        self._exact[exact_id] = len(self._canonical)
        if not textless:
            self._index.insert(band_keys, len(self._canonical))
        self._canonical.append(_Canonical(key, company_id, words))
        return None


def _same_job_elsewhere(earlier: _Listed, later: _Listed) -> bool:
    """Another board, the same title once decorated, and requirement text that overlaps."""
    if earlier.board == later.board:
        return False
    if earlier.title != later.title and _jaccard(earlier.words, later.words) < (
        CROSS_TITLE_THRESHOLD
    ):
        return False
    return cross_similarity(earlier, later) >= CROSS_TEXT_THRESHOLD


def cross_similarity(a: _Listed, b: _Listed) -> float:
    """Estimated Jaccard of two postings' requirements: the best of required vs required,
    preferred vs preferred, both vs both and whole text vs whole text, since boards file
    bullets under different headings, lack one (Programmers exports have no 자격요건) or find
    none (a body whose headings the splitter missed)."""
    shared = a.present & b.present
    if not shared:
        return 0.0
    agree = (a.sketch == b.sketch).mean(axis=1)
    return float(max(agree[row] for row in range(4) if shared >> row & 1))


def board_of(source: str, source_label: str | None, url: str | None) -> str:
    """The board a posting was found on: its URL's host (wanted.co.kr, jumpit.saramin.co.kr),
    else the label of the imported file, else the source family."""
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return source_label or source


def find_duplicates(postings: Iterable[Posting]) -> list[DuplicateMatch]:
    """Duplicates among (key, company, title, text, content_hash[, requirements]), earliest
    first wins."""
    dedupe = Deduplicator()
    found: list[DuplicateMatch] = []
    stream = iter(postings)
    while block := list(itertools.islice(stream, BATCH)):
        found.extend(m for m in dedupe.add_many(block) if m is not None)
    return found
