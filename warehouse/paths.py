"""Where the project's data lives. Paths derive from this file, never from the working directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
# Live crawls land here unless --data-dir says otherwise: never mixed with the example snapshot.
DEFAULT_LIVE_DATA_DIR = DEFAULT_DATA_DIR / "live"


@dataclass(frozen=True)
class DataPaths:
    """The runtime layout under one data directory (CONTRACT §6 names the first two)."""

    root: Path = DEFAULT_DATA_DIR

    @property
    def database(self) -> Path:
        return self.root / "careermarket.duckdb"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def snapshot(self) -> Path:
        return self.root / "snapshot"

    @property
    def raw(self) -> Path:
        return self.root / "raw"
