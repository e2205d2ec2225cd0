"""personio: the XML feed, read as a JSON-like tree; malformed XML is quarantined."""

from scrapers.families import family
from scrapers.replay import RESPONSES_DIR
from scrapers.xmldoc import xml_document

FEED = RESPONSES_DIR / "personio/host=fjord-analytics.jobs.personio.de/xml@language=en.xml"


def test_positions_land_as_objects_with_their_job_page(crawl):
    result = crawl("personio", boards="fjord-analytics")
    result.assert_finished_politely()
    [feed] = [r for r in result.requests if r["path"] != "/robots.txt"]
    assert (feed["host"], feed["path"], feed["query"]) == (
        "fjord-analytics.jobs.personio.de",
        "/xml",
        "language=en",
    )
    assert [i["source_posting_id"] for i in result.items] == ["1488201", "1491877"]
    first = result.item("1488201")
    result.assert_envelope(first)
    assert first["url"] == "https://fjord-analytics.jobs.personio.de/job/1488201"
    payload = first["payload"]
    assert payload["name"] == "Senior Data Engineer (m/f/d)"
    assert payload["additionalOffices"] == {"office": ["Remote (Germany)"]}
    descriptions = payload["jobDescriptions"]["jobDescription"]
    assert [d["name"] for d in descriptions] == ["About the role", "Your tasks", "Your profile"]
    assert descriptions[1]["value"].startswith("<ul><li>Design batch")  # CDATA HTML, as is
    # An element a position lacks stays absent; declared lists are lists even of one.
    second = result.item("1491877")["payload"]
    assert "additionalOffices" not in second
    assert len(second["jobDescriptions"]["jobDescription"]) == 2
    # The landed payloads are exactly what the converter makes of the served feed.
    served = xml_document(FEED.read_bytes(), family("personio").xml_lists)
    assert [i["payload"] for i in result.items] == served["workzag-jobs"]["position"]


def test_an_empty_feed_lands_nothing_and_a_broken_one_is_quarantined(crawl):
    result = crawl("personio", boards="quiet-co,broken-feed")
    assert result.result.ok
    assert result.items == []
    [record] = result.quarantined
    assert record["reason"] == "malformed_xml"
    assert record["url"] == "https://broken-feed.jobs.personio.de/xml?language=en"
    assert result.stats["careermarket/quarantine/malformed_xml"] == 1
