"""Crawls where every request failed: exit non-zero with the cause in one line and the log's
path, land no (empty) file, and give up on a host that does not resolve at once.

Nothing here reaches the network: the refused port is on 127.0.0.1, the unresolvable host is
under `.invalid` (RFC 6761), which the crawler's resolver refuses without asking a server, and
the 403 / robots.txt cases are replay servers on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from twisted.internet.error import DNSLookupError
from typer.testing import CliRunner

from careermarket.cli import app
from scrapers.dns import ReservedNameResolver, never_resolves
from scrapers.outcome import failure_cause
from scrapers.replay import ReplayServer
from scrapers.runner import CrawlResult, run_crawl

from .conftest import CRAWL_TIMEOUT, TEST_SETTINGS

ONE_LINE = re.compile(r"^crawl failed: every request to (\S+) failed: (.+); log: (\S+\.log)$")


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli_crawl(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    """`careermarket crawl greenhouse ... --data-dir tmp -o out`: exit code, stderr, output."""
    out = tmp_path / "raw.jsonl"
    result = CliRunner().invoke(
        app,
        ["crawl", "greenhouse", "--data-dir", str(tmp_path / "data"), "-o", str(out), *args],
    )
    return result.exit_code, result.stderr, out


def assert_nothing_landed(data_dir: Path, out: Path) -> None:
    assert not out.exists()
    raw = data_dir / "raw"
    assert not raw.exists() or [p for p in raw.rglob("*") if p.is_file()] == []


def report_of(log: str) -> dict:
    return json.loads(Path(log).with_suffix(".json").read_text("utf-8"))


def test_connection_refused_exits_1_with_one_line_naming_the_cause(tmp_path):
    host = f"127.0.0.1:{free_port()}"
    code, stderr, out = cli_crawl(
        tmp_path, "-a", f"base_url=http://{host}", "-a", "boards=hanbit-ai,hanbit-labs"
    )
    assert code == 1
    [line] = stderr.strip().splitlines()
    match = ONE_LINE.match(line)
    assert match, line
    assert match[1] == host
    assert re.fullmatch(r"connection refused \(\d+ requests\)", match[2]), line
    assert Path(match[3]).is_file()
    stats = report_of(match[3])["stats"]
    # Each request is retried once, not RETRY_TIMES (3) with backoff.
    assert stats["retry/count"] <= 3  # robots.txt and the two boards, one retry each
    assert_nothing_landed(tmp_path / "data", out)


def test_a_host_that_does_not_resolve_fails_fast_without_retries(tmp_path):
    host = "boards.careermarket.invalid"
    code, stderr, out = cli_crawl(
        tmp_path, "-a", f"base_url=http://{host}", "-a", "boards=hanbit-ai,hanbit-labs"
    )
    assert code == 1
    [line] = stderr.strip().splitlines()
    match = ONE_LINE.match(line)
    assert match, line
    assert match[1] == host
    # robots.txt and the two boards: one lookup each, none retried.
    assert match[2] == "DNS lookup failed (3 requests)"
    stats = report_of(match[3])["stats"]
    assert "retry/count" not in stats
    assert "careermarket/retry_wait_seconds" not in stats
    assert stats["downloader/exception_type_count/scrapy.exceptions.CannotResolveHostError"] == 3
    assert_nothing_landed(tmp_path / "data", out)
    # Refused by the crawler's own resolver (no DNS server asked), and on record per board.
    log = Path(match[3]).read_text("utf-8")
    assert log.count(f"{host} never resolves (RFC 6761): no DNS query") == 3
    [quarantine] = (tmp_path / "data" / "quarantine").rglob("*.jsonl")
    records = [json.loads(x) for x in quarantine.read_text("utf-8").splitlines()]
    assert [r["reason"] for r in records] == ["download_error", "download_error"]


def test_invalid_names_never_reach_a_resolver():
    failed = []
    resolver = ReservedNameResolver(None, cache_size=0, timeout=1)  # no reactor needed
    resolver.getHostByName("boards.careermarket.invalid").addErrback(failed.append)
    assert len(failed) == 1 and failed[0].check(DNSLookupError)
    assert never_resolves("boards.careermarket.invalid")
    assert never_resolves("X.INVALID.")
    assert not never_resolves("boards-api.greenhouse.io")
    assert not never_resolves("invalid.example.com")


def crawl_root(root: Path, tmp_path: Path, boards: str) -> CrawlResult:
    with ReplayServer(root) as server:
        return run_crawl(
            "greenhouse",
            data_dir=tmp_path / "data",
            spider_args={"base_url": server.url, "boards": boards},
            settings=TEST_SETTINGS,
            timeout=CRAWL_TIMEOUT,
        )


def test_403_to_every_request_fails_the_crawl_and_keeps_the_quarantine(tmp_path):
    root = tmp_path / "replay"
    for board in ("acme", "globex"):
        folder = root / "greenhouse" / "v1" / "boards" / board
        folder.mkdir(parents=True)
        (folder / "jobs.json").write_text('{"error": "forbidden"}', "utf-8")
        (folder / "jobs.json.meta.json").write_text('{"status": 403}', "utf-8")
    result = crawl_root(root, tmp_path, "acme,globex")
    assert not result.ok
    assert result.failure is not None
    assert re.fullmatch(
        r"every request to 127\.0\.0\.1:\d+ failed: HTTP 403 \(2 requests\)", result.failure
    )
    assert result.failure_reason == result.failure
    assert result.landing_files == []
    assert not list((tmp_path / "data" / "raw").rglob("*"))
    # What each request got is still on record.
    [quarantine] = result.quarantine_files
    lines = [json.loads(line) for line in quarantine.read_text("utf-8").splitlines()]
    assert sorted(q["reason"] for q in lines) == ["http_403", "http_403"]
    assert result.stats["careermarket/crawl_failed"] == 1


def test_robots_txt_forbidding_everything_fails_the_crawl(tmp_path):
    root = tmp_path / "replay"
    (root / "greenhouse").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /\n", "utf-8")
    result = crawl_root(root, tmp_path, "acme,globex")
    assert not result.ok
    assert result.failure is not None
    assert result.failure.endswith("failed: forbidden by robots.txt (2 requests)")
    assert result.landing_files == []


def test_a_crawl_that_got_answers_is_not_a_failure_even_with_nothing_in_them(tmp_path):
    root = tmp_path / "replay"
    folder = root / "greenhouse" / "v1" / "boards" / "quiet-co"
    folder.mkdir(parents=True)
    (folder / "jobs.json").write_text('{"jobs": [], "meta": {"total": 0}}', "utf-8")
    result = crawl_root(root, tmp_path, "quiet-co")
    assert result.ok and result.failure is None
    [landing] = result.landing_files
    assert landing.read_bytes() == b""  # "crawled, nothing new"


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        (
            {
                "downloader/request_count": 4,
                "robotstxt/request_count": 1,
                "downloader/exception_type_count/scrapy.exceptions.DownloadTimeoutError": 1,
                "downloader/response_status_count/503": 3,
                "retry/reason_count/503 Service Unavailable": 2,
            },
            "every request to a.example failed: HTTP 503 after retries (3 requests); "
            "timed out (1 request)",
        ),
        (  # robots.txt answered 200, the board 404: robots.txt's answer is no success
            {
                "downloader/request_count": 2,
                "robotstxt/request_count": 1,
                "downloader/response_status_count/200": 1,
                "robotstxt/response_status_count/200": 1,
                "downloader/response_status_count/404": 1,
            },
            "every request to a.example failed: HTTP 404 (1 request)",
        ),
        (  # one board answered: not a failed crawl
            {
                "downloader/request_count": 3,
                "robotstxt/request_count": 1,
                "downloader/response_status_count/200": 2,
                "robotstxt/response_status_count/200": 1,
                "downloader/response_status_count/404": 1,
            },
            None,
        ),
        ({"downloader/request_count": 0}, None),  # nothing was asked
    ],
)
def test_failure_cause_reads_scrapy_stats(stats, expected):
    assert failure_cause(stats, ["a.example"]) == expected
