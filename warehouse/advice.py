"""`careermarket advise`: given what a person knows, how well each role fits and what to learn next.

For each in-scope role (in one country, or 'ALL'):
- required coverage: of the role's required technical-skill demand (postings × required skills,
  from agg_role_skill_profile), the share made of skills the person has;
- missing technical skills, most often required first, then most often preferred; soft skills
  and credentials (taxonomy families soft_skills, credentials) listed apart;
- years and degree against the typical requirement (median minimum years, median stated degree),
  each with how many postings state it; where the person's years fall among the role's
  quartiles, flagged when far above; the share of the role's postings whose stated years and
  degree the person meets ("open"; not given when neither years nor degree is);
- fit = required coverage × open (coverage alone when open is not given). Confidence: roles
  resting on fewer postings than the small-cell threshold are ranked after the others, and the
  rest by fit shrunk toward the average of every role (`shrink`); the three best are the answer.

Unknown skills and roles are errors with close spellings as suggestions (Korean compared letter
by letter). The SQL lives in warehouse/statements/advice_*.sql; every user value is a bound
parameter.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import duckdb

from pipelines.taxonomy import Taxonomy
from warehouse.dataset import describe as describe_dataset
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
# Not technical skills: listed apart from what to learn next, and left out of coverage.
SOFT_FAMILIES = ("soft_skills", "credentials")
# Years more than this above a role's 75th percentile are flagged, not silently "open".
FAR_ABOVE_YEARS = 10
# The shrinkage prior is worth this many postings (see `shrink`).
PRIOR_POSTINGS = 30


class AdviceError(ValueError):
    """The question cannot be answered as asked (unknown role, country without postings, …)."""


class UnknownSkillsError(AdviceError):
    """Skills that match no id, name or alias of the taxonomy, each with close spellings."""

    def __init__(self, suggestions: dict[str, list[str]]) -> None:
        self.suggestions = suggestions
        parts = [
            f"{name!r} (did you mean {' or '.join(close)}?)" if close else f"{name!r}"
            for name, close in suggestions.items()
        ]
        super().__init__(
            f"unknown skill{'s' if len(parts) > 1 else ''}: {', '.join(parts)}; skills are ids, "
            "names or aliases of pipelines/taxonomy/skills.yaml, in English or Korean"
        )


@dataclass(frozen=True)
class MissingSkill:
    skill_id: str
    name_en: str | None
    name_ko: str | None
    family: str | None
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
    postings: int  # confidence: how many postings stand behind every figure of the role
    small_cell: bool  # fewer postings than the small-cell threshold: ranked after the others
    required_coverage: float | None  # None when the role's postings name no required skill
    covered_skills: tuple[str, ...]
    missing: tuple[MissingSkill, ...]  # technical skills: what to learn next
    missing_soft_skills_and_credentials: tuple[MissingSkill, ...]  # listed apart
    years_typical: float | None  # median minimum years of the postings stating years
    years_p25: float | None
    years_p75: float | None
    years_stated: int
    years_coverage: float
    years_small_cell: bool
    years_meets: bool | None  # None when years were not given or no posting states them
    years_position: str | None  # where the given years fall among the role's quartiles
    years_met_of_stated: float | None  # of the postings stating years, the share asking ≤ yours
    years_far_above: bool | None  # more than FAR_ABOVE_YEARS above the 75th percentile
    degree_typical: str | None
    degree_stated: int
    degree_coverage: float
    degree_small_cell: bool  # degree_typical rests on fewer postings than the threshold
    degree_meets: bool | None
    newcomer_share: float | None  # over postings that say whether newcomers may apply
    experience_stated: int
    eligible_share: float | None  # None when neither years nor degree was given
    fit: float | None
    fit_adjusted: float | None  # fit shrunk toward the average of every role, by postings


@dataclass(frozen=True)
class Advice:
    skills: tuple[str, ...]
    unknown_skills: tuple[str, ...]  # always empty: unknown skills are an error (kept for JSON)
    country: str
    years: int | None
    degree: str | None
    role: str | None
    roles: tuple[RoleFit, ...]  # ranked, best fit first (only the named role when one is named)
    best_roles: tuple[str, ...]  # the three best fits over every role
    roles_without_postings: tuple[str, ...] = field(default=())
    eligible_basis: tuple[str, ...] = field(default=())  # what "open" checks: years, degree
    ranking: str = ""  # how roles are ranked, in words
    dataset: dict[str, Any] = field(default_factory=dict)  # warehouse.dataset.describe

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _key(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _close(text: str, lookup: dict[str, str], n: int = 3) -> list[tuple[str, str]]:
    """(spelling, id) of the spellings closest to text. Hangul is compared by syllable and by
    letter (jamo, so 도크 is close to 도커); syllables rank first, so 파이톤 suggests 파이썬
    before 파이토치."""
    key = _key(text)
    nfd = {unicodedata.normalize("NFD", k): k for k in lookup}
    found = set(difflib.get_close_matches(key, list(lookup), n=12, cutoff=0.6))
    found |= {
        nfd[m]
        for m in difflib.get_close_matches(
            unicodedata.normalize("NFD", key), list(nfd), n=12, cutoff=0.6
        )
    }
    decomposed = unicodedata.normalize("NFD", key)
    ranked = sorted(
        found,
        key=lambda k: (-_ratio(key, k), -_ratio(decomposed, unicodedata.normalize("NFD", k)), k),
    )
    out: list[tuple[str, str]] = []
    for spelling in ranked:
        if lookup[spelling] not in {i for _, i in out}:
            out.append((spelling, lookup[spelling]))
    return out[:n]


def _label(spelling: str, ident: str) -> str:
    return ident if spelling.replace(" ", "_") == ident else f"{spelling} ({ident})"


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


def suggest_skills(unknown: Iterable[str], taxonomy: Taxonomy) -> dict[str, list[str]]:
    """For each unknown skill, up to three close spellings: '파이썬 (python)'."""
    lookup = skill_lookup(taxonomy)
    return {name: [_label(s, i) for s, i in _close(name, lookup)] for name in unknown}


def role_lookup(taxonomy: Taxonomy) -> dict[str, str]:
    """Every way to name a role (id, English and Korean names, title aliases) → id; Korean
    names also match without spaces (데이터엔지니어)."""
    lookup: dict[str, str] = {}
    for role in taxonomy.roles.values():
        for name in (role.name_en, role.name_ko, *role.titles):
            key = _key(name)
            lookup.setdefault(key, role.id)
            lookup.setdefault(key.replace(" ", ""), role.id)
    for role_id in taxonomy.roles:
        lookup[role_id] = role_id
    return lookup


def resolve_role(text: str | None, taxonomy: Taxonomy) -> str | None:
    """The role id of 'MLOps Engineer', '데이터 엔지니어', 'mlops_engineer', … (None stays None)."""
    if text is None:
        return None
    lookup = role_lookup(taxonomy)
    key = _key(text)
    role = lookup.get(key) or lookup.get(key.replace(" ", "")) or lookup.get(key.replace(" ", "_"))
    if role is None:
        close = [_label(s, i) for s, i in _close(text, lookup)]
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise AdviceError(
            f"unknown role {text!r}; {hint}roles: {', '.join(taxonomy.roles)} "
            "(or their names and titles in English or Korean)"
        )
    return role


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


def years_position(
    years: int | None, p25: float | None, median: float | None, p75: float | None
) -> str | None:
    """Where `years` falls among the role's quartiles of minimum years."""
    if years is None or median is None or p25 is None or p75 is None:
        return None
    if years < p25:
        return "below p25"
    if years < median:
        return "p25 to median"
    if years <= p75:
        return "median to p75"
    return "far above p75" if years > p75 + FAR_ABOVE_YEARS else "above p75"


