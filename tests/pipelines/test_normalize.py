"""normalize(): CONTRACT §3 records, and a quarantine reason for every kind of bad input."""

from __future__ import annotations

import json

import pytest

from pipelines.models import NormalizedPosting, Quarantined, QuarantineReason
from pipelines.normalize import normalize, normalize_batch, normalize_line, posting_key

CONTRACT_FIELDS = {
    "posting_key", "source", "source_posting_id", "url", "title", "company", "language", "country",
    "posted_at", "in_scope", "role", "specializations", "skills", "min_years", "max_years",
    "newcomer_ok", "degree_min", "salary_min", "salary_max", "salary_currency", "salary_period",
    "duplicate_of", "taxonomy_version",
}  # fmt: skip

KOREAN = {
    "source": "wanted",
    "source_posting_id": "900001",
    "url": "https://www.wanted.co.kr/wd/900001",
    "fetched_at": "2026-11-20T03:12:09Z",
    "crawl_id": "test",
    "payload": {
        "id": 900001,
        "position": "MLOps 엔지니어 (경력 3년 이상)",
        "company": {"name": "테스트랩"},
        "address": {"full_location": "서울 성동구"},
        "detail": {
            "intro": "우리는 물류 데이터를 다룹니다. 임직원 Python 교육을 지원합니다.",
            "main_tasks": "• 모델 학습 파이프라인 구축\n• 쿠버네티스 기반 모델 서빙",
            "requirements": "• 파이썬을 이용한 개발 경험\n• 도커와 쿠버네티스 운영 경험\n• 학사 이상\n• MLflow 경험자 우대",
            "preferred_points": "• 논문 게재 경험",
            "benefits": "• 연봉 6,000만원 ~ 8,000만원",
        },
    },
}
ENGLISH = {
    "source": "text",
    "source_posting_id": "t-1",
    "url": "",
    "fetched_at": "2026-11-20T03:12:09Z",
    "crawl_id": "test",
    "payload": {
        "title": "Senior Data Scientist",
        "company": "Northwind",
        "location": "Austin, TX",
        "posted_at": "2026-10-02",
        "description": "<h3>What you'll do</h3><ul><li>Design A/B tests</li></ul>"
        "<h3>Requirements</h3><ul><li>5+ years of experience with Python and SQL</li>"
        "<li>MS or PhD in Statistics</li></ul><h3>Nice to have</h3><ul><li>Spark</li></ul>"
        "<p>Salary: $150,000 - $180,000</p>",
    },
}


def test_korean_posting(taxonomy):
    p = normalize(KOREAN, taxonomy)
    assert isinstance(p, NormalizedPosting)
    assert set(p.to_record()) >= CONTRACT_FIELDS
    assert (p.language, p.country, p.role, p.in_scope) == ("ko", "KR", "mlops_engineer", True)
    assert (p.min_years, p.newcomer_ok, p.degree_min) == (3, False, "bachelor")
    by_section = {(s.id, s.section) for s in p.skills}
    assert {
        ("python", "required"),
        ("docker", "required"),
        ("kubernetes", "required"),
    } <= by_section
    assert ("mlflow", "preferred") in by_section
    assert ("publications", "preferred") in by_section
    assert ("python", "other") in by_section  # the training benefit is not demand
    assert (p.salary_min, p.salary_max, p.salary_currency) == (60_000_000, 80_000_000, "KRW")
    assert p.posting_key == posting_key("wanted", "900001")
    assert p.taxonomy_version == taxonomy.version


def test_english_posting(taxonomy):
    p = normalize(ENGLISH, taxonomy)
    assert (p.language, p.country, p.role, p.posted_at) == (
        "en",
        "US",
        "data_scientist",
        "2026-10-02",
    )
    assert (p.min_years, p.degree_min) == (5, "master")
    assert {(s.id, s.section) for s in p.skills} >= {
        ("ab_testing", "duties"),
        ("python", "required"),
        ("sql", "required"),
        ("spark", "preferred"),
    }
    # "MS or PhD in Statistics" names a field of study, not the skill (CONTRACT §7)
    assert "statistics" not in {s.id for s in p.skills}
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        150_000,
        180_000,
        "USD",
        "year",
    )


def test_the_record_is_json_ready(taxonomy):
    record = normalize(ENGLISH, taxonomy).to_record()
    assert json.loads(json.dumps(record))["skills"][0].keys() == {"id", "section", "evidence"}


