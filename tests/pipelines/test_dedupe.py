"""Dedupe: reposts and cross-source copies point at the earliest posting."""

from __future__ import annotations

from pipelines.dedupe import company_key, find_duplicates, title_words

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