def _missing(row: dict[str, Any]) -> MissingSkill:
    return MissingSkill(**{k: v for k, v in row.items() if k != "has_skill"})


def _fit(row: dict[str, Any], skills: list[dict[str, Any]], years, degree) -> RoleFit:
    demand = row["required_demand"]
    coverage = round(row["covered_demand"] / demand, 4) if demand else None
    eligible = row["eligible_share"]
    eligible = None if eligible is None else round(float(eligible), 4)
    median, typical = row["min_years_median"], row["degree_typical"]
    p25, p75 = row["min_years_p25"], row["min_years_p75"]
    lacking = [s for s in skills if not s["has_skill"]]
    fit = None if coverage is None else round(coverage * (1.0 if eligible is None else eligible), 4)
    met_of_stated = row["years_met_of_stated"]
    return RoleFit(
        role=row["role"],
        name_en=row["name_en"],
        name_ko=row["name_ko"],
        postings=row["postings"],
        small_cell=row["small_cell"],
        required_coverage=coverage,
        covered_skills=tuple(s["skill_id"] for s in skills if s["has_skill"]),
        missing=tuple(_missing(s) for s in lacking if s["family"] not in SOFT_FAMILIES),
        missing_soft_skills_and_credentials=tuple(
            _missing(s) for s in lacking if s["family"] in SOFT_FAMILIES
        ),
        years_typical=median,
        years_p25=p25,
        years_p75=p75,
        years_stated=row["years_stated"],
        years_coverage=row["years_coverage"],
        years_small_cell=row["years_small_cell"],
        years_meets=None if years is None or median is None else years >= median,
        years_position=years_position(years, p25, median, p75),
        years_met_of_stated=None if met_of_stated is None else round(float(met_of_stated), 4),
        years_far_above=None if years is None or p75 is None else years > p75 + FAR_ABOVE_YEARS,
        degree_typical=typical,
        degree_stated=row["degree_stated"],
        degree_coverage=row["degree_coverage"],
        degree_small_cell=row["degree_small_cell"],
        degree_meets=None
        if degree is None or typical is None
        else _level(degree) >= _level(typical),
        newcomer_share=row["newcomer_share"],
        experience_stated=row["experience_stated"],
        eligible_share=eligible,
        fit=fit,
        fit_adjusted=None,
    )


