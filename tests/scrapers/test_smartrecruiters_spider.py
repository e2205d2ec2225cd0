"""smartrecruiters: list then detail, a 404 for a closed posting, incremental re-crawls."""

COMPANY = "smartrecruiters/v1/companies/AuroraRobotics"
DS, CV, CLOSED = "744000203114551", "744000203118872", "744000199870013"


def detail_paths(result):
    prefix = "/v1/companies/AuroraRobotics/postings/"
    return sorted(p.removeprefix(prefix) for p in result.paths() if p.startswith(prefix))


def test_detail_objects_land_and_a_closed_posting_is_quarantined(crawl, served):
    result = crawl("smartrecruiters", boards="AuroraRobotics")
    result.assert_finished_politely()
    assert detail_paths(result) == sorted([DS, CV, CLOSED])
    assert sorted(i["source_posting_id"] for i in result.items) == sorted([DS, CV])
    for posting_id in (DS, CV):
        record = result.item(posting_id)
        result.assert_envelope(record)
        detail = served(f"{COMPANY}/postings/{posting_id}.json")
        assert record["payload"] == detail
        assert record["payload"]["jobAd"]["sections"]["qualifications"]["text"]
        assert record["url"] == detail["postingUrl"]
    [closed] = result.quarantined
    assert closed["reason"] == "http_404" and closed["http_status"] == 404
    assert (
        closed["url"]
        == f"https://api.smartrecruiters.com/v1/companies/AuroraRobotics/postings/{CLOSED}"
    )
    assert result.stats["careermarket/quarantine/http_404"] == 1


def test_recrawl_fetches_only_details_whose_list_entry_changed(crawl, tmp_path):
    data = tmp_path / "kept"
    first = crawl("smartrecruiters", boards="AuroraRobotics", data_dir=data)
    assert len(first.items) == 2
    # Second hit of the list: the CV posting has a new releasedDate.
    second = crawl("smartrecruiters", boards="AuroraRobotics", data_dir=data, reset=False)
    second.assert_finished_politely()
    # DS is unchanged and landed: skipped. CLOSED never landed: asked again.
    assert detail_paths(second) == sorted([CV, CLOSED])
    assert [i["source_posting_id"] for i in second.items] == [CV]
    assert second.stats["careermarket/details_skipped_unchanged"] == 1


def test_full_crawl_ignores_the_ledger(crawl, tmp_path):
    data = tmp_path / "kept"
    crawl("smartrecruiters", boards="AuroraRobotics", data_dir=data)
    again = crawl(
        "smartrecruiters",
        boards="AuroraRobotics",
        data_dir=data,
        settings={"CAREERMARKET_INCREMENTAL": "False"},
    )
    assert detail_paths(again) == sorted([DS, CV, CLOSED])
    assert len(again.items) == 2
