"""remoteok: the first array element is a legal notice, not a job."""


def test_legal_notice_is_skipped_and_jobs_land_as_served(crawl, served):
    result = crawl("remoteok", urls="https://remoteok.com/api")
    result.assert_finished_politely()
    body = served("remoteok/api.json")
    assert "legal" in body[0]
    assert [i["payload"] for i in result.items] == body[1:]
    assert [i["source_posting_id"] for i in result.items] == ["1150210", "1150197"]
    for record in result.items:
        result.assert_envelope(record)
        assert record["url"].startswith("https://remoteok.com/remote-jobs/")
    assert result.stats["careermarket/skipped/legal_notice"] == 1
