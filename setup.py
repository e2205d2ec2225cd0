"""Compiles the normalizer's modules with mypyc when the project is installed.

The rest of the configuration is in pyproject.toml. With CAREERMARKET_PURE=1 nothing is
compiled (no C compiler needed) and everything runs from the Python sources.
"""

import json
import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The record's name and hash come from the build check itself, run as a file: importing the
# package would run that check (and its stale-code warning) inside the build.
_check = runpy.run_path("pipelines/compiled.py")
RECORD, pure_requested, source_hash = (
    _check["RECORD"],
    _check["pure_requested"],
    _check["source_hash"],
)

# The package __init__ and its build check stay Python; models' dataclasses are pickled
# between worker processes by name, which mypyc's native classes do not survive.
PYTHON_ONLY = {"__init__.py", "compiled.py", "models.py"}
SOURCES = sorted(p for p in Path("pipelines").glob("*.py") if p.name not in PYTHON_ONLY)


class build_ext_with_record(build_ext):
    """build_ext that also records a hash of each compiled source beside the compiled files,
    so that `pipelines` can tell when a source was edited after the build."""

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        target = Path(self.get_ext_fullpath("pipelines.sections")).parent
        record = {p.stem: source_hash(p) for p in SOURCES}
        (target / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")


def ext_modules() -> list:
    if pure_requested():
        return []
    from mypyc.build import mypycify

    return mypycify([str(p) for p in SOURCES], group_name="careermarket_pipelines")


setup(ext_modules=ext_modules(), cmdclass={"build_ext": build_ext_with_record})
