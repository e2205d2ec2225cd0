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
        "Position Functions:",
        "Key responsibilities for this role will include the following:",
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
        "Responsibilities would include tuning the kiln schedules.",
        "Your primary focus will be in mining the loyalty card data.",
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


def skills_in(line, taxonomy, section="duties"):
    from pipelines.sections import Line
    from pipelines.skills import extract_skills

    return {m.id for m in extract_skills([Line(line, section)], taxonomy)}


@pytest.mark.parametrize(
    "skill, line",
    [
        (
            "model_evaluation",
            "Own prompt tuning, fine-tuning and evaluation of the LLMs behind our support bots.",
        ),
        ("model_evaluation", "Set the standards for AI systems evaluation across the org."),
        ("model_evaluation", "Knowledge of evaluation methodologies for ranking models."),
        ("software_design", "Design resilient, high-throughput services for the checkout flow."),
        ("software_design", "Designing software components for the billing engine."),
        ("software_design", "Shape the system and data architectures of the new warehouse."),
        ("statistical_modeling", "Solid statistical analysis and modeling in R."),
        ("statistical_modeling", "Developing statistical demand forecasting models for stores."),
        ("statistical_modeling", "Background in econometric modeling of housing markets."),
        ("model_serving", "Experience deploying and tuning production ML systems at scale."),
        ("model_serving", "Turn research models into reliable production code."),
        ("data_analysis", "Analyze and clean the sensor data from our test tracks."),
        ("data_analysis", "Run weekly analyses using SQL and Excel for the sales team."),
    ],
)
def test_skills_named_in_the_words_of_plain_text_postings(taxonomy, skill, line):
    assert skill in skills_in(line, taxonomy)


@pytest.mark.parametrize(
    "skill, line",
    [
        # a design discussion or a design review is how a team works, not a skill (gold)
        ("software_design", "Take part in design discussions and code reviews."),
        # a biological or physical system designed is not software
        ("software_design", "Support the design of biological systems for assays."),
        # testing data sets are data, not the evaluation of a model
        ("model_evaluation", "Prepare model training and testing datasets."),
        ("statistical_modeling", "Statistical analysis of survey answers."),
        # a team's name is not the analysis
        ("data_analysis", "Join our Data & Analytics group in Denver."),
    ],
)
def test_near_misses_stay_out(taxonomy, skill, line):
    assert skill not in skills_in(line, taxonomy)


@pytest.mark.parametrize(
    "line, section",
    [
        # the work told as an order before any heading: no subject, so not the company's
        ("Design, build, & maintain the parcel tracking service in Go", "duties"),
        ("Build & maintain the fare models on Spark", "duties"),
        ("Develop forecasts of ferry ridership for the harbour board", "duties"),
        # a title line, the company with its subject, and a greeting stay other
        ("Lead Data Scientist - Harbour Analytics", "other"),
        ("We build ticketing software for ferry lines.", "other"),
        ("Harbourline develops ticketing software for ferry lines.", "other"),
    ],
)
def test_imperative_work_before_the_first_heading(taxonomy, line, section):
    text = "Harbourline runs ferries in three ports.\n" + line + "\nRequirements\n- SQL\n"
    assert (section, line) in sections_of(text, taxonomy)


@pytest.mark.parametrize(
    "line, section",
    [
        # the hire named by their role, and what they will do: the work
        ("The Pricing Analyst will run the monthly margin reviews in SQL.", "duties"),
        ("The successful candidate will apply survival models to ferry engines.", "duties"),
        ("The Data Engineer will be responsible for the nightly loads.", "duties"),
        # what they will have or bring is asked, not done; the company is not the hire
        ("The Pricing Analyst will have five years of SQL.", "other"),
        ("The successful candidate will not only bring SQL but also R.", "other"),
        ("The company will move to a new harbour office in May.", "other"),
    ],
)
def test_the_role_will_do_is_the_work(taxonomy, line, section):
    # before the first heading, and in a posting with no heading at all
    for text in ("Harbourline runs ferries.\n" + line + "\nRequirements\n- SQL\n", line + "\n"):
        got = [s for s, t in sections_of(text, taxonomy) if t == line]
        assert (got == ["duties"]) == (section == "duties"), (text, got)
