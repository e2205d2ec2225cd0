"""The data behind `careermarket report`, read from the published tables (statements/report_*.sql)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from warehouse.dataset import describe as describe_dataset
from warehouse.db import sql_file

TOP_SKILLS = 8


@dataclass(frozen=True)
class ReportData:
    summary: dict[str, Any]  # report_summary.sql, plus dataset: warehouse.dataset.describe
    monthly_demand: pd.DataFrame  # month × role → postings (every country), is_partial_month
    skill_profile: pd.DataFrame  # role × top skills → required and preferred share
    roles_by_country: pd.DataFrame  # role × (KR, ALL) → postings, shares, newcomers, degrees,
    # and what each rests on: years_stated, experience_stated, degree_stated (and coverage)
    years: pd.DataFrame  # one row per canonical in-scope posting stating min_years


def load_report_data(conn: duckdb.DuckDBPyConnection, top_skills: int = TOP_SKILLS) -> ReportData:
    """Run the report's queries; the connection may be read-only."""
    cursor = conn.execute(sql_file("statements", "report_summary"))
    names = [d[0] for d in cursor.description]
    summary = dict(zip(names, cursor.fetchone(), strict=True))
    summary["dataset"] = describe_dataset(conn)
    return ReportData(
        summary=summary,
        monthly_demand=conn.execute(sql_file("statements", "report_monthly_demand")).df(),
        skill_profile=conn.execute(
            sql_file("statements", "report_skill_profile"), {"top": top_skills}
        ).df(),
        roles_by_country=conn.execute(sql_file("statements", "report_roles_by_country")).df(),
        years=conn.execute(sql_file("statements", "report_years")).df(),
    )
