"""Middlewares and URL helpers in isolation."""

from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from scrapers.items import QuarantineRecord, RawPosting
from scrapers.middlewares import (
    BaseUrlMiddleware,
    PoliteRetryMiddleware,
    ProvenanceMiddleware,
    parse_retry_after,
)
from scrapers.quarantine import BadResponse
from scrapers.spiders.greenhouse import GreenhouseSpider
from scrapers.urls import canonical_url, rewrite_to_base


@pytest.fixture
def crawler(tmp_path):
    crawler = get_crawler(
        GreenhouseSpider,
        {"CAREERMARKET_DATA_DIR": str(tmp_path), "CAREERMARKET_RETRY_BACKOFF_BASE": 2.0},
    )
    crawler.spider = GreenhouseSpider.from_crawler(
        crawler, boards="acme", base_url="http://127.0.0.1:8123", crawl_id="20261120T031209Z-abc123"
    )
    return crawler


def response(body=b'{"jobs": []}', status=200, meta=None):
    request = Request("http://127.0.0.1:8123/v1/boards/acme/jobs", meta=meta or {})
    return TextResponse(
        request.url,
        status=status,
        body=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=request,
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.io/jobs/1?gh_src=abc&utm_source=li&utm_medium=x", "https://x.io/jobs/1"),
        ("https://x.io/jobs?gh_jid=77&ref=hn", "https://x.io/jobs?gh_jid=77"),
        ("HTTPS://X.IO/Jobs/1#apply", "https://x.io/Jobs/1"),
        ("https://x.io/view?annoId=3&lang=ko", "https://x.io/view?annoId=3&lang=ko"),
    ],
)
def test_canonical_url_removes_tracking_parameters_only(url, expected):
    assert canonical_url(url) == expected


def test_base_url_replaces_scheme_and_host_and_keeps_a_path_prefix():
    url = "https://api.lever.co/v0/postings/acme?mode=json&skip=0"
    assert (
        rewrite_to_base(url, "http://127.0.0.1:9")
        == "http://127.0.0.1:9/v0/postings/acme?mode=json&skip=0"
    )
    assert (
        rewrite_to_base(url, "http://h:9/replay/")
        == "http://h:9/replay/v0/postings/acme?mode=json&skip=0"
    )


def test_base_url_middleware_rewrites_once_and_remembers_the_real_url(crawler):
    mw = BaseUrlMiddleware.from_crawler(crawler)
    real = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    rewritten = mw.get_processed_request(Request(real), None)
    assert rewritten.url == "http://127.0.0.1:8123/v1/boards/acme/jobs?content=true"
    assert rewritten.meta["origin_url"] == real
    assert mw.get_processed_request(rewritten, None) is rewritten


def test_provenance_stamps_postings_from_the_response(crawler):
    mw = ProvenanceMiddleware.from_crawler(crawler)
    resp = response(meta={"origin_url": "https://boards-api.greenhouse.io/v1/boards/acme/jobs"})
    mw.process_spider_input(resp)
    item = mw.get_processed_item(
        RawPosting(source_posting_id="1", payload={"id": 1}, url="https://x.io/j/1?utm_source=a"),
        resp,
    )
    assert item["source"] == item["spider"] == "greenhouse"
    assert item["crawl_id"] == "20261120T031209Z-abc123"
    assert item["url"] == "https://x.io/j/1"
    assert item["http_status"] == 200
    assert item["content_type"] == "application/json; charset=utf-8"
    assert item["encoding"] == "utf-8"
    assert item["fetched_at"] == resp.meta["fetched_at"]
    # Without a URL of its own, a posting gets the real (not the replay) URL.
    bare = mw.get_processed_item(RawPosting(source_posting_id="2", payload={"id": 2}), resp)
    assert bare["url"] == "https://boards-api.greenhouse.io/v1/boards/acme/jobs"


def test_bad_response_from_a_callback_becomes_a_stamped_quarantine_record(crawler):
    mw = ProvenanceMiddleware.from_crawler(crawler)
    resp = response(body=b'{"jobs": [', meta={"origin_url": "https://real.example/jobs"})
    [record] = mw.process_spider_exception(resp, BadResponse("malformed_json", "cut short"))
    assert isinstance(record, QuarantineRecord)
    assert record["reason"] == "malformed_json" and record["detail"] == "cut short"
    assert record["url"] == "https://real.example/jobs"
    assert record["http_status"] == 200
    assert record["body_excerpt"] == '{"jobs": ['
    # Anything else is a bug and must stay a spider error.
    assert mw.process_spider_exception(resp, KeyError("jobs")) is None


def test_unknown_quarantine_reason_is_refused():
    with pytest.raises(ValueError):
        BadResponse("something_new")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [(b"120", 120.0), (b"Fri, 20 Nov 2026 03:12:39 GMT", 30.0), (b"soon", None), (None, None)],
)
def test_retry_after_accepts_seconds_and_http_dates(header, seconds):
    now = datetime(2026, 11, 20, 3, 12, 9, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == seconds


def test_backoff_doubles_per_retry_up_to_the_cap(crawler):
    mw = PoliteRetryMiddleware.from_crawler(crawler)
    assert [mw.backoff(n) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]
    assert mw.backoff(20) == 60.0
