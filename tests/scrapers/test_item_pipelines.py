"""Item pipelines in isolation: validation, quarantine file, duplicates."""

import json

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from scrapers import layout
from scrapers.item_pipelines import DuplicatesPipeline, QuarantinePipeline, ValidatePipeline
from scrapers.items import QUARANTINE_FIELDS, QuarantineRecord, RawPosting
from scrapers.spiders.greenhouse import GreenhouseSpider


@pytest.fixture
def crawler(tmp_path):
    crawler = get_crawler(GreenhouseSpider, {"CAREERMARKET_DATA_DIR": str(tmp_path)})
    crawler.spider = GreenhouseSpider.from_crawler(crawler, boards="acme")
    return crawler


def posting(**overrides):
    item = RawPosting(
        source="greenhouse",
        source_posting_id="42",
        url="https://boards.example.com/acme/jobs/42",
        fetched_at="2026-11-20T03:12:09Z",
        payload={"id": 42, "title": "Data Engineer"},
        http_status=200,
    )
    item.update(overrides)
    return item


def test_valid_posting_passes_validation_unchanged():
    item = posting()
    assert ValidatePipeline().process_item(item) is item


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"source_posting_id": ""}, "source_posting_id is empty"),
        ({"payload": {}}, "payload is not a non-empty object"),
        ({"url": "ftp://example.com/42"}, "url is not http(s)"),
    ],
)
def test_invalid_posting_becomes_an_invalid_record_quarantine(overrides, problem):
    out = ValidatePipeline().process_item(posting(**overrides))
    assert isinstance(out, QuarantineRecord)
    assert out["reason"] == "invalid_record"
    assert problem in out["detail"]


def test_quarantine_lines_go_to_a_part_file_renamed_on_close(crawler):
    pipeline = QuarantinePipeline.from_crawler(crawler)
    spider = crawler.spider
    assert pipeline.process_item(posting()) is not None  # postings pass through
    record = QuarantineRecord(url="https://x.example/1", http_status=200, reason="malformed_json")
    with pytest.raises(DropItem):
        pipeline.process_item(record)
    final = layout.quarantine_path(spider.data_dir, "greenhouse", spider.crawl_id)
    assert not final.exists() and final.with_name(final.name + ".part").exists()
    pipeline.close_spider()
    assert final.exists() and not final.with_name(final.name + ".part").exists()
    [line] = [json.loads(x) for x in final.read_text("utf-8").splitlines()]
    assert list(line) == QUARANTINE_FIELDS
    assert line["reason"] == "malformed_json"
    assert line["crawl_id"] == spider.crawl_id and line["source"] == "greenhouse"
    assert line["fetched_at"].endswith("Z")
    assert crawler.stats.get_value("careermarket/quarantine/malformed_json") == 1
    assert crawler.stats.get_value("careermarket/quarantine_count") == 1


def test_no_quarantine_file_when_nothing_was_quarantined(crawler, tmp_path):
    pipeline = QuarantinePipeline.from_crawler(crawler)
    pipeline.close_spider()
    assert not (tmp_path / "quarantine").exists()


def test_second_posting_with_the_same_id_is_dropped_and_counted(crawler):
    pipeline = DuplicatesPipeline.from_crawler(crawler)
    pipeline.process_item(posting())
    pipeline.process_item(posting(source_posting_id="43"))
    with pytest.raises(DropItem):
        pipeline.process_item(posting(url="https://boards.example.com/other/jobs/42"))
    assert crawler.stats.get_value("careermarket/duplicates_dropped") == 1
    assert crawler.stats.get_value("careermarket/postings") == 2
