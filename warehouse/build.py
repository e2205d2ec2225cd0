"""Build the SQL models: warehouse/models/<name>.sql holds one SELECT, and <name> is the table.

Models run in dependency order, found by which other model names each file mentions.
"""

from __future__ import annotations

import re
from graphlib import TopologicalSorter
from importlib import resources

import duckdb

from warehouse.db import quote_identifier, row_count, sql_file

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def model_names() -> list[str]:
    """Every model, from the file names in warehouse/models/."""
    folder = resources.files(__package__).joinpath("models")
    names = sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))
    for name in names:
        if not _IDENTIFIER.fullmatch(name):
            raise ValueError(f"model file name {name!r} is not a plain SQL identifier")
    return names


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def dependencies(name: str, names: list[str]) -> set[str]:
    """Models that the SELECT of `name` reads from."""
    body = _strip_comments(sql_file("models", name))
    return {other for other in names if other != name and re.search(rf"\b{other}\b", body)}


def build_order(names: list[str] | None = None) -> list[str]:
    """All models (or the given ones and what they need), upstream first."""
    every = model_names()
    graph = {n: dependencies(n, every) for n in every}
    wanted = set(names or every)
    stack = list(wanted)
    while stack:
        for dep in graph[stack.pop()]:
            if dep not in wanted:
                wanted.add(dep)
                stack.append(dep)
    order = TopologicalSorter({n: graph[n] for n in wanted}).static_order()
    return [n for n in order if n in wanted]


def run_model(conn: duckdb.DuckDBPyConnection, name: str) -> int:
    """(Re)create one model's table from its SELECT; returns its row count."""
    if name not in model_names():
        raise ValueError(f"no model named {name!r}")
    conn.execute(f"create or replace table {quote_identifier(name)} as {sql_file('models', name)}")
    return row_count(conn, name)


def build_models(conn: duckdb.DuckDBPyConnection, names: list[str] | None = None) -> dict[str, int]:
    """Build models in dependency order; returns rows per table."""
    return {name: run_model(conn, name) for name in build_order(names)}
