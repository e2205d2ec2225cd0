"""A posting's countries reach the warehouse: stg_postings.countries, primary first."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from careermarket.cli import app
from pipelines.batch import Runner
from warehouse.build import build_models
from warehouse.db import connect
from warehouse.load import landing_files, landing_lines, load_partition, load_taxonomy

runner = CliRunner()
REQUIRED = "3+ years of Python and SQL, experience with Airflow and dbt"


def test_countries_of_each_posting_land_in_stg_postings(tmp_path, taxonomy):
    root = tmp_path / "data"
    source = tmp_path / "jobs.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["id", "title", "place", "required"],
                ["a1", "Data Engineer", "Dublin, CA", REQUIRED],
                ["a2", "Data Engineer II", "Austin, TX; Toronto, ON", REQUIRED],
                ["a3", "Analytics Engineer", "Remote", REQUIRED],
            ]
        )
    out = root / "raw" / "csv" / "2026-11-02" / "jobs.jsonl"
    spec = "id=id,title=title,location=place,required=required"
    result = runner.invoke(app, ["import-csv", str(source), "--map", spec, "-o", str(out)])
    assert result.exit_code == 0, result.output
    conn = connect(root / "careermarket.duckdb")
    try:
        with Runner(taxonomy, workers=1) as run:
            for partition, files in landing_files(root / "raw").items():
                load_partition(conn, partition, run.run(landing_lines(files)))
        load_taxonomy(conn, taxonomy)
        build_models(conn)
        rows = conn.execute(
            "select source_posting_id, country, countries from stg_postings order by 1"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [("a1", "US", ["US"]), ("a2", "US", ["US", "CA"]), ("a3", None, [])]
