"""ashby: compensation payloads, and responses slower than DOWNLOAD_TIMEOUT."""


def test_board_with_compensation_lands_jobs_as_served(crawl, served):
    result = crawl("ashby", boards="polaris-labs")
    result.assert_finished_politely()
    jobs = served("ashby/posting-api/job-board/polaris-labs.json")["jobs"]
    assert len(result.items) == len(jobs) == 2
    for job in jobs:
        record = result.item(job["id"])
        result.assert_envelope(record)
        assert record["payload"] == job
        assert record["url"] == job["jobUrl"]
    assert result.item(jobs[0]["id"])["payload"]["compensation"]["summaryComponents"]


def test_slow_response_times_out_is_retried_and_a_stalled_one_quarantined(crawl):
    result = crawl(
        "ashby",
        boards="slow-org,stalled-org",
        settings={"DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "1"},
    )
    result.assert_finished_politely()
    # slow-org: first answer after 3 s (timed out), the retry answers at once.
    assert [i["source_posting_id"] for i in result.items] == [
        "1a7c3e90-4b2d-4f61-8e05-c9d7b2a4f318"
    ]
    assert result.stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] == 2
    # stalled-org never answers in time: quarantined as a timeout, without a status.
    [record] = result.quarantined
    assert record["reason"] == "timeout"
    assert record["http_status"] is None
    assert record["url"].endswith("/posting-api/job-board/stalled-org?includeCompensation=true")
    assert record["url"].startswith("https://api.ashbyhq.com/")
    assert result.stats["careermarket/quarantine/timeout"] == 1
