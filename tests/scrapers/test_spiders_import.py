"""Every spider module imports; scrapers/ imports only Scrapy (and its Twisted and lxml), PyYAML,
redis / scrapy-redis (the opt-in scale extra, only in a shared-frontier crawl) and the standard
library (never pipelines/, warehouse/, dags/); the runner imports no Scrapy."""

import ast
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import scrapers
from scrapers.replay import subprocess_env
from scrapers.sources import load_sources
from scrapers.spiders import __path__ as spiders_path

PACKAGE = Path(scrapers.__file__).parent
# Twisted is Scrapy's own event loop (failures, timers), lxml its XML parser (xmldoc.py);
# redis and scrapy_redis only in a shared-frontier crawl (frontier*.py, ledger.py:
# `pip install '.[scale]'`), imported lazily or by modules only such a crawl loads.
ALLOWED_THIRD_PARTY = {"scrapy", "twisted", "lxml", "yaml", "redis", "scrapy_redis"}


def test_every_spider_module_imports():
    modules = sorted(p.stem for p in Path(spiders_path[0]).glob("*.py") if p.stem != "__init__")
    assert set(modules) == set(load_sources())
    for name in modules:
        import_module(f"scrapers.spiders.{name}")


def test_scrapers_imports_only_scrapy_yaml_and_the_standard_library():
    stdlib = sys.stdlib_module_names
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots = [node.module.split(".")[0]]
            else:
                continue
            for root in roots:
                assert root in stdlib or root in ALLOWED_THIRD_PARTY or root == "scrapers", (
                    f"{path.relative_to(PACKAGE)} imports {root}"
                )


def test_runner_and_replay_do_not_import_scrapy():
    code = (
        "import sys, scrapers.runner, scrapers.replay, scrapers.replay.server, scrapers.layout;"
        "print(sorted(m for m in ('scrapy', 'twisted') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=subprocess_env(), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
