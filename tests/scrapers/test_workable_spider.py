"""workable: the account widget API with details=true; the account name rides as envelope."""

WIDGET = "workable/api/v1/widget/accounts/lumen-ml@details=true.json"


def test_account_jobs_land_with_the_account_name_beside_them(crawl, served):
    result = crawl("workable", boards="lumen-ml")
    result.assert_finished_politely()
    [listing] = [r for r in result.requests if r["path"] != "/robots.txt"]
    assert listing["path"] == "/api/v1/widget/accounts/lumen-ml"
    assert listing["query"] == "details=true"  # the text comes only with details
    body = served(WIDGET)
    assert len(result.items) == len(body["jobs"]) == 3
    for job in body["jobs"]:
        record = result.item(job["shortcode"])
        result.assert_envelope(record)
        assert record["payload"] == job  # the job exactly as served
        assert record["url"] == job["url"]
        assert record["envelope"] == {"name": "Lumen ML"}


def test_an_unknown_account_is_quarantined_as_404(crawl):
    result = crawl("workable", boards="no-such-account")
    assert result.items == []
    [record] = result.quarantined
    assert record["reason"] == "http_404"
