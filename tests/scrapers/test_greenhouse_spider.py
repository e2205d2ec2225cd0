"""greenhouse: a real board replay, duplicates, retries on 5xx, truncated JSON, a 404 board,
a board that stops listing postings, and the contract's ``scrapy crawl ... -O`` command."""

import json
import os
import subprocess
import sys

from scrapers.replay import subprocess_env

BOARDS = "greenhouse/v1/boards"


def test_board_lands_one_record_per_job_with_the_payload_as_served(crawl, served):
    result = crawl("greenhouse", boards="hanbit-ai")
    result.assert_finished_politely()
    jobs = served(f"{BOARDS}/hanbit-ai/jobs.json")["jobs"]
    assert sorted(i["source_posting_id"] for i in result.items) == sorted(
        str(j["id"]) for j in jobs
    )
    for job in jobs:
        record = result.item(str(job["id"]))
        result.assert_envelope(record)
        assert record["payload"] == job
        assert record["content_type"].startswith("application/json")
        assert record["encoding"] == "utf-8"
    # Served as \u0026lt;...: the payload keeps Greenhouse's own entity escaping.
    assert result.item("4410021005")["payload"]["content"].startswith("&lt;p&gt;")
    assert result.stats["careermarket/postings"] == 3


def test_canonical_url_drops_tracking_parameters_but_payload_keeps_them(crawl):
    result = crawl("greenhouse", boards="hanbit-ai")
    record = result.item("4410021003")
    assert record["url"] == "https://job-boards.greenhouse.io/hanbitai/jobs/4410021003"
    assert "gh_src=" in record["payload"]["absolute_url"]
    # gh_jid identifies the job: it stays.
    assert result.item("4410021005")["url"].endswith("?gh_jid=4410021005")


def test_job_listed_on_two_boards_lands_once_and_is_counted(crawl):
    result = crawl("greenhouse", boards="hanbit-ai,hanbit-labs")
    result.assert_finished_politely()
    ids = [i["source_posting_id"] for i in result.items]
    assert len(ids) == len(set(ids)) == 4
    assert result.stats["careermarket/duplicates_dropped"] == 1


def test_500_then_503_then_success_is_retried(crawl):
    result = crawl("greenhouse", boards="flaky-ml")
    result.assert_finished_politely()
    assert [i["source_posting_id"] for i in result.items] == ["5501001003"]
    assert result.stats["retry/count"] == 2
    assert result.stats["retry/reason_count/500 Internal Server Error"] == 1
    assert result.stats["retry/reason_count/503 Service Unavailable"] == 1
    assert result.paths().count("/v1/boards/flaky-ml/jobs") == 3
    assert result.quarantined == []


def test_truncated_json_is_quarantined_not_lost(crawl):
    result = crawl("greenhouse", boards="broken-json")
    result.assert_finished_politely()
    assert result.items == []
    assert result.result.landing_files, "an empty landing file still records the crawl"
    [record] = result.quarantined
    assert record["reason"] == "malformed_json"
    assert (
        record["url"] == "https://boards-api.greenhouse.io/v1/boards/broken-json/jobs?content=true"
    )
    assert record["http_status"] == 200
    assert record["body_excerpt"].startswith('{"jobs": [{"absolute_url"')
    assert record["crawl_id"] == result.result.crawl_id and record["source"] == "greenhouse"
    assert result.stats["careermarket/quarantine/malformed_json"] == 1
    assert result.result.quarantine_reasons == {"malformed_json": 1}


def test_board_that_answers_404_is_quarantined_with_its_status(crawl):
    result = crawl("greenhouse", boards="gone-co,hanbit-labs")
    result.assert_finished_politely()
    [record] = result.quarantined
    assert (record["reason"], record["http_status"]) == ("http_404", 404)
    assert "Job board not found" in record["body_excerpt"]
    assert len(result.items) == 2


def test_board_that_lists_nothing_after_listing_postings_is_reported_once(crawl, tmp_path):
    data = tmp_path / "state-kept"
    first = crawl("greenhouse", boards="shrinking", data_dir=data)
    assert len(first.items) == 2 and first.result.boards_emptied == {}
    second = crawl("greenhouse", boards="shrinking", data_dir=data, reset=False)
    second.assert_finished_politely()
    assert second.items == []
    assert second.result.boards_emptied == {"shrinking": 2}
    assert second.stats["careermarket/boards_emptied"] == 1
    assert second.stats["careermarket/board_emptied/shrinking"] == 2
    assert "'shrinking' listed 0 postings this crawl; it listed 2 last time" in second.log_text()
    third = crawl("greenhouse", boards="shrinking", data_dir=data, reset=False)
    assert third.result.boards_emptied == {}, "empty twice in a row is the new normal"


def test_contract_scrapy_crawl_command_writes_only_postings_to_O(replay, tmp_path):
    out = tmp_path / "out.jsonl"
    env = subprocess_env()
    env["SCRAPY_SETTINGS_MODULE"] = "scrapers.settings"
    replay.reset()
    command = [sys.executable, "-m", "scrapy", "crawl", "greenhouse"]
    command += ["-a", f"base_url={replay.url}", "-a", "boards=hanbit-ai,gone-co", "-O", str(out)]
    command += ["-s", f"CAREERMARKET_DATA_DIR={tmp_path / 'data'}"]
    command += ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(r["source_posting_id"] for r in records) == [
        "4410021003",
        "4410021004",
        "4410021005",
    ]
    assert all(r["source"] == "greenhouse" and "payload" in r for r in records)
    landed = list((tmp_path / "data" / "raw" / "greenhouse").glob("*/*.jsonl"))
    assert len(landed) == 1 and landed[0].read_text("utf-8") == out.read_text("utf-8")
    assert list((tmp_path / "data" / "quarantine" / "greenhouse").glob("*/*.jsonl"))
    assert not list(tmp_path.rglob("*.part"))
    assert os.path.getsize(out) > 0
