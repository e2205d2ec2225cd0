"""warehouse/schema.yml: the documented grain, key and columns of every published table."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import duckdb
import yaml

from warehouse.db import quote_identifier

_TABLE_KEYS = {"description", "grain", "key", "columns"}
_COLUMN_KEYS = {"name", "type", "description"}


class SchemaError(ValueError):
    """schema.yml is malformed."""


@cache
def load_schema() -> dict[str, dict[str, Any]]:
    """Tables by name, each {description, grain, key, columns: [{name, type, description}]}."""
    text = resources.files(__package__).joinpath("schema.yml").read_text("utf-8")
    doc = yaml.safe_load(text)
    if set(doc) != {"version", "tables"}:
        raise SchemaError(
            f"schema.yml top-level keys must be version and tables, got {sorted(doc)}"
        )
    tables = doc["tables"]
    for name, spec in tables.items():
        if set(spec) != _TABLE_KEYS:
            raise SchemaError(f"schema.yml {name}: keys must be {sorted(_TABLE_KEYS)}")
        for column in spec["columns"]:
            if set(column) != _COLUMN_KEYS:
                raise SchemaError(
                    f"schema.yml {name}.{column.get('name')}: keys must be name, type, description"
                )
        names = [c["name"] for c in spec["columns"]]
        missing = set(spec["key"]) - set(names)
        if missing:
            raise SchemaError(f"schema.yml {name}: key columns {sorted(missing)} are not columns")
    return tables


def published_tables() -> list[str]:
    return list(load_schema())


def actual_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, type) of a table's columns as DuckDB reports them, in order."""
    rows = conn.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [(str(n), str(t)) for n, t in rows]


def schema_problems(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Differences between a built table and its schema.yml entry (empty when they match)."""
    spec = load_schema()[table]
    expected = [(c["name"], c["type"]) for c in spec["columns"]]
    actual = actual_columns(conn, table)
    if not actual:
        return [f"{table}: table does not exist"]
    problems = []
    if [n for n, _ in actual] != [n for n, _ in expected]:
        problems.append(
            f"{table}: columns {[n for n, _ in actual]} != documented {[n for n, _ in expected]}"
        )
    for (name, actual_type), (_, documented) in zip(actual, expected, strict=False):
        if actual_type != documented:
            problems.append(f"{table}.{name}: type {actual_type} != documented {documented}")
    return problems


def duplicate_keys(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    """How many key values occur more than once (NULLs compare equal, as in GROUP BY)."""
    key = load_schema()[table]["key"]
    for column in key:
        if not column.isidentifier():
            raise SchemaError(f"{table}: key column {column!r} is not an identifier")
    columns = ", ".join(map(quote_identifier, key))
    sql = f"select 1 from {quote_identifier(table)} group by {columns} having count(*) > 1"
    return conn.execute(f"select count(*) from ({sql})").fetchone()[0]
