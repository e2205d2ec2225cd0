"""Loader for ``sources.yaml``: what the live crawl visits, per source id.

Strict on purpose: an unknown key or a misspelled source raises instead of silently
crawling nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SOURCES_PATH = Path(__file__).resolve().parent / "sources.yaml"
ENTRY_KEYS = frozenset({"boards", "urls", "sitemaps"})


class SourcesError(ValueError):
    """sources.yaml does not have the documented shape."""


@dataclass(frozen=True)
class SourceEntry:
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
        values: dict[str, tuple[str, ...]] = {}
        for key in ENTRY_KEYS & set(entry):
            items = entry[key] or []
            if not isinstance(items, list) or not all(isinstance(v, str | int) for v in items):
                raise SourcesError(f"{source}.{key}: must be a list of strings")
            values[key] = tuple(str(v) for v in items)
            if len(set(values[key])) != len(values[key]):
                raise SourcesError(f"{source}.{key}: duplicate entries")
        entries[str(source)] = SourceEntry(**values)
    return entries


@cache
def load_sources(path: Path = SOURCES_PATH) -> dict[str, SourceEntry]:
    with open(path, encoding="utf-8") as fh:
        return parse_sources(yaml.safe_load(fh))
