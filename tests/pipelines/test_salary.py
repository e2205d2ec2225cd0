"""Salary: amount, ISO 4217 currency and period from free text or structured fields."""

from __future__ import annotations

import pytest

from pipelines.salary import extract_salary, parse_salary


@pytest.mark.parametrize(
    "text, expected",
    [
        ("$53K-$91K (Glassdoor est.)", (53_000, 91_000, "USD", "year")),
        ("$25-$35 Per Hour(Glassdoor est.)", (25, 35, "USD", "hour")),
        ("연봉 5,000만원 ~ 7,000만원", (50_000_000, 70_000_000, "KRW", "year")),
        ("연봉 4천만원 이상", (40_000_000, None, "KRW", "year")),
        ("월 300만원", (3_000_000, None, "KRW", "month")),
        ("$150,000 - $190,000 USD", (150_000, 190_000, "USD", "year")),
        ("€70k–90k", (70_000, 90_000, "EUR", "year")),
        ("£65,000 per year", (65_000, None, "GBP", "year")),
        ("Salary: 120000 USD", (120_000, None, "USD", "year")),
    ],
)
def test_salary(text, expected):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


@pytest.mark.parametrize(
    "text",
    ["401(k) match", "누적 가입자 620만 명", "Join 500+ engineers", "", None, "$5 coffee"],
)
def test_not_a_salary(text):
    assert parse_salary(text) is None


def test_the_first_stated_salary_of_a_posting():
    lines = ["We work from İstanbul.", "Flexible hours", "Pay: €50k–60k a year"]
    salary = extract_salary(lines)
    assert (salary.min, salary.max, salary.currency) == (50_000, 60_000, "EUR")
    assert extract_salary(["No pay stated here", "Competitive salary"]) is None


def test_a_longer_lower_case_does_not_move_the_cue_to_another_line():
    # each "İ" lower-cases to two characters; the cue "eur" ends line two
    salary = extract_salary(["İİİİİİİİ", "65,000 EUR", "Team lunch"])
    assert (salary.min, salary.currency) == (65_000, "EUR")
