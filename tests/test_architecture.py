"""Import boundaries (ARCHITECTURE §1): data flows one way, and pipelines/ stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from warehouse.paths import PROJECT_ROOT

RULES = {
    # package: modules it must never import
    "pipelines": {
        "scrapy",
        "dagster",
        "dagster_duckdb",
        "duckdb",
        "scrapers",
        "warehouse",
        "dags",
        "careermarket",
    },
    "warehouse": {"scrapy", "dagster", "dagster_duckdb", "scrapers", "dags", "careermarket"},
    "scrapers": {"pipelines", "warehouse", "dags", "careermarket", "dagster", "duckdb"},
    "dags": {"careermarket"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_respect_the_data_flow(package):
    files = sorted((PROJECT_ROOT / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    offenders = {
        str(f.relative_to(PROJECT_ROOT)): sorted(imported_roots(f) & RULES[package])
        for f in files
        if imported_roots(f) & RULES[package]
    }
    assert offenders == {}


FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "urlopen"}


def test_only_the_configuration_loaders_read_files_in_pipelines():
    readers = set()
    for path in (PROJECT_ROOT / "pipelines").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in FILE_CALLS:
                    readers.add(str(path.relative_to(PROJECT_ROOT)))
    # The taxonomy loader and the adapters' field maps (field_maps.yaml) read their YAML,
    # which is configuration, not data.
    assert readers == {"pipelines/taxonomy/__init__.py", "pipelines/sources.py"}
