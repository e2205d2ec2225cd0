"""remotive: one category list; payload is a jobs[] item."""


def test_category_jobs_land_as_served(crawl, served):
    result = crawl("remotive", boards="data")
    result.assert_finished_politely()
    assert [r["query"] for r in result.requests[1:]] == ["category=data"]
    jobs = served("remotive/api/remote-jobs@category=data.json")["jobs"]
    assert len(result.items) == 2
    for job in jobs:
        record = result.item(str(job["id"]))
        result.assert_envelope(record)
        assert record["payload"] == job
        assert record["url"] == job["url"]


def test_body_that_does_not_decode_in_its_declared_charset_is_quarantined(crawl):
    # Served as Windows-1252 bytes under "charset=utf-8": a mislabelled legacy body.
    result = crawl("remotive", boards="data,design")
    result.assert_finished_politely()
    assert len(result.items) == 2
    [record] = result.quarantined
    assert record["reason"] == "undecodable"
    assert record["url"] == "https://remotive.com/api/remote-jobs?category=design"
    assert record["detail"].startswith("utf-8:")
    assert "Zürich" not in record["body_excerpt"] and "\ufffd" in record["body_excerpt"]
