"""Postings with a title and no body text: normalized from the title alone (`text_status`
"title_only"), not quarantined; a record with nothing to read at all still is."""

from __future__ import annotations

import pytest

from pipelines.models import FULL_TEXT, TITLE_ONLY, NormalizedPosting, Quarantined
from pipelines.models import QuarantineReason as Q
from pipelines.normalize import content_hash, normalize, read_lines, usable_title


def text_record(title: str, description: str, sid: str = "t1", company: str = "Pinecrest"):
    return {
        "source": "text",
        "source_posting_id": sid,
        "payload": {"title": title, "company": company, "description": description},
    }


def test_a_korean_title_without_body_is_read_from_its_title(taxonomy):
    p = normalize(text_record("[경력 3년 이상] 데이터 엔지니어 채용", ""), taxonomy)
    assert isinstance(p, NormalizedPosting)
    assert p.text_status == TITLE_ONLY
    assert (p.role, p.in_scope) == ("data_engineer", True)
    assert (p.language, p.country) == ("ko", "KR")
    assert p.skills == ()
    assert p.min_years == 3  # the experience reader already reads titles
    assert p.degree_min is None
    assert p.text_length == 0
    assert set(p.section_text.values()) == {""}


def test_a_short_line_beside_the_title_is_left_out(taxonomy):
    # "apply on our homepage": under the 30-character threshold, not the posting's text
    p = normalize(
        text_record("신입 데이터 분석가 모집", "<p>홈페이지에서 지원 바랍니다</p>"), taxonomy
    )
    assert isinstance(p, NormalizedPosting) and p.text_status == TITLE_ONLY
    assert p.role == "data_analyst"
    assert p.newcomer_ok is True
    assert p.skills == () and p.text_length == 0


def test_an_english_title_without_body_keeps_its_structured_salary(taxonomy):
    record = {
        "source": "jsonld",
        "source_posting_id": "harbor:77",
        "payload": {
            "@type": "JobPosting",
            "title": "Machine Learning Engineer, Search",
            "description": "<div>&nbsp;</div>",
            "hiringOrganization": {"name": "Harbor Freight Analytics"},
            "baseSalary": {
                "currency": "USD",
                "value": {"minValue": 140000, "maxValue": 170000, "unitText": "YEAR"},
            },
        },
    }
    p = normalize(record, taxonomy)
    assert isinstance(p, NormalizedPosting) and p.text_status == TITLE_ONLY
    assert (p.role, p.in_scope, p.language) == ("ml_engineer", True, "en")
    assert p.skills == ()
    assert (p.min_years, p.max_years, p.newcomer_ok, p.degree_min) == (None, None, None, None)
    assert (p.salary_min, p.salary_max, p.salary_currency) == (140000, 170000, "USD")
    assert p.to_record()["text_status"] == TITLE_ONLY


def test_an_out_of_scope_title_is_still_counted_as_a_posting(taxonomy):
    p = normalize(text_record("Office Manager", ""), taxonomy)
    assert isinstance(p, NormalizedPosting) and p.text_status == TITLE_ONLY
    assert p.in_scope is False


def test_a_posting_with_text_is_full(taxonomy):
    body = "You will build pipelines in Python and SQL for our analytics team, every day."
    p = normalize(text_record("Data Engineer", body), taxonomy)
    assert isinstance(p, NormalizedPosting) and p.text_status == FULL_TEXT


def test_title_only_postings_hash_their_title_not_the_empty_text(taxonomy):
    a = normalize(text_record("Data Engineer", "", "a"), taxonomy)
    b = normalize(text_record("Data Scientist", "", "b"), taxonomy)
    again = normalize(text_record("data  engineer", "", "c"), taxonomy)
    assert a.content_hash != b.content_hash
    assert a.content_hash == again.content_hash  # same words: a repost
    assert a.content_hash != content_hash("")
    assert read_lines(text_record("Data Engineer", ""), taxonomy) == []


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("#1024", ""),  # no letter: nothing to classify
        ("— / —", "<p></p>"),
        ("\ufffd\ufffd 엔지니어", ""),  # decoded wrongly
    ],
)
def test_without_a_usable_title_an_empty_record_stays_quarantined(taxonomy, title, description):
    result = normalize(text_record(title, description), taxonomy)
    assert isinstance(result, Quarantined)
    assert result.reason is Q.EMPTY_TEXT


def test_other_quarantine_reasons_still_come_first(taxonomy):
    error = {
        "source": "jsonld",
        "source_posting_id": "x",
        "payload": {"code": "404", "message": "not found", "data": None},
    }
    assert normalize(error, taxonomy).reason is Q.ERROR_BODY
    garbled = text_record("Data Engineer", "\ufffd" * 12)
    assert normalize(garbled, taxonomy).reason is Q.UNDECODABLE_TEXT
    untitled = {"source": "text", "source_posting_id": "y", "payload": {"description": ""}}
    assert normalize(untitled, taxonomy).reason is Q.MISSING_FIELD


@pytest.mark.parametrize(
    ("title", "usable"),
    [("AI 연구원", True), ("Analyst", True), ("12345", False), ("()", False), ("", False)],
)
def test_usable_title(title, usable):
    assert usable_title(title) is usable


def test_title_only_postings_are_never_near_duplicates_of_each_other(taxonomy):
    from pipelines.dedupe import Deduplicator, find_duplicates

    titles = ["Data Engineer", "Senior Data Engineer", "Data Engineer (Platform)"]
    postings = [normalize(text_record(t, "", f"p{i}"), taxonomy) for i, t in enumerate(titles)]
    rows = [(p.posting_key, p.company, p.title, "", p.content_hash) for p in postings]
    assert find_duplicates(rows) == []
    # signed apart (as the warehouse does) the same holds
    dedupe = Deduplicator()
    companies, bands = dedupe.sign_many([(p.company, "") for p in postings])
    assert not bands.any()
    signed = [
        (p.posting_key, c, p.title, p.content_hash)
        for p, c in zip(postings, companies, strict=True)
    ]
    assert dedupe.add_signed(signed, bands) == [None, None, None]


def test_a_title_only_repost_is_still_a_repost(taxonomy):
    from pipelines.dedupe import find_duplicates

    first, second = (normalize(text_record("AI 연구원", "", sid), taxonomy) for sid in "ab")
    rows = [(p.posting_key, p.company, p.title, "", p.content_hash) for p in (first, second)]
    (match,) = find_duplicates(rows)
    assert (match.duplicate_of, match.method) == (first.posting_key, "repost")