def shrink(fits: list[RoleFit]) -> list[RoleFit]:
    """fit_adjusted = (n × fit + PRIOR_POSTINGS × average) / (n + PRIOR_POSTINGS), the average
    being the fit of every role's postings together: a role resting on few postings is pulled
    toward the average, so a difference of 0.01 over 12 postings cannot outrank 600."""
    scored = [f for f in fits if f.fit is not None]
    weight = sum(f.postings for f in scored)
    if not weight:
        return fits
    average = sum(f.fit * f.postings for f in scored) / weight
    return [
        f
        if f.fit is None
        else replace(
            f,
            fit_adjusted=round(
                (f.postings * f.fit + PRIOR_POSTINGS * average) / (f.postings + PRIOR_POSTINGS), 4
            ),
        )
        for f in fits
    ]


def _rank_key(fit: RoleFit) -> tuple:
    return (
        fit.small_cell,
        fit.fit is None,
        -(fit.fit_adjusted or 0.0),
        -(fit.fit or 0.0),
        -(fit.required_coverage or 0.0),
        -fit.postings,
        fit.role,
    )


RANKING = (
    "roles with fewer postings than the small-cell threshold come last; the rest by fit shrunk "
    f"toward the average of every role: (n × fit + {PRIOR_POSTINGS} × average) / "
    f"(n + {PRIOR_POSTINGS})"
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
    if unknown:
        raise UnknownSkillsError(suggest_skills(unknown, taxonomy))
    country = parse_country(country)
    degree = parse_degree(degree)
    if years is not None and years < 0:
        raise AdviceError("years must be 0 or more")
    role = resolve_role(role, taxonomy)
    params = {
        "country": country,
        "skills": list(ids),
        "years": years,
        "degree_level": _level(degree),
        "degrees": list(DEGREES),
        "soft_families": list(SOFT_FAMILIES),
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
        shrink([_fit(r, by_role.get(r["role"], []), years, degree) for r in rows]), key=_rank_key
    )
    with_postings = {f.role for f in ranked}
    if role is not None and role not in with_postings:
        raise AdviceError(f"no postings for role {role} in {country}")
    return Advice(
        skills=ids,
        unknown_skills=(),
        country=country,
        years=years,
        degree=degree,
        role=role,
        roles=tuple(f for f in ranked if role is None or f.role == role),
        best_roles=tuple(f.role for f in ranked if f.fit is not None)[:BEST],
        roles_without_postings=tuple(r for r in taxonomy.roles if r not in with_postings),
        eligible_basis=tuple(
            name for name, given in (("years", years), ("degree", degree)) if given is not None
        ),
        ranking=RANKING,
        dataset=describe_dataset(conn),
    )
