"""Dagster: the definitions load, and materializing everything passes every check."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from dags.definitions import build_definitions, default_resources, defs

EXPECTED_ASSETS = {
    "raw/raw_postings",
    "normalized/normalized_postings",
    "normalized/quarantined_postings",
    "normalized/posting_duplicates",
    "warehouse/taxonomy",
    "warehouse/stg_postings",
    "warehouse/fct_posting_skills",
    "warehouse/dim_skill",
    "warehouse/dim_role",
    "warehouse/agg_skill_demand_monthly",
    "warehouse/agg_role_requirements",
    "warehouse/agg_role_demand_monthly",
    "exports/parquet_exports",
}


def asset_keys(definitions: dg.Definitions) -> set[str]:
    return {k.to_user_string() for k in definitions.resolve_asset_graph().get_all_asset_keys()}


def test_definitions_hold_the_whole_graph():
    assert asset_keys(defs) == EXPECTED_ASSETS
    graph = defs.resolve_asset_graph()
    stg = dg.AssetKey(["warehouse", "stg_postings"])
    assert graph.get(stg).parent_keys == {
        dg.AssetKey(["normalized", "normalized_postings"]),
        dg.AssetKey(["normalized", "posting_duplicates"]),
    }
    assert defs.resolve_job_def("materialize_all_job") is not None


def run_all(data_root: Path, monkeypatch=None) -> dg.ExecuteInProcessResult:
    definitions = build_definitions(default_resources(str(data_root)))
    job = definitions.resolve_job_def("materialize_all_job")
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def checks_by_name(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {
        f"{e.asset_key.to_user_string()}:{e.check_name}": e
        for e in result.get_asset_check_evaluations()
    }


def test_materializing_everything_passes_every_check(data_root):
    result = run_all(data_root)
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert materialized == EXPECTED_ASSETS
    checks = checks_by_name(result)
    assert len(checks) == 16
    assert [name for name, e in checks.items() if not e.passed] == []
    manifest = json.loads((data_root / "exports" / "manifest.json").read_text())
    assert all(t["rows"] > 0 for t in manifest["tables"])
    assert (data_root / "careermarket.duckdb").exists()


def test_row_counts_are_materialization_metadata(data_root):
    result = run_all(data_root)
    rows = {
        e.asset_key.to_user_string(): e.materialization.metadata["dagster/row_count"].value
        for e in result.get_asset_materialization_events()
    }
    assert (
        rows["raw/raw_postings"]
        == rows["normalized/normalized_postings"] + rows["normalized/quarantined_postings"]
    )
    assert (
        rows["warehouse/stg_postings"] < rows["normalized/normalized_postings"]
    )  # re-crawls collapse


def test_a_second_run_changes_no_count(data_root):
    def rows(result):
        return {
            e.asset_key.to_user_string(): e.materialization.metadata["dagster/row_count"].value
            for e in result.get_asset_materialization_events()
        }

    assert rows(run_all(data_root)) == rows(run_all(data_root))


def test_a_high_quarantine_rate_warns_but_does_not_block(data_root):
    broken = data_root / "snapshot" / "text" / "2026-11-30"
    broken.mkdir(parents=True)
    (broken / "seeded.jsonl").write_text("{not json\n" * 40, encoding="utf-8")
    result = run_all(data_root)
    assert result.success
    checks = checks_by_name(result)
    rate = checks["normalized/quarantined_postings:quarantine_rate_below_limit"]
    assert not rate.passed and rate.severity == dg.AssetCheckSeverity.WARN
    assert [name for name, e in checks.items() if not e.passed] == [
        "normalized/quarantined_postings:quarantine_rate_below_limit"
    ]
