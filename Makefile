# The two commands of CONTRACT §1. Everything else is a file target they depend on.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test

run: $(VENV)/.installed
	$(BIN)/careermarket run

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	.ci/ensure-browser
	$(BIN)/pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installing compiles the normalizer (setup.py), so an edited pipelines module reinstalls.
COMPILED := setup.py $(wildcard pipelines/*.py)

$(VENV)/.installed: pyproject.toml $(COMPILED) | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(COMPILED) | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed
