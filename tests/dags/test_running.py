"""`careermarket run [--partition …]`: one Dagster run, one line per asset."""

import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from careermarket.running import INSTANCE_YAML, PartitionError, Target, parse_partition
from dags.definitions import defs
from dags.partitions import RANGE_END_TAG, RANGE_START_TAG

runner = CliRunner()


@pytest.mark.parametrize(
    ("value", "target"),
    [
        (None, Target("every landed partition")),
        (
            "2026-11-21|wanted",
            Target("partition 2026-11-21|wanted", partition_key="2026-11-21|wanted"),
        ),
        (
            "2026-10-01",
            Target(
                "every source on 2026-10-01",
                partition_range=("2026-10-01|arbeitnow", "2026-10-01|unknown"),
            ),
        ),
        ("wanted", Target("every landed partition of wanted", sources=("wanted",))),
    ],
)
def test_partition_values_name_a_key_a_date_range_or_a_family(value, target):
    assert parse_partition(value) == target


def test_a_date_target_runs_as_a_range():
    assert parse_partition("2026-10-01").tags == {
        RANGE_START_TAG: "2026-10-01|arbeitnow",
        RANGE_END_TAG: "2026-10-01|unknown",
    }


@pytest.mark.parametrize("value", ["2026-13-01", "2025-01-01|wanted", "indeed", "2026-11-21|x"])
def test_values_outside_the_partitions_are_refused(value):
    with pytest.raises(PartitionError):
        parse_partition(value)


def test_run_one_partition_prints_a_line_per_asset(data_root, tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    result = runner.invoke(
        app, ["run", "--partition", "2026-11-21|wanted", "--data-dir", str(data_root)]
    )
    assert result.exit_code == 0, result.output
    assert "partition 2026-11-21|wanted" in result.output
    lines = [line for line in result.output.splitlines() if "✓" in line]
    assert len(lines) == len(defs.resolve_asset_graph().get_all_asset_keys())
    assert any("raw/raw_postings" in line and "4 rows" in line for line in lines)
    assert "0 not passing" in result.output
    # The instance config it wrote keeps DuckDB to one writing run at a time.
    assert (home / "dagster.yaml").read_text() == INSTANCE_YAML


def test_a_bad_partition_exits_with_a_message(data_root):
    result = runner.invoke(app, ["run", "--partition", "nowhere", "--data-dir", str(data_root)])
    assert result.exit_code == 2
    assert "not a source family" in result.output
