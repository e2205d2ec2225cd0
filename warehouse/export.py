"""Exports of the published tables (CONTRACT §6), written by DuckDB's own COPY.

Per table: <table>.parquet (zstd) and <table>.csv (UTF-8, header; list and struct columns as
JSON text), rows sorted by the table's key. Beside them: manifest.json (what kind of data it is
— example snapshot, live, imported —, rows, sha256, columns with types and descriptions,
taxonomy version, time range, sources) and datapackage.json, a
Frictionless tabular data package over the CSV files so the exports open in standard tools.
Nothing in them depends on the clock: unchanged data re-exports byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb

from warehouse.dataset import describe as describe_dataset
from warehouse.db import quote_identifier, row_count
from warehouse.schema import load_schema

# DuckDB type → Frictionless Table Schema field type.
_FRICTIONLESS_TYPES = {
    "VARCHAR": "string",
    "BIGINT": "integer",
    "INTEGER": "integer",
    "HUGEINT": "integer",
    "DOUBLE": "number",
    "FLOAT": "number",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "datetime",
}
# The bundled snapshot's crawl ids (data/snapshot/README.md: `snap-<source>-<yyyymmdd>`); live
# crawls and CSV imports have others.
SNAPSHOT_CRAWL_PREFIX = "snap-"
PROJECT_LICENSE = {
    "name": "Apache-2.0",
    "path": "https://www.apache.org/licenses/LICENSE-2.0",
    "title": "Apache License 2.0, the careermarket project's license. Every posting in this "
    "package comes from the bundled snapshot, which the project wrote itself.",
}
THIRD_PARTY_LICENSE = {
    "name": "notspecified",
    "title": "Not specified: some postings were crawled or imported from job boards and their "
    "text remains their publishers'; check each source's terms. The project's code and its "
    "bundled snapshot are Apache-2.0.",
}
PACKAGE_DESCRIPTION = (
    "Public ML / AI / MLOps / data job postings (Korea and worldwide), normalized: which skills "
    "each role requires and prefers, years, degree and demand by month. Aggregates count each "
    "job once; country 'ALL' is every country together and an empty country is unknown."
)
EXAMPLE_DESCRIPTION = (
    "EXAMPLE DATA: {share} postings come from the snapshot bundled with careermarket, made up "
    "to show and test the pipeline; they are not the job market (dataset.csv counts each kind)."
)


def package_description(dataset: dict[str, Any]) -> str:
    """The data package's description, which says so first when it holds example data."""
    kinds = dataset.get("kinds") or {}
    example, total = kinds.get("example snapshot", 0), sum(kinds.values())
    if not example:
        return PACKAGE_DESCRIPTION
    share = "all" if example == total else f"{example} of {total}"
    return EXAMPLE_DESCRIPTION.format(share=share) + " " + PACKAGE_DESCRIPTION


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_entry(path: Path) -> dict[str, Any]:
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": _sha256(path)}


def _nested(duckdb_type: str) -> bool:
    return duckdb_type.endswith("[]") or duckdb_type.startswith(("STRUCT", "MAP"))


def _checked(names: list[str], table: str) -> list[str]:
    for name in [table, *names]:
        if not name.isidentifier():
            raise ValueError(f"{name!r} from schema.yml is not a plain identifier")
    return names


def _select(table: str, spec: dict[str, Any], for_csv: bool) -> str:
    """SELECT of the documented columns in key order; nested values as JSON text for CSV."""
    _checked([c["name"] for c in spec["columns"]], table)
    exprs = []
    for c in spec["columns"]:
        name = quote_identifier(c["name"])
        exprs.append(f"to_json({name}) as {name}" if for_csv and _nested(c["type"]) else name)
    order = ", ".join(f"{quote_identifier(k)} nulls last" for k in _checked(spec["key"], table))
    return f"select {', '.join(exprs)} from {quote_identifier(table)} order by {order}"


def export_table(
    conn: duckdb.DuckDBPyConnection, table: str, out_dir: Path, *, csv: bool = True
) -> dict[str, Any]:
    """Write <table>.parquet (and <table>.csv); returns the table's manifest entry."""
    spec = load_schema()[table]
    parquet = out_dir / f"{table}.parquet"
    conn.execute(
        "copy (" + _select(table, spec, for_csv=False) + ") to $path (format parquet, "
        "compression zstd)",
        {"path": str(parquet)},
    )
    rows = row_count(conn, table)
    entry: dict[str, Any] = {
        "name": table,
        **_file_entry(parquet),
        "rows": rows,
        "description": spec["description"].strip(),
        "grain": spec["grain"],
        "key": spec["key"],
        "columns": spec["columns"],
    }
    if csv:
        path = out_dir / f"{table}.csv"
        conn.execute(
            "copy (" + _select(table, spec, for_csv=True) + ") to $path (format csv, header true)",
            {"path": str(path)},
        )
        entry["csv"] = _file_entry(path)
    key_nulls = " or ".join(f"{quote_identifier(k)} is null" for k in spec["key"])
    entry["key_has_nulls"] = bool(row_count(conn, table, where=key_nulls))
    return entry


