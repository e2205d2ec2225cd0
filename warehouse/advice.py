"""`careermarket advise`: given what a person knows, how well each role fits and what to learn next.

For each in-scope role (in one country, or 'ALL'):
- required coverage: of the role's required-skill demand (postings × required skills, from
  agg_role_skill_profile), the share made of skills the person has;
- missing skills, most often required first, then most often preferred;
- years and degree against the typical requirement (median minimum years, median stated degree)
  and the share of the role's postings whose stated years and degree the person meets;
- fit = required coverage × that eligible share; the three best fits are the answer.

The SQL lives in warehouse/statements/advice_*.sql; every user value is a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from pipelines.taxonomy import Taxonomy
from warehouse.db import sql_file

DEGREES = ("none", "high_school", "associate", "bachelor", "master", "phd")
DEGREE_ALIASES = {
    "none": "none",
    "no degree": "none",
    "학력무관": "none",
    "high school": "high_school",
    "highschool": "high_school",
    "고졸": "high_school",
    "associate": "associate",
    "전문학사": "associate",
    "bachelor": "bachelor",
    "bachelors": "bachelor",
    "bachelor's": "bachelor",
    "bs": "bachelor",
    "ba": "bachelor",
    "bsc": "bachelor",
    "학사": "bachelor",
    "master": "master",
    "masters": "master",
    "master's": "master",
    "ms": "master",
    "msc": "master",
    "석사": "master",
    "phd": "phd",
    "ph.d.": "phd",
    "doctorate": "phd",
    "박사": "phd",
}
_COUNTRY = re.compile(r"[A-Z]{2}|ALL")
BEST = 3


class AdviceError(ValueError):
    """The question cannot be answered as asked (unknown role, country without postings, …)."""


@dataclass(frozen=True)
class MissingSkill:
    skill_id: str
    name_en: str | None
    name_ko: str | None
    required_postings: int
    preferred_postings: int
    required_share: float
    preferred_share: float
    must_have_index: float | None


@dataclass(frozen=True)
class RoleFit:
    role: str
    name_en: str | None
    name_ko: str | None
    postings: int
    small_cell: bool
    required_coverage: float | None  # None when the role's postings name no required skill
    covered_skills: tuple[str, ...]
    missing: tuple[MissingSkill, ...]
    years_typical: float | None
    years_meets: bool | None  # None when years were not given or no posting states them
    degree_typical: str | None
    degree_meets: bool | None
    eligible_share: float
    fit: float | None


@dataclass(frozen=True)
class Advice:
    skills: tuple[str, ...]
    unknown_skills: tuple[str, ...]
    country: str
    years: int | None
    degree: str | None
    role: str | None
    roles: tuple[RoleFit, ...]  # ranked, best fit first (only the named role when one is named)
    best_roles: tuple[str, ...]  # the three best fits over every role
    roles_without_postings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _key(text: str) -> str:
    return " ".join(text.strip().lower().split())


def skill_lookup(taxonomy: Taxonomy) -> dict[str, str]:
    """Every way to write a skill (id, names, aliases in English and Korean), lower-cased → id."""
    lookup: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        names = (skill.name_en, skill.name_ko, *skill.aliases, *skill.case_sensitive)
        for name in names:
            lookup.setdefault(_key(name), skill.id)
    for skill in taxonomy.skills.values():  # ids win over any alias
        lookup[skill.id] = skill.id
    return lookup


def resolve_skills(
    names: Iterable[str], taxonomy: Taxonomy
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Skill ids for what the person typed (파이썬 → python), and what matched no skill."""
    lookup = skill_lookup(taxonomy)
    found: list[str] = []
    unknown: list[str] = []
    for name in names:
        key = _key(name)
        if not key:
            continue
        skill_id = lookup.get(key) or lookup.get(key.replace("-", "_").replace(" ", "_"))
        if skill_id is None:
            unknown.append(name.strip())
        elif skill_id not in found:
            found.append(skill_id)
    return tuple(found), tuple(unknown)


