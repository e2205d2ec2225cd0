"""Normalization: pure functions from raw job-posting records to normalized postings."""

from pathlib import Path

from pipelines.compiled import load

# Compiled (mypyc) or from the sources: decided before any other module is imported.
BUILD = load(__name__, Path(__file__).parent)
