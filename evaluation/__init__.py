"""Measuring extraction: gold annotations of corpus rows, scores per language, committed floors."""
