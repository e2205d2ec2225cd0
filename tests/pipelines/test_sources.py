"""Source adapters read each payload shape of CONTRACT §2 (our own text, the real field names)."""

from __future__ import annotations

import pytest

from pipelines.models import QuarantineReason
from pipelines.sources import ADAPTERS, AdapterError, to_iso_date


def record(source, payload, **extra):
    return {
        "source": source,
        "source_posting_id": "1",
        "url": "https://example.org/1",
        "payload": payload,
        **extra,
    }


CASES = {
    "greenhouse": {
        "title": "ML Engineer",
        "company_name": "Acme",
        "content": "&lt;p&gt;Build models&lt;/p&gt;",
        "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/1",
        "location": {"name": "Seoul, Korea"},
        "first_published": "2026-09-01T10:00:00-04:00",
        "language": "en",
    },
    "lever": {
        "text": "Data Engineer",
        "description": "<div>We move data</div>",
        "lists": [{"text": "What You'll Need", "content": "<li>SQL</li>"}],
        "additional": "<div>Benefits</div>",
        "categories": {"location": "London"},
        "country": "GB",
        "createdAt": 1788000000000,
        "hostedUrl": "https://jobs.lever.co/acme/abc",
        "salaryRange": {
            "min": 70000,
            "max": 90000,
            "currency": "GBP",
            "interval": "per-year-salary",
        },
    },
    "ashby": {
        "title": "MLOps Engineer",
        "location": "Toronto",
        "address": {"postalAddress": {"addressCountry": "Canada"}},
        "publishedAt": "2026-08-01T12:00:00.000+00:00",
        "jobUrl": "https://jobs.ashbyhq.com/acme/xyz",
        "descriptionHtml": "<p>Run Kubeflow</p>",
        "compensation": {"scrapeableCompensationSalarySummary": "$150K - $180K"},
    },
    "smartrecruiters": {
        "name": "Data Scientist",
        "company": {"name": "Acme"},
        "releasedDate": "2026-07-01T00:00:00.000Z",
        "location": {"city": "Paris", "country": "fr", "fullLocation": "Paris, France"},
        "jobAd": {
            "sections": {"qualifications": {"title": "Qualifications", "text": "<p>Python</p>"}}
        },
    },
    "wanted": {
        "id": 42,
        "position": "머신러닝 엔지니어",
        "company": {"name": "에이크미"},
        "address": {"full_location": "서울 강남구"},
        "detail": {
            "main_tasks": "• 모델 개발",
            "requirements": "• 파이썬",
            "preferred_points": "• 도커",
        },
        "annual_from": 3,
        "annual_to": 100,
        "is_newbie": False,
    },
    "jumpit": {
        "id": 7,
        "title": "데이터 엔지니어",
        "companyName": "에이크미",
        "responsibility": "• 파이프라인 구축",
        "qualifications": "• SQL",
        "preferredRequirements": "• Airflow",
        "newcomer": True,
        "minCareer": 0,
        "maxCareer": 0,
        "educationName": "대학교졸업(4년) 이상",
        "publishedAt": "2026-09-10 09:00:00",
        "workingPlaces": [{"address": "서울 중구", "domestic": True}],
    },
    "jsonld": {
        "@type": "JobPosting",
        "title": "AI Researcher",
        "description": "<p>Research</p>",
        "datePosted": "2026.09.02 14:00:00",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "jobLocation": {
            "@type": "Place",
            "address": {"addressLocality": "Seoul", "addressCountry": "KR"},
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "KRW",
            "value": {"minValue": 60000000, "maxValue": 80000000, "unitText": "YEAR"},
        },
    },
    "remotive": {
        "title": "Data Analyst",
        "company_name": "Acme",
        "description": "<p>SQL</p>",
        "publication_date": "2026-09-21T12:55:11",
        "salary": "$90k - $110k",
    },
    "remoteok": {
        "position": "AI Engineer",
        "company": "Acme",
        "description": "<p>LLM</p>",
        "date": "2026-09-24T16:00:06+00:00",
        "salary_min": 100000,
        "salary_max": 140000,
    },
    "arbeitnow": {
        "title": "Data Engineer",
        "company_name": "Acme",
        "description": "&lt;p&gt;Kafka&lt;/p&gt;",
        "created_at": 1790412915,
        "location": "Berlin",
    },
    "hackernews": {
        "id": 9,
        "text": "Acme | Senior ML Engineer | Remote (US) | $180k-$220k<p>We train models.",
        "created_at": "2026-09-01T15:01:54.000Z",
    },
    "text": {
        "title": "Data Scientist",
        "company": "Acme",
        "description": "Python and statistics",
        "posted_at": "2026-10-01",
    },
}


