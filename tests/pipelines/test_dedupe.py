"""Dedupe: reposts and cross-source copies point at the earliest posting."""

from __future__ import annotations

import random

import numpy as np
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
