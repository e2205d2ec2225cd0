"""The Iceberg warehouse in an object store, on a real SeaweedFS and PostgreSQL (`make test-scale`).

Writers are separate `careermarket lake` processes, as they would be on a cluster; the local
warehouse they are compared with is what `careermarket run` builds from the same snapshot.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from warehouse.db import connect_sandbox
from warehouse.lake import PARTITIONED_TABLES, Lake, PartitionBusy
from warehouse.load import Partition, landing_files
from warehouse.objectstore import ObjectStore
from warehouse.paths import PROJECT_ROOT
from warehouse.raw_lines import iter_lines
from warehouse.schema import published_tables

pytestmark = pytest.mark.scale

SNAPSHOT = PROJECT_ROOT / "data" / "snapshot"
# Four partitions of four different families (distinct partition keys).
FOUR = ["2026-08-14|greenhouse", "2026-10-14|jumpit", "2026-11-12|lever", "2026-10-28|wanted"]


def cli(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "careermarket", *args],
        env={**os.environ, **env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode:
        pytest.fail(f"careermarket {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def start(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "careermarket", *args],
        env={**os.environ, **env, "COLUMNS": "200"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out + err


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data directory of `careermarket run` over a copy of the bundled snapshot."""
    root = tmp_path_factory.mktemp("local") / "data"
    shutil.copytree(SNAPSHOT, root / "snapshot")
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    cli("run", "--data-dir", str(root), env=env)
    return root


@pytest.fixture(scope="module")
def snapshot_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lake") / "data"
    shutil.copytree(SNAPSHOT, root / "snapshot")
    return root


def expected_lines(root: Path, key: str) -> int:
    """Records in a partition's landing files (what raw_postings must hold for it, once)."""
    day, source = key.split("|")
    files = landing_files(root / "snapshot")[Partition(source, date.fromisoformat(day))]
    return sum(1 for path in files for _ in iter_lines(path))


def partition_counts(lake: Lake, table: str) -> Counter[str]:
    rows = lake.scan(table).select(["source", "crawl_date"]).to_pylist()
    return Counter(f"{r['crawl_date'].isoformat()}|{r['source']}" for r in rows)


def test_four_concurrent_writers_on_distinct_partitions_give_exact_counts(
    lake_env: dict[str, str], snapshot_root: Path
) -> None:
    data = ["--data-dir", str(snapshot_root)]
    for _round in range(2):  # the second round rewrites the same partitions: same counts
        writers = [start("lake", "ingest", *data, "--partition", key, env=lake_env) for key in FOUR]
        results = [finish(w) for w in writers]
        assert [code for code, _ in results] == [0, 0, 0, 0], "\n".join(
            o[-3000:] for _, o in results
        )
        with Lake.from_env() as lake:
            raw = partition_counts(lake, "raw_postings")
            normalized = partition_counts(lake, "normalized_postings")
            quarantined = partition_counts(lake, "quarantined_postings")
            keys = lake.scan("raw_postings").select(["landing_file", "line_no"]).to_pylist()
        expected = {key: expected_lines(snapshot_root, key) for key in FOUR}
        assert dict(raw) == expected
        assert {k: normalized[k] + quarantined[k] for k in FOUR} == expected
        # Not one raw line twice, in either round.
        assert len({(k["landing_file"], k["line_no"]) for k in keys}) == len(keys)
    assert sum(expected.values()) >= 16


def test_a_second_writer_on_a_held_partition_is_refused_or_waits_and_never_duplicates(
    lake_env: dict[str, str], snapshot_root: Path
) -> None:
    key = FOUR[0]
    day, source = key.split("|")
    partition = Partition(source, date.fromisoformat(day))
    data = ["--data-dir", str(snapshot_root), "--partition", key]
    with Lake.from_env() as lake:
        # Another writer (here: this process, as a range backfill would) holds the partition.
        with lake.writer_lock(f"partition:{key}"):
            refused = cli("lake", "ingest", *data, env=lake_env, check=False)
            assert refused.returncode == 2
            assert "being written by another writer" in refused.stderr
            assert "raw_postings" not in lake.table_names()  # it wrote nothing
            # A writer told to wait starts once the holder is done.
            waiting = start("lake", "ingest", *data, "--wait", "120", env=lake_env)
            time.sleep(3)
            assert waiting.poll() is None, finish(waiting)
            # In-process writers see the same lock.
            with pytest.raises(PartitionBusy):
                lake.write_partition(partition, {}, wait_seconds=0.5)
        code, output = finish(waiting)
        assert code == 0, output
        # Two writers racing for the same partition: one after the other, rows once.
        racers = [start("lake", "ingest", *data, "--wait", "120", env=lake_env) for _ in range(2)]
        assert [finish(r)[0] for r in racers] == [0, 0]
        expected = expected_lines(snapshot_root, key)
        assert partition_counts(lake, "raw_postings") == {key: expected}
        normalized = partition_counts(lake, "normalized_postings")[key]
        quarantined = partition_counts(lake, "quarantined_postings")[key]
        assert normalized + quarantined == expected


