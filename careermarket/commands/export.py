"""`careermarket export`: Parquet and CSV files, manifest.json, datapackage.json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careermarket.console import DataDir, console, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths


def export(
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Directory, or s3://bucket/prefix (endpoint: CAREERMARKET_S3_ENDPOINT), for the "
            "Parquet and CSV files, manifest.json and datapackage.json (default: data/exports).",
        ),
    ] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Export every published table to Parquet (zstd) and CSV, with manifest.json and datapackage.json."""
    import duckdb

    from pipelines.taxonomy import load_taxonomy
    from warehouse.export import export_to
    from warehouse.objectstore import is_s3_url

    paths = DataPaths(data_dir)
    if not paths.database.exists():
        raise fail(f"{paths.database} does not exist yet: run `careermarket run` first")
    target = out if out and is_s3_url(out) else Path(out or paths.exports)
    with duckdb.connect(str(paths.database), read_only=True) as conn:
        manifest = export_to(conn, target, load_taxonomy().version)
    for table in manifest["tables"]:
        csv = table.get("csv", {}).get("file", "")
        console.print(
            f"  {table['file']:<32} {csv:<28} {table['rows']:>7,} rows  {table['sha256'][:12]}"
        )
    console.print(f"manifest → {str(target).rstrip('/')}/manifest.json")
    if "datapackage" in manifest:
        console.print(
            f"Frictionless data package → {str(target).rstrip('/')}/{manifest['datapackage']}"
        )
