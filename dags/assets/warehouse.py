"""warehouse/*: the taxonomy tables and one asset per SQL model in warehouse/models/."""

import re

import dagster as dg
from dagster_duckdb import DuckDBResource

from dags.resources import TaxonomyResource
from warehouse.build import dependencies, model_names, run_model
from warehouse.db import sql_file
from warehouse.load import load_taxonomy
from warehouse.schema import load_schema

TAXONOMY = dg.AssetKey(["warehouse", "taxonomy"])
# Load tables written by Python, and the asset that writes each.
LOAD_TABLES = {
    "raw_postings": dg.AssetKey(["raw", "raw_postings"]),
    "normalized_postings": dg.AssetKey(["normalized", "normalized_postings"]),
    "quarantined_postings": dg.AssetKey(["normalized", "quarantined_postings"]),
    "posting_duplicates": dg.AssetKey(["normalized", "posting_duplicates"]),
    "taxonomy_skills": TAXONOMY,
    "taxonomy_roles": TAXONOMY,
}


@dg.asset(
    key=TAXONOMY,
    group_name="warehouse",
    description="taxonomy_skills and taxonomy_roles: the taxonomy YAML as rows (feeds dim_skill, dim_role).",
    kinds={"duckdb", "yaml"},
)
def taxonomy_tables(duckdb: DuckDBResource, taxonomy: TaxonomyResource) -> dg.MaterializeResult:
    tax = taxonomy.load()
    with duckdb.get_connection() as conn:
        skills, roles = load_taxonomy(conn, tax)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": skills + roles,
            "skills": skills,
            "roles": roles,
            "version": tax.version,
        }
    )


def model_key(name: str) -> dg.AssetKey:
    return dg.AssetKey(["warehouse", name])


def _model_deps(name: str, names: list[str]) -> list[dg.AssetKey]:
    body = sql_file("models", name)
    keys = [model_key(dep) for dep in sorted(dependencies(name, names))]
    loads = {key for table, key in LOAD_TABLES.items() if re.search(rf"\b{table}\b", body)}
    return keys + sorted(loads, key=lambda k: k.to_string())


def build_model_asset(name: str, names: list[str]) -> dg.AssetsDefinition:
    """One asset that (re)creates the model's table from its SELECT."""
    spec = load_schema().get(name, {})

    @dg.asset(
        key=model_key(name),
        deps=_model_deps(name, names),
        group_name="warehouse",
        description=(spec.get("description") or f"SQL model warehouse/models/{name}.sql").strip(),
        kinds={"duckdb", "sql"},
        metadata={"sql_file": f"warehouse/models/{name}.sql", "grain": spec.get("grain", "")},
    )
    def _model(duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as conn:
            rows = run_model(conn, name)
        return dg.MaterializeResult(metadata={"dagster/row_count": rows})

    return _model


MODEL_ASSETS = [build_model_asset(name, model_names()) for name in model_names()]
