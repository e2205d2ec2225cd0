"""How the reference corpus's location columns resolve to countries (pipelines.locale).

    .venv/bin/python benchmarks/location_table.py [--corpus ../shared/corpus]

For each file's location column (Glassdoor `Location` "City, ST", LinkedIn `location`, the
1000-ML file's `company_address_locality` + `company_address_region` joined by a new line as
`import-csv --map location=a+b` joins them, the Korean files' `location` / `comp_addr`) it
prints counts only, never corpus text: rows, countries, unresolved rows, which rule decided, and
the share of "City, ST" rows with ST a US state code that resolve to US (target: >= 98%).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pycountry

from evaluation.corpus import default_corpus
from pipelines.locale import resolve_location
from pipelines.taxonomy import load_taxonomy

# (file, columns joined by a new line, the country every row of the file is in, when known)
COLUMNS = (
    ("postings/en/glassdoor_ds_jobs_2020__PlayingNumbers_ds_salary_proj.csv", ["Location"], "US"),
    ("postings/en/glassdoor_ds_jobs_2021__Uncleaned_DS_jobs.csv", ["Location"], "US"),
    ("postings/en/linkedin_ai_ml_jobs_us_2024__ai_ml_jobs_linkedin.csv", ["location"], "US"),
    (
        "postings/en/ml_jobs_us_2023_2025__1000_ml_jobs_us.csv",
        ["company_address_locality", "company_address_region"],
        None,  # the company's address: mostly American, some abroad
    ),
    ("postings/ko/wanted_dev_jobs_2024__wanted_350.csv", ["comp_addr"], "KR"),
    ("postings/ko/programmers_jobs_2024__programmers_110.csv", ["comp_addr"], "KR"),
    ("postings/ko/wanted_jumpit_ai_jobs_2025__datasets.csv", ["location"], "KR"),
    (
        "postings/ko/wanted_data_analyst_jobs_2026__job_posting_automation_pipeline.csv",
        ["location"],
        "KR",
    ),
    (
        "postings/ko/jobkorea_data_analysis_jobs_2026__job_posting_automation_pipeline.csv",
        ["location"],
        "KR",
    ),
    (
        "postings/ko/remember_data_jobs_2026__job_posting_automation_pipeline.csv",
        ["location"],
        "KR",
    ),
)
SARAMIN = "postings/ko/saramin_backend_newgrad_jobs_2025__developer_trend_analysis.json"
_US_STATES = {s.code[3:] for s in pycountry.subdivisions.get(country_code="US")}
_CITY_ST = re.compile(r"[^,\n]+,\s*([A-Z]{2})")
_EMPTY = {"", "-1", "nan"}


def _rows(path: Path, columns: list[str]) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            "\n".join(v.strip() for v in (row.get(c) or "" for c in columns) if v.strip())
            for row in csv.DictReader(handle)
        ]


def _saramin(path: Path) -> list[str]:
    data = json.loads(path.read_text("utf-8"))
    return [str(job.get("location") or "") for jobs in data.values() for job in jobs]


def _shape(text: str) -> str:
    """A location's shape, never its words: "Dublin, CA" -> "A, AA"."""
    shape = re.sub(r"[A-Z]{2,3}\b", lambda m: "A" * len(m.group()), text)
    shape = re.sub(r"[A-Za-z][a-z.'-]+", "a", shape)
    shape = re.sub(r"[가-힣]+", "가", shape)
    return re.sub(r"\d+", "9", shape).replace("\n", " / ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    args = parser.parse_args()
    if args.corpus is None or not args.corpus.is_dir():
        print("no corpus directory: pass --corpus", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy()
    city_st_total = city_st_us = 0
    overall: Counter[str] = Counter()
    inputs = [(f, c, k) for f, c, k in COLUMNS] + [(SARAMIN, ["location"], "KR")]
    for name, columns, expected in inputs:
        path = args.corpus / name
        if not path.exists():
            print(f"{name}: missing")
            continue
        values = _saramin(path) if name.endswith(".json") else _rows(path, columns)
        countries: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        odd: Counter[str] = Counter()
        multi = 0
        for value in values:
            if value.strip() in _EMPTY:
                countries["(no location)"] += 1
                continue
            location = resolve_location(value, taxonomy)
            # no place at all ("Remote", "Worldwide") is not the same as words we cannot place
            country = location.country or ("(unresolved)" if location.places else "(no place)")
            countries[country] += 1
            rules[location.places[0].rule if location.places else "(no place)"] += 1
            multi += location.multiple
            if country.startswith("(") or (expected and country != expected):
                odd[f"{country} <- {_shape(value)}"] += 1
            match = _CITY_ST.fullmatch(value.strip())
            if match and match.group(1) in _US_STATES:
                city_st_total += 1
                city_st_us += country == "US"
        overall.update(countries)
        print(f"\n{name}  ({'+'.join(columns)}; {len(values)} rows, {multi} multi-location)")
        print("  countries: " + ", ".join(f"{c} {n}" for c, n in countries.most_common()))
        print(
            "  rule of the primary place: " + ", ".join(f"{r} {n}" for r, n in rules.most_common())
        )
        if odd:
            print(
                "  other than expected, by shape: "
                + ", ".join(f"{s}: {n}" for s, n in odd.most_common(12))
            )
    print("\nall files: " + ", ".join(f"{c} {n}" for c, n in overall.most_common(15)))
    if city_st_total:
        share = city_st_us / city_st_total
        print(
            f'"City, ST" rows with a US state code: {city_st_total}, resolved to US: '
            f"{city_st_us} ({share:.2%}; target >= 98%)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
