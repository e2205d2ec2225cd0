"""lever: skip/limit pagination and a 429 answered with Retry-After."""

LEVER = "lever/v0/postings"


def test_pages_are_followed_with_skip_and_limit_until_a_short_page(crawl, served):
    result = crawl("lever", boards="northwind", page_size="2")
    result.assert_finished_politely()
    queries = [r["query"] for r in result.requests if r["path"] == "/v0/postings/northwind"]
    assert queries == [
        "mode=json&skip=0&limit=2",
        "mode=json&skip=2&limit=2",
        "mode=json&skip=4&limit=2",
    ]
    postings = served(f"{LEVER}/northwind@skip=0.json") + served(f"{LEVER}/northwind@skip=2.json")
    assert len(result.items) == 4
    for posting in postings:
        record = result.item(posting["id"])
        result.assert_envelope(record)
        assert record["payload"] == posting
        assert record["url"] == posting["hostedUrl"]


def test_429_with_retry_after_waits_then_retries(crawl, served):
    result = crawl("lever", boards="kestrel")
    result.assert_finished_politely()
    [record] = result.items
    assert record["payload"] == served(f"{LEVER}/kestrel@skip=0.json")[0]
    assert result.stats["retry/count"] == 1
    assert [k for k in result.stats if k.startswith("retry/reason_count/429")]
    assert result.stats["careermarket/retry_after_honoured"] == 1
    hits = [r["time"] for r in result.requests if r["path"] == "/v0/postings/kestrel"]
    assert len(hits) == 2
    assert hits[1] - hits[0] >= 0.95, "Retry-After: 1 must be honoured"
