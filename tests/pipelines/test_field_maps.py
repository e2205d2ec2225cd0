"""Declarative adapters (pipelines/field_maps.yaml) read the served shapes of Workable,
Recruitee and Personio: title, company, location, description, posted_at, salary."""

import json

import pytest

from pipelines.models import Salary
from pipelines.sources import ADAPTERS, FieldMap, FieldMapError, parse_field_maps
from scrapers.families import family
from scrapers.replay import RESPONSES_DIR
from scrapers.xmldoc import xml_document


def served_json(relative):
    return json.loads((RESPONSES_DIR / relative).read_text("utf-8"))


def test_workable_reads_the_job_and_the_account_name():
    body = served_json("workable/api/v1/widget/accounts/lumen-ml@details=true.json")
    job = body["jobs"][0]
    fields = ADAPTERS["workable"](
        {"url": job["url"], "payload": job, "envelope": {"name": body["name"]}}
    )
    assert fields.title == "Machine Learning Engineer, Search Ranking"
    assert fields.company == "Lumen ML"
    assert fields.location == "Utrecht, Utrecht, Netherlands"
    assert fields.country == "NL"
    assert fields.posted_at == "2026-10-14"
    assert fields.url == "https://apply.workable.com/j/7C41D2E9A0"
    # description, then requirements and benefits under headings the section splitter reads
    assert fields.body.startswith("<p>Lumen ML builds the product search")
    assert "<h3>Requirements</h3>\n<ul><li>Three or more years" in fields.body
    assert "<h3>Benefits</h3>" in fields.body


def test_recruitee_reads_location_country_date_and_a_published_range():
    offers = served_json("recruitee/host=corvid-data.recruitee.com/api/offers.json")["offers"]
    first = ADAPTERS["recruitee"]({"url": offers[0]["careers_url"], "payload": offers[0]})
    assert (first.title, first.company) == ("MLOps Engineer", "Corvid Data")
    assert (first.location, first.country) == ("Ghent, Belgium", "BE")
    assert first.posted_at == "2026-10-21"  # "2026-10-21 10:12:00 UTC"
    assert first.salary == Salary(4200.0, 5600.0, "EUR", "month")
    assert "<h3>Requirements</h3>" in first.body and "Kubeflow" in first.body
    second = ADAPTERS["recruitee"]({"url": None, "payload": offers[1]})
    assert second.salary is None  # no range published


def test_personio_reads_each_job_description_under_its_own_heading():
    feed = RESPONSES_DIR / "personio/host=fjord-analytics.jobs.personio.de/xml@language=en.xml"
    position = xml_document(feed.read_bytes(), family("personio").xml_lists)["workzag-jobs"][
        "position"
    ][0]
    url = "https://fjord-analytics.jobs.personio.de/job/1488201"
    fields = ADAPTERS["personio"]({"url": url, "payload": position})
    assert fields.title == "Senior Data Engineer (m/f/d)"
    assert fields.company == "Fjord Analytics GmbH"
    assert fields.location == "Hamburg"
    assert fields.posted_at == "2026-10-28"
    assert fields.url == url
    headings = [line for line in fields.body.splitlines() if line.startswith("<h3>")]
    assert headings == ["<h3>About the role</h3>", "<h3>Your tasks</h3>", "<h3>Your profile</h3>"]
    # no subcompany: the company is the feed's subdomain
    del position["subcompany"]
    assert ADAPTERS["personio"]({"url": url, "payload": position}).company == "fjord-analytics"


def test_a_record_without_its_title_is_refused_with_the_adapter_error():
    from pipelines.sources import AdapterError

    with pytest.raises(AdapterError):
        ADAPTERS["recruitee"]({"url": None, "payload": {"description": "<p>x</p>"}})


@pytest.mark.parametrize(
    "maps",
    [
        {"acme": {"company": "c"}},  # no title
        {"acme": {"title": "t", "salary_range": "s"}},  # unknown field
        {"acme": {"title": {"first": ["a", "b"]}}},  # unknown spec
        {"acme": {"title": "t", "body": [{"heading": "H"}]}},  # block without text
        {"acme": {"title": "t", "salary": {"max": "m"}}},  # range without min
    ],
)
def test_the_loader_refuses_what_it_does_not_understand(maps):
    with pytest.raises(FieldMapError):
        parse_field_maps({"version": 1, "maps": maps})


def test_a_map_parses_into_an_adapter():
    maps = parse_field_maps({"version": 1, "maps": {"acme": {"title": "name"}}})
    assert isinstance(maps["acme"], FieldMap)
    assert maps["acme"]({"payload": {"name": "Data Engineer"}}).title == "Data Engineer"
