"""`every_source_returned_postings` names the date and source of each empty landed crawl."""

import dagster as dg

from .conftest import checks_by_name, write_landing

CHECK = "raw/raw_postings:every_source_returned_postings"


def test_the_warning_names_each_empty_partition(run_job, data_root):
    write_landing(data_root / "snapshot", "remotive", "2026-11-22", [])
    write_landing(data_root / "snapshot", "arbeitnow", "2026-11-23", [])
    result = run_job("ingest_postings_job")
    assert result.success
    check = checks_by_name(result)[CHECK]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    named = "2026-11-22|remotive, 2026-11-23|arbeitnow"
    assert check.metadata["empty_partitions"].value == named
    assert check.description == f"2 partition(s) landed no posting: {named}"


def test_no_empty_partition_says_so(run_job):
    check = checks_by_name(run_job("ingest_postings_job", partition_key="2026-11-21|wanted"))[CHECK]
    assert check.passed
    assert check.metadata["empty_partitions"].value == "none"
