"""Shared fixtures: the bundled taxonomy and a copy of the bundled snapshot."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipelines.taxonomy import Taxonomy, load_taxonomy
from warehouse.paths import PROJECT_ROOT

SNAPSHOT = PROJECT_ROOT / "data" / "snapshot"

# Hypothesis: "default" keeps `make test` fast and repeatable (the same examples every run);
# "fuzz" (`make fuzz`: HYPOTHESIS_PROFILE=fuzz) runs many more, new ones each time. Timing is
# asserted by the tests themselves (CPU time per record), not by Hypothesis's wall-clock deadline.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "default", max_examples=60, deadline=None, derandomize=True, suppress_health_check=_SLOW_DATA
)
settings.register_profile(
    "fuzz", max_examples=2_500, deadline=None, suppress_health_check=_SLOW_DATA
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
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
