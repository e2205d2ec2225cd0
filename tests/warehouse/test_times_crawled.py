"""`stg_postings.times_crawled` counts the crawls that landed a posting, not its rows."""

import json
from datetime import date

from warehouse.build import build_models
from warehouse.db import connect
from warehouse.load import Partition, insert_postings, load_taxonomy

from .conftest import TINY, read_jsonl


def test_times_crawled_counts_crawls_not_rows(tmp_path, taxonomy):
    # Crawl "tiny" loaded twice into its partition (the same landing file under the snapshot
    # and the raw root), and a later crawl of the same postings the next day.
    later = tmp_path / "later.jsonl"
    rows = [json.loads(line) for line in TINY.read_text("utf-8").splitlines()]
    later.write_text("".join(json.dumps({**r, "crawl_id": "tiny-2"}) + "\n" for r in rows))
    conn = connect(tmp_path / "w.duckdb")
    try:
        for day, path in (("2026-10-20", TINY), ("2026-10-20", TINY), ("2026-10-21", later)):
            insert_postings(conn, Partition("text", date.fromisoformat(day)), read_jsonl(path))
        load_taxonomy(conn, taxonomy)
        build_models(conn)
        counted = dict(
            conn.execute("select posting_key, times_crawled from stg_postings").fetchall()
        )
    finally:
        conn.close()
    assert counted == {r["posting_key"]: 2 for r in rows}
