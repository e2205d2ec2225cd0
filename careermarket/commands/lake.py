"""`careermarket lake`: the warehouse as Iceberg tables in an object store (opt-in, `scale` extra).

Where things are comes from the environment (warehouse.lake, warehouse.objectstore):
CAREERMARKET_CATALOG_URI (the SQL catalog's PostgreSQL), CAREERMARKET_WAREHOUSE
(s3://bucket/prefix of the table data), CAREERMARKET_S3_ENDPOINT and the AWS_* credentials.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careermarket.console import DataDir, console, fail
from warehouse.paths import DEFAULT_DATA_DIR, DataPaths

if TYPE_CHECKING:
    from warehouse.lake import Lake

app = typer.Typer(
    no_args_is_help=True,
    help="The Iceberg warehouse in an object store: land, ingest partitions, publish, export.",
)

Wait = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0,
        help="Seconds to wait for a partition another writer holds (0: refuse at once).",
    ),
]


def _lake() -> Lake:
    try:
        from warehouse.lake import Lake
    except ImportError as exc:  # pragma: no cover - the extra is missing
        raise fail(f"the lake needs the scale extra (pip install -e '.[scale]'): {exc}") from exc
    try:
        return Lake.from_env()
    except ValueError as exc:
        raise fail(str(exc)) from exc


@app.command()
def land(
    to: Annotated[str, typer.Option("--to", help="s3://bucket/prefix of the landing root.")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    snapshot: Annotated[
        bool, typer.Option("--snapshot", help="Land the bundled snapshot too (<data>/snapshot).")
    ] = False,
) -> None:
    """Upload landing files (<data>/raw/<source>/<date>/*.jsonl) to the store, each one PUT."""
    from warehouse.objectstore import ObjectStore, land_tree

    paths = DataPaths(data_dir)
    store = ObjectStore(to)
    store.ensure_bucket()
    roots = [paths.raw, *([paths.snapshot] if snapshot else [])]
    written = [name for root in roots for name in land_tree(store, root)]
    console.print(f"{len(written)} landing files → {store.location.url}")


def _selected(keys: list[str], wanted: list[str] | None) -> list[str]:
    if not wanted:
        return keys
    unknown = sorted(set(wanted) - set(keys))
    if unknown:
        raise fail(f"no landed partition {', '.join(unknown)} (DATE|SOURCE, e.g. 2026-06-15|lever)")
    return [k for k in keys if k in wanted]


@app.command()
def ingest(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    landing: Annotated[
        str | None,
        typer.Option(
            "--landing",
            help="Read landing files from s3://bucket/prefix instead of <data>/snapshot and <data>/raw.",
        ),
    ] = None,
    partition: Annotated[
        list[str] | None,
        typer.Option("--partition", help="DATE|SOURCE; repeat for several (default: every one)."),
    ] = None,
    wait: Wait = 0.0,
) -> None:
    """Normalize landed partitions and write each into the Iceberg load tables, one writer per
    partition (a partition another writer holds is refused, or waited for with --wait)."""
    from datetime import date

    from pipelines.batch import Runner
    from pipelines.taxonomy import load_taxonomy
    from warehouse.lake import PartitionBusy
    from warehouse.load import Partition, landing_files, landing_lines
    from warehouse.objectstore import ObjectStore, landed_objects, object_lines

    paths = DataPaths(data_dir)
    with (
        _lake() as lake,
        Runner(load_taxonomy(), 1) as runner,
        tempfile.TemporaryDirectory() as tmp,
    ):
        if landing:
            store = ObjectStore(landing)
            objects = {
                Partition(source, date.fromisoformat(day)): names
                for (source, day), names in landed_objects(store).items()
            }
            read = {
                p: (lambda names=names: object_lines(store, names, Path(tmp)))
                for p, names in objects.items()
            }
        else:
            local: dict[Partition, list[Path]] = {}
            for root in (paths.snapshot, paths.raw):
                for part, files in landing_files(root).items():
                    local.setdefault(part, []).extend(files)
            read = {p: (lambda files=files: landing_lines(files)) for p, files in local.items()}
        by_key = {p.key: p for p in read}
        for key in _selected(sorted(by_key), partition):
            part = by_key[key]
            try:
                rows = lake.ingest_partition(part, runner.run(read[part]()), wait_seconds=wait)
            except PartitionBusy as exc:
                raise fail(str(exc)) from exc
            console.print(
                f"{key}: {rows['raw_postings']} raw, {rows['normalized_postings']} normalized, "
                f"{rows['quarantined_postings']} quarantined"
            )


@app.command()
def publish(
    exports: Annotated[
        str | None,
        typer.Option(
            "--exports", help="Also export the published tables to DIR or s3://bucket/prefix."
        ),
    ] = None,
    wait: Wait = 0.0,
) -> None:
    """Build warehouse/models/*.sql in DuckDB over the Iceberg load tables and write each
    published table back to Iceberg (and, with --exports, the export files)."""
    from pipelines.taxonomy import load_taxonomy
    from warehouse.lake import PartitionBusy

    with _lake() as lake:
        try:
            rows = lake.publish(load_taxonomy(), wait_seconds=wait, exports=exports)
        except PartitionBusy as exc:
            raise fail(str(exc)) from exc
    for name, n in rows.items():
        console.print(f"  {name:<28} {n:>8,} rows")
    if exports:
        console.print(f"exports → {exports}")
