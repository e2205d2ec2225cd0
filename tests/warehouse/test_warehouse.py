"""The warehouse on tmp_path: models match schema.yml, loads are idempotent, exports round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from pipelines.batch import Runner
from warehouse.build import build_models, build_order, model_names
from warehouse.db import connect, row_count
from warehouse.dedupe import refresh_duplicates
from warehouse.export import export_tables
from warehouse.load import landing_files, landing_lines, load_partition, load_taxonomy
from warehouse.schema import duplicate_keys, load_schema, published_tables, schema_problems

from .conftest import load_snapshot

CONTRACT_TABLES = {
    "stg_postings",
    "fct_posting_skills",
    "dim_skill",
    "dim_role",
    "agg_skill_demand_monthly",
    "agg_role_requirements",
    "agg_role_demand_monthly",
}


def load_everything(conn, data_root: Path, taxonomy) -> None:
    load_snapshot(conn, data_root / "snapshot", taxonomy)
    load_taxonomy(conn, taxonomy)
    refresh_duplicates(conn)
    build_models(conn)


def counts(conn) -> dict[str, int]:
    tables = [
        "raw_postings",
        "normalized_postings",
        "quarantined_postings",
        "posting_duplicates",
        *published_tables(),
    ]
    return {t: row_count(conn, t) for t in tables}


@pytest.fixture
def warehouse(data_root, taxonomy):
    conn = connect(data_root / "careermarket.duckdb")
    load_everything(conn, data_root, taxonomy)
    yield conn
    conn.close()


def test_every_contract_table_is_documented_and_built(warehouse):
    assert set(published_tables()) >= CONTRACT_TABLES
    assert set(published_tables()) <= set(model_names())
    for table in published_tables():
        assert schema_problems(warehouse, table) == [], table
        assert duplicate_keys(warehouse, table) == 0, table
        assert row_count(warehouse, table) > 0, table


def test_every_column_has_a_description():
    for table, spec in load_schema().items():
        for column in spec["columns"]:
            assert len(column["description"]) > 5, f"{table}.{column['name']}"


def test_models_build_upstream_first():
    order = build_order()
    assert (
        order.index("stg_postings")
        < order.index("fct_posting_skills")
        < order.index("agg_skill_demand_monthly")
    )


def test_no_raw_record_is_lost(warehouse):
    c = counts(warehouse)
    assert c["raw_postings"] == c["normalized_postings"] + c["quarantined_postings"]
    reasons = {
        r
        for (r,) in warehouse.execute("select distinct reason from quarantined_postings").fetchall()
    }
    assert reasons == {
        "malformed_json",
        "undecodable_text",
        "missing_field",
        "unknown_source",
        "error_body",
        "empty_text",
    }


def test_loading_twice_changes_no_count(warehouse, data_root, taxonomy):
    before = counts(warehouse)
    load_everything(warehouse, data_root, taxonomy)
    assert counts(warehouse) == before


def test_reloading_one_partition_leaves_the_others_alone(warehouse, data_root, taxonomy):
    before = counts(warehouse)
    partitions = landing_files(data_root / "snapshot")
    partition = sorted(partitions)[0]
    load_partition(warehouse, partition, Runner(taxonomy).run(landing_lines(partitions[partition])))
    assert counts(warehouse) == before


def test_duplicates_are_kept_but_counted_once(warehouse):
    stg = warehouse.execute(
        "select count(*), count(*) filter (where not is_canonical) from stg_postings"
    ).fetchone()
    assert stg[1] >= 2
    # Aggregates count canonical postings only.
    total = warehouse.execute(
        "select sum(postings) from agg_role_demand_monthly where country = 'ALL'"
    ).fetchone()[0]
    assert total == stg[0] - stg[1]


def test_share_is_postings_over_role_postings(warehouse):
    bad = warehouse.execute(
        "select count(*) from agg_skill_demand_monthly "
        "where share <> round(postings / role_postings, 4) or postings > role_postings"
    ).fetchone()[0]
    assert bad == 0


def test_parquet_export_round_trips_and_matches_the_manifest(warehouse, tmp_path, taxonomy):
    out = tmp_path / "exports"
    manifest = export_tables(warehouse, out, taxonomy.version)
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk == manifest
    assert on_disk["taxonomy_version"] == taxonomy.version
    assert {t["name"] for t in on_disk["tables"]} == set(published_tables())
    for table in on_disk["tables"]:
        path = out / table["file"]
        rows = duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall()[0][0]
        assert rows == table["rows"] == row_count(warehouse, table["name"])
        columns = [
            r[0] for r in duckdb.sql(f"describe select * from read_parquet('{path}')").fetchall()
        ]
        assert columns == [c["name"] for c in table["columns"]]


def test_re_export_is_byte_identical(warehouse, tmp_path, taxonomy):
    first = export_tables(warehouse, tmp_path / "a", taxonomy.version)
    second = export_tables(warehouse, tmp_path / "b", taxonomy.version)
    assert [t["sha256"] for t in first["tables"]] == [t["sha256"] for t in second["tables"]]
