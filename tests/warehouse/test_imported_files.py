"""Imported files reach the warehouse with what describes them: the file's label, its tags and
its default date, visible in stg_postings."""

from __future__ import annotations

import csv
import json
from datetime import date

import duckdb
from typer.testing import CliRunner

from careermarket.cli import app
from warehouse.build import build_models
from warehouse.db import connect
from warehouse.load import load_taxonomy

from .conftest import load_snapshot

runner = CliRunner()

JOB = {
    "id": 88001,
    "title": "Machine Learning Engineer, Ranking",
    "absolute_url": "https://boards.greenhouse.io/examplemart/jobs/88001",
    "location": {"name": "Seattle, WA"},
    "first_published": "2026-10-05T09:00:00-07:00",
    "content": "&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;4+ years building "
    "ranking models in Python and PyTorch&lt;/li&gt;&lt;/ul&gt;",
}


def test_labels_tags_and_default_dates_land_in_stg_postings(tmp_path, taxonomy):
    root = tmp_path / "data"
    day = root / "raw" / "csv" / "2026-11-02"
    source = tmp_path / "board.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["", "title", "required", "stack"],
                [
                    "0",
                    "데이터 엔지니어",
                    "Spark 기반 배치 파이프라인 운영 경력 3년 이상, 데이터 품질 검증 경험",
                    "['Kafka', 'Airflow']",
                ],
            ]
        )
    spec = "title=title,required=required,tags=stack"
    options = ["--source-label", "kr_board_2024", "--posted-at", "2024-10-15", "--country", "KR"]
    result = runner.invoke(
        app, ["import-csv", str(source), "--map", spec, *options, "-o", str(day / "board.jsonl")]
    )
    assert result.exit_code == 0, result.output
    saved = tmp_path / "job.json"
    saved.write_text(json.dumps(JOB), "utf-8")
    landing = root / "raw" / "greenhouse" / "2026-11-02" / "job.jsonl"
    result = runner.invoke(
        app,
        ["import-json", "greenhouse", str(saved), "--source-label", "saved", "-o", str(landing)],
    )
    assert result.exit_code == 0, result.output

    conn = connect(root / "careermarket.duckdb")
    try:
        load_snapshot(conn, root / "raw", taxonomy)
        load_taxonomy(conn, taxonomy)
        build_models(conn)
        rows = conn.execute(
            "select source, source_label, tags, posting_month, country, url "
            "from stg_postings order by source"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [
        ("csv", "kr_board_2024", ["kafka", "airflow"], date(2024, 10, 1), "KR", None),
        ("greenhouse", "saved", [], date(2026, 10, 1), "US", JOB["absolute_url"]),
    ]


def test_a_warehouse_from_before_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("create table normalized_postings (source varchar, posting_key varchar)")
    old.close()
    conn = connect(path)  # what every writing command opens
    try:
        columns = {
            c
            for (c,) in conn.execute(
                "select column_name from information_schema.columns "
                "where table_name = 'normalized_postings'"
            ).fetchall()
        }
    finally:
        conn.close()
    assert {"tags", "source_label"} <= columns
