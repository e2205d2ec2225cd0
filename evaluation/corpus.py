"""Corpus rows as raw records: the evaluation reads postings the way the pipeline would."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import yaml
from parsel import Selector

from scrapers.base.jsonld import find_job_postings, parse_jsonld_block
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
    # utf-8-sig: some corpus files were saved with a BOM by their authors (the APIs send none).
    return json.loads(path.read_text(encoding="utf-8-sig"))


@functools.cache
def _page_jsonld(path: Path) -> list[dict[str, Any]]:
    """The schema.org JobPosting objects of an HTML page, found as the JSON-LD spider finds them
    (the parser decodes an entity-escaped type attribute such as `application/ld&#x2B;json`)."""
    page = Selector(text=path.read_text(encoding="utf-8"))
    postings: list[dict[str, Any]] = []
    for block in page.xpath('//script[@type="application/ld+json"]/text()').getall():
        postings.extend(find_job_postings(parse_jsonld_block(block)))
    return postings


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _field(obj: Any, path: str) -> Any:
    """A value by dotted path ("result.data.strapiJobs", "identifier.value", "locations.0.display"
    where a number indexes a list); None when absent."""
    for key in path.split("."):
        if isinstance(obj, Mapping):
            obj = obj.get(key)
        elif isinstance(obj, list) and key.isdigit() and int(key) < len(obj):
            obj = obj[int(key)]
        else:
            return None
    return obj


def _items(doc: Any, path: str) -> list[Mapping[str, Any]]:
    """The items of a document: "[]" a top-level list, "" the document itself, "*" every list
    under the top-level keys (a crawl keyed by its search words), else a dotted path."""
    if path == "[]":
        return [item for item in doc if isinstance(item, Mapping)]
    if path == "":
        return [doc]
    if path == "*":
        return [item for value in doc.values() if isinstance(value, list) for item in value]
    found = _field(doc, path)
    return found if isinstance(found, list) else [found]


def _item_id(item: Mapping[str, Any], spec: Mapping[str, Any]) -> str:
    """The item's id: the field `id` names (dotted path, default "id"), or with `id_query` the
    query parameter of that field's URL (a crawl that kept only the posting's link)."""
    value = _field(item, spec.get("id", "id"))
    if spec.get("id_query"):
        values = parse_qs(urlsplit(str(value or "")).query).get(spec["id_query"]) or [None]
        value = values[0]
    return str(value)


def _kept(item: Mapping[str, Any], where: Mapping[str, Any]) -> bool:
    """Whether the item has every field value `where` asks for (a wrapper mixing kinds of item)."""
    return all(item.get(field) == value for field, value in where.items())


def _renamed(item: Mapping[str, Any], rename: Mapping[str, str]) -> dict[str, Any]:
    """The item with its fields under the names the source adapter reads (`rename`: old -> new)."""
    return {rename.get(field, field): value for field, value in item.items()}


def _payload(item: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """The payload the spec's adapter reads. `rename` renames top-level fields; `fields` builds a
    new payload for a response no adapter reads (`text` records): each field from a dotted path,
    or from several paths whose texts are joined by a blank line; `set` adds constant fields
    (a company the capture names only in its file name)."""
    if not spec.get("fields"):
        return _renamed(item, spec.get("rename") or {})
    payload: dict[str, Any] = {}
    for name, paths in spec["fields"].items():
        if isinstance(paths, list):
            texts = [_clean(_field(item, p)).strip() for p in paths]
            joiner = "\n\n" if name == "description" else ", "
            payload[name] = joiner.join(t for t in texts if t)
        else:
            payload[name] = _field(item, paths)
    return {**payload, **(spec.get("set") or {})}


def spec_items(
    name: str, spec: Mapping[str, Any], corpus: Path
) -> list[tuple[str, dict[str, Any]]]:
    """Every posting of a raw corpus file as (id, payload), as the `raw` spec of
    corpus_maps.yaml (or eval/real_corpus.yaml) describes it. An item without an id gets
    `<file stem>:<position>` (an API error body, a page whose JSON-LD names none)."""
    if spec.get("format") == "html-jsonld":
        items: list[Mapping[str, Any]] = _page_jsonld(corpus / name)
    else:
        items = _items(_json(corpus / name), spec["items"])
    found = []
    for position, item in enumerate(items):
        if not isinstance(item, Mapping) or not _kept(item, spec.get("where") or {}):
            continue
        item_id = _item_id(item, spec)
        if item_id in ("None", ""):
            item_id = f"{Path(name).stem}:{position}"
        found.append((item_id, _payload(item, spec)))
    return found


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
        for item_id, payload in spec_items(name, spec, corpus):
            if item_id == str(ref["id"]):
                return {
                    "source": spec["source"],
                    "source_posting_id": item_id,
                    "url": None,
                    "fetched_at": None,
                    "crawl_id": "eval",
                    "payload": payload,
                }
        where = f" among items with {spec['where']}" if spec.get("where") else ""
        raise CorpusError(f"{name} has no item with {key} = {ref['id']!r}{where}")
    raise CorpusError(f"{name} is not described in {CORPUS_MAPS.name}")
