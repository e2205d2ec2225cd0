"""sources.yaml is data: strict loader, and enough real boards to be worth crawling."""

import pytest

from scrapers.sources import SourcesError, load_sources, parse_sources


def test_real_file_lists_at_least_thirty_ats_boards():
    sources = load_sources()
    ats = [
        b for s in ("greenhouse", "lever", "ashby", "smartrecruiters") for b in sources[s].boards
    ]
    assert len(ats) >= 30
    assert {"moloco", "daangn", "krafton"} <= set(sources["greenhouse"].boards)  # Korea


def test_korean_boards_cover_ai_data_and_devops_categories():
    sources = load_sources()
    assert {"1634", "655", "1024", "1025", "674"} <= set(sources["wanted"].boards)
    assert sources["jumpit"].boards


def test_aggregators_have_their_endpoints():
    sources = load_sources()
    assert sources["remoteok"].urls and sources["arbeitnow"].urls and sources["remotive"].boards


@pytest.mark.parametrize(
    "data",
    [
        {"version": 1, "sources": {"greenhouse": {"board": ["x"]}}},  # typo'd key
        {"version": 1, "source": {}},  # typo'd top level
        {"version": 2, "sources": {}},
        {"version": 1, "sources": {"lever": {"boards": "x"}}},  # not a list
        {"version": 1, "sources": {"lever": {"boards": ["x", "x"]}}},
    ],
)
def test_loader_rejects_what_it_does_not_understand(data):
    with pytest.raises(SourcesError):
        parse_sources(data)


def test_numeric_ids_are_read_as_strings():
    entry = parse_sources({"version": 1, "sources": {"wanted": {"boards": [1634]}}})["wanted"]
    assert entry.boards == ("1634",)
