"""One way through: `careermarket normalize` and the Dagster ingest go through the same runner,
so the CLI's files and the warehouse's rows of the same landing file are the same rows."""

from __future__ import annotations

import json
from datetime import date

import duckdb
from typer.testing import CliRunner

from careermarket.cli import app
from pipelines.columns import POSTING

DAY, SOURCE = "2026-10-14", "jumpit"  # a partition holding an error body


def test_the_cli_and_the_dagster_ingest_give_the_same_rows(run_job, data_root, tmp_path):
    [landing] = sorted((data_root / "snapshot" / SOURCE / DAY).glob("*.jsonl"))
    out, quarantine = tmp_path / "out.jsonl", tmp_path / "q.jsonl"
    args = ["normalize", str(landing), "-o", str(out), "--quarantine", str(quarantine)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert run_job("ingest_postings_job", partition_key=f"{DAY}|{SOURCE}").success

    columns = [c for c in POSTING.names if c != "source"]  # the table's source is the folder's
    with duckdb.connect(str(data_root / "careermarket.duckdb"), read_only=True) as conn:
        stored = conn.sql(
            f"select {', '.join(columns)} from normalized_postings "
            "where source = ? and crawl_date = ? order by line_no",
            params=[SOURCE, date.fromisoformat(DAY)],
        ).to_arrow_table()
        stored_quarantine = conn.sql(
            "select landing_file, line_no, reason, detail, record, source_posting_id "
            "from quarantined_postings order by line_no"
        ).fetchall()
    rows = stored.to_pylist()
    for row in rows:
        row["posted_at"] = row["posted_at"].isoformat() if row["posted_at"] else None
    written = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == len(written) >= 4
    assert rows == [{c: record[c] for c in columns} for record in written]

    quarantined = [json.loads(line) for line in quarantine.read_text("utf-8").splitlines()]
    assert [r["reason"] for r in quarantined] == ["error_body"]
    assert stored_quarantine == [
        (
            str(landing),
            r["line_no"],
            r["reason"],
            r["detail"],
            r["record"],
            r["source_posting_id"],
        )
        for r in quarantined
    ]
