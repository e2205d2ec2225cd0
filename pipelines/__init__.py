"""Normalization: pure functions from raw job-posting records to normalized postings."""
