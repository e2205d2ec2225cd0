"""Asset checks: each seeded problem makes exactly its own check WARN; a failed blocking check
stops every asset downstream of it."""

import json
from pathlib import Path

import dagster as dg
import pytest

import dags.assets.ingest as ingest_module
from warehouse.load import load_partition

from .conftest import checks_by_name, not_passing, write_landing

DAY = "2026-11-22"


def snapshot_records(data_root: Path, source: str, day: str) -> list[dict]:
    """The parseable records of a snapshot folder (some snapshot lines are broken on purpose)."""
    records = []
    for path in sorted((data_root / "snapshot" / source / day).glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records


def anonymous_greenhouse(data_root: Path) -> list[dict]:
    """Greenhouse postings whose company and dates went missing (the API changed shape)."""
    records = snapshot_records(data_root, "greenhouse", "2026-11-18")
    for i, record in enumerate(records):
        record["source_posting_id"] = f"seeded-{i}"
        record["url"] = ""
        for field in ("company_name", "first_published", "updated_at", "absolute_url"):
            record["payload"].pop(field, None)
    return records


def skill_free_text_postings() -> list[dict]:
    """In-scope postings (by title) that name no skill anywhere."""
    body = (
        "Quiet Labs is a small studio in Seoul making apps for bakeries. We value kindness and "
        "long lunches. The office has a cat and big windows over the river."
    )
    return [
        {
            "source": "text",
            "source_posting_id": f"quiet-{i}",
            "url": "",
            "fetched_at": f"{DAY}T00:00:00Z",
            "crawl_id": "seeded",
            "payload": {
                "title": "Machine Learning Engineer",
                "company": f"Quiet Labs {i}",
                "description": body,
            },
        }
        for i in range(6)
    ]


def seed_fill_rate(data_root: Path) -> str | None:
    write_landing(data_root / "snapshot", "greenhouse", DAY, anonymous_greenhouse(data_root))
    return None


def seed_quarantine(data_root: Path) -> str | None:
    good = snapshot_records(data_root, "lever", "2026-11-12")[:2]
    write_landing(data_root / "snapshot", "lever", DAY, [*good, "{not json", "{not json", "{nope"])
    return f"{DAY}|lever"


def seed_empty_crawl(data_root: Path) -> str | None:
    write_landing(data_root / "snapshot", "remotive", DAY, [])
    return None


def seed_no_skills(data_root: Path) -> str | None:
    write_landing(data_root / "snapshot", "text", DAY, skill_free_text_postings())
    return None


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (seed_fill_rate, "normalized/normalized_postings:fill_rates_at_usual_level"),
        (seed_quarantine, "normalized/quarantined_postings:quarantine_rate_below_limit"),
        (seed_empty_crawl, "raw/raw_postings:every_source_returned_postings"),
        (seed_no_skills, "normalized/normalized_postings:in_scope_postings_have_skills"),
    ],
    ids=["fill_rate", "quarantine_rate", "empty_crawl", "no_skills"],
)
def test_a_seeded_problem_makes_exactly_its_check_warn(run_job, data_root, seed, expected):
    partition = seed(data_root)
    result = run_job("ingest_postings_job", partition_key=partition)
    assert result.success  # WARN never blocks
    assert not_passing(result) == [expected]
    evaluation = checks_by_name(result)[expected]
    assert evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata  # the figures behind the verdict


def test_title_only_postings_are_not_counted_as_in_scope_postings_without_skills(
    run_job, data_root
):
    """Postings with an in-scope title and no body text cannot show a skill: the skills check
    leaves them out, so six of them in one family raise no warning."""
    bare = [
        {**record, "payload": {**record["payload"], "description": "<p></p>"}}
        for record in skill_free_text_postings()
    ]
    write_landing(data_root / "snapshot", "text", DAY, bare)
    result = run_job("ingest_postings_job")
    assert result.success
    assert not_passing(result) == []
    figures = checks_by_name(result)["normalized/normalized_postings:in_scope_postings_have_skills"]
    assert "quiet" not in str(figures.metadata["by_source"].value).lower()


def test_the_bundled_snapshot_raises_no_warning(run_job):
    result = run_job("ingest_postings_job")
    assert result.success
    assert len(checks_by_name(result)) == 5
    assert not_passing(result) == []


def test_a_failed_blocking_check_stops_everything_downstream(run_job, monkeypatch):
    def losing_one(conn, partition, chunks):
        counts = load_partition(conn, partition, chunks)
        conn.execute(
            "delete from normalized_postings where posting_key = (select min(posting_key) "
            "from normalized_postings where source = ? and crawl_date = ?)",
            [partition.source, partition.crawl_date],
        )
        return counts

    monkeypatch.setattr(ingest_module, "load_partition", losing_one)
    result = run_job(partition_key="2026-11-21|wanted")
    assert not result.success
    lost = checks_by_name(result)["normalized/normalized_postings:no_posting_lost"]
    assert not lost.passed and lost.blocking
    assert lost.severity == dg.AssetCheckSeverity.ERROR
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "normalized/normalized_postings" in materialized
    assert not materialized & {
        "normalized/posting_duplicates",
        "warehouse/stg_postings",
        "warehouse/agg_skill_demand_monthly",
        "exports/parquet_exports",
    }
