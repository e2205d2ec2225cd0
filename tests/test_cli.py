"""The command line (CONTRACT §4) as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from typer.testing import CliRunner

from careermarket.cli import app
from warehouse.paths import PROJECT_ROOT

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOT_FILE = PROJECT_ROOT / "data/snapshot/jumpit/2026-10-14/snap-jumpit-20261014.jsonl"


def test_module_entry_point_works():
    done = subprocess.run(
        [sys.executable, "-m", "careermarket", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    for command in (
        "run",
        "crawl",
        "normalize",
        "import-csv",
        "import-json",
        "query",
        "export",
        "advise",
        "report",
    ):
        assert command in done.stdout


def test_normalize_writes_contract_records_and_quarantine(tmp_path):
    out, quarantine = tmp_path / "out.jsonl", tmp_path / "q.jsonl"
    result = runner.invoke(
        app, ["normalize", str(SNAPSHOT_FILE), "-o", str(out), "--quarantine", str(quarantine)]
    )
    assert result.exit_code == 0, result.output
    raw_lines = [line for line in SNAPSHOT_FILE.read_bytes().splitlines() if line.strip()]
    records = [json.loads(line) for line in out.read_text().splitlines()]
    broken = [json.loads(line) for line in quarantine.read_text().splitlines()]
    assert len(records) + len(broken) == len(raw_lines)
    assert [b["reason"] for b in broken] == ["error_body"]
    assert all(r["source"] == "jumpit" and r["taxonomy_version"] for r in records)
    # Same order as the input (CONTRACT §4).
    expected_ids = [json.loads(line)["source_posting_id"] for line in raw_lines]
    expected_ids.remove(broken[0]["source_posting_id"])
    assert [r["source_posting_id"] for r in records] == expected_ids


def test_normalize_on_two_processes_writes_the_same_files(tmp_path):
    outputs = []
    for workers in ("1", "2"):
        out, quarantine = tmp_path / f"out{workers}.jsonl", tmp_path / f"q{workers}.jsonl"
        args = ["normalize", str(SNAPSHOT_FILE), "-o", str(out), "--quarantine", str(quarantine)]
        result = runner.invoke(app, [*args, "--workers", workers])
        assert result.exit_code == 0, result.output
        outputs.append((out.read_bytes(), quarantine.read_bytes()))
    assert outputs[0] == outputs[1] and outputs[0][0]


def test_normalize_defaults_the_quarantine_file_beside_the_output(tmp_path):
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["normalize", str(SNAPSHOT_FILE), "-o", str(out)]).exit_code == 0
    assert (tmp_path / "out.quarantine.jsonl").read_text().count("error_body") == 1


def test_import_csv_then_normalize(tmp_path):
    raw = tmp_path / "raw.jsonl"
    mapping = (
        "title=공고명,company=회사,duties=주요업무,required=자격요건,preferred=우대사항,other=복지"
    )
    result = runner.invoke(
        app,
        [
            "import-csv",
            str(FIXTURES / "csv" / "postings.csv"),
            "--map",
            mapping,
            "--line-separator",
            "|",
            "-o",
            str(raw),
        ],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in raw.read_text().splitlines()]
    assert [r["source"] for r in records] == ["csv", "csv"]
    assert records[0]["payload"]["공고명"] == "머신러닝 엔지니어 (신입)"
    out = tmp_path / "norm.jsonl"
    assert runner.invoke(app, ["normalize", str(raw), "-o", str(out)]).exit_code == 0
    ml, backend = (json.loads(line) for line in out.read_text().splitlines())
    assert (ml["role"], ml["min_years"], ml["newcomer_ok"], ml["degree_min"]) == (
        "ml_engineer",
        0,
        True,
        "bachelor",
    )
    assert {(s["id"], s["section"]) for s in ml["skills"]} >= {
        ("python", "required"),
        ("pytorch", "required"),
        ("kubernetes", "preferred"),
        ("publications", "preferred"),
        ("python", "other"),
    }
    assert (backend["role"], backend["in_scope"], backend["min_years"]) == (
        "out_of_scope",
        False,
        3,
    )


def test_import_csv_rejects_a_mapping_to_a_missing_column(tmp_path):
    result = runner.invoke(
        app,
        [
            "import-csv",
            str(FIXTURES / "csv" / "postings.csv"),
            "--map",
            "title=Job Title",
            "-o",
            str(tmp_path / "x"),
        ],
    )
    assert result.exit_code == 2
    assert "not in the CSV header" in result.output


def test_query_before_run_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["query", "select 1", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "careermarket run" in result.output


def test_run_query_and_export(data_root, tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    result = runner.invoke(app, ["run", "--data-dir", str(data_root)])
    assert result.exit_code == 0, result.output
    assert "warehouse/stg_postings" in result.output
    assert "0 not passing" in result.output
    query = runner.invoke(
        app,
        [
            "query",
            "select role, count(*) as n from stg_postings group by 1 order by 2 desc",
            "--data-dir",
            str(data_root),
            "--format",
            "json",
        ],
    )
    assert query.exit_code == 0, query.output
    rows = json.loads(query.stdout)  # stdout stays JSON; the example-data banner is on stderr
    assert query.stderr.startswith("⚠ example data: all postings come from the bundled snapshot")
    assert len(query.stderr.strip().splitlines()) == 1
    total = runner.invoke(
        app,
        [
            "query",
            "select count(*) as n from stg_postings",
            "--data-dir",
            str(data_root),
            "--format",
            "json",
        ],
    )
    assert sum(r["n"] for r in rows) == json.loads(total.stdout)[0]["n"] > 0
    assert {r["role"] for r in rows} >= {
        "out_of_scope",
        "ml_engineer",
        "data_engineer",
        "mlops_engineer",
    }
    bad = runner.invoke(app, ["query", "delete from stg_postings", "--data-dir", str(data_root)])
    assert bad.exit_code == 2  # the database is opened read-only
    exported = runner.invoke(
        app, ["export", "--out", str(tmp_path / "x"), "--data-dir", str(data_root)]
    )
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "x" / "manifest.json").exists()


def test_advise_and_report_before_run_say_what_to_do(tmp_path):
    for args in (["advise", "--skills", "python"], ["report", "--out", str(tmp_path / "r.html")]):
        result = runner.invoke(app, [*args, "--data-dir", str(tmp_path)])
        assert result.exit_code == 2, args
        assert "careermarket run" in result.output, args
    assert not (tmp_path / "r.html").exists()


def test_live_runs_and_crawls_default_to_their_own_data_dir(monkeypatch, tmp_path):
    """Live rows never mix with the example snapshot: without --data-dir, `run --live` and
    `crawl --live` use data/live/, offline `run` uses data/."""
    import careermarket.crawl as crawl_module
    import careermarket.running as running
    import careermarket.stale_runs as stale_runs
    from warehouse.paths import DEFAULT_DATA_DIR, DEFAULT_LIVE_DATA_DIR

    monkeypatch.delenv("CAREERMARKET_DATA_DIR", raising=False)
    roots: list = []
    monkeypatch.setattr(running, "dagster_instance", lambda root: roots.append(root))
    monkeypatch.setattr(running, "in_progress_runs", lambda instance: [])
    monkeypatch.setattr(running, "ensure_warehouse_free", lambda root: None)
    monkeypatch.setattr(stale_runs, "fail_orphaned_runs", lambda instance: [])
    monkeypatch.setattr(
        running,
        "run_assets",
        lambda root, *args, **kwargs: running.RunOutcome(True, "run-1", [], [], 0.0),
    )
    for args, expected in (
        (["run", "--live"], DEFAULT_LIVE_DATA_DIR),
        (["run"], DEFAULT_DATA_DIR),
        (["run", "--live", "--data-dir", str(tmp_path)], tmp_path),
    ):
        roots.clear()
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert roots == [expected], args
        assert str(expected) in result.output.replace("\n", "")

    crawled: list = []

    def fake_crawl(source, data_dir, **kwargs):
        crawled.append(data_dir)
        return SimpleNamespace(
            summary={},
            landing_files=["x"],
            ok=True,
            item_count=1,
            finish_reason="finished",
            failure_reason=None,
            stale_parts_removed=[],
            superseded={},
            log_path=None,
        )

    monkeypatch.setattr(crawl_module, "run_crawl", fake_crawl)
    result = runner.invoke(app, ["crawl", "wanted", "--live", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert crawled == [DEFAULT_LIVE_DATA_DIR]


def _normalize(*args: object):
    return runner.invoke(app, ["normalize", *map(str, args)])


def test_normalize_refuses_to_write_over_its_input(tmp_path):
    raw = tmp_path / "raw.jsonl"
    raw.write_bytes(SNAPSHOT_FILE.read_bytes())
    (tmp_path / "link.jsonl").symlink_to(raw)
    (tmp_path / "sub").mkdir()
    for args in (
        ["-o", raw],
        ["-o", tmp_path / "link.jsonl"],
        ["-o", tmp_path / "sub" / ".." / "raw.jsonl"],
        ["-o", tmp_path / "out.jsonl", "--quarantine", raw],
        ["-o", tmp_path / "out.jsonl", "--quarantine", tmp_path / "out.jsonl"],
    ):
        result = _normalize(raw, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "error:" in result.output
    assert raw.read_bytes() == SNAPSHOT_FILE.read_bytes()
    assert not (tmp_path / "out.jsonl").exists()


def test_normalize_never_creates_directories(tmp_path):
    missing = tmp_path / "nonexistent" / "dir"
    for args in (
        ["-o", missing / "o.jsonl"],
        ["-o", tmp_path / "o.jsonl", "--quarantine", missing / "q.jsonl"],
    ):
        result = _normalize(SNAPSHOT_FILE, *args)
        assert result.exit_code == 2, result.output
        assert "does not exist" in result.output
    assert not (tmp_path / "nonexistent").exists()
    assert not (tmp_path / "o.jsonl").exists()


def test_normalize_replaces_files_whole_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    out, quarantine = tmp_path / "out.jsonl", tmp_path / "q.jsonl"
    out.write_text("previous output\n")
    quarantine.write_text("previous quarantine\n")

    def crash(*args, **kwargs):
        yield from ()
        raise RuntimeError("killed mid-way")

    # A failure part-way through leaves the previous files exactly as they were.
    monkeypatch.setattr("pipelines.batch.Runner.run", crash)
    result = _normalize(SNAPSHOT_FILE, "-o", out, "--quarantine", quarantine)
    assert result.exit_code != 0
    assert out.read_text() == "previous output\n"
    assert quarantine.read_text() == "previous quarantine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "q.jsonl"]
    monkeypatch.undo()
    assert _normalize(SNAPSHOT_FILE, "-o", out, "--quarantine", quarantine).exit_code == 0
    assert len(out.read_text().splitlines()) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "q.jsonl"]


def test_normalize_fails_when_nothing_was_normalized(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('not json\n{"source": "wanted"}\n', encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    result = _normalize(broken, "-o", tmp_path / "o.jsonl")
    assert result.exit_code == 1, result.output
    assert "nothing was normalized: all 2 records were quarantined" in result.output
    assert len((tmp_path / "o.quarantine.jsonl").read_text().splitlines()) == 2
    result = _normalize(empty, "-o", tmp_path / "o.jsonl")
    assert result.exit_code == 1, result.output
    assert "holds no records" in result.output
