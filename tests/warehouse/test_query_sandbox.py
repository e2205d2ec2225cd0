"""`careermarket query` runs user SQL in a sandbox: it reads the warehouse and nothing else,
stops after its time limit, and prints data as data (issue 15)."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from warehouse.paths import PROJECT_ROOT

runner = CliRunner()
EXAMPLES = sorted((PROJECT_ROOT / "warehouse" / "examples").glob("*.sql"))


@pytest.fixture
def data_dir(snapshot_data, tmp_path) -> Path:
    """A copy of the snapshot warehouse: an escape that worked would damage only the copy."""
    shutil.copy(snapshot_data / "careermarket.duckdb", tmp_path / "careermarket.duckdb")
    return tmp_path


def query(data_dir: Path, sql: str, *options: str):
    return runner.invoke(app, ["query", "--data-dir", str(data_dir), *options, "--", sql])


def count(data_dir: Path, table: str) -> int:
    with duckdb.connect(str(data_dir / "careermarket.duckdb"), read_only=True) as conn:
        return conn.execute(" ".join(["select count(*) from", table])).fetchone()[0]


def test_copy_to_a_file_writes_nothing(data_dir, tmp_path):
    target = tmp_path / "out" / "x.csv"
    target.parent.mkdir()
    for sql in (
        f"copy stg_postings to '{target}'",
        f"copy (select 1) to '{target}' (format parquet)",
        f"export database '{tmp_path / 'out'}'",
    ):
        result = query(data_dir, sql)
        assert result.exit_code == 2, (sql, result.output)
        assert "only the warehouse" in result.output
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize(
    "sql",
    [
        "select * from read_text('/etc/passwd')",
        "select * from glob('/etc/*')",
        "select * from read_csv('/etc/passwd')",
        "select * from 'data/snapshot/wanted/*/*.jsonl'",
    ],
)
def test_the_machine_cannot_be_read(data_dir, sql):
    result = query(data_dir, sql)
    assert result.exit_code == 2, result.output
    assert "root:" not in result.output and "/etc/" not in result.output.split("error:", 1)[0]


@pytest.mark.parametrize("sql", ["install httpfs", "load httpfs", "force install httpfs"])
def test_extensions_cannot_be_installed_or_loaded(data_dir, sql):
    started = time.perf_counter()
    result = query(data_dir, sql)
    assert result.exit_code == 2, result.output
    assert "only the warehouse" in result.output  # refused by the sandbox, not by the network
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "sql",
    [
        "set enable_external_access = true",
        "reset enable_external_access",
        "set lock_configuration = false",
        "set autoinstall_known_extensions = true",
    ],
)
def test_the_sandbox_cannot_be_switched_off(data_dir, sql):
    result = query(data_dir, sql)
    assert result.exit_code == 2, result.output
    assert "locked" in result.output


def test_attach_and_detach_cannot_change_a_warehouse_table(data_dir, tmp_path):
    rows = count(data_dir, "stg_postings")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    warehouse = data_dir / "careermarket.duckdb"
    steps = [
        f"attach '{other}' as other (read_only false)",
        "use other",
        "detach careermarket",
        f"attach '{warehouse}' as rw (read_only false)",
        "drop table rw.stg_postings",
    ]
    for sql in ["; ".join(steps), *steps, f"attach '{warehouse}' as rw (read_only false)"]:
        assert query(data_dir, sql).exit_code == 2, sql
    assert count(data_dir, "stg_postings") == rows > 0


def test_a_slow_query_stops_at_the_timeout(data_dir):
    started = time.perf_counter()
    result = query(data_dir, "select count(*) from range(1000000000000)", "--timeout", "0.5")
    assert result.exit_code == 2, result.output
    assert "longer than 0.5 s" in result.output
    assert time.perf_counter() - started < 10


def test_the_timeout_has_a_default(data_dir):
    result = runner.invoke(app, ["query", "--help"])
    assert re.search(r"--timeout.*default: 60", result.output.replace("\n", " "), re.S)


@pytest.mark.parametrize("text", ["[remote] ML Engineer", "a[/b] c", "[bold]x[/bold]", "[/]"])
def test_cells_print_as_data_not_markup(data_dir, text):
    quoted = text.replace("'", "''")
    table = query(data_dir, f"select '{quoted}' as \"[title]\"")
    assert table.exit_code == 0, table.output
    assert text in table.output and "[title]" in table.output
    as_json = query(data_dir, f"select '{quoted}' as title", "--format", "json")
    assert json.loads(as_json.stdout) == [{"title": text}]  # the banner is on stderr


@pytest.mark.parametrize("sql", ["", "   ", "\n\t", "-- only a comment"])
def test_empty_sql_is_a_clear_error(data_dir, sql):
    result = query(data_dir, sql)
    assert result.exit_code == 2, result.output
    assert "no SQL" in result.output or "no statement" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_format_is_refused(data_dir):
    result = query(data_dir, "select 1", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.output and "table" in result.output


def test_csv_format_prints_the_rows(data_dir):
    result = query(data_dir, "select 'a,b' as x, 2 as y", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["x,y", '"a,b",2']


def _readme_sql() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    inline = re.findall(r'careermarket query "((?:select|with) [^"]+)"', readme, re.I)
    return inline + re.findall(r"```sql\n(.*?)```", readme, re.S)


@pytest.mark.parametrize(
    "sql",
    [p.read_text("utf-8") for p in EXAMPLES] + _readme_sql(),
    ids=[p.stem for p in EXAMPLES] + [f"readme{i}" for i in range(len(_readme_sql()))],
)
def test_every_documented_query_runs_in_the_sandbox(data_dir, sql):
    result = query(data_dir, sql, "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
