"""The installed normalizer runs compiled (mypyc, setup.py), gives what its Python sources give,
and runs the sources instead when one of them changed after the build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pipelines
import pipelines.sections
from pipelines.compiled import PURE_ENV, RECORD, pure_requested, source_hash, stale_modules
from warehouse.paths import PROJECT_ROOT


def test_the_installed_normalizer_runs_compiled():
    if pure_requested():  # installed and run with CAREERMARKET_PURE: sources, as asked
        assert pipelines.BUILD.compiled == ()
        assert pipelines.sections.__file__.endswith(".py")
        return
    assert {"sections", "skills", "normalize", "dedupe"} <= set(pipelines.BUILD.compiled), (
        f"the normalizer runs {pipelines.BUILD.describe()}: `make test` compiles it again"
    )
    assert pipelines.sections.__file__.endswith(tuple(EXTENSION_SUFFIXES))


_DIGEST = """
import hashlib, sys
sys.path.insert(0, "benchmarks")
import normalize_bench
import pipelines
from pipelines.batch import normalize_lines
from pipelines.taxonomy import load_taxonomy
lines = [*sys.stdin.buffer.read().splitlines(), *normalize_bench.generate(1500)]
print(pipelines.BUILD.describe())
print(hashlib.sha1(repr(list(normalize_lines(lines, load_taxonomy()))).encode()).hexdigest())
"""


def test_compiled_modules_normalize_like_their_sources():
    # mypyc checks types at run time and compiles some operations differently: the outputs
    # of both builds, over the snapshot and generated postings, must be the same.
    lines = b"\n".join(
        path.read_bytes() for path in sorted((PROJECT_ROOT / "data/snapshot").glob("*/*/*.jsonl"))
    )
    runs = {}
    for pure in ("1", ""):
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST],
            input=lines,
            capture_output=True,
            check=True,
            cwd=PROJECT_ROOT,
            env={**os.environ, PURE_ENV: pure},
        ).stdout.decode()
        build, digest = out.splitlines()[-2:]
        runs[build] = digest
    if not pure_requested():
        assert any(build.startswith("compiled") for build in runs), runs
    assert any(build.startswith("Python sources") for build in runs), runs
    assert len(set(runs.values())) == 1, runs


_IMPORT = """
import warnings
warnings.simplefilter("error")  # a stale build warns: make the warning visible as a failure
try:
    import fakepkg.mod
    print("imported", fakepkg.mod.VALUE, fakepkg.BUILD.stale)
except RuntimeWarning as warning:
    print("warned", warning)
except ImportError as error:
    print("compiled file loaded", type(error).__name__)
"""


def _fake_package(root: Path) -> Path:
    package = root / "fakepkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from pathlib import Path\nfrom pipelines.compiled import load\n"
        "BUILD = load(__name__, Path(__file__).parent)\n"
    )
    (package / "mod.py").write_text("VALUE = 'source'\n")
    # Not a shared object: importing it fails, which shows when the compiled file is chosen.
    (package / f"mod{EXTENSION_SUFFIXES[0]}").write_bytes(b"not a shared object")
    return package


def _import(root: Path, ignore_warnings: bool = False) -> str:
    code = _IMPORT.replace('"error"', '"ignore"') if ignore_warnings else _IMPORT
    env = {**os.environ, PURE_ENV: "", "PYTHONPATH": f"{root}{os.pathsep}{PROJECT_ROOT}"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_source_edited_after_the_build_runs_instead_of_its_compiled_module(tmp_path):
    package = _fake_package(tmp_path)
    (package / RECORD).write_text(json.dumps({"mod": source_hash(package / "mod.py")}))
    assert _import(tmp_path) == "compiled file loaded ImportError"  # fresh build: compiled

    (package / "mod.py").write_text("VALUE = 'edited'\n")
    assert stale_modules(package, {"mod": package / "mod.py"}) == ["mod"]
    assert "mod changed since compiled" in _import(tmp_path)
    assert _import(tmp_path, ignore_warnings=True) == "imported edited ('mod',)"


def test_compiled_files_without_a_record_are_not_trusted(tmp_path):
    package = _fake_package(tmp_path)
    assert stale_modules(package, {"mod": package / "mod.py"}) == ["mod"]
    assert _import(tmp_path, ignore_warnings=True) == "imported source ('mod',)"
