"""families.yaml is data the spiders and `import-json` both read: strict loader, and every
JSON API spider and normalizer adapter agrees with it."""

import importlib
import pkgutil

import pytest

import scrapers.spiders
from pipelines.sources import ADAPTERS
from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.families import FamiliesError, Family, load_families, parse_families


def _api_spiders() -> list[type[JobBoardApiSpider]]:
    for info in pkgutil.iter_modules(scrapers.spiders.__path__):
        importlib.import_module(f"scrapers.spiders.{info.name}")
    return [s for s in JobBoardApiSpider.__subclasses__() if s.__module__.startswith("scrapers.")]


def test_every_json_api_spider_has_a_family_and_an_adapter():
    families = load_families()
    names = {spider.name for spider in _api_spiders()}
    assert names and names <= set(families)
    assert set(families) <= set(ADAPTERS)  # what import-json writes, normalize can read


def test_the_spiders_read_their_hooks_from_the_map():
    # No spider keeps its own list path, id key or URL: one table, read by both sides.
    for spider in _api_spiders():
        for hook in ("postings_in", "posting_id", "posting_url", "detail_payload"):
            assert hook not in vars(spider), f"{spider.name} overrides {hook}"


def test_urls_ids_and_skips_follow_the_map():
    families = load_families()
    assert families["wanted"].posting_url({"id": 4101}) == "https://www.wanted.co.kr/wd/4101"
    assert families["lever"].posting_url({"id": "x"}) is None  # no hostedUrl, no URL
    assert families["arbeitnow"].posting_id({"slug": "ml-engineer-berlin-77"}) == (
        "ml-engineer-berlin-77"
    )
    assert families["greenhouse"].posting_id({"id": ""}) is None
    kept, skipped = families["remoteok"].split(
        [{"legal": "terms", "last_updated": 1}, {"id": "9", "position": "MLE"}]
    )
    assert kept == [{"id": "9", "position": "MLE"}] and skipped == {"legal_notice": 1}
    kept, skipped = families["hackernews"].split([{"id": 1, "text": None}, {"id": 2, "text": "x"}])
    assert [c["id"] for c in kept] == [2] and skipped["deleted_comment"] == 1


def test_a_family_parses_from_its_yaml_shape():
    parsed = parse_families(
        {"version": 1, "families": {"acme": {"list": ["jobs"], "id": "key", "url": "{link}"}}}
    )
    assert parsed["acme"] == Family("acme", ("jobs",), "key", "{link}")


@pytest.mark.parametrize(
    "spec",
    [
        {"list": ["jobs"], "id": "id"},  # no url
        {"list": ["jobs"], "id": "id", "url": "{url}", "paths": []},  # unknown key
        {"list": "jobs", "id": "id", "url": "{url}"},  # path not a list
        {"list": [], "id": "id", "url": "{a.b}"},  # placeholder is not a plain key
        {"list": [], "id": "id", "url": "{url}", "skip": [{"reason": "x"}]},  # rule with no test
    ],
)
def test_loader_rejects_what_it_does_not_understand(spec):
    with pytest.raises(FamiliesError):
        parse_families({"version": 1, "families": {"acme": spec}})
