"""Parquet exports written by DuckDB's own COPY, plus manifest.json (CONTRACT §6)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb

from warehouse.schema import load_schema


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_table(conn: duckdb.DuckDBPyConnection, table: str, out_dir: Path) -> dict[str, Any]:
    """COPY one published table to <out_dir>/<table>.parquet (zstd), rows sorted by its key."""
    spec = load_schema()[table]
    order = ", ".join(spec["key"])
    path = out_dir / f"{table}.parquet"
    # Table and key names come from schema.yml; the file path is a bound parameter.
    select = " ".join(["select * from", table, "order by", order, "nulls last"])
    conn.execute(
        "copy (" + select + ") to $path (format parquet, compression zstd)", {"path": str(path)}
    )
    rows = conn.execute(" ".join(["select count(*) from", table])).fetchone()[0]
    return {
        "name": table,
        "file": path.name,
        "rows": rows,
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
        "description": spec["description"].strip(),
        "grain": spec["grain"],
        "key": spec["key"],
        "columns": spec["columns"],
    }


def export_tables(
    conn: duckdb.DuckDBPyConnection,
    out_dir: Path,
    taxonomy_version: str,
    tables: list[str] | None = None,
) -> dict[str, Any]:
    """Export the published tables and write manifest.json; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = tables or list(load_schema())
    manifest = {
        "taxonomy_version": taxonomy_version,
        "tables": [export_table(conn, name, out_dir) for name in names],
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest
