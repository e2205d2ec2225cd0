"""Run-together ATS descriptions (one long line, bullets glued word to word): where the
asks, the optional asks and the next heading start. Fixtures are invented postings."""

from __future__ import annotations

import pytest

from pipelines.experience import extract_experience
from pipelines.sections import Line, split_sections
from pipelines.skills import extract_skills


def sections_of(text, taxonomy):
    return [(line.section, line.text) for line in split_sections(text, taxonomy)]


def test_glued_ask_openers_are_cut_so_an_optional_item_stays_alone(taxonomy):
    # dev6: a qualifications line whose items lost their breaks; only one item is optional
    text = (
        "Qualifications:\nCurrently studying towards a degree in computing or physics with "
        "coursework in signal processingDemonstrate a grasp of sorting, graphs and hashingModel "
        "compression and quantization experience is desirableHave a clear written style for "
        "design notesAble to travel to the lab twice a month"
    )
    got = sections_of(text, taxonomy)
    assert ("preferred", "Model compression and quantization experience is desirable") in got
    assert ("required", "Have a clear written style for design notes") in got
    assert ("required", "Able to travel to the lab twice a month") in got
    assert [s for s, line in got if line.startswith("Demonstrate")] == ["required"]


def test_an_optional_sentence_glued_by_its_full_stop_marks_only_itself(taxonomy):
    text = (
        "Requirements\nExperience with ranking or retrieval is a plus.Are comfortable "
        "fine-tuning sequence models on clusters"
    )
    assert sections_of(text, taxonomy) == [
        ("preferred", "Experience with ranking or retrieval is a plus."),
        ("required", "Are comfortable fine-tuning sequence models on clusters"),
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        # issue 16: a short optional sentence glued to an ask by a space marks only itself
        (
            "Four years shipping ranking models to production Fintech experience is a plus",
            [
                ("required", "Four years shipping ranking models to production"),
                ("preferred", "Fintech experience is a plus"),
            ],
        ),
        # ... but not after a linking word, nor inside a name ("Big Data"): one clause
        (
            "Comfort with the AWS console and with Terraform is a plus",
            [("preferred", "Comfort with the AWS console and with Terraform is a plus")],
        ),
        (
            "Practice with Scala and working with Big Data stacks is a plus",
            [("preferred", "Practice with Scala and working with Big Data stacks is a plus")],
        ),
    ],
)
def test_an_optional_sentence_glued_by_a_space_marks_only_itself(taxonomy, line, expected):
    assert sections_of(f"Requirements\n{line}", taxonomy) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        # a figure after a full stop is a new sentence only after a space; "v2.5" stays whole
        ("Exposure to Kafka v2.5 or newer is a plus", ["preferred"]),
        ("Degree from a U.S.A. school is a plus", ["preferred"]),
    ],
)
def test_a_glued_full_stop_inside_a_name_or_figure_is_no_break(taxonomy, line, expected):
    assert [s for s, _ in sections_of(f"Requirements\n{line}", taxonomy)] == expected


@pytest.mark.parametrize(
    "heading",
    [
        "You Might Thrive In This Role If You",
        "You'll thrive here if you",
        "You’ll thrive in this role if you",
    ],
)
def test_a_thrive_if_you_heading_glued_to_its_first_ask_is_required(taxonomy, heading):
    text = (
        "In this role, you will\nShip models that score support tickets.\n"
        f"Keep the labelling queue healthy for the whole team.{heading}Have a PhD in statistics "
        "or a master's with two years of applied work in a product team"
    )
    got = sections_of(text, taxonomy)
    assert [s for s, line in got if line.startswith("Have a PhD")] == ["required"]


def test_bonus_points_if_you_glued_to_have_is_the_preferred_block(taxonomy):
    text = (
        "Requirements\nThree years of backend work in Python\nShipping LLM features to real "
        "users, end to end, in a small teamBonus Points If YouHave founded a company or led "
        "an open-source project used by other teams"
    )
    got = sections_of(text, taxonomy)
    assert [s for s, line in got if line.startswith("Have founded")] == ["preferred"]


@pytest.mark.parametrize(
    "line",
    [
        "Hands-on work with vector search and cloud GPUs is highly valued",
        "Prefer experience with payments or ledger systems",
    ],
)
def test_valued_and_prefer_mark_a_requirement_optional(taxonomy, line):
    got = sections_of(f"Requirements\nTwo years of SQL\n{line}", taxonomy)
    assert got[-1] == ("preferred", line)


@pytest.mark.parametrize(
    "text, present",
    [
        ("Good grasp of GPU memory hierarchies and communication between nodes", False),
        ("Understanding of interconnects, NCCL collectives and communication overlap", False),
        ("Clear communication with product managers and designers", True),
    ],
)
def test_gpu_communication_is_not_the_soft_skill(taxonomy, text, present):
    found = {m.id for m in extract_skills([Line(text, "required")], taxonomy)}
    assert ("communication" in found) is present


def test_a_one_word_heading_glued_between_a_word_and_a_years_figure(taxonomy):
    text = (
        "Responsibilities\nShip dashboards for the sales team every sprint\nKeep the build green "
        "and review peers' changes whenever askedRequirements2-4 years of Go in production"
    )
    got = sections_of(text, taxonomy)
    assert got[-1] == ("required", "2-4 years of Go in production")


