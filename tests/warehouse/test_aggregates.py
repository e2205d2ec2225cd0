"""Aggregates on the tiny warehouse (see conftest.py), against values worked out by hand."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.build import build_models
from warehouse.db import quote_identifier
from warehouse.schema import duplicate_keys, schema_problems
from warehouse.schema import load_schema as schema

NEW_TABLES = ("agg_role_skill_profile", "agg_skill_cooccurrence")
AGGREGATES = (
    "agg_skill_demand_monthly",
    "agg_role_requirements",
    "agg_role_demand_monthly",
    *NEW_TABLES,
)


def rows(conn, sql: str, params=None) -> list[tuple]:
    return conn.execute(sql, params or []).fetchall()


def test_new_aggregates_are_documented_and_pass_the_dagster_checks(tiny):
    for table in NEW_TABLES:
        assert table in schema()
    for table in AGGREGATES:
        assert schema_problems(tiny, table) == [], table
        assert duplicate_keys(tiny, table) == 0, table
        assert "small_cell" in [c["name"] for c in schema()[table]["columns"]]


# Columns as published before the denominators and partial months were added (CONTRACT §6:
# never break, add): they keep their names and places, and new ones only come after them.
PUBLISHED_BEFORE = {
    "agg_role_requirements": (
        "role, country, postings, postings_with_years, min_years_p25, min_years_median, "
        "min_years_p75, newcomer_share, degree_none_share, degree_high_school_share, "
        "degree_associate_share, degree_bachelor_share, degree_master_share, degree_phd_share, "
        "degree_unknown_share, salary_disclosed_share, degree_typical, small_cell"
    ),
    "agg_role_demand_monthly": "month, country, role, in_scope, postings, small_cell",
    "agg_skill_demand_monthly": (
        "month, country, role, skill_id, section, postings, role_postings, share, small_cell"
    ),
}


@pytest.mark.parametrize("table", sorted(PUBLISHED_BEFORE))
def test_existing_columns_keep_their_places(tiny, table):
    before = PUBLISHED_BEFORE[table].split(", ")
    columns = [r[0] for r in rows(tiny, " ".join(["describe", table]))]
    assert columns[: len(before)] == before
    assert [c["name"] for c in schema()[table]["columns"]] == columns


def test_role_demand_counts_canonical_postings_with_all_and_unknown_country(tiny):
    got = rows(
        tiny,
        "select strftime(month, '%Y-%m'), country, role, postings from agg_role_demand_monthly "
        "order by all",
    )
    assert sorted(got, key=str) == sorted(
        [
            ("2026-09", "KR", "mlops_engineer", 2),
            ("2026-09", "ALL", "mlops_engineer", 2),
            ("2026-10", "US", "mlops_engineer", 1),
            ("2026-10", "ALL", "mlops_engineer", 1),  # p4 is a copy of p1: not counted
            ("2026-10", "KR", "data_engineer", 1),
            ("2026-10", None, "data_engineer", 1),  # p6: unknown country, month of first crawl
            ("2026-10", "ALL", "data_engineer", 2),
            ("2026-10", "KR", "out_of_scope", 1),
            ("2026-10", "ALL", "out_of_scope", 1),
        ],
        key=str,
    )


def test_role_skill_profile_worldwide_mlops(tiny):
    got = {
        r[0]: r[1:]
        for r in rows(
            tiny,
            "select skill_id, role_postings, required_postings, preferred_postings, "
            "duties_postings, required_share, preferred_share, must_have_index, required_rank "
            "from agg_role_skill_profile where role = 'mlops_engineer' and country = 'ALL'",
        )
    }
    assert got == {
        # p2 prefers kubernetes too, but requires it: it counts as required only.
        "kubernetes": (3, 3, 0, 0, 1.0, 0.0, 1.0, 1),
        "python": (3, 2, 1, 0, 0.6667, 0.3333, 0.6667, 2),
        "aws": (3, 1, 1, 0, 0.3333, 0.3333, 0.5, 3),
        "docker": (3, 1, 1, 0, 0.3333, 0.3333, 0.5, 4),
        "terraform": (3, 0, 1, 0, 0.0, 0.3333, 0.0, 5),
        "mlflow": (3, 0, 0, 1, 0.0, 0.0, None, 6),  # duties only: no must-have index
    }
    # `go` is only in p4 (a copy), `communication` only in other text: neither is demand.
    assert rows(
        tiny,
        "select count(*) from agg_role_skill_profile where skill_id in ('go', 'communication')",
    ) == [(0,)]


def test_role_skill_profile_per_country(tiny):
    kr = dict(
        rows(
            tiny,
            "select skill_id, (role_postings, required_postings, preferred_postings) "
            "from agg_role_skill_profile where role = 'mlops_engineer' and country = 'KR'",
        )
    )
    assert kr == {
        "kubernetes": (2, 2, 0),
        "python": (2, 2, 0),
        "docker": (2, 1, 1),
        "aws": (2, 0, 1),
        "terraform": (2, 0, 1),
        "mlflow": (2, 0, 0),
    }
    unknown = rows(
        tiny,
        "select skill_id, required_postings, preferred_postings from agg_role_skill_profile "
        "where role = 'data_engineer' and country is null order by skill_id",
    )
    assert unknown == [("airflow", 1, 0), ("spark", 0, 1), ("sql", 1, 0)]


def test_cooccurrence_pairs_both_directions(tiny):
    got = {
        (a, b): rest
        for a, b, *rest in rows(
            tiny,
            "select skill_id, other_skill_id, skill_postings, other_skill_postings, postings, "
            "both_required_postings, share_of_skill, lift from agg_skill_cooccurrence "
            "where role = 'mlops_engineer' and country = 'ALL'",
        )
    }
    assert got[("kubernetes", "python")] == [3, 3, 3, 2, 1.0, 1.0]
    assert got[("docker", "python")] == [2, 3, 2, 1, 1.0, 1.0]
    assert got[("python", "docker")] == [3, 2, 2, 1, 0.6667, 1.0]
    assert got[("aws", "docker")] == [2, 2, 1, 0, 0.5, 0.75]
    assert got[("aws", "kubernetes")] == [2, 3, 2, 1, 1.0, 1.0]
    assert ("terraform", "mlflow") not in got  # never in the same posting
    assert all(a != b for a, b in got)
    # 13 unordered pairs meet in p1 (6) and p2 (7 more); p3 adds none. Both directions: 26.
    assert len(got) == 26


def test_requirements_years_degree_and_newcomers(tiny):
    cols = (
        "postings, postings_with_years, min_years_p25, min_years_median, min_years_p75, "
        "newcomer_share, degree_bachelor_share, degree_master_share, degree_unknown_share, "
        "degree_none_share, salary_disclosed_share, degree_typical, small_cell"
    )
    sql = f"select {cols} from agg_role_requirements where role = ? and country is not distinct from ?"
    assert rows(tiny, sql, ["mlops_engineer", "ALL"]) == [
        (3, 3, 2.5, 3.0, 4.0, 0.0, 0.3333, 0.3333, 0.3333, 0.0, 0.3333, "bachelor", True)
    ]
    assert rows(tiny, sql, ["data_engineer", "ALL"]) == [
        (2, 1, 0.0, 0.0, 0.0, 1.0, 0.5, 0.0, 0.0, 0.5, 0.0, "none", True)
    ]
    assert rows(tiny, sql, ["data_engineer", "KR"])[0][-2] == "bachelor"
    assert rows(tiny, sql, ["data_engineer", None])[0][-2] == "none"


def test_skill_demand_monthly_keeps_sections_and_skips_copies(tiny):
    got = rows(
        tiny,
        "select strftime(month, '%Y-%m'), country, section, postings, role_postings, share "
        "from agg_skill_demand_monthly where role = 'mlops_engineer' and skill_id = 'python' "
        "order by all",
    )
    assert got == [
        ("2026-09", "ALL", "required", 2, 2, 1.0),
        ("2026-09", "KR", "required", 2, 2, 1.0),
        ("2026-10", "ALL", "preferred", 1, 1, 1.0),
        ("2026-10", "US", "preferred", 1, 1, 1.0),
    ]


def test_small_cells_are_flagged_not_hidden(tiny):
    # Default threshold 5: every cell of the tiny warehouse is small, and still there.
    for table in AGGREGATES:
        flags = rows(tiny, f"select distinct small_cell from {quote_identifier(table)}")
        assert flags == [(True,)], table


@pytest.mark.parametrize("threshold", [2, 3])
def test_small_cell_threshold_is_configurable(tmp_path, build_tiny, threshold):
    path = tmp_path / "tiny.duckdb"
    build_tiny(path, small_cell_min_postings=threshold)
    with duckdb.connect(str(path), read_only=True) as conn:
        demand = dict(
            rows(
                conn,
                "select country, small_cell from agg_role_demand_monthly "
                "where role = 'mlops_engineer' and month = date '2026-09-01'",
            )
        )
        profile = rows(
            conn,
            "select distinct small_cell from agg_role_skill_profile "
            "where role = 'mlops_engineer' and country = 'ALL'",
        )
        pair = rows(
            conn,
            "select small_cell from agg_skill_cooccurrence where role = 'mlops_engineer' "
            "and country = 'ALL' and skill_id = 'docker' and other_skill_id = 'python'",
        )
    # Two postings in 2026-09 (KR and ALL alike), three mlops postings overall, two name docker.
    assert demand == {"KR": threshold > 2, "ALL": threshold > 2}
    assert profile == [(threshold > 3,)]
    assert pair == [(threshold > 2,)]


def test_every_statistic_carries_its_denominator(tiny):
    cols = (
        "postings, years_stated, years_coverage, experience_stated, experience_coverage, "
        "newcomer_share, no_experience_stated_share, newcomer_share_of_all, degree_stated, "
        "degree_coverage, degree_typical"
    )
    sql = f"select {cols} from agg_role_requirements where role = ? and country is not distinct from ?"
    # mlops ALL: p1 (3 years, not newcomer, bachelor), p2 (5 years, experience unstated, no
    # degree), p3 (2 years, not newcomer, master). p2 says nothing about newcomers: it is not
    # counted as a "no" (newcomer_share 0 of 2 stating), but as unstated (1 of 3).
    assert rows(tiny, sql, ["mlops_engineer", "ALL"]) == [
        (3, 3, 1.0, 2, 0.6667, 0.0, 0.3333, 0.0, 2, 0.6667, "bachelor")
    ]
    # data_engineer with an unknown country: p6 states no years, is open to newcomers, 학력 무관.
    assert rows(tiny, sql, ["data_engineer", None]) == [
        (1, 0, 0.0, 1, 1.0, 1.0, 0.0, 1.0, 1, 1.0, "none")
    ]
    # out_of_scope (p7) states no degree: degree_typical rests on nothing.
    assert rows(tiny, sql, ["out_of_scope", "KR"])[0][-3:] == (0, 0.0, None)


def test_newcomer_share_is_null_when_no_posting_says(tiny):
    # Unknown is not no: a cell where nobody states experience has no newcomer share at all.
    got = rows(
        tiny,
        "select newcomer_share, experience_stated from agg_role_requirements "
        "where role = 'mlops_engineer' and country = 'KR'",
    )
    assert got == [(0.0, 1)]
    assert rows(
        tiny,
        "select count(*) from agg_role_requirements where experience_stated = 0 "
        "and newcomer_share is not null",
    ) == [(0,)]


@pytest.mark.parametrize("threshold", [2, 3])
def test_small_cells_of_a_statistic_use_its_stated_count(tmp_path, build_tiny, threshold):
    path = tmp_path / "tiny.duckdb"
    build_tiny(path, small_cell_min_postings=threshold)
    with duckdb.connect(str(path), read_only=True) as conn:
        got = rows(
            conn,
            "select small_cell, years_small_cell, experience_small_cell, degree_small_cell "
            "from agg_role_requirements where role = 'mlops_engineer' and country = 'ALL'",
        )
    # 3 postings, 3 state years, 2 state experience, 2 state a degree.
    assert got == [(threshold > 3, threshold > 3, threshold > 2, threshold > 2)]


def test_the_month_the_data_stop_in_is_flagged_partial(tiny):
    # The tiny warehouse was crawled on 2026-10-20: October is not over in the data.
    for table in ("agg_role_demand_monthly", "agg_skill_demand_monthly"):
        got = rows(
            tiny,
            " ".join(["select strftime(month, '%Y-%m'), bool_and(is_partial_month) from", table])
            + " group by 1 order by 1",
        )
        assert got == [("2026-09", False), ("2026-10", True)], table


def test_a_month_crawled_to_its_last_day_is_not_partial(tmp_path, build_tiny):
    path = tmp_path / "tiny.duckdb"
    build_tiny(path)
    with duckdb.connect(str(path)) as conn:
        conn.execute("update normalized_postings set crawl_date = date '2026-10-31'")
        build_models(conn)
        got = rows(conn, "select distinct is_partial_month from agg_role_demand_monthly")
    assert got == [(False,)]


def test_dataset_says_what_kind_of_data_the_warehouse_holds(tiny, snapshot):
    # The tiny fixture is `text` postings: imported, never crawled.
    assert rows(tiny, "select kind, postings, canonical_postings, sources from dataset") == [
        ("imported", 7, 6, ["text"])
    ]
    kinds = rows(snapshot, "select kind, postings, description from dataset")
    total = rows(snapshot, "select count(*) from stg_postings")[0][0]
    assert [(k, n) for k, n, _ in kinds] == [("example snapshot", total)]
    assert "Not the job market" in kinds[0][2]
