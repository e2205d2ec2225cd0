"""Aggregates on the tiny warehouse (see conftest.py), against values worked out by hand."""

from __future__ import annotations

import duckdb
import pytest

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
        assert [c["name"] for c in schema()[table]["columns"]][-1] == "small_cell"


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