def test_a_killed_writer_releases_its_partition(lake_env: dict[str, str]) -> None:
    """The advisory lock belongs to the writer's database session: a writer that dies (killed,
    out of memory) frees its partition at once, no stale lock to clear by hand."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from warehouse.lake import Lake\n"
            "with Lake.from_env() as lake, lake.writer_lock('partition:2026-01-01|demo'):\n"
            "    print('held', flush=True); time.sleep(600)",
        ],
        env={**os.environ, **lake_env},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with Lake.from_env() as lake:
            with pytest.raises(PartitionBusy), lake.writer_lock("partition:2026-01-01|demo"):
                pass
            holder.kill()
            holder.wait()
            with lake.writer_lock("partition:2026-01-01|demo", wait_seconds=10):
                pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_lake_exports_and_queries_equal_the_local_warehouse(
    lake_env: dict[str, str], local_run: Path
) -> None:
    """The whole snapshot through the lake: the S3 exports are the local export files byte for
    byte (sha256), and `careermarket query --lake` answers as the local warehouse does."""
    prefix = lake_env["CAREERMARKET_WAREHOUSE"].removesuffix("/warehouse")
    cli("lake", "ingest", "--data-dir", str(local_run), env=lake_env)
    cli("lake", "publish", "--exports", f"{prefix}/lake-exports", env=lake_env)
    cli("export", "--data-dir", str(local_run), "--out", f"{prefix}/exports", env=lake_env)

    local = {p.name: sha256(p) for p in (local_run / "exports").iterdir() if p.is_file()}
    assert "manifest.json" in local and len(local) >= 20
    for folder in ("lake-exports", "exports"):
        store = ObjectStore(f"{prefix}/{folder}")
        assert {name: store.sha256(name) for name in store.list()} == local, folder

    questions = [
        "select role, count(*) as postings, sum(min_years) as years, count(distinct company) "
        "as companies from stg_postings where is_canonical group by role order by role",
        "select * from agg_skill_demand_monthly order by all limit 50",
        "select d.skill_id, count(*) as n from fct_posting_skills f join dim_skill d "
        "using (skill_id) group by 1 order by 2 desc, 1 limit 20",
    ]
    for sql in questions:
        on_lake = cli("query", "--lake", sql, "--format", "json", env=lake_env).stdout
        on_file = cli(
            "query", "--data-dir", str(local_run), sql, "--format", "json", env=lake_env
        ).stdout
        assert json.loads(on_lake) == json.loads(on_file), sql
        assert len(json.loads(on_lake)) > 0
    # The lake's query connection is sealed like the local sandbox: no files.
    sealed = cli(
        "query", "--lake", "select * from read_text('/etc/hostname')", env=lake_env, check=False
    )
    assert sealed.returncode == 2 and "sees only the warehouse" in sealed.stderr
    # Every published table, row for row and type for type.
    with Lake.from_env() as lake, connect_sandbox(local_run / "careermarket.duckdb") as conn:
        for name in published_tables():
            sql = f"select * from {name} order by all"
            lake_conn = lake.query_connection(sql)
            assert lake_conn.execute(sql).fetchall() == conn.execute(sql).fetchall(), name
            describe = f"describe {name}"
            assert lake_conn.execute(describe).fetchall() == conn.execute(describe).fetchall()
        assert set(PARTITIONED_TABLES) <= set(lake.table_names())


def test_landing_files_in_the_store_are_ingested_with_their_urls(
    lake_env: dict[str, str], snapshot_root: Path
) -> None:
    prefix = lake_env["CAREERMARKET_WAREHOUSE"].removesuffix("/warehouse")
    landing = f"{prefix}/raw"
    cli(
        "lake",
        "land",
        "--data-dir",
        str(snapshot_root),
        "--snapshot",
        "--to",
        landing,
        env=lake_env,
    )
    store = ObjectStore(landing)
    local = sorted(
        p.relative_to(snapshot_root / "snapshot").as_posix()
        for p in (snapshot_root / "snapshot").glob("*/*/*.jsonl")
    )
    assert store.list() == local
    for name in local[:5]:
        assert store.sha256(name) == sha256(snapshot_root / "snapshot" / name)
    key = FOUR[1]
    cli("lake", "ingest", "--landing", landing, "--partition", key, env=lake_env)
    with Lake.from_env() as lake:
        rows = lake.scan("raw_postings").select(["landing_file"]).to_pylist()
    assert len(rows) == expected_lines(snapshot_root, key)
    assert {r["landing_file"].rsplit("/", 3)[0] for r in rows} == {landing}


def test_a_dagster_range_backfill_meets_the_partition_lock(
    lake_env: dict[str, str], snapshot_root: Path
) -> None:
    """A single-run backfill of a range carries no `dagster/partition` tag, so the instance's
    tag limit cannot see it: the write's own lock refuses the partition another writer holds."""
    import dagster as dg

    from dags.lake import LakeResource, lake_load_tables
    from dags.partitions import RANGE_END_TAG, RANGE_START_TAG, register_keys
    from dags.resources import DataDirResource, RawSource, TaxonomyResource

    resources = {
        "lake": LakeResource(
            catalog_uri=lake_env["CAREERMARKET_CATALOG_URI"],
            warehouse=lake_env["CAREERMARKET_WAREHOUSE"],
            s3_endpoint=lake_env["CAREERMARKET_S3_ENDPOINT"],
            access_key=lake_env["AWS_ACCESS_KEY_ID"],
            secret_key=lake_env["AWS_SECRET_ACCESS_KEY"],
        ),
        "raw_source": RawSource(),
        "data_dir": DataDirResource(root=str(snapshot_root)),
        "taxonomy": TaxonomyResource(),
    }
    # A range of three registered keys, in registration order (dynamic partitions).
    in_range = ["2026-10-02|greenhouse", "2026-10-03|hackernews", "2026-10-09|remoteok"]
    instance = dg.DagsterInstance.ephemeral()
    register_keys(instance, ["2026-08-14|greenhouse", *in_range, "2026-10-14|jumpit"])
    tags = {RANGE_START_TAG: in_range[0], RANGE_END_TAG: in_range[-1]}
    expected = {key: expected_lines(snapshot_root, key) for key in in_range}

    def backfill() -> dg.ExecuteInProcessResult:
        return dg.materialize(
            [lake_load_tables],
            resources=resources,
            tags=tags,
            instance=instance,
            raise_on_error=False,
        )

    with Lake.from_env() as lake:
        with lake.writer_lock("partition:2026-10-03|hackernews"):
            refused = backfill()
            assert not refused.success
            failure = refused.get_step_failure_events()[0].step_failure_data.error
            assert "being written by another writer" in str(failure)
        assert backfill().success
        assert backfill().success  # a rerun of the range replaces, never adds
        assert dict(partition_counts(lake, "raw_postings")) == expected


