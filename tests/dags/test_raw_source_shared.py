"""The live raw source's shared crawl, at the configuration level: `crawl_workers` and
`redis_url` choose `run_shared_crawl` over `run_crawl` (the crawl itself is a scale test:
tests/scale/test_shared_frontier.py)."""

from pathlib import Path

import dagster as dg
import pytest

from dags.definitions import build_definitions, default_resources
from dags.jobs import CRAWL_WORKERS_ENV, REDIS_URL_ENV, live_config
from dags.resources import RawSource
from scrapers import runner
from warehouse.paths import DataPaths

REDIS = "redis://redis.careermarket.svc:6379/0"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, dict]]:
    """Which runner function a crawl called, with its arguments (nothing is crawled)."""
    seen: list[tuple[str, str, dict]] = []
    monkeypatch.setattr(runner, "run_crawl", lambda f, **kw: seen.append(("one", f, kw)))
    monkeypatch.setattr(runner, "run_shared_crawl", lambda f, **kw: seen.append(("shared", f, kw)))
    return seen


def test_workers_and_a_redis_url_crawl_a_family_on_the_shared_frontier(calls, tmp_path):
    source = RawSource(
        mode="live",
        crawl_workers=3,
        redis_url=REDIS,
        crawl_settings={"DOWNLOAD_DELAY": "2"},
        crawl_timeout_seconds=600,
    )
    source.crawl_family("greenhouse", DataPaths(tmp_path))
    [(kind, family, kwargs)] = calls
    assert (kind, family) == ("shared", "greenhouse")
    assert kwargs["workers"] == 3 and kwargs["redis_url"] == REDIS
    assert kwargs["settings"] == {"DOWNLOAD_DELAY": "2"} and kwargs["timeout"] == 600
    assert Path(kwargs["data_dir"]) == tmp_path


def test_without_a_redis_url_a_family_is_one_crawl_process(calls, tmp_path):
    RawSource(mode="live").crawl_family("lever", DataPaths(tmp_path))
    assert [(kind, family) for kind, family, _ in calls] == [("one", "lever")]
    assert "workers" not in calls[0][2]


def test_more_than_one_worker_needs_a_redis_url():
    with pytest.raises(ValueError, match="needs redis_url"):
        RawSource(mode="live", crawl_workers=2)
    with pytest.raises(ValueError):
        RawSource(mode="live", crawl_workers=0, redis_url=REDIS)


def test_a_runs_config_can_turn_the_shared_crawl_on(tmp_path, monkeypatch):
    """What a launchpad or deploy/k8s/live-crawl.yaml says, checked by the job's schema."""
    monkeypatch.setenv("CAREERMARKET_REDIS_URL", REDIS)
    job = build_definitions(default_resources(str(tmp_path))).resolve_job_def(
        "crawl_korean_boards_job"
    )
    config = {"mode": "live", "crawl_workers": 4, "redis_url": {"env": "CAREERMARKET_REDIS_URL"}}
    ok = dg.validate_run_config(job, {"resources": {"raw_source": {"config": config}}})
    assert ok["resources"]["raw_source"]["config"]["crawl_workers"] == 4
    assert ok["resources"]["raw_source"]["config"]["redis_url"] == REDIS  # read from the env
    with pytest.raises(dg.DagsterInvalidConfigError, match="crawl_workers"):
        bad = {**config, "crawl_workers": "four"}
        dg.validate_run_config(job, {"resources": {"raw_source": {"config": bad}}})


def test_the_crawl_jobs_use_the_frontier_a_deployment_names():
    """A job's run config resets the fields it does not name, so the crawl jobs' own config
    carries the frontier from the code location's environment (dags/jobs.py)."""
    assert live_config({}) == {"resources": {"raw_source": {"config": {"mode": "live"}}}}
    config = live_config({REDIS_URL_ENV: REDIS, CRAWL_WORKERS_ENV: "6"})
    assert config["resources"]["raw_source"]["config"] == {
        "mode": "live",
        "redis_url": REDIS,
        "crawl_workers": 6,
    }
    assert (
        live_config({REDIS_URL_ENV: REDIS})["resources"]["raw_source"]["config"]["crawl_workers"]
        == 2
    )
    RawSource(**config["resources"]["raw_source"]["config"])  # a valid resource
