"""Dedupe: reposts and cross-source copies point at the earliest posting."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from pipelines.dedupe import (
    NUM_PERM,
    Deduplicator,
    _shingles,
    company_key,
    find_duplicates,
    title_words,
)

TEXT = (
    "Northwind moves groceries across three countries and wants to predict demand per store. "
    "You will design batch and streaming pipelines that feed forecasting models, own the "
    "warehouse schemas analysts query every morning, and keep late-arriving events honest. "
    "We ask for solid SQL, Python, and experience operating Airflow or a similar scheduler; "
    "Kafka and dbt help. You will pair with data scientists on feature definitions, review "
    "their notebooks for leakage, and turn prototypes into jobs that survive holidays. "
    "Remote within Korea is fine, with one week a quarter together in Seoul."
)


def test_repost_same_company_same_text():
    found = find_duplicates(
        [
            ("a", "Acme Inc.", "Data Engineer", TEXT, "h1"),
            ("b", "ACME", "Data Engineer", TEXT, "h1"),
        ]
    )
    assert [(m.posting_key, m.duplicate_of, m.method) for m in found] == [("b", "a", "repost")]


def test_cross_source_copy_with_small_edits():
    edited = TEXT.replace("Kafka and dbt help.", "dbt and Kafka help.").replace("  ", " ")
    found = find_duplicates(
        [
            ("wanted:1", "(주)에이크미", "[경력] 데이터 엔지니어 (3년+)", TEXT, "h1"),
            ("jumpit:9", "에이크미", "데이터 엔지니어", edited, "h2"),
        ]
    )
    assert [(m.posting_key, m.duplicate_of, m.method) for m in found] == [
        ("jumpit:9", "wanted:1", "near_duplicate")
    ]


def test_same_text_at_another_company_is_not_a_duplicate():
    assert (
        find_duplicates(
            [
                ("a", "Acme", "Data Engineer", TEXT, "h1"),
                ("b", "Globex", "Data Engineer", TEXT, "h1"),
            ]
        )
        == []
    )


def test_different_jobs_at_one_company_are_not_duplicates():
    other = TEXT.replace("We build", "You will sell").replace(
        "data pipelines and models", "customers"
    )
    assert (
        find_duplicates(
            [
                ("a", "Acme", "Data Engineer", TEXT, "h1"),
                ("b", "Acme", "Account Executive", other, "h2"),
            ]
        )
        == []
    )


def test_the_same_key_again_is_not_a_copy_of_itself():
    assert find_duplicates([("a", "Acme", "X", TEXT, "h1"), ("a", "Acme", "X", TEXT, "h1")]) == []


def test_chains_point_at_the_canonical_posting():
    found = find_duplicates(
        [
            ("a", "Acme", "Data Engineer", TEXT, "h1"),
            ("b", "Acme", "Data Engineer", TEXT.replace("holidays", "peak season"), "h2"),
            ("c", "Acme", "Data Engineer", TEXT.replace("holidays", "peak season"), "h2"),
        ]
    )
    assert {m.posting_key: m.duplicate_of for m in found} == {"b": "a", "c": "a"}


def test_keys():
    assert company_key("Acme, Inc.") == company_key("ACME") == "acme"
    assert company_key("(주)에이크미") == company_key("에이크미 주식회사") == "에이크미"
    assert title_words("[경력] ML Engineer (3년+)") == {"ml", "engineer"}


def _stream(size: int) -> list[tuple[str, str, str, str, str]]:
    """Postings at a few companies: new jobs, reposts, edited copies and repeated keys."""
    rng = random.Random(3)
    sentences = TEXT.split(". ")
    jobs: list[tuple[str, str, str, str, str]] = []
    for i in range(size):
        company = f"Company {i % 5}"
        kind = rng.random()
        if jobs and kind < 0.2:  # an edited copy of an earlier job
            key, company, title, text, _ = rng.choice(jobs)
            jobs.append((f"copy-{i}", company, title, text.replace("honest", "correct"), f"e{i}"))
        elif jobs and kind < 0.3:  # a repost, or the same posting crawled again
            key, company, title, text, content = rng.choice(jobs)
            jobs.append((key if kind < 0.25 else f"repost-{i}", company, title, text, content))
        else:  # a new job: its own sentences, in its own order
            text = ". ".join(rng.sample(sentences, 4)) + f" Team {i}."
            jobs.append((f"job-{i}", company, f"Engineer {i % 3}", text, f"h{i}"))
    return jobs


def test_batches_find_what_one_at_a_time_finds():
    postings = _stream(300)
    one, many = Deduplicator(), Deduplicator()
    for dedupe in (one, many):
        dedupe._index._merge_every = 16  # merge the buckets often, inside and between batches
    singly = [one.add(*p) for p in postings]
    batched = [
        m for start in range(0, 300, 37) for m in many.add_many(postings[start : start + 37])
    ]
    assert batched == singly
    methods = {m.method for m in singly if m is not None}
    assert methods == {"repost", "near_duplicate"}


def test_batch_signatures_are_datasketch_minhashes():
    texts = [p[3] for p in _stream(80)]  # more than one block of `_signatures`
    texts += ["", "one", "two words", "a b c", "a b c d"]
    expected = []
    for text in texts:
        sketch = MinHash(num_perm=NUM_PERM, hashfunc=int)
        sketch.update_batch(_shingles(text))
        expected.append(sketch.hashvalues)
    assert np.array_equal(Deduplicator()._signatures(texts), np.array(expected))


def test_listed_lsh_params_and_permutations_are_datasketch_own():
    from datasketch import MinHashLSH

    from pipelines.dedupe import _LSH_PARAMS, lsh_params, permutations

    for threshold, num_perm in [*_LSH_PARAMS, (0.5, 32)]:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert lsh_params(threshold, num_perm) == (lsh.b, lsh.r)
    for num_perm in (NUM_PERM, 32):
        a, b = MinHash(num_perm=num_perm, hashfunc=int).permutations
        ours = permutations(num_perm)
        assert np.array_equal(ours[0], a) and np.array_equal(ours[1], b)
        assert ours[0].dtype == a.dtype and ours[1].dtype == b.dtype


# --- cross-board copies: one invented job on Wanted and on Jumpit -----------------------------

# One invented job as Wanted's job detail and Jumpit's position detail carry it (own intros,
# title tags, reordered and reworded bullets), and another job of the same company on Jumpit.
_BOARDS = json.loads((Path(__file__).parent.parent / "fixtures" / "cross_board.json").read_text())
WANTED_JOB, JUMPIT_JOB, JUMPIT_OTHER_JOB = (
    _BOARDS["wanted"], _BOARDS["jumpit"], _BOARDS["jumpit_other_job"]
)  # fmt: skip


def _entry(posting, with_board=True):
    from pipelines.dedupe import dedupe_text, requirements

    need = requirements(
        posting.section_text, posting.source, posting.source_label, posting.url, posting.language
    )
    entry = (
        posting.posting_key,
        posting.company,
        posting.title,
        dedupe_text(posting.section_text),
        posting.content_hash,
    )
    return (*entry, need) if with_board else entry


def _normalized(taxonomy, *records):
    from pipelines.normalize import normalize

    return [normalize(r, taxonomy) for r in records]


def test_one_job_on_wanted_and_jumpit_is_one_posting(taxonomy):
    wanted, jumpit = _normalized(taxonomy, WANTED_JOB, JUMPIT_JOB)
    # Each board wraps the job in its own intro and edits the bullets: the body match misses it.
    assert find_duplicates([_entry(wanted, False), _entry(jumpit, False)]) == []
    found = find_duplicates([_entry(wanted), _entry(jumpit)])
    assert [(m.posting_key, m.duplicate_of, m.method) for m in found] == [
        (jumpit.posting_key, wanted.posting_key, "cross_board")
    ]


def test_another_job_at_the_same_company_is_not_merged(taxonomy):
    wanted, jumpit, other = _normalized(taxonomy, WANTED_JOB, JUMPIT_JOB, JUMPIT_OTHER_JOB)
    found = find_duplicates([_entry(wanted), _entry(other), _entry(jumpit)])
    assert {(m.posting_key, m.duplicate_of) for m in found} == {
        (jumpit.posting_key, wanted.posting_key)
    }


def test_the_same_title_on_the_same_board_is_two_openings(taxonomy):
    from pipelines.dedupe import Requirements

    wanted, jumpit = _normalized(taxonomy, WANTED_JOB, JUMPIT_JOB)
    entries = [_entry(wanted), _entry(jumpit)]
    # as if both had been found on one board: only the body match may merge them, and it does not
    same_board = [
        (*e[:5], Requirements("wanted.co.kr", e[5].required, e[5].preferred)) for e in entries
    ]
    assert find_duplicates(same_board) == []


def test_requirements_that_do_not_overlap_are_not_a_copy(taxonomy):
    from pipelines.dedupe import Requirements

    wanted, jumpit = _normalized(taxonomy, WANTED_JOB, JUMPIT_JOB)
    first, second = _entry(wanted), _entry(jumpit)
    unrelated = Requirements(
        second[5].board, "영상 편집 툴을 능숙하게 다루는 분", "광고 캠페인을 기획해 본 경험"
    )
    text = "촬영 현장을 조율하고 편집본을 검수합니다. 광고 캠페인 일정에 맞춰 결과물을 냅니다."
    assert find_duplicates([first, (*second[:3], text, second[4], unrelated)]) == []


def test_a_posting_without_a_company_is_never_a_cross_board_copy(taxonomy):
    wanted, jumpit = _normalized(taxonomy, WANTED_JOB, JUMPIT_JOB)
    first, second = _entry(wanted), _entry(jumpit)
    assert find_duplicates([(first[0], None, *first[2:]), (second[0], None, *second[2:])]) == []


@pytest.mark.parametrize(
    ("title", "other", "same"),
    [
        ("[신입] 데이터 엔지니어 (경력 무관)", "데이터엔지니어", True),
        ("[노을바이트] 백엔드 개발자 - 추천", "백엔드 개발자 / 추천", True),
        ("Senior ML Engineer (5+ years)", "ML Engineer", True),
        ("MLOps 엔지니어 (경력 3년 이상)", "시니어 MLOps 엔지니어", True),
        ("Software Engineer (Data)", "Software Engineer (Frontend)", False),
        ("백엔드 개발자", "프론트엔드 개발자", False),
    ],
)
def test_cross_board_titles(title, other, same):
    from pipelines.dedupe import cross_title

    assert (cross_title(title)[0] == cross_title(other)[0]) is same


def test_the_board_is_the_host_then_the_label_then_the_source():
    from pipelines.dedupe import board_of

    assert board_of("csv", "kr_2025", "https://www.wanted.co.kr/wd/1") == "wanted.co.kr"
    assert board_of("jumpit", None, "https://jumpit.saramin.co.kr/position/2") == (
        "jumpit.saramin.co.kr"
    )
    assert board_of("csv", "programmers_2024", None) == "programmers_2024"
    assert board_of("wanted", None, None) == "wanted"


def test_cross_board_copies_are_looked_for_among_korean_postings_only():
    from pipelines.dedupe import requirements

    sections = {"required": "Python 3년 이상", "preferred": "Airflow 경험"}
    assert requirements(sections, "wanted", None, None, "ko").board == "wanted"
    assert requirements(sections, "greenhouse", None, None, "en") is None
