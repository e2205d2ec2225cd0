"""Gold annotations (eval/gold/*.yaml, format in eval/ANNOTATION.md), validated on load."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipelines.models import DEGREES
from pipelines.taxonomy import Taxonomy

DEMAND = ("duties", "required", "preferred")
_ENTRY_KEYS = {
    "ref",
    "language",
    "in_scope",
    "roles",
    "specializations",
    "skills",
    "min_years",
    "max_years",
    "newcomer_ok",
    "degree_min",
    "notes",
}


class GoldError(ValueError):
    """A gold file that does not follow eval/ANNOTATION.md."""


@dataclass(frozen=True)
class GoldEntry:
    ref: Mapping[str, Any]
    language: str
    in_scope: bool
    roles: tuple[str, ...]
    specializations: frozenset[str]
    skills: Mapping[str, frozenset[str]]  # section -> skill ids
    min_years: int | None
    max_years: int | None
    newcomer_ok: bool | None
    degree_min: str | None

    @property
    def label(self) -> str:
        ref = self.ref
        return f"{ref['file']}#{ref.get('row', ref.get('id'))}"


def _entry(raw: Mapping[str, Any], where: str, taxonomy: Taxonomy) -> GoldEntry:
    unknown = set(raw) - _ENTRY_KEYS
    missing = _ENTRY_KEYS - {"notes", "max_years"} - set(raw)
    if unknown or missing:
        raise GoldError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    roles = tuple(raw["roles"])
    bad_roles = set(roles) - set(taxonomy.role_ids)
    if not roles or bad_roles:
        raise GoldError(f"{where}: roles {roles} (unknown: {sorted(bad_roles)})")
    specs = frozenset(raw["specializations"] or ())
    if specs - set(taxonomy.specializations):
        raise GoldError(
            f"{where}: unknown specializations {sorted(specs - set(taxonomy.specializations))}"
        )
    skills = {}
    for section in DEMAND:
        ids = frozenset((raw["skills"] or {}).get(section) or ())
        if ids - set(taxonomy.skills):
            raise GoldError(f"{where}: unknown skills {sorted(ids - set(taxonomy.skills))}")
        skills[section] = ids
    if raw["degree_min"] is not None and raw["degree_min"] not in DEGREES:
        raise GoldError(f"{where}: degree_min {raw['degree_min']!r}")
    if raw["language"] not in ("ko", "en"):
        raise GoldError(f"{where}: language {raw['language']!r}")
    return GoldEntry(
        ref=raw["ref"],
        language=raw["language"],
        in_scope=bool(raw["in_scope"]),
        roles=roles,
        specializations=specs,
        skills=skills,
        min_years=raw["min_years"],
        max_years=raw.get("max_years"),
        newcomer_ok=raw["newcomer_ok"],
        degree_min=raw["degree_min"],
    )


def load_gold(directory: Path, taxonomy: Taxonomy) -> list[GoldEntry]:
    """Every entry of every *.yaml in `directory`, validated against the taxonomy."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise GoldError(f"no gold files (*.yaml) in {directory}")
    entries = []
    for path in files:
        for index, raw in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            entries.append(_entry(raw, f"{path.name}[{index}]", taxonomy))
    return entries


def scored_skills(entries: list[GoldEntry], taxonomy: Taxonomy) -> frozenset[str]:
    """The skill ids a set's figures count: every id of CONTRACT §5.3, and an id added to the
    taxonomy later (`since`) only once the set's annotations use it, since annotators could
    not label what did not exist yet (a new id's correct finds are not errors of the set)."""
    used = {skill for entry in entries for ids in entry.skills.values() for skill in ids}
    return frozenset(s.id for s in taxonomy.skills.values() if s.since is None or s.id in used)