def test_strong_problem_solving_is_an_ask_in_a_posting_without_headings(taxonomy):
    text = (
        "We are hiring a search engineer for our marketplace.\n"
        "Experience with Elasticsearch relevance tuning\n"
        "Strong problem-solving skills and a calm head under pressure"
    )
    assert sections_of(text, taxonomy)[-1][0] == "required"


@pytest.mark.parametrize(
    "text, skill",
    [
        ("A pragmatic problem-solver who likes messy data", "problem_solving"),
        ("A record of solving complex technical challenges in small teams", "problem_solving"),
        ("Experience spotting root causes and resolving problems before launch", "problem_solving"),
        ("Comfortable presenting to all levels of a company", "communication"),
        ("Clear interpersonal, oral, and written skills", "communication"),
        ("An engineer who is constantly learning about new retrieval methods", "learning_agility"),
        ("Willing to pick up whatever tooling the project needs", "learning_agility"),
    ],
)
def test_soft_skill_wordings_of_ats_postings(taxonomy, text, skill):
    found = {m.id for m in extract_skills([Line(text, "required")], taxonomy)}
    assert skill in found


@pytest.mark.parametrize(
    "lines, expected",
    [
        # a degree ladder on lines of its own: the lowest degree's years (CONTRACT §7)
        (
            [
                "Doctorate in physics with 0+ years in industry",
                "Masters in statistics with 3+ years in industry",
                "Bachelors in statistics with 6+ years in industry",
            ],
            (6, None, False),
        ),
        # a line with two figures is no rung: the smallest literal figure stays
        (
            [
                "Masters in a science with 4+ years of lab work",
                "PhD in a science with 1+ years of lab work and 2+ years of Python",
            ],
            (1, None, False),
        ),
        # two degree lines apart are no ladder either
        (
            ["Bachelor's with 5+ years of work", "Fluent Spanish", "PhD with 1+ years of work"],
            (1, None, False),
        ),
        # experience from a non-internship job rules no newcomer in
        (["3+ years of non-internship professional software work"], (3, None, False)),
        (["A summer internship in data science"], (None, None, True)),
        (["at least 1-year of front-end work and at least 4 years overall"], (1, None, False)),
    ],
)
def test_years_of_ats_requirement_lines(lines, expected):
    got = extract_experience(lines)
    assert (got.min_years, got.max_years, got.newcomer_ok) == expected


def test_a_what_we_are_seeking_heading_is_the_asks(taxonomy):
    text = (
        "What We Provide\nA small team and a yearly learning budget\n"
        "What We Are Seeking\nYou have shipped recommendation models to production"
    )
    assert sections_of(text, taxonomy)[-1][0] == "required"


def test_software_engineering_principles_are_not_software_design(taxonomy):
    line = "Strong foundation in algorithms and software engineering principles"
    found = {m.id for m in extract_skills([Line(line, "required")], taxonomy)}
    assert "software_design" not in found
    assert "software_design" in {
        m.id for m in extract_skills([Line("Design patterns and OOP", "required")], taxonomy)
    }


def test_a_summary_of_responsibilities_line_opens_the_duties(taxonomy):
    text = (
        "About Zentrix\nZentrix makes forecasting software for grocers.\n"
        "A summary of your responsibilities is below:\n"
        "Analyze store sales data and tune the demand models"
    )
    assert sections_of(text, taxonomy)[-1][0] == "duties"


@pytest.mark.parametrize(
    "line, expected",
    [
        # a graduate degree alone is another way in: the years are asked, a newcomer unknown
        (
            "Bachelor's degree and at least 3 years of analytics work; or graduate degree in "
            "economics",
            (3, None, None),
        ),
        # a list of degrees beside the years is no second way in
        ("4+ years of analytics work with a bachelor's or master's degree", (4, None, False)),
        ("3-5 years building models, has a Master's or PhD in physics", (3, 5, False)),
    ],
)
def test_years_beside_a_degree_only_alternative(line, expected):
    got = extract_experience([line])
    assert (got.min_years, got.max_years, got.newcomer_ok) == expected


def test_a_communication_ask_glued_to_the_eeo_statement_keeps_its_section(taxonomy):
    text = (
        "Qualifications:\nTwo years of Python in a data team\n"
        "Have clear spoken and written communication skillsOrbitel Audio is an equal "
        "opportunity employer and values diversity."
    )
    got = sections_of(text, taxonomy)
    assert ("required", "Have clear spoken and written communication skills") in got
    assert got[-1][0] == "other"


def test_work_bullets_opening_with_a_gerund_are_cut_where_they_are_glued(taxonomy):
    # dev7: duties whose breaks were lost, each bullet opening with a gerund
    text = (
        "Responsibilities:\nBuilding a churn model on the weekly account tables kept by the "
        "finance analysts in the shared warehouseValidating the model against last quarter's "
        "holdout monthIntegrating the scores with the billing service that sends the renewal "
        "lettersReleasing the job to the staging cluster each sprint"
    )
    got = sections_of(text, taxonomy)
    assert ("duties", "Validating the model against last quarter's holdout month") in got
    assert ("duties", "Releasing the job to the staging cluster each sprint") in got
    validation = [s for s in extract_skills([Line(t, s) for s, t in got], taxonomy)]
    assert "model_evaluation" in {m.id for m in validation}


def test_the_successful_candidate_must_opens_the_asks(taxonomy):
    text = (
        "Responsibilities:\nTune the demand forecast every month\n"
        "The successful candidate must:\nHave shipped two forecasting projects in Python"
    )
    assert ("required", "Have shipped two forecasting projects in Python") in sections_of(
        text, taxonomy
    )
