"""The daily partitions start at the first landed date, not at a fixed day."""

from datetime import date

from dags.partitions import (
    FIRST_CRAWL_DATE,
    LANDING_ROOTS,
    crawl_partitions,
    first_landed_date,
    is_partition_key,
)
from warehouse.paths import PROJECT_ROOT


def land(root, source, day, name="crawl.jsonl"):
    folder = root / source / day
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text('{"source": "x"}\n', encoding="utf-8")


def test_the_oldest_landing_folder_with_a_file_is_the_start(tmp_path):
    snapshot, raw = tmp_path / "snapshot", tmp_path / "raw"
    today = date(2026, 12, 7)
    land(snapshot, "wanted", "2026-09-10")
    land(raw, "csv", "2026-07-02")
    land(raw, "lever", "2026-05-01", name="crawl.jsonl.part")  # still being written
    (raw / "lever" / "2026-04-01").mkdir(parents=True)  # empty
    (raw / "lever" / "notes").mkdir(parents=True)  # not a date
    land(raw, "lever", "2026-13-01")  # looks like a date, is not one
    assert first_landed_date([snapshot, raw, tmp_path / "missing"], today) == date(2026, 7, 2)


def test_nothing_landed_starts_today(tmp_path):
    assert first_landed_date([tmp_path], date(2026, 12, 7)) == date(2026, 12, 7)
    # A landing folder dated after today does not move the start past today.
    land(tmp_path, "wanted", "2027-01-01")
    assert first_landed_date([tmp_path], date(2026, 12, 7)) == date(2026, 12, 7)


def test_the_definitions_start_at_the_bundled_snapshots_first_crawl():
    assert LANDING_ROOTS[0] == PROJECT_ROOT / "data" / "snapshot"
    snapshot_days = sorted(p.name for p in LANDING_ROOTS[0].glob("*/*") if any(p.glob("*.jsonl")))
    assert FIRST_CRAWL_DATE <= snapshot_days[0] == "2026-06-03"
    daily = crawl_partitions.get_partitions_def_for_dimension("date")
    assert daily.get_first_partition_key() == FIRST_CRAWL_DATE
    before = date.fromordinal(date.fromisoformat(FIRST_CRAWL_DATE).toordinal() - 1)
    assert not is_partition_key(f"{before.isoformat()}|wanted")
    assert is_partition_key(f"{FIRST_CRAWL_DATE}|wanted")
