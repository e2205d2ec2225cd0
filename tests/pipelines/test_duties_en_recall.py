"""Issue 16 (en): the work of run-together plain-text postings (Glassdoor, ml_jobs_us) read as
duties — headings and cues that name the work without saying "responsibilities"."""

from __future__ import annotations

import pytest

from pipelines.sections import split_sections


def sections_of(text, taxonomy):
    return [(line.section, line.text) for line in split_sections(text, taxonomy)]


@pytest.mark.parametrize(
    "heading",
    [
        "Your focus:",
        "Example Projects:",
        "Sample projects",
        "Major Accountabilities:",
        "Primary Accountabilities",
        "Key Functions:",
    ],
)
def test_headings_that_name_the_work_open_duties(taxonomy, heading):
    text = (
        "Lumen Freight moves pallets across the Midwest.\n"
        f"{heading}\n"
        "- Forecasting weekly pallet volumes for each depot\n"
        "Requirements\n- Three years of Python\n"
    )
    got = sections_of(text, taxonomy)
    assert ("duties", "- Forecasting weekly pallet volumes for each depot") in got
    assert ("required", "- Three years of Python") in got


@pytest.mark.parametrize("heading", ["Job Details:", "General Description:", "Your Opportunity:"])
def test_vague_headings_are_read_by_wording(taxonomy, heading):
    # a vague block: the work sentence is duties, the company sentence stays other
    work = "Design the pricing models that set our quarterly tariffs."
    company = "Lumen Freight was founded in a garage in Dayton."
    got = sections_of(f"{heading}\n{company}\n{work}\n", taxonomy)
    assert ("duties", work) in got
    assert ("other", company) in got


@pytest.mark.parametrize(
    "line",
    [
        "Your daily responsibilities will span data cleaning, feature pipelines and reviews.",
        "Your main responsibilities are the churn forecasts and their dashboards.",
    ],
)
def test_your_responsibilities_names_the_work(taxonomy, line):
    # in a vague block, and before any heading
    assert ("duties", line) in sections_of("Overview\n" + line + "\n", taxonomy)
    assert ("duties", line) in sections_of(line + "\nRequirements\n- SQL\n", taxonomy)


def test_an_unheaded_company_paragraph_is_still_not_duties(taxonomy):
    # unknown never means required nor duties: a block under no heading is the work only by
    # its wording
    line = "Lumen Freight builds routing software for regional carriers."
    assert ("duties", line) not in sections_of(line + "\nRequirements\n- SQL\n", taxonomy)