def _table_exists(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = conn.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]
    ).fetchone()[0]
    return bool(found)


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def coverage(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the postings span: dates and sources (from stg_postings; empty before it exists)."""
    if not _table_exists(conn, "stg_postings"):
        return {"time_range": None, "sources": []}
    first_month, last_month, first_posted, last_posted, first_crawl, last_crawl = conn.execute(
        "select min(posting_month), max(posting_month), min(posted_at), max(posted_at), "
        "min(first_seen_date), max(last_seen_date) from stg_postings"
    ).fetchone()
    sources = conn.execute(
        "select source, count(*), count(*) filter (where is_canonical), "
        "count(*) filter (where starts_with(crawl_id, ?)) "
        "from stg_postings group by source order by source",
        [SNAPSHOT_CRAWL_PREFIX],
    ).fetchall()
    return {
        "time_range": {
            "posting_month_first": _iso(first_month),
            "posting_month_last": _iso(last_month),
            "posted_at_first": _iso(first_posted),
            "posted_at_last": _iso(last_posted),
            "crawled_first": _iso(first_crawl),
            "crawled_last": _iso(last_crawl),
        },
        "sources": [
            {"source": s, "postings": n, "canonical_postings": c, "snapshot_postings": k}
            for s, n, c, k in sources
        ],
    }


def _field(column: dict[str, str]) -> dict[str, Any]:
    kind = column["type"]
    if kind.endswith("[]"):
        frictionless = "array"
    elif kind.startswith(("STRUCT", "MAP")):
        frictionless = "object"
    else:
        frictionless = _FRICTIONLESS_TYPES.get(kind, "string")
    return {"name": column["name"], "type": frictionless, "description": column["description"]}


def _source(entry: dict[str, Any]) -> dict[str, Any]:
    """A Data Package `sources` object: where one source family's postings came from."""
    snapshot, total = entry.get("snapshot_postings", 0), entry["postings"]
    if snapshot == total:
        origin = "the careermarket project's own bundled snapshot, written in this source's shape"
    elif snapshot == 0:
        origin = "crawled or imported from this source"
    else:
        origin = f"{snapshot} from the bundled snapshot, the rest crawled or imported"
    return {"title": entry["source"], "description": f"{total} postings: {origin}"}


def datapackage(manifest: dict[str, Any]) -> dict[str, Any]:
    """A Frictionless tabular data package describing the CSV files of a manifest."""
    resources = []
    for table in manifest["tables"]:
        if "csv" not in table:
            continue
        schema: dict[str, Any] = {
            "fields": [_field(c) for c in table["columns"]],
            "missingValues": [""],
        }
        # A primary key may not hold nulls; unknown country is null, so such keys stay unique keys.
        schema["uniqueKeys" if table["key_has_nulls"] else "primaryKey"] = (
            [table["key"]] if table["key_has_nulls"] else table["key"]
        )
        resources.append(
            {
                "name": table["name"],
                "profile": "tabular-data-resource",
                "path": table["csv"]["file"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": table["csv"]["bytes"],
                "hash": "sha256:" + table["csv"]["sha256"],
                "description": table["description"],
                "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "careermarket",
        "title": "careermarket: ML / AI / MLOps / data job postings",
        "description": package_description(manifest["dataset"]),
        "dataset": manifest["dataset"],
        "taxonomy_version": manifest["taxonomy_version"],
        "time_range": manifest["time_range"],
        "sources": [_source(s) for s in manifest["sources"]],
        "licenses": [
            PROJECT_LICENSE
            if all(s.get("snapshot_postings") == s["postings"] for s in manifest["sources"])
            else THIRD_PARTY_LICENSE
        ],
        "resources": resources,
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def export_tables(
    conn: duckdb.DuckDBPyConnection,
    out_dir: Path,
    taxonomy_version: str,
    tables: list[str] | None = None,
    *,
    csv: bool = True,
    datapackage_json: bool = True,
) -> dict[str, Any]:
    """Export the published tables, write manifest.json (and datapackage.json); returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = tables or list(load_schema())
    manifest = {
        "taxonomy_version": taxonomy_version,
        # What kind of data this is (example snapshot, live, imported), said before anything else.
        "dataset": describe_dataset(conn),
        **coverage(conn),
        "tables": [export_table(conn, name, out_dir, csv=csv) for name in names],
    }
    if datapackage_json and csv:
        manifest["datapackage"] = "datapackage.json"
        _write_json(out_dir / "datapackage.json", datapackage(manifest))
    _write_json(out_dir / "manifest.json", manifest)
    return manifest


def export_to(
    conn: duckdb.DuckDBPyConnection, target: str | Path, taxonomy_version: str
) -> dict[str, Any]:
    """export_tables into a directory or an s3://bucket/prefix (warehouse.objectstore): the
    files are written locally by DuckDB's COPY (no httpfs extension), then each is PUT whole,
    manifest.json last, so a reader that finds the manifest finds every file it lists."""
    from warehouse.objectstore import ObjectStore, is_s3_url

    if not is_s3_url(target):
        return export_tables(conn, Path(target), taxonomy_version)
    import tempfile

    store = ObjectStore(str(target))
    store.ensure_bucket()
    with tempfile.TemporaryDirectory(prefix="careermarket-export-") as staging:
        manifest = export_tables(conn, Path(staging), taxonomy_version)
        store.put_tree(Path(staging), last=("manifest.json",))
    return manifest
