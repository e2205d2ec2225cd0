"""wanted: category lists paginated by links.next, job details, an HTTP-200 error body,
and a re-crawl that does not refetch unchanged details."""

RESULTS = "/api/chaos/navigation/v1/results"


def test_categories_follow_links_next_and_land_detail_job_objects(crawl, served):
    result = crawl("wanted", boards="1634,655,674")
    result.assert_finished_politely()
    list_queries = [r["query"] for r in result.requests if r["path"] == RESULTS]
    assert len(list_queries) == 4
    assert any("job_ids=1634" in q and "offset=20" in q for q in list_queries)
    ids = ["412001", "412017", "411950", "412033", "412040"]
    assert sorted(i["source_posting_id"] for i in result.items) == sorted(ids)
    for posting_id in ids:
        record = result.item(posting_id)
        result.assert_envelope(record)
        assert record["payload"] == served(f"wanted/api/v4/jobs/{posting_id}.json")["job"]
        assert record["url"] == f"https://www.wanted.co.kr/wd/{posting_id}"
    assert "• " in result.item("412001")["payload"]["detail"]["requirements"]


def test_http_200_error_envelope_is_quarantined_as_error_body(crawl):
    result = crawl("wanted", boards="1024")
    result.assert_finished_politely()
    assert result.items == []
    [record] = result.quarantined
    assert record["reason"] == "error_body"
    assert record["http_status"] == 200
    assert record["url"] == "https://www.wanted.co.kr/api/v4/jobs/412052"
    assert '"code": "9002"' in record["body_excerpt"] or '"code":"9002"' in record["body_excerpt"]
    assert result.stats["careermarket/quarantine/error_body"] == 1


def test_recrawl_with_an_unchanged_list_fetches_no_details(crawl, tmp_path):
    data = tmp_path / "kept"
    first = crawl("wanted", boards="1634", data_dir=data)
    assert len(first.items) == 3
    second = crawl("wanted", boards="1634", data_dir=data)
    second.assert_finished_politely()
    assert [p for p in second.paths() if p.startswith("/api/v4/jobs/")] == []
    assert second.items == []
    assert second.stats["careermarket/details_skipped_unchanged"] == 3
    assert second.result.boards_emptied == {}, "unchanged is not empty"
