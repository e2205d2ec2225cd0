"""Title-only postings (a title, no body text) in the warehouse: counted as demand for their
role, left out of skill-share and years / degree denominators.

The tiny warehouse (conftest.py) plus two Korean data-engineer postings of 2026-10 that carry a
title only: t1 says nothing else, t2's title states two years. Its data_engineer postings are
then p5 (KR, text), p6 (no country, text), t1 and t2 (KR, title only). p5 is crawled again a
day later as a list entry (title only)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from warehouse.build import build_models
from warehouse.db import connect
from warehouse.load import Partition, insert_postings, load_taxonomy

from .conftest import TINY, TINY_PARTITION, read_jsonl


def title_only(key: str, title: str, min_years: int | None) -> dict:
    return {
        "landing_file": "title_only.jsonl", "line_no": int(key[1:]), "url": None,
        "company": f"Bare Co {key}", "location": None, "fetched_at": "2026-10-21T00:00:00Z",
        "crawl_id": "bare", "specializations": [], "max_years": None, "salary_min": None,
        "salary_max": None, "salary_currency": None, "salary_period": None,
        "taxonomy_version": "tiny", "text_length": 0,
        "section_text": {"duties": "", "required": "", "preferred": "", "other": ""},
        "posting_key": key, "title": title, "language": "ko", "country": "KR",
        "posted_at": "2026-10-15", "in_scope": True, "role": "data_engineer", "skills": [],
        "min_years": min_years, "newcomer_ok": False if min_years else None, "degree_min": None,
        "source_posting_id": key, "content_hash": f"hash-{key}", "text_status": "title_only",
    }  # fmt: skip


@pytest.fixture
def bare(tmp_path, taxonomy):
    path = tmp_path / "bare.duckdb"
    conn = connect(path)
    try:
        insert_postings(conn, TINY_PARTITION, read_jsonl(TINY))
        insert_postings(
            conn,
            Partition("text", date(2026, 10, 21)),
            [
                title_only("t1", "데이터 엔지니어 채용", None),
                title_only("t2", "데이터 엔지니어 (경력 2년)", 2),
                {**title_only("p5", "데이터 엔지니어 (신입)", None), "company": "Tiny Co"},
            ],
        )
        conn.execute("insert into posting_duplicates values ('p4', 'p1', 'repost')")
        load_taxonomy(conn, taxonomy)
        build_models(conn)
    finally:
        conn.close()
    conn = duckdb.connect(str(path), read_only=True)
    yield conn
    conn.close()


def one(conn, sql: str, params=()) -> tuple:
    return conn.execute(sql, list(params)).fetchone()


def test_rows_without_the_column_read_as_full_text(bare):
    got = dict(bare.execute("select posting_key, text_status from stg_postings").fetchall())
    assert got["p5"] == "full" and got["t1"] == got["t2"] == "title_only"


def test_a_later_title_only_crawl_does_not_replace_the_text_of_a_posting(bare):
    got = one(
        bare,
        "select text_status, len(skills), last_seen_date from stg_postings where posting_key = 'p5'",
    )
    assert got == ("full", 4, date(2026, 10, 21))  # its text kept, seen again on the later day


def test_title_only_postings_count_as_demand_for_their_role(bare):
    kr = "select postings from agg_role_demand_monthly where role = 'data_engineer' and country = ?"
    assert one(bare, kr, ["KR"]) == (3,)  # p5, t1, t2
    assert one(bare, kr, ["ALL"]) == (4,)


def test_skill_shares_leave_title_only_postings_out_of_the_denominator(bare):
    sql = (
        "select postings, role_postings, share from agg_skill_demand_monthly "
        "where role = 'data_engineer' and skill_id = 'python' and section = 'required' "
        "and country = ?"
    )
    assert one(bare, sql, ["KR"]) == (1, 1, 1.0)  # p5 alone can show skills in Korea
    assert one(bare, sql, ["ALL"]) == (1, 2, 0.5)  # p5 and p6
    profile = (
        "select role_postings from agg_role_skill_profile "
        "where role = 'data_engineer' and country = 'ALL' and skill_id = 'sql'"
    )
    assert one(bare, profile) == (2,)


def test_years_and_degree_denominators_leave_unstated_title_only_postings_out(bare):
    got = one(
        bare,
        "select postings, title_only_postings, years_stated, years_coverage, degree_stated, "
        "degree_coverage, degree_unknown_share, degree_bachelor_share, min_years_median, "
        "experience_stated, experience_coverage "
        "from agg_role_requirements where role = 'data_engineer' and country = 'ALL'",
    )
    # years: p5 (0) and t2 (2, from its title) state them, of p5, p6 and t2 that could
    # degree: p5 (bachelor) and p6 (none) state one, of p5 and p6: t1 and t2 have no text
    # experience: p5, p6 (newcomers) and t2 (two years) say; t1 could not, so 3 of 3
    assert got == (4, 2, 2, round(2 / 3, 4), 2, 1.0, 0.0, 0.5, 1.0, 3, 1.0)
