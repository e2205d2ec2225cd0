"""careermarket/crawl.py through Typer, offline (the replay that ships with the package)."""

import json
from importlib.util import find_spec

import typer
from typer.testing import CliRunner

from careermarket.crawl import crawl


def app() -> typer.Typer:
    cli = typer.Typer()
    cli.command()(crawl)
    cli.command("noop")(lambda: None)  # two commands, so "crawl" is a sub-command
    return cli


def test_offline_crawl_writes_contract_records_to_output(tmp_path):
    out = tmp_path / "raw.jsonl"
    result = CliRunner().invoke(app(), ["crawl", "lever", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 4 and {r["source"] for r in records} == {"lever"}
    assert all(r["url"].startswith("https://jobs.lever.co/") for r in records)


def test_spider_arguments_narrow_the_offline_crawl(tmp_path):
    out = tmp_path / "raw.jsonl"
    result = CliRunner().invoke(
        app(), ["crawl", "greenhouse", "-a", "boards=hanbit-labs", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text("utf-8").splitlines()) == 2


def test_bad_arguments_are_usage_errors(tmp_path):
    out = str(tmp_path / "x.jsonl")
    assert CliRunner().invoke(app(), ["crawl", "lever", "-a", "nokey", "-o", out]).exit_code == 2
    assert CliRunner().invoke(app(), ["crawl", "nosuchsource", "-o", out]).exit_code == 2


def test_workers_need_a_reachable_redis(tmp_path):
    out = str(tmp_path / "x.jsonl")
    two = CliRunner().invoke(app(), ["crawl", "lever", "--workers", "2", "-o", out])
    assert two.exit_code == 2 and "more than one worker needs --redis-url" in two.output
    down = CliRunner().invoke(
        app(),
        ["crawl", "lever", "--workers", "2", "--redis-url", "redis://127.0.0.1:1/0", "-o", out],
    )
    # with the scale extra: Redis is down; without it: the extra is named
    said = "cannot reach redis://127.0.0.1:1/0" if find_spec("redis") else "needs the scale extra"
    assert down.exit_code == 2 and said in " ".join(down.output.split())
    assert not (tmp_path / "x.jsonl").exists()
