"""Shared fixtures: the bundled taxonomy and a copy of the bundled snapshot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.taxonomy import Taxonomy, load_taxonomy
from warehouse.paths import PROJECT_ROOT

SNAPSHOT = PROJECT_ROOT / "data" / "snapshot"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A fresh data directory holding a copy of the bundled snapshot."""
    root = tmp_path / "data"
    shutil.copytree(SNAPSHOT, root / "snapshot")
    return root
