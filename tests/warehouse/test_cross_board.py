"""One job on Wanted and on Jumpit counts once in the warehouse (refresh_duplicates)."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.batch import Runner
from warehouse.build import build_models
from warehouse.db import connect
from warehouse.dedupe import refresh_duplicates
from warehouse.load import landing_files, landing_lines, load_partition, load_taxonomy

BOARDS = json.loads((Path(__file__).parent.parent / "fixtures" / "cross_board.json").read_text())


def _land(root: Path, name: str, records: list[dict]) -> None:
    day = root / "raw" / records[0]["source"] / "2026-09-05"
    day.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({**r, "fetched_at": "2026-09-05T01:00:00Z"}, ensure_ascii=False) for r in records
    ]
    (day / f"{name}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def test_a_cross_board_copy_is_kept_and_counted_once(tmp_path, taxonomy):
    _land(tmp_path, "wanted", [BOARDS["wanted"]])
    _land(tmp_path, "jumpit", [BOARDS["jumpit"], BOARDS["jumpit_other_job"]])
    conn = connect(tmp_path / "careermarket.duckdb")
    try:
        with Runner(taxonomy, workers=1) as run:
            for partition, files in landing_files(tmp_path / "raw").items():
                load_partition(conn, partition, run.run(landing_lines(files)))
        load_taxonomy(conn, taxonomy)
        assert refresh_duplicates(conn).duplicates == 1
        build_models(conn)
        rows = conn.execute(
            "select s.source, s.duplicate_method, c.source from stg_postings s "
            "left join stg_postings c on c.posting_key = s.duplicate_of order by s.source, s.duplicate_method nulls first"
        ).fetchall()
        mlops = conn.execute(
            "select sum(postings) from agg_role_demand_monthly "
            "where country = 'KR' and role = 'mlops_engineer'"
        ).fetchone()[0]
    finally:
        conn.close()
    # Wanted's posting came first (posted 09-01), so Jumpit's copy points at it; the other job
    # at the same company stays canonical.
    assert rows == [
        ("jumpit", None, None),
        ("jumpit", "cross_board", "wanted"),
        ("wanted", None, None),
    ]
    assert mlops == 1
