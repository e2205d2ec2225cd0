"""recruitee: one subdomain per company; the replay server tells them apart by Host."""


def test_each_company_is_asked_on_its_own_host(crawl, served):
    result = crawl("recruitee", boards="corvid-data,tidal-ai")
    result.assert_finished_politely()
    asked = sorted((r["host"], r["path"]) for r in result.requests if r["path"] != "/robots.txt")
    assert asked == [
        ("corvid-data.recruitee.com", "/api/offers/"),
        ("tidal-ai.recruitee.com", "/api/offers/"),
    ]
    offers = served("recruitee/host=corvid-data.recruitee.com/api/offers.json")["offers"]
    offers += served("recruitee/host=tidal-ai.recruitee.com/api/offers.json")["offers"]
    assert len(result.items) == len(offers) == 3
    for offer in offers:
        record = result.item(str(offer["id"]))
        result.assert_envelope(record)
        assert record["payload"] == offer
        assert record["url"] == offer["careers_url"]
        assert "envelope" not in record  # families.yaml keeps no list keys for recruitee
