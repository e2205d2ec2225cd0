"""Incremental dedupe: after each load only the companies whose postings changed are
re-decided, and the result is the full recompute's."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pipelines.dedupe import dedupe_text, find_duplicates
from warehouse.db import connect
from warehouse.dedupe import refresh_duplicates
from warehouse.load import Partition, insert_postings

from .conftest import TINY

SENTENCES = {
    "acme": [
        "You will build the batch pipelines that feed our demand forecasts every night.",
        "Our analysts query the warehouse schemas you own before their morning meeting.",
        "We ask for solid SQL and Python and some years of running Airflow in production.",
        "Kafka and dbt experience helps, and so does patience with late-arriving events.",
    ],
    "globex": [
        "Train ranking models that decide which articles readers see on the home page.",
        "Run offline evaluations and online experiments with the product analysts.",
        "PyTorch and a few years of shipping models to production are what we look for.",
        "Experience with feature stores or vector search is a plus for this team.",
    ],
    "initech": [
        "Keep the Kubernetes clusters that serve our models healthy and cheap to run.",
        "Write Terraform for every environment and review your teammates' changes.",
        "We want Linux, Docker and at least three years of on-call for real systems.",
        "Prometheus dashboards you built yourself are a good thing to show us.",
    ],
}
TEMPLATE = json.loads(TINY.read_text("utf-8").splitlines()[0])


def posting(key: str, company: str | None, title: str, text: str, posted: str | None = None):
    return {
        **TEMPLATE,
        "posting_key": key,
        "source_posting_id": key,
        "company": company,
        "title": title,
        "posted_at": posted,
        "content_hash": f"hash:{text}",
        "section_text": {"duties": "", "required": text, "preferred": "", "other": ""},
    }


def text(company: str, order: tuple[int, ...] = (0, 1, 2, 3)) -> str:
    return " ".join(SENTENCES[company][i] for i in order)


# (crawl date, postings): loaded one partition after the other, dedupe refreshed after each.
LOADS = [
    (
        "2026-10-01",
        [
            posting("a1", "Acme Inc.", "Data Engineer", text("acme"), "2026-09-20"),
            posting("g1", "Globex", "ML Engineer, Ranking", text("globex"), "2026-09-21"),
            posting("i1", "Initech", "Platform Engineer", text("initech"), "2026-09-22"),
            posting("n1", None, "Data Engineer", text("acme", (3, 2, 1, 0)), "2026-09-22"),
        ],
    ),
    (
        "2026-10-02",
        [
            posting("a2", "ACME", "Data Engineer", text("acme"), "2026-09-25"),  # a repost
            # the same job on another board: bullets reordered, a close title
            posting("g2", "Globex", "[경력] ML Engineer (Ranking)", text("globex", (1, 0, 2, 3))),
            posting("i2", "Initech", "SRE", text("initech", (2, 3)), "2026-09-30"),  # another job
            posting("n2", None, "Data Engineer", text("acme", (3, 2, 1, 0)), "2026-09-30"),
        ],
    ),
    (
        "2026-10-03",
        [
            # posted before a1: the earliest of Acme's copies, so it becomes the canonical one
            posting(
                "a0", "Acme", "Data Engineer", text("acme").replace("every", "each"), "2026-09-10"
            ),
            # g2 crawled again, rewritten into another job: no longer a copy of g1
            posting("g2", "Globex", "Search Engineer", text("initech") + " " + text("acme")),
        ],
    ),
]


def full_recompute(conn) -> set[tuple[str, str, str]]:
    """What dedupe over every posting gives (the old full recompute, as the oracle)."""
    rows = conn.execute(
        """
        with latest as (
            select *, row_number() over (partition by posting_key order by
                       coalesce(text_status, 'full') = 'title_only', crawl_date desc,
                       fetched_at desc nulls last, landing_file desc, line_no desc) as crawl_rank,
                   min(crawl_date) over (partition by posting_key) as first_seen_date
            from normalized_postings
        )
        select posting_key, company, title, section_text, content_hash from latest
        where crawl_rank = 1
        order by coalesce(posted_at, first_seen_date), first_seen_date, posting_key
        """
    ).fetchall()
    found = find_duplicates((k, c, t, dedupe_text(s), h) for k, c, t, s, h in rows)
    return {(m.posting_key, m.duplicate_of, m.method) for m in found}


def stored(conn) -> set[tuple[str, str, str]]:
    return set(conn.execute("select * from posting_duplicates").fetchall())


@pytest.fixture
def warehouse(tmp_path):
    conn = connect(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def test_each_refresh_matches_a_full_recompute(warehouse):
    runs = []
    for day, postings in LOADS:
        insert_postings(warehouse, Partition("text", date.fromisoformat(day)), postings)
        runs.append(refresh_duplicates(warehouse))
        assert stored(warehouse) == full_recompute(warehouse), day
    assert stored(warehouse) == {
        ("a1", "a0", "near_duplicate"),
        ("a2", "a0", "repost"),  # a repost of a1, which now copies a0
        ("n2", "n1", "repost"),  # postings without a company are matched among themselves
    }
    # The first refresh sees everything; later ones only the companies that changed.
    assert runs[0].checked == runs[0].changed == 4
    assert (runs[1].changed, runs[1].checked) == (4, 8)
    assert (runs[2].changed, runs[2].checked) == (2, 5)  # Acme's 3 + Globex's 2, not Initech's


def test_a_reloaded_partition_without_the_canonical_posting_promotes_its_copy(warehouse):
    for day, postings in LOADS[:2]:
        insert_postings(warehouse, Partition("text", date.fromisoformat(day)), postings)
    refresh_duplicates(warehouse)
    assert ("a2", "a1", "repost") in stored(warehouse)
    # The first day's partition is loaded again without a1 (delete, then insert).
    warehouse.execute("delete from normalized_postings where crawl_date = '2026-10-01'")
    first = [p for p in LOADS[0][1] if p["posting_key"] != "a1"]
    insert_postings(warehouse, Partition("text", date(2026, 10, 1)), first)
    run = refresh_duplicates(warehouse)
    assert run.changed == 1
    assert not {r for r in stored(warehouse) if "a1" in r[:2]}
    assert stored(warehouse) == full_recompute(warehouse)


def test_copies_further_apart_than_the_window_are_not_looked_for(warehouse):
    insert_postings(warehouse, Partition("text", date(2026, 10, 1)), LOADS[0][1])
    refresh_duplicates(warehouse, window_days=30)
    late = posting("a9", "Acme", "Data Engineer", text("acme"), "2027-03-01")
    insert_postings(warehouse, Partition("text", date(2027, 3, 1)), [late])
    run = refresh_duplicates(warehouse, window_days=30)
    assert run.checked == 1  # a1, posted five months before, is outside the window
    assert stored(warehouse) == set()
    assert ("a9", "a1", "repost") in full_recompute(warehouse)
