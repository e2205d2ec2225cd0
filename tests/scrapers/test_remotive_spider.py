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
