"""DuckDB gets a memory limit and a spill directory from the Dagster resource, so the SQL models
spill to disk instead of growing the run's process."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dags.definitions import default_resources
from dags.resources import DEFAULT_MEMORY_LIMIT, WarehouseDuckDB

BIG_SORT = (
    "create table sorted as select i, md5(i::varchar) as h from range(1000000) t(i) order by h"
)


def _settings(conn: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    return conn.execute(
        "select current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone()


def _mib(text: str) -> float:
    number, unit = text.split()
    return float(number) * {"KiB": 1 / 1024, "MiB": 1, "GiB": 1024}[unit]


def test_the_default_resources_bound_duckdb_memory(tmp_path):
    resource = default_resources(str(tmp_path))["duckdb"]
    assert isinstance(resource, WarehouseDuckDB)
    with resource.get_connection() as conn:
        limit, temp = _settings(conn)
    assert DEFAULT_MEMORY_LIMIT == "1GB"
    assert 900 <= _mib(limit) <= 1000  # 1 GB, as DuckDB spells it: 953.6 MiB
    assert temp == str(tmp_path / "careermarket.duckdb") + ".tmp"


def test_memory_limit_and_temp_directory_are_configurable(tmp_path):
    spill = tmp_path / "spill"
    resource = WarehouseDuckDB(
        database=str(tmp_path / "w.duckdb"), memory_limit="64MB", temp_directory=str(spill)
    )
    with resource.get_connection() as conn:
        limit, temp = _settings(conn)
        conn.execute(BIG_SORT)  # more than the limit: it completes by spilling
        sorted_rows = conn.execute("select count(*) from sorted").fetchone()[0]
        spilled = spill.is_dir()  # DuckDB removes the directory it made when it closes
    assert 60 <= _mib(limit) <= 64 and Path(temp) == spill
    assert sorted_rows == 1_000_000 and spilled
    # The limit is real: with nowhere to spill, the same sort runs out of memory.
    with resource.get_connection() as conn:
        conn.execute("set temp_directory = ''")
        with pytest.raises(duckdb.OutOfMemoryException):
            conn.execute(BIG_SORT.replace("sorted", "again"))