@pytest.mark.parametrize("source", sorted(CASES))
def test_adapter_reads_title_company_and_text(source):
    fields = ADAPTERS[source](record(source, CASES[source]))
    assert fields.title
    assert fields.company == (
        "에이크미"
        if source in ("wanted", "jumpit")
        else "acme"
        if source in ("lever", "ashby")
        else "Acme"
    )
    assert fields.body or fields.sections


def test_every_contract_source_has_an_adapter():
    assert {"greenhouse", "lever", "ashby", "wanted", "jumpit", "jsonld", "text", "csv"} <= set(
        ADAPTERS
    )


def test_structured_fields_of_korean_boards():
    jumpit = ADAPTERS["jumpit"](record("jumpit", CASES["jumpit"]))
    assert dict(s for s in jumpit.sections if s[1]) == {
        "duties": "• 파이프라인 구축",
        "required": "• SQL",
        "preferred": "• Airflow",
    }
    assert (jumpit.newcomer_ok, jumpit.min_years, jumpit.max_years, jumpit.country) == (
        True,
        0,
        None,
        "KR",
    )
    wanted = ADAPTERS["wanted"](record("wanted", CASES["wanted"]))
    assert (wanted.min_years, wanted.max_years) == (3, None)  # annual_to 100 means no upper bound


def test_salaries_from_structured_fields():
    lever = ADAPTERS["lever"](record("lever", CASES["lever"]))
    assert (lever.salary.min, lever.salary.max, lever.salary.currency, lever.salary.period) == (
        70000,
        90000,
        "GBP",
        "year",
    )
    jsonld = ADAPTERS["jsonld"](record("jsonld", CASES["jsonld"]))
    assert (jsonld.salary.min, jsonld.salary.currency) == (60000000, "KRW")
    assert jsonld.posted_at == "2026-09-02"


def test_hackernews_first_line_gives_company_title_and_pay():
    fields = ADAPTERS["hackernews"](record("hackernews", CASES["hackernews"]))
    assert (fields.company, fields.title, fields.location) == (
        "Acme",
        "Senior ML Engineer",
        "Remote (US)",
    )
    assert (fields.salary.min, fields.salary.max) == (180000, 220000)


def test_csv_adapter_uses_the_field_map():
    row = {"제목": "AI 엔지니어", "회사": "에이크미", "자격": "파이썬|도커", "우대": "논문"}
    fields = ADAPTERS["csv"](
        record(
            "csv",
            row,
            field_map={"title": "제목", "company": "회사", "required": "자격", "preferred": "우대"},
            csv_options={"line_separator": "|"},
        )
    )
    assert ("required", "파이썬\n도커") in fields.sections
    assert fields.title == "AI 엔지니어"


def test_missing_title_is_an_adapter_error():
    with pytest.raises(AdapterError) as info:
        ADAPTERS["greenhouse"](record("greenhouse", {"content": "x"}))
    assert info.value.reason is QuarantineReason.MISSING_FIELD


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2026-09-01T10:00:00-04:00", "2026-09-01"),
        ("2026.09.02 14:00:00", "2026-09-02"),
        ("2026-09-10 09:00:00", "2026-09-10"),
        (1788000000000, "2026-08-29"),
        (1790412915, "2026-09-26"),
        ("20260827", "2026-08-27"),
        ("not a date", None),
        ("", None),
    ],
)
def test_dates(value, iso):
    assert to_iso_date(value) == iso


@pytest.mark.parametrize(
    "text, title, company",
    [
        # prose instead of the pipe header: the job named near the start is the title
        (
            "We build tools for river surveys.<p>Otterworks is hiring a Senior Data Engineer "
            "to own our ingestion.<p>Python, Airflow.",
            "Senior Data Engineer",
            None,
        ),
        # a header that names no job: the job named in the next paragraph, not the location
        (
            "Otterworks | Remote (EU) | Full time<p>Staff Machine Learning Engineer: you will "
            "train ranking models.",
            "Staff Machine Learning Engineer",
            "Otterworks",
        ),
    ],
)
def test_hackernews_job_named_in_prose_is_the_title(text, title, company):
    fields = ADAPTERS["hackernews"](record("hackernews", {"text": text, "id": 1}))
    assert (fields.title, fields.company) == (title, company)


def test_hackernews_comment_naming_no_job_is_quarantined():
    with pytest.raises(AdapterError) as info:
        ADAPTERS["hackernews"](record("hackernews", {"text": "Great thread, thanks!", "id": 2}))
    assert info.value.reason is QuarantineReason.MISSING_FIELD