BAD_LINES = [
    (
        b'{"source": "text", "source_posting_id": "1", "payload": {"title": "x"',
        QuarantineReason.MALFORMED_JSON,
    ),
    (b"[1, 2]", QuarantineReason.MALFORMED_JSON),
    (
        '{"source": "text", "source_posting_id": "1", "payload": {"title": "데이터"}}'.encode(
            "euc-kr"
        ),
        QuarantineReason.UNDECODABLE_TEXT,
    ),
    (b'{"source": "text", "payload": {"title": "x"}}', QuarantineReason.MISSING_FIELD),
    (
        b'{"source": "text", "source_posting_id": "1", "payload": {"description": "long enough text to read here"}}',
        QuarantineReason.MISSING_FIELD,
    ),
    (
        b'{"source": "indeed", "source_posting_id": "1", "payload": {"title": "x"}}',
        QuarantineReason.UNKNOWN_SOURCE,
    ),
    (
        b'{"source": "jsonld", "source_posting_id": "1", "payload": {"code": "9002", "message": "gone", "data": null}}',
        QuarantineReason.ERROR_BODY,
    ),
    (
        b'{"source": "text", "source_posting_id": "1", "payload": {"title": "#42 - 2026", "description": "<p> </p>"}}',
        QuarantineReason.EMPTY_TEXT,  # no body text, and no word in the title to read
    ),
    (
        b'{"source": "text", "source_posting_id": "1", "encoding": "x-klingon", "payload": {"title": "x", "description": "y"}}',
        QuarantineReason.UNDECODABLE_TEXT,
    ),
    (
        '{"source": "text", "source_posting_id": "1", "payload": {"title": "x", "description": "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd text"}}'.encode(),
        QuarantineReason.UNDECODABLE_TEXT,
    ),
]


@pytest.mark.parametrize("line, reason", BAD_LINES)
def test_bad_input_is_quarantined_with_its_reason(taxonomy, line, reason):
    result = normalize_line(line, taxonomy)
    assert isinstance(result, Quarantined)
    assert result.reason is reason
    assert result.detail
    assert result.to_record()["record"] is not None


def test_normalize_never_raises_on_odd_payload_types(taxonomy):
    odd = {
        "source": "greenhouse",
        "source_posting_id": "1",
        "payload": {"title": ["not", "a", "string"], "content": 5},
    }
    assert isinstance(normalize(odd, taxonomy), Quarantined)


def test_a_batch_gives_what_each_line_alone_gives(taxonomy):
    # Stages run over the whole batch; quarantined lines drop out at different stages and
    # every result must still land at its own line's place.
    good = [json.dumps(r, ensure_ascii=False).encode() for r in (KOREAN, ENGLISH)]
    lines = [
        line
        for pair in zip(good * 5, (line for line, _ in BAD_LINES), strict=True)
        for line in pair
    ]
    batch = normalize_batch(lines, taxonomy)
    assert batch == [normalize_line(line, taxonomy) for line in lines]
    assert [r.reason for r in batch[1::2]] == [reason for _, reason in BAD_LINES]
    assert [r.title for r in batch[::2]] == [
        KOREAN["payload"]["position"],
        "Senior Data Scientist",
    ] * 5


@pytest.mark.parametrize(
    "description",
    [
        "Requirements\n- Python and SQL for analysis\nPreferred\n- STEM PhD, or 3–4 years of experience",
        "<h3>Minimum qualifications</h3><ul><li>Python and SQL for analysis work</li></ul>"
        "<h3>Preferred qualifications</h3><ul><li>STEM PhD, or 3-4 years of experience</li></ul>",
        "자격요건\n- 파이썬을 이용한 데이터 분석 경험\n우대사항\n- 석사 혹은 2년 이상 관련 경력",
    ],
)
def test_years_only_in_preferred_set_no_minimum(taxonomy, description):
    record = {
        "source": "text",
        "source_posting_id": "p-1",
        "payload": {"title": "Data Scientist", "company": "Acme", "description": description},
    }
    posting = normalize(record, taxonomy)
    assert isinstance(posting, NormalizedPosting)
    assert (posting.min_years, posting.newcomer_ok, posting.degree_min) == (None, None, None)


@pytest.mark.parametrize("company", ["Datadog", "Datadog, Inc.", "Datadog (Paris office)"])
def test_the_employers_own_name_is_not_a_skill(taxonomy, company):
    description = (
        "Requirements\n- At Datadog you will improve the agent we ship\n"
        "- Experience with Prometheus and Python"
    )
    record = {
        "source": "text",
        "source_posting_id": "c-1",
        "payload": {"title": "Software Engineer", "company": company, "description": description},
    }
    posting = normalize(record, taxonomy)
    assert isinstance(posting, NormalizedPosting)
    found = {(s.id, s.evidence) for s in posting.skills if s.section == "required"}
    assert ("observability", "Prometheus") in found
    assert ("observability", "Datadog") not in found
    assert ("python", "Python") in found
