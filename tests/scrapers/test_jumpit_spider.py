"""jumpit: positions pages, position details, and a 200 answer with a null result."""


def test_pages_and_details_land_result_objects(crawl, served):
    result = crawl("jumpit", boards="12,11")
    result.assert_finished_politely()
    pages = sorted(r["query"] for r in result.requests if r["path"] == "/api/positions")
    assert pages == [
        "jobCategory=11&sort=reg_dt&page=1",
        "jobCategory=12&sort=reg_dt&page=1",
        "jobCategory=12&sort=reg_dt&page=2",
    ]
    ids = ["55100201", "55100377", "55099812", "55100455"]
    assert sorted(i["source_posting_id"] for i in result.items) == sorted(ids)
    for posting_id in ids:
        record = result.item(posting_id)
        result.assert_envelope(record)
        assert record["payload"] == served(f"jumpit/api/position/{posting_id}.json")["result"]
        assert record["url"] == f"https://jumpit.saramin.co.kr/position/{posting_id}"
    # Mixed line breaks survive untouched.
    assert "\r\n" in result.item("55100201")["payload"]["responsibility"]


def test_position_answered_with_null_result_is_quarantined(crawl):
    result = crawl("jumpit", boards="9")
    result.assert_finished_politely()
    assert result.items == []
    [record] = result.quarantined
    assert (record["reason"], record["http_status"]) == ("error_body", 200)
    assert record["url"] == "https://jumpit-api.saramin.co.kr/api/position/55100519"
    assert "P002" in record["detail"]
