"""warehouse/*: the taxonomy tables and one asset per SQL model in warehouse/models/."""

import re

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from dags.automation import PUBLISHED_FRESHNESS, REFRESH_AFTER_NEW_POSTINGS
from dags.metadata import PREVIEW_ROWS, md_table
from dags.resources import DUCKDB_POOL, TaxonomyResource
from warehouse.build import dependencies, model_names, run_model
from warehouse.db import quote_identifier, sql_file
from warehouse.load import load_taxonomy
from warehouse.schema import actual_columns, load_schema

TAXONOMY = dg.AssetKey(["warehouse", "taxonomy"])
# Load tables written by Python, and the asset that writes each.
LOAD_TABLES = {
    "raw_postings": dg.AssetKey(["raw", "raw_postings"]),
    "normalized_postings": dg.AssetKey(["normalized", "normalized_postings"]),
    "quarantined_postings": dg.AssetKey(["normalized", "quarantined_postings"]),
    "posting_duplicates": dg.AssetKey(["normalized", "posting_duplicates"]),
    "taxonomy_skills": TAXONOMY,
    "taxonomy_roles": TAXONOMY,
    "taxonomy_terms": TAXONOMY,
}
PREVIEW_CELL = 60


@dg.asset(
    key=TAXONOMY,
    group_name="warehouse",
    pool=DUCKDB_POOL,
    description=(
        "taxonomy_skills, taxonomy_roles and taxonomy_terms: the taxonomy YAML as rows "
        "(feeds dim_skill, dim_role and agg_unmatched_terms)."
    ),
    kinds={"duckdb", "yaml"},
)
def taxonomy_tables(duckdb: DuckDBResource, taxonomy: TaxonomyResource) -> dg.MaterializeResult:
    tax = taxonomy.load()
    with duckdb.get_connection() as conn:
        skills, roles = load_taxonomy(conn, tax)
        families = conn.execute(sql_file("statements", "taxonomy_skills_by_family")).fetchall()
        terms = conn.execute(sql_file("statements", "taxonomy_terms_by_kind")).fetchall()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": skills + roles,
            "skills": skills,
            "roles": roles,
            "version": tax.version,
            "skills_by_family": md_table(["family", "skills"], families),
            "known_terms": md_table(["kind", "terms"], terms),
        }
    )


def model_key(name: str) -> dg.AssetKey:
    return dg.AssetKey(["warehouse", name])


def _model_deps(name: str, names: list[str]) -> list[dg.AssetKey]:
    body = sql_file("models", name)
    keys = [model_key(dep) for dep in sorted(dependencies(name, names))]
    loads = {key for table, key in LOAD_TABLES.items() if re.search(rf"\b{table}\b", body)}
    return keys + sorted(loads, key=lambda k: k.to_string())


def column_schema(spec: dict) -> dg.TableSchema:
    """schema.yml's columns as Dagster's column schema (shown in the UI's asset overview)."""
    return dg.TableSchema(
        columns=[
            dg.TableColumn(c["name"], c["type"], description=(c["description"] or "").strip())
            for c in spec.get("columns", [])
        ]
    )


def _short(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= PREVIEW_CELL else text[: PREVIEW_CELL - 1] + "…"


def table_figures(conn: duckdb.DuckDBPyConnection, name: str, key: list[str]) -> dict:
    """A preview of the first rows (by key) and, where the table has a source, rows per source."""
    table = quote_identifier(name)
    order = f" order by {', '.join(map(quote_identifier, key))}" if key else ""
    cursor = conn.execute(f"select * from {table}{order} limit {PREVIEW_ROWS:d}")
    header = [d[0] for d in cursor.description]
    figures = {"preview": md_table(header, [[_short(v) for v in row] for row in cursor.fetchall()])}
    if "source" in {column for column, _ in actual_columns(conn, name)}:
        rows = conn.execute(
            f"select source, count(*) from {table} group by 1 order by 1"
        ).fetchall()
        figures["by_source"] = md_table(["source", "rows"], rows)
    return figures


def build_model_asset(name: str, names: list[str]) -> dg.AssetsDefinition:
    """One asset that (re)creates the model's table from its SELECT."""
    spec = load_schema().get(name, {})
    key = [k for k in spec.get("key", []) if k.isidentifier()]

    @dg.asset(
        key=model_key(name),
        deps=_model_deps(name, names),
        group_name="warehouse",
        pool=DUCKDB_POOL,
        automation_condition=REFRESH_AFTER_NEW_POSTINGS,
        freshness_policy=PUBLISHED_FRESHNESS if name.startswith("agg_") else None,
        description=(spec.get("description") or f"SQL model warehouse/models/{name}.sql").strip(),
        kinds={"duckdb", "sql"},
        metadata={
            "sql_file": f"warehouse/models/{name}.sql",
            "grain": spec.get("grain", ""),
            "dagster/column_schema": column_schema(spec),
            "dagster/table_name": f"careermarket.main.{name}",
        },
    )
    def _model(duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as conn:
            rows = run_model(conn, name)
            figures = table_figures(conn, name, key)
        return dg.MaterializeResult(metadata={"dagster/row_count": rows, **figures})

    return _model


MODEL_ASSETS = [build_model_asset(name, model_names()) for name in model_names()]
