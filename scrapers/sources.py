"""Loader for ``sources.yaml``: what the live crawl visits, per source id, and which crawl
schedule group each source belongs to (``dags/partitions.py`` reads ``source_groups``).

Strict on purpose: an unknown key or a misspelled source raises instead of silently
crawling nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SOURCES_PATH = Path(__file__).resolve().parent / "sources.yaml"
ENTRY_KEYS = frozenset({"group", "boards", "urls", "sitemaps"})
GROUP_NAME = re.compile(r"[a-z][a-z0-9_]*")  # it names Dagster jobs: crawl_<group>_job


class SourcesError(ValueError):
    """sources.yaml does not have the documented shape."""


@dataclass(frozen=True)
class SourceEntry:
    group: str = ""  # the crawl schedule group (dags/partitions.py SOURCE_GROUPS)
    boards: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


def parse_sources(data: Any) -> dict[str, SourceEntry]:
    if not isinstance(data, dict) or set(data) != {"version", "sources"}:
        raise SourcesError("top level must have exactly the keys 'version' and 'sources'")
    if data["version"] != 1:
        raise SourcesError(f"unsupported version {data['version']!r}")
    if not isinstance(data["sources"], dict):
        raise SourcesError("'sources' must map source ids to entries")
    entries: dict[str, SourceEntry] = {}
    for source, entry in data["sources"].items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise SourcesError(f"{source}: entry must be a mapping")
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            raise SourcesError(f"{source}: unknown keys {sorted(unknown)}")
        group = entry.get("group", "")
        if not isinstance(group, str) or (group and not GROUP_NAME.fullmatch(group)):
            raise SourcesError(f"{source}.group: a lower_snake_case name, not {group!r}")
        values: dict[str, tuple[str, ...]] = {}
        for key in (ENTRY_KEYS - {"group"}) & set(entry):
            items = entry[key] or []
            if not isinstance(items, list) or not all(isinstance(v, str | int) for v in items):
                raise SourcesError(f"{source}.{key}: must be a list of strings")
            values[key] = tuple(str(v) for v in items)
            if len(set(values[key])) != len(values[key]):
                raise SourcesError(f"{source}.{key}: duplicate entries")
        entries[str(source)] = SourceEntry(group, **values)
    return entries


@cache
def load_sources(path: Path = SOURCES_PATH) -> dict[str, SourceEntry]:
    with open(path, encoding="utf-8") as fh:
        return parse_sources(yaml.safe_load(fh))


def source_groups(sources: dict[str, SourceEntry] | None = None) -> dict[str, tuple[str, ...]]:
    """Crawl group -> its sources, in file order; every source must name its group."""
    sources = load_sources() if sources is None else sources
    missing = sorted(name for name, entry in sources.items() if not entry.group)
    if missing:
        raise SourcesError(f"sources without a group: {', '.join(missing)}")
    groups: dict[str, tuple[str, ...]] = {}
    for name, entry in sources.items():
        groups[entry.group] = (*groups.get(entry.group, ()), name)
    return groups
