"""`careermarket import-json SOURCE FILE`: a saved API response of every crawled family becomes
the raw records the spider would have landed (CONTRACT §2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from scrapers.replay import RESPONSES_DIR

runner = CliRunner()
ENVELOPE = {"source", "source_posting_id", "url", "fetched_at", "crawl_id", "payload"}


def import_json(*args: str):
    return runner.invoke(app, ["import-json", *args])


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


# The replay server's hand-written responses, in each family's real shape: the ids and URLs
# below were read off the files, not computed with the family table under test.
CASES = [
    (
        "greenhouse",
        "greenhouse/v1/boards/hanbit-ai/jobs.json",
        ["4410021003", "4410021004", "4410021005"],
        "https://job-boards.greenhouse.io/hanbitai/jobs/4410021003",
        {},
    ),
    (
        "lever",
        "lever/v0/postings/northwind@skip=0.json",
        ["7c1d9a52-3e0b-4c55-9a61-0f2d4b8e7a10", "a0f4b2c7-91de-4f3a-8c20-55e6d1b90c3f"],
        "https://jobs.lever.co/northwind/7c1d9a52-3e0b-4c55-9a61-0f2d4b8e7a10",
        {},
    ),
    (
        "ashby",
        "ashby/posting-api/job-board/polaris-labs.json",
        ["5d0e8c21-7a4f-4b93-a2c6-18f9e3b7d045", "e81b4d6a-0c39-4f7e-95a2-6d3c2f1b8e70"],
        "https://jobs.ashbyhq.com/polaris-labs/5d0e8c21-7a4f-4b93-a2c6-18f9e3b7d045",
        {},
    ),
    (
        "smartrecruiters",
        "smartrecruiters/v1/companies/AuroraRobotics/postings/744000203114551.json",
        ["744000203114551"],
        "https://jobs.smartrecruiters.com/AuroraRobotics/744000203114551-data-scientist",
        {},
    ),
    (
        "wanted",
        "wanted/api/v4/jobs/411950.json",
        ["411950"],
        "https://www.wanted.co.kr/wd/411950",
        {},
    ),
    (
        "jumpit",
        "jumpit/api/position/55099812.json",
        ["55099812"],
        "https://jumpit.saramin.co.kr/position/55099812",
        {},
    ),
    (
        "remotive",
        "remotive/api/remote-jobs@category=data.json",
        ["2200417", "2200388"],
        "https://remotive.com/remote-jobs/data/senior-data-engineer-platform-2200417",
        {},
    ),
    (
        "remoteok",
        "remoteok/api.json",
        ["1150210", "1150197"],
        "https://remoteok.com/remote-jobs/remote-research-engineer-large-language-models-polaris-labs-1150210",
        {"legal_notice": 1},
    ),
    (
        "arbeitnow",
        "arbeitnow/api/job-board-api.json",
        ["machine-learning-engineer-berlin-401122", "data-engineer-remote-401098"],
        "https://www.arbeitnow.com/jobs/companies/hanbit-ai/machine-learning-engineer-berlin-401122",
        {},
    ),
    (
        "workable",
        "workable/api/v1/widget/accounts/lumen-ml@details=true.json",
        ["7C41D2E9A0", "B2958F03DC", "E0A6C7714F"],
        "https://apply.workable.com/j/7C41D2E9A0",
        {},
    ),
    (
        "recruitee",
        "recruitee/host=corvid-data.recruitee.com/api/offers.json",
        ["880101", "880102"],
        "https://corvid-data.recruitee.com/o/mlops-engineer",
        {},
    ),
    (
        "hackernews",
        "hackernews/api/v1/items/51000001.json",
        ["51000011", "51000019", "51000030"],
        "https://news.ycombinator.com/item?id=51000011",
        {"deleted_comment": 1},
    ),
]


@pytest.mark.parametrize(
    "family, response, ids, first_url, skipped", CASES, ids=[c[0] for c in CASES]
)
def test_every_family_becomes_raw_records_that_normalize(
    tmp_path, family, response, ids, first_url, skipped
):
    saved = RESPONSES_DIR / response
    out = tmp_path / "raw.jsonl"
    result = import_json(family, str(saved), "-o", str(out), "--source-label", "saved_pages")
    assert result.exit_code == 0, result.output
    records = lines(out)
    assert [r["source_posting_id"] for r in records] == ids
    assert records[0]["url"] == first_url
    assert all(set(r) >= ENVELOPE and r["source"] == family for r in records)
    assert {r["source_label"] for r in records} == {"saved_pages"}
    for reason, count in skipped.items():
        assert f"skipped {count} entries that are not postings ({reason})" in result.output
    # payload = one posting unchanged: the very object of the response
    assert _contains(json.loads(saved.read_text("utf-8")), records[0]["payload"])
    norm = tmp_path / "norm.jsonl"
    assert runner.invoke(app, ["normalize", str(out), "-o", str(norm)]).exit_code == 0
    postings = lines(norm)
    assert len(postings) == len(ids)  # every imported posting has text its adapter reads
    assert {p["source_label"] for p in postings} == {"saved_pages"}


def test_a_saved_xml_feed_imports_like_the_spider_lands_it(tmp_path):
    saved = RESPONSES_DIR / "personio/host=fjord-analytics.jobs.personio.de/xml@language=en.xml"
    out = tmp_path / "raw.jsonl"
    result = import_json("personio", str(saved), "-o", str(out))
    assert result.exit_code == 0, result.output
    records = lines(out)
    assert [r["source_posting_id"] for r in records] == ["1488201", "1491877"]
    assert records[0]["payload"]["name"] == "Senior Data Engineer (m/f/d)"
    assert records[0]["url"] is None  # the job page needs the feed's host, which a file lacks
    norm = tmp_path / "norm.jsonl"
    assert runner.invoke(app, ["normalize", str(out), "-o", str(norm)]).exit_code == 0
    assert lines(norm)[0]["title"] == "Senior Data Engineer (m/f/d)"


def test_a_workable_list_keeps_the_account_name_beside_each_job(tmp_path):
    saved = RESPONSES_DIR / "workable/api/v1/widget/accounts/lumen-ml@details=true.json"
    out = tmp_path / "raw.jsonl"
    assert import_json("workable", str(saved), "-o", str(out)).exit_code == 0
    assert {json.dumps(r["envelope"]) for r in lines(out)} == {'{"name": "Lumen ML"}'}


def test_broken_xml_is_a_clear_error(tmp_path):
    saved = _write(tmp_path, "<workzag-jobs><position>", name="feed.xml")
    result = import_json("personio", str(saved), "-o", str(tmp_path / "raw.jsonl"))
    assert result.exit_code == 2 and "is not well-formed XML" in result.output


def _contains(node, wanted) -> bool:
    if node == wanted:
        return True
    if isinstance(node, dict):
        return any(_contains(v, wanted) for v in node.values())
    if isinstance(node, list):
        return any(_contains(v, wanted) for v in node)
    return False


def _write(tmp_path: Path, body, name="saved.json") -> Path:
    path = tmp_path / name
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    path.write_text(text, "utf-8")
    return path


JOB = {
    "id": 7001,
    "title": "Data Scientist, Pricing",
    "absolute_url": "https://boards.greenhouse.io/examplemart/jobs/7001?gh_src=newsletter",
    "location": {"name": "Austin, TX"},
    "content": "&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;3+ years of SQL and "
    "Python&lt;/li&gt;&lt;/ul&gt;",
}


def test_a_single_saved_job_is_one_record_with_a_canonical_url(tmp_path):
    out = tmp_path / "raw.jsonl"
    assert import_json("greenhouse", str(_write(tmp_path, JOB)), "-o", str(out)).exit_code == 0
    (record,) = lines(out)
    assert record["payload"] == JOB  # unchanged
    assert record["url"] == "https://boards.greenhouse.io/examplemart/jobs/7001"  # no gh_src


def test_saved_pages_one_per_line_are_all_read(tmp_path):
    pages = [[{**JOB, "id": 1, "text": "a"}], [{**JOB, "id": 2, "text": "b"}]]
    saved = _write(tmp_path, "\n".join(json.dumps(p) for p in pages))
    out = tmp_path / "raw.jsonl"
    assert import_json("lever", str(saved), "-o", str(out)).exit_code == 0
    assert [r["source_posting_id"] for r in lines(out)] == ["1", "2"]


def test_postings_without_an_id_are_reported_and_kept_apart(tmp_path):
    body = {"jobs": [JOB, {**JOB, "id": None}, {k: v for k, v in JOB.items() if k != "id"}]}
    out = tmp_path / "raw.jsonl"
    result = import_json("greenhouse", str(_write(tmp_path, body)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "2 entries have no id" in result.output
    assert len(lines(out)) == 1
    rejected = json.loads((tmp_path / "raw.jsonl.rejected.json").read_text("utf-8"))
    assert [r["reason"] for r in rejected] == ["missing_id", "missing_id"]
    assert [r["position"] for r in rejected] == [1, 2]
    assert rejected[0]["entry"]["title"] == JOB["title"]  # the whole entry, nothing dropped


def test_a_response_with_nothing_to_import_exits_non_zero(tmp_path):
    saved = _write(tmp_path, [{"legal": "API terms", "last_updated": 1}])
    result = import_json("remoteok", str(saved), "-o", str(tmp_path / "raw.jsonl"))
    assert result.exit_code == 1 and "no postings to import" in result.output


def test_list_responses_without_text_are_flagged(tmp_path):
    saved = RESPONSES_DIR / "wanted/api/chaos/navigation/v1/results@job_ids=1634&offset=0.json"
    result = import_json("wanted", str(saved), "-o", str(tmp_path / "raw.jsonl"))
    assert result.exit_code == 0 and "carries no posting text" in result.output


@pytest.mark.parametrize(
    "source, body, message",
    [
        ("indeed", {"jobs": []}, "import-json reads saved responses of arbeitnow"),
        ("greenhouse", {"data": [JOB]}, 'expected {"jobs": [...]}'),
        ("jumpit", {"message": "ok", "result": None}, 'a detail {"result": {...}}'),
        ("greenhouse", '{"jobs": [', "is not JSON"),
        ("greenhouse", "[" * 100_000, "nested too deeply"),
    ],
)
def test_what_cannot_be_read_is_a_clear_error_and_writes_nothing(tmp_path, source, body, message):
    out = tmp_path / "raw.jsonl"
    result = import_json(source, str(_write(tmp_path, body)), "-o", str(out))
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_the_help_names_every_family_it_reads():
    from careermarket.imports import supported_families

    result = runner.invoke(app, ["import-json", "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    named = " ".join(result.output.split())
    missing = [f for f in supported_families() if f not in named]
    assert missing == []