def parse_degree(text: str | None) -> str | None:
    """A degree id from 'bachelor', 'BS', '학사', … (None stays None)."""
    if text is None:
        return None
    degree = DEGREE_ALIASES.get(_key(text).replace("_", " ")) or (
        _key(text) if _key(text) in DEGREES else None
    )
    if degree is None:
        raise AdviceError(f"unknown degree {text!r}; use one of {', '.join(DEGREES)}")
    return degree


def parse_country(text: str | None) -> str:
    country = (text or "ALL").strip().upper()
    if not _COUNTRY.fullmatch(country):
        raise AdviceError(f"country must be an ISO 3166-1 alpha-2 code or ALL, not {text!r}")
    return country


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _level(degree: str | None) -> int | None:
    return None if degree is None else DEGREES.index(degree) + 1


def _fit(row: dict[str, Any], skills: list[dict[str, Any]], years, degree) -> RoleFit:
    demand = row["required_demand"]
    coverage = round(row["covered_demand"] / demand, 4) if demand else None
    eligible = round(float(row["eligible_share"] or 0.0), 4)
    median, typical = row["min_years_median"], row["degree_typical"]
    missing = [
        MissingSkill(**{k: v for k, v in s.items() if k != "has_skill"})
        for s in skills
        if not s["has_skill"]
    ]
    return RoleFit(
        role=row["role"],
        name_en=row["name_en"],
        name_ko=row["name_ko"],
        postings=row["postings"],
        small_cell=row["small_cell"],
        required_coverage=coverage,
        covered_skills=tuple(s["skill_id"] for s in skills if s["has_skill"]),
        missing=tuple(missing),
        years_typical=median,
        years_meets=None if years is None or median is None else years >= median,
        degree_typical=typical,
        degree_meets=None
        if degree is None or typical is None
        else _level(degree) >= _level(typical),
        eligible_share=eligible,
        fit=None if coverage is None else round(coverage * eligible, 4),
    )


def _rank_key(fit: RoleFit) -> tuple:
    return (
        fit.fit is None,
        -(fit.fit or 0.0),
        -(fit.required_coverage or 0.0),
        -fit.postings,
        fit.role,
    )


def advise(
    conn: duckdb.DuckDBPyConnection,
    skills: Iterable[str],
    taxonomy: Taxonomy,
    *,
    role: str | None = None,
    country: str | None = "ALL",
    years: int | None = None,
    degree: str | None = None,
) -> Advice:
    """Rank the roles for someone with these skills (names or ids, English or Korean)."""
    ids, unknown = resolve_skills(skills, taxonomy)
    country = parse_country(country)
    degree = parse_degree(degree)
    if years is not None and years < 0:
        raise AdviceError("years must be 0 or more")
    if role is not None and role not in taxonomy.roles:
        raise AdviceError(f"unknown role {role!r}; use one of {', '.join(taxonomy.roles)}")
    params = {
        "country": country,
        "skills": list(ids),
        "years": years,
        "degree_level": _level(degree),
        "degrees": list(DEGREES),
    }
    rows = _rows(conn.execute(sql_file("statements", "advice_roles"), params))
    if not rows:
        raise AdviceError(f"no in-scope postings for country {country}")
    by_role: dict[str, list[dict[str, Any]]] = {}
    for skill in _rows(
        conn.execute(
            sql_file("statements", "advice_skills"), {"country": country, "skills": list(ids)}
        )
    ):
        by_role.setdefault(skill.pop("role"), []).append(skill)
    ranked = sorted(
        (_fit(r, by_role.get(r["role"], []), years, degree) for r in rows), key=_rank_key
    )
    with_postings = {f.role for f in ranked}
    if role is not None and role not in with_postings:
        raise AdviceError(f"no postings for role {role} in {country}")
    return Advice(
        skills=ids,
        unknown_skills=unknown,
        country=country,
        years=years,
        degree=degree,
        role=role,
        roles=tuple(f for f in ranked if role is None or f.role == role),
        best_roles=tuple(f.role for f in ranked if f.fit is not None)[:BEST],
        roles_without_postings=tuple(r for r in taxonomy.roles if r not in with_postings),
    )
