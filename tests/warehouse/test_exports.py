"""Exports of the snapshot warehouse: Parquet and CSV round-trip, manifest and data package agree
with the files, and unchanged data re-exports byte for byte."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from warehouse.db import quote_identifier, row_count
from warehouse.export import (
    PROJECT_LICENSE,
    THIRD_PARTY_LICENSE,
    datapackage,
    export_tables,
)
from warehouse.schema import published_tables

FRICTIONLESS_TYPES = {"string", "integer", "number", "boolean", "date", "array", "object"}


@pytest.fixture
def exported(snapshot, tmp_path, taxonomy) -> tuple[Path, dict]:
    out = tmp_path / "exports"
    # Positional, as the Dagster exports asset calls it.
    return out, export_tables(snapshot, out, taxonomy.version)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_published_table_is_exported_twice(exported, snapshot, taxonomy):
    out, manifest = exported
    assert json.loads((out / "manifest.json").read_text("utf-8")) == manifest
    assert manifest["taxonomy_version"] == taxonomy.version
    assert [t["name"] for t in manifest["tables"]] == published_tables()
    names = {p.name for p in out.iterdir()}
    for table in published_tables():
        assert {f"{table}.parquet", f"{table}.csv"} <= names
    assert {"manifest.json", "datapackage.json"} <= names


def test_parquet_round_trips_with_documented_types(exported, snapshot):
    out, manifest = exported
    for table in manifest["tables"]:
        path = out / table["file"]
        assert (table["bytes"], table["sha256"]) == (path.stat().st_size, sha256(path))
        described = duckdb.execute("describe select * from read_parquet(?)", [str(path)]).fetchall()
        assert [(r[0], r[1]) for r in described] == [
            (c["name"], c["type"]) for c in table["columns"]
        ]
        count = duckdb.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()[0]
        in_db = row_count(snapshot, table["name"])
        assert count == table["rows"] == in_db > 0
        # Same rows as the table, in key order.
        key = ", ".join(map(quote_identifier, table["key"]))
        name = quote_identifier(table["name"])
        differs = snapshot.execute(
            f"select count(*) from (select * from {name} except all select * from read_parquet(?))",
            [str(path)],
        ).fetchone()[0]
        assert differs == 0, table["name"]
        keys = duckdb.execute(f"select {key} from read_parquet(?)", [str(path)]).fetchall()
        assert keys == sorted(keys, key=lambda k: tuple((v is None, v) for v in k))


def test_csv_round_trips_with_nested_values_as_json(exported, snapshot):
    out, manifest = exported
    for table in manifest["tables"]:
        path = out / table["csv"]["file"]
        assert (table["csv"]["bytes"], table["csv"]["sha256"]) == (
            path.stat().st_size,
            sha256(path),
        )
        rows = read_csv(path)
        assert len(rows) == table["rows"]
        assert list(rows[0]) == [c["name"] for c in table["columns"]]
    stg = {r["posting_key"]: r for r in read_csv(out / "stg_postings.csv")}
    key, skills = snapshot.execute(
        "select posting_key, skills from stg_postings where len(skills) > 2 order by posting_key limit 1"
    ).fetchone()
    assert json.loads(stg[key]["skills"]) == skills
    korean = snapshot.execute(
        "select posting_key, title from stg_postings where language = 'ko' order by 1 limit 1"
    ).fetchone()
    assert stg[korean[0]]["title"] == korean[1]


def test_manifest_says_what_the_data_spans(exported, snapshot):
    _, manifest = exported
    first, last, first_posted, last_posted = snapshot.execute(
        "select min(posting_month), max(posting_month), min(posted_at), max(posted_at) "
        "from stg_postings"
    ).fetchone()
    span = manifest["time_range"]
    assert (span["posting_month_first"], span["posting_month_last"]) == (
        first.isoformat(),
        last.isoformat(),
    )
    assert (span["posted_at_first"], span["posted_at_last"]) == (
        first_posted.isoformat(),
        last_posted.isoformat(),
    )
    sources = dict(
        snapshot.execute("select source, count(*) from stg_postings group by 1").fetchall()
    )
    assert {s["source"]: s["postings"] for s in manifest["sources"]} == sources
    assert {"wanted", "jumpit", "greenhouse"} <= set(sources)


def test_re_export_is_byte_identical(snapshot, tmp_path, taxonomy):
    export_tables(snapshot, tmp_path / "a", taxonomy.version)
    export_tables(snapshot, tmp_path / "b", taxonomy.version)
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a == b
    # Over the previous export, in place: nothing changes either.
    export_tables(snapshot, tmp_path / "a", taxonomy.version)
    assert {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()} == a


def _valid(value: str, kind: str) -> bool:
    if value == "":
        return True  # missingValues
    try:
        match kind:
            case "integer":
                int(value)
            case "number":
                float(value)
            case "boolean":
                return value in ("true", "false")
            case "date":
                date.fromisoformat(value)
            case "array":
                return isinstance(json.loads(value), list)
            case "object":
                return isinstance(json.loads(value), dict)
    except ValueError:
        return False
    return True


def test_datapackage_describes_the_csv_files(exported):
    out, manifest = exported
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert package["taxonomy_version"] == manifest["taxonomy_version"]
    assert [r["name"] for r in package["resources"]] == published_tables()
    for resource in package["resources"]:
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"])
        path = out / resource["path"]
        assert resource["hash"] == "sha256:" + sha256(path)
        assert resource["bytes"] == path.stat().st_size
        assert resource["format"] == "csv" and resource["encoding"] == "utf-8"
        fields = resource["schema"]["fields"]
        assert all(f["type"] in FRICTIONLESS_TYPES and f["description"] for f in fields)
        rows = read_csv(path)
        assert list(rows[0]) == [f["name"] for f in fields]
        for f in fields:
            bad = [r[f["name"]] for r in rows if not _valid(r[f["name"]], f["type"])]
            assert bad == [], (resource["name"], f["name"], bad[:3])
        schema = resource["schema"]
        assert ("primaryKey" in schema) != ("uniqueKeys" in schema)
        key = schema.get("primaryKey") or schema["uniqueKeys"][0]
        assert set(key) <= {f["name"] for f in fields}
        values = [tuple(r[k] for k in key) for r in rows]
        assert len(values) == len(set(values)), resource["name"]
        if "primaryKey" in schema:  # a primary key holds no missing value
            assert all(all(v != "" for v in value) for value in values), resource["name"]
    aggregates = {r["name"]: r["schema"] for r in package["resources"]}
    # Unknown country is null: the aggregates' keys are unique keys, the rest primary keys.
    assert "uniqueKeys" in aggregates["agg_role_requirements"]
    assert aggregates["stg_postings"]["primaryKey"] == ["posting_key"]


def test_export_can_leave_out_csv(snapshot, tmp_path, taxonomy):
    manifest = export_tables(snapshot, tmp_path, taxonomy.version, ["dim_role"], csv=False)
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["dim_role.parquet", "manifest.json"]
    assert "csv" not in manifest["tables"][0] and "datapackage" not in manifest


def test_manifest_and_data_package_say_the_snapshot_is_example_data(exported, snapshot):
    out, manifest = exported
    rows = snapshot.execute("select count(*) from stg_postings").fetchone()[0]
    assert manifest["dataset"]["kinds"] == {"example snapshot": rows}
    assert manifest["dataset"]["example_data"] is True
    assert "not the job market" in manifest["dataset"]["note"]
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["description"].startswith("EXAMPLE DATA: all postings come from the snapshot")
    assert package["dataset"] == manifest["dataset"]
    assert read_csv(out / "dataset.csv")[0]["kind"] == "example snapshot"


def test_exports_of_imported_data_carry_no_example_note(tiny, tmp_path, taxonomy):
    manifest = export_tables(tiny, tmp_path, taxonomy.version, ["dataset", "dim_role"])
    assert manifest["dataset"] == {"kinds": {"imported": 7}, "example_data": False, "note": None}
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert "EXAMPLE" not in package["description"]


def test_frictionless_validates_the_data_package(exported):
    import frictionless

    out, _ = exported
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])[:5]
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [PROJECT_LICENSE]  # the snapshot is the project's own writing
    assert all(set(s) == {"title", "description"} for s in package["sources"])
    assert {s["title"] for s in package["sources"]} >= {"wanted", "jumpit", "greenhouse"}


def test_crawled_postings_are_not_licensed_as_ours(exported):
    _, manifest = exported
    crawled = {**manifest["sources"][0], "snapshot_postings": 0}
    package = datapackage({**manifest, "sources": [crawled, *manifest["sources"][1:]]})
    assert package["licenses"] == [THIRD_PARTY_LICENSE]
    assert "crawled or imported" in package["sources"][0]["description"]
