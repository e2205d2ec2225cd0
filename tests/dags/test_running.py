"""`careermarket run [--partition …]`: one Dagster run, one line per asset."""

from datetime import date

import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from careermarket.running import INSTANCE_YAML, PartitionError, Target, parse_partition
from dags.definitions import defs

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
            Target("every partition landed on 2026-10-01", day=date(2026, 10, 1)),
        ),
        ("wanted", Target("every landed partition of wanted", sources=("wanted",))),
    ],
)
def test_partition_values_name_a_key_a_date_range_or_a_family(value, target):
    assert parse_partition(value) == target


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30|wanted", "indeed", "2026-11-21|x"])
def test_values_that_name_no_partition_are_refused(value):
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


def test_a_partition_nothing_landed_in_exits_with_a_message(data_root, tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    result = runner.invoke(
        app, ["run", "--partition", "2026-11-22|wanted", "--data-dir", str(data_root)]
    )
    assert result.exit_code == 2
    assert "nothing landed for 2026-11-22|wanted" in result.output