def test_an_upload_that_fails_midway_leaves_no_object(
    lake_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Readers see a whole file or none: a file streamed in parts that fails half-way never
    appears under its name (it went to _incoming/, and the copy into place never ran)."""
    import warehouse.objectstore as objectstore

    prefix = lake_env["CAREERMARKET_WAREHOUSE"].removesuffix("/warehouse")
    store = ObjectStore(f"{prefix}/atomic")
    store.ensure_bucket()
    local = tmp_path / "big.jsonl"
    local.write_bytes(b'{"n": 1}\n' * 200_000)  # 1.8 MB
    monkeypatch.setattr(objectstore, "SINGLE_PUT_BYTES", 1 << 20)  # stream this one in parts
    monkeypatch.setattr(objectstore, "BLOCK_BYTES", 256 << 10)
    store.put_file(local, "whole.jsonl")
    assert store.sha256("whole.jsonl") == sha256(local)

    real_open = Path.open

    class Broken:
        def __init__(self, path: Path) -> None:
            self.handle, self.reads = real_open(path, "rb"), 0

        def __enter__(self) -> Broken:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, size: int) -> bytes:
            self.reads += 1
            if self.reads > 1:
                raise OSError("the disk went away")
            return self.handle.read(size)

    monkeypatch.setattr(Path, "open", lambda self, mode="r": Broken(self))
    with pytest.raises(OSError, match="went away"):
        store.put_file(local, "partial.jsonl")
    monkeypatch.undo()
    names = store.list()
    assert "partial.jsonl" not in names and "whole.jsonl" in names
    assert all(n == "whole.jsonl" or n.startswith("_incoming/") for n in names)
