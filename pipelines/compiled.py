"""Whether the normalizer runs compiled, and its sources whenever the compiled code is stale.

Installing the project compiles the normalizer's modules with mypyc (`setup.py`), which records
a hash of each compiled source. A compiled module shadows its `.py` file, so a source edited
without rebuilding would silently run the old code; and compiled modules call one another
directly, so one stale module makes them all untrustworthy. `load` therefore makes every
compiled module import from its source when any source changed since the build, or when
`CAREERMARKET_PURE` is set. This module and the package `__init__` are never compiled.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

RECORD = "compiled_sources.json"  # written next to the compiled modules by setup.py
PURE_ENV = "CAREERMARKET_PURE"  # set (to anything but "" or 0): build and run the sources only


@dataclass(frozen=True)
class Build:
    """How the package's modules run: compiled, or from their sources and why."""

    compiled: tuple[str, ...]  # modules running compiled
    stale: tuple[str, ...] = ()  # compiled modules whose source changed since the build
    pure: bool = False  # CAREERMARKET_PURE asked for the sources

    def describe(self) -> str:
        if self.compiled:
            return f"compiled with mypyc ({len(self.compiled)} modules)"
        if self.pure:
            return f"Python sources ({PURE_ENV} is set)"
        if self.stale:
            return f"Python sources (compiled code is stale: {', '.join(self.stale)})"
        return "Python sources (not compiled)"


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pure_requested() -> bool:
    return os.environ.get(PURE_ENV, "") not in ("", "0")


def compiled_modules(package_dir: Path) -> dict[str, Path]:
    """Module name -> its source, for every module of the package that has a compiled file."""
    found = {}
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for binary in package_dir.glob(f"*{suffix}"):
            name = binary.name.removesuffix(suffix)
            source = package_dir / f"{name}.py"
            if source.exists():
                found[name] = source
    return found


def stale_modules(package_dir: Path, modules: dict[str, Path]) -> list[str]:
    """Compiled modules whose source differs from the one compiled (all of them without a
    record: the build is not ours, or not finished)."""
    record_path = package_dir / RECORD
    record = json.loads(record_path.read_text()) if record_path.exists() else {}
    return sorted(
        name for name, source in modules.items() if record.get(name) != source_hash(source)
    )


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the listed modules' `.py` files ahead of their compiled files."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self.sources.get(fullname)
        return None if source is None else importlib.util.spec_from_file_location(fullname, source)


def load(package: str, package_dir: Path) -> Build:
    """Decide, before any module of `package` is imported, whether its compiled modules run."""
    pure = pure_requested()
    modules = compiled_modules(package_dir)
    stale = stale_modules(package_dir, modules) if modules else []
    if modules and not stale and not pure:
        return Build(compiled=tuple(sorted(modules)))
    if stale and not pure:
        warnings.warn(
            f"{package}: {', '.join(stale)} changed since compiled; running the Python sources "
            "(slower). `make test` or `pip install -e .` compiles them again.",
            RuntimeWarning,
            stacklevel=2,
        )
    if modules:
        names = {f"{package}.{name}": source for name, source in modules.items()}
        sys.meta_path.insert(0, _SourceFinder(names))
    return Build(compiled=(), stale=tuple(stale), pure=pure)
