"""Loader for ``families.yaml``: where each JSON API family keeps postings, ids and URLs.

Standard library and PyYAML only: the spiders read it, and so does ``careermarket
import-json`` (which must not need Scrapy to turn a saved response into raw records).
Strict on purpose: an unknown key raises instead of silently reading nothing.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FAMILIES_PATH = Path(__file__).resolve().parent / "families.yaml"
FAMILY_KEYS = frozenset(
    {"list", "detail", "id", "url", "skip", "list_has_text", "format", "xml_lists", "envelope"}
)
FORMATS = frozenset({"json", "xml"})
SKIP_KEYS = frozenset({"reason", "has", "lacks"})


class FamiliesError(ValueError):
    """families.yaml does not have the documented shape."""


class ShapeError(ValueError):
    """A response does not hold postings where its family keeps them."""


@dataclass(frozen=True)
class SkipRule:
    """List entries that are not postings: every key of ``has`` present, every one of
    ``lacks`` missing or empty."""

    reason: str
    has: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()

    def matches(self, entry: Any) -> bool:
        if not isinstance(entry, Mapping):
            return False
        return all(k in entry for k in self.has) and all(
            entry.get(k) in (None, "") for k in self.lacks
        )


@dataclass(frozen=True)
class Family:
    name: str
    list_path: tuple[str, ...]
    id_key: str
    url_template: str
    detail_path: tuple[str, ...] | None = None
    skip: tuple[SkipRule, ...] = ()
    list_has_text: bool = True
    format: str = "json"  # "xml": the body goes through scrapers.xmldoc first
    xml_lists: tuple[str, ...] = ()  # "parent/child" pairs that are always lists
    envelope: tuple[str, ...] = ()  # list-response keys kept beside each posting

    def envelope_of(self, document: Any) -> dict[str, Any]:
        """The declared top-level keys of a list response that it has (may be empty)."""
        if not isinstance(document, Mapping):
            return {}
        return {key: document[key] for key in self.envelope if key in document}

    def posting_id(self, entry: Mapping[str, Any]) -> str | None:
        """The posting's id as a string; None when the entry has none."""
        value = entry.get(self.id_key)
        if value is None or isinstance(value, (dict, list, bool)) or str(value).strip() == "":
            return None
        return str(value)

    def posting_url(
        self, entry: Mapping[str, Any], context: Mapping[str, str] | None = None
    ) -> str | None:
        """The public page of the posting, or None when a key the template needs is missing.

        Placeholders starting with ``_`` come from ``context`` (what the spider knows of the
        response: ``_host``, ``_board``), the others from the entry.
        """
        values = {}
        for _, key, _, _ in string.Formatter().parse(self.url_template):
            if key is None:
                continue
            value = (context or {}).get(key) if key.startswith("_") else entry.get(key)
            if value is None or isinstance(value, (dict, list)) or str(value).strip() == "":
                return None
            values[key] = str(value).strip()
        return self.url_template.format(**values)

    def skip_reason(self, entry: Any) -> str | None:
        return next((rule.reason for rule in self.skip if rule.matches(entry)), None)

    def split(self, entries: list[Any]) -> tuple[list[Any], Counter[str]]:
        """The entries that are postings, and how many of the others were skipped, by reason."""
        kept: list[Any] = []
        skipped: Counter[str] = Counter({rule.reason: 0 for rule in self.skip})
        for entry in entries:
            reason = self.skip_reason(entry)
            if reason is None:
                kept.append(entry)
            else:
                skipped[reason] += 1
        return kept, skipped


def walk(data: Any, path: tuple[str, ...]) -> Any:
    """``data[path[0]][path[1]]…``; raises ``ShapeError`` naming the missing step."""
    node = data
    for depth, step in enumerate(path):
        if not isinstance(node, Mapping) or step not in node:
            where = "/".join(path[: depth + 1])
            raise ShapeError(f"no {where} in the body")
        node = node[step]
    return node


def _path(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FamiliesError(f"{where}: must be a list of keys")
    return tuple(value)


def _keys(where: str, value: Any) -> tuple[str, ...]:
    return _path(where, value or [])


def parse_families(data: Any) -> dict[str, Family]:
    if not isinstance(data, dict) or set(data) != {"version", "families"}:
        raise FamiliesError("top level must have exactly the keys 'version' and 'families'")
    if data["version"] != 1:
        raise FamiliesError(f"unsupported version {data['version']!r}")
    if not isinstance(data["families"], dict):
        raise FamiliesError("'families' must map family ids to entries")
    families: dict[str, Family] = {}
    for name, spec in data["families"].items():
        if not isinstance(spec, dict):
            raise FamiliesError(f"{name}: entry must be a mapping")
        unknown = set(spec) - FAMILY_KEYS
        missing = {"list", "id", "url"} - set(spec)
        if unknown or missing:
            raise FamiliesError(
                f"{name}: unknown keys {sorted(unknown)}, missing {sorted(missing)}"
            )
        if not isinstance(spec["id"], str) or not isinstance(spec["url"], str):
            raise FamiliesError(f"{name}: id and url must be strings")
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(spec["url"]) if f is not None]
        except ValueError as exc:
            raise FamiliesError(f"{name}.url: {exc}") from None
        if any(not f.isidentifier() for f in fields):
            raise FamiliesError(f"{name}.url: placeholders must be plain keys, not {fields}")
        rules = []
        for i, rule in enumerate(spec.get("skip") or []):
            where = f"{name}.skip[{i}]"
            if not isinstance(rule, dict) or set(rule) - SKIP_KEYS or "reason" not in rule:
                raise FamiliesError(f"{where}: must be {{reason, has?, lacks?}}")
            has, lacks = (
                _keys(f"{where}.has", rule.get("has")),
                _keys(f"{where}.lacks", rule.get("lacks")),
            )
            if not has and not lacks:
                raise FamiliesError(f"{where}: needs has or lacks")
            rules.append(SkipRule(str(rule["reason"]), has, lacks))
        detail = spec.get("detail")
        fmt = spec.get("format", "json")
        if fmt not in FORMATS:
            raise FamiliesError(f"{name}.format: one of {sorted(FORMATS)}, not {fmt!r}")
        xml_lists = _keys(f"{name}.xml_lists", spec.get("xml_lists"))
        if any(pair.count("/") != 1 for pair in xml_lists) or (xml_lists and fmt != "xml"):
            raise FamiliesError(f"{name}.xml_lists: 'parent/child' pairs, for format: xml only")
        families[str(name)] = Family(
            name=str(name),
            list_path=_path(f"{name}.list", spec["list"]),
            id_key=spec["id"],
            url_template=spec["url"],
            detail_path=_path(f"{name}.detail", detail) if detail is not None else None,
            skip=tuple(rules),
            list_has_text=bool(spec.get("list_has_text", True)),
            format=fmt,
            xml_lists=xml_lists,
            envelope=_keys(f"{name}.envelope", spec.get("envelope")),
        )
    return families


@cache
def load_families(path: Path = FAMILIES_PATH) -> dict[str, Family]:
    with open(path, encoding="utf-8") as fh:
        return parse_families(yaml.safe_load(fh))


def family(name: str) -> Family:
    """The family of a spider or source id; KeyError names the known ones."""
    families = load_families()
    if name not in families:
        raise KeyError(f"no family {name!r} in families.yaml; known: {', '.join(sorted(families))}")
    return families[name]
