"""arbeitnow: data[] items across pages linked by links.next; the id is the slug."""


def test_pages_follow_links_next(crawl, served):
    result = crawl("arbeitnow", urls="https://www.arbeitnow.com/api/job-board-api")
    result.assert_finished_politely()
    assert [r["query"] for r in result.requests if r["path"] == "/api/job-board-api"] == [
        "",
        "page=2",
    ]
    jobs = served("arbeitnow/api/job-board-api.json")["data"]
    jobs += served("arbeitnow/api/job-board-api@page=2.json")["data"]
    assert [i["source_posting_id"] for i in result.items] == [j["slug"] for j in jobs]
    for record, job in zip(result.items, jobs, strict=True):
        result.assert_envelope(record)
        assert record["payload"] == job
        assert record["payload"]["description"].startswith("&lt;p&gt;")
