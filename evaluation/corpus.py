"""Corpus rows as raw records: the evaluation reads postings the way the pipeline would."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from warehouse.paths import PROJECT_ROOT

CORPUS_MAPS = PROJECT_ROOT / "eval" / "corpus_maps.yaml"
# Where the reference corpus is found when --corpus is not given: beside the project's folder.
CORPUS_CANDIDATES = (PROJECT_ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus"))


class CorpusError(LookupError):
    """A gold reference that does not resolve to a corpus row."""


def default_corpus() -> Path | None:
    """The first corpus directory that exists, or None."""
    return next((p for p in CORPUS_CANDIDATES if p.is_dir()), None)


@functools.cache
def corpus_maps() -> dict[str, Any]:
    return yaml.safe_load(CORPUS_MAPS.read_text(encoding="utf-8"))


@functools.cache
def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@functools.cache
def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _items(doc: Any, path: str) -> list[Mapping[str, Any]]:
    if path == "[]":
        return [item for item in doc if isinstance(item, Mapping)]
    if path == "":
        return [doc]
    found = doc.get(path)
    return found if isinstance(found, list) else [found]


def _kept(item: Mapping[str, Any], where: Mapping[str, Any]) -> bool:
    """Whether the item has every field value `where` asks for (a wrapper mixing kinds of item)."""
    return all(item.get(field) == value for field, value in where.items())


def _renamed(item: Mapping[str, Any], rename: Mapping[str, str]) -> dict[str, Any]:
    """The item with its fields under the names the source adapter reads (`rename`: old -> new)."""
    return {rename.get(field, field): value for field, value in item.items()}


def source_family(ref: Mapping[str, Any]) -> str:
    """The source family a reference's postings come from: a CSV file (named without its
    collecting repository's suffix) or the source adapter that reads a raw file."""
    name = str(ref["file"])
    raw = corpus_maps()["raw"].get(name)
    if raw is not None:
        return str(raw["source"])
    return Path(name).stem.split("__")[0]


def raw_record(ref: Mapping[str, Any], corpus: Path) -> dict[str, Any]:
    """The raw record (CONTRACT §2) for a gold reference {file, row} or {file, id}."""
    name = ref["file"]
    maps = corpus_maps()
    if name in maps["csv"]:
        spec = maps["csv"][name]
        frame = _csv(corpus / name)
        row_index = int(ref["row"])
        if not 0 <= row_index < len(frame):
            raise CorpusError(f"{name} has no row {row_index}")
        row = {k: _clean(v) for k, v in frame.iloc[row_index].to_dict().items()}
        return {
            "source": "csv",
            "source_posting_id": f"{Path(name).stem}:{row_index}",
            "url": None,
            "fetched_at": None,
            "crawl_id": "eval",
            "payload": row,
            "field_map": spec["field_map"],
            "csv_options": {"line_separator": spec["line_separator"]}
            if spec.get("line_separator")
            else {},
        }
    if name in maps["raw"]:
        spec = maps["raw"][name]
        key = spec.get("id", "id")
        for item in _items(_json(corpus / name), spec["items"]):
            if str(item.get(key)) == str(ref["id"]) and _kept(item, spec.get("where") or {}):
                return {
                    "source": spec["source"],
                    "source_posting_id": str(ref["id"]),
                    "url": None,
                    "fetched_at": None,
                    "crawl_id": "eval",
                    "payload": _renamed(item, spec.get("rename") or {}),
                }
        where = f" among items with {spec['where']}" if spec.get("where") else ""
        raise CorpusError(f"{name} has no item with {key} = {ref['id']!r}{where}")
    raise CorpusError(f"{name} is not described in {CORPUS_MAPS.name}")
