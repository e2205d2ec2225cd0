"""Section splitting: Korean and English headings in the shapes real postings use."""

from __future__ import annotations

import random
import re

import pytest

from pipelines.sections import lines_from_fields, match_heading, split_sections
from pipelines.unglue import Unglue


def sections_of(text, taxonomy):
    return [(line.section, line.text) for line in split_sections(text, taxonomy)]


@pytest.mark.parametrize(
    "line, section",
    [
        ("주요업무", "duties"),
        ("주요 업무", "duties"),
        ("[담당업무]", "duties"),
        ("■ 자격요건", "required"),
        ("【지원자격】", "required"),
        ("🙌 이런 분을 찾아요", "required"),
        ("✨ 우대사항", "preferred"),
        ("이런 분이면 더 좋아요!", "preferred"),
        ("<우대 조건>", "preferred"),
        # a heading that says what experience the company prefers (선호) is the preferred block
        ("[저희가 선호하는 배경]", "preferred"),
        ("혜택 및 복지", "other"),
        ("Responsibilities", "duties"),
        ("What you'll do", "duties"),
        ("What You’ll Do:", "duties"),
        ("### Requirements", "required"),
        ("Minimum Qualifications", "required"),
        ("Qualifications", "required"),
        ("Nice to have", "preferred"),
        ("Bonus points", "preferred"),
        ("Preferred Qualifications", "preferred"),
        ("Qualifications (nice to have)", "preferred"),
        ("Benefits", "other"),
        ("About us", "other"),
        ("1. 주요업무", "duties"),
        ("Impact You'll Make:", "duties"),
        ("You:", "required"),
        ("Technology:", "other"),
        # dev6: the employers' own headings for the work, the asks, the better-if list
        ("Essential activities:", "duties"),
        ("Your Contribution to the Program:", "duties"),
        ("To Get This Role, You Need:", "required"),
        ("Ideal Qualifications:", "preferred"),
        ("Who Are We?", "other"),
        # "Additional …" is no optional marker (eval/ANNOTATION.md): the list is asked
        ("Additional Competencies", "required"),
        # the same headings from an export that dropped every apostrophe
        ("What Youll Do:", "duties"),
        ("Wed love to hear from you if:", "required"),
        # dev7: competencies name the asks; "beneficial" and going beyond the minimum mark the
        # optional list; a heading trailing off in three dots is still a heading
        ("Competencies Needed for Success", "required"),
        ("Key Competencies:", "required"),
        ("Beneficial:", "preferred"),
        ("Ideal Experience", "required"),
        ("Ideal Background:", "required"),
        ("You will go above and beyond our minimum requirements if you...", "preferred"),
        ("In this role, you will...", "duties"),
        # dev7: a list of extras after the asks, a question about the daily work, the traits
        # that help in the role, a question about the team
        ("You might also have:", "preferred"),
        ("What we'd like to see:", "preferred"),
        ("What does the day-to-day look like?", "duties"),
        ("Qualities that will help you thrive in this role:", "required"),
        # a heading followed only by "are" is still the heading
        ("Requirements are:", "required"),
        ("What's this team like at Northwind?", "other"),
        ("Application requirements", "other"),
    ],
)
def test_heading_lines(taxonomy, line, section):
    assert match_heading(line, taxonomy) == (section, "")


@pytest.mark.parametrize(
    "line",
    [
        "Experience with Python and SQL",
        "You will build data pipelines for our ranking team",
        "We offer free lunch.",
        "You will lead ML.",
        "Experience in Go",
        "• Python 3년 이상 경험",
        "We are a company that values requirements engineering and clean code in everything",
        "필수 역량을 갖춘 분이라면 누구나 지원 가능합니다",
        # Korean items that mark themselves, name a label, describe the person or list things
        "Docker 경험 우대",
        "석사 이상 필수",
        "전공: 컴퓨터공학 우대",
        "ㆍ LLM 관련 업무",
        "ㆍGCP, AWS 자격증 소지자",
        "원활한 커뮤니케이션 능력과 높은 업무 기준을 갖춘 분",
        "SQL, Python을 통한 데이터 분석 자동화 업무",
        # three trailing dots do not turn a sentence into a heading
        "Python, SQL, Spark...",
        "We ship models, dashboards and more...",
    ],
)
def test_content_lines_are_not_headings(taxonomy, line):
    assert match_heading(line, taxonomy) is None


def test_inline_heading_keeps_its_content(taxonomy):
    assert match_heading("Requirements: Python, SQL", taxonomy) == ("required", "Python, SQL")
    assert match_heading("우대사항 : Kubernetes 경험", taxonomy) == ("preferred", "Kubernetes 경험")


def test_korean_posting_with_bracketed_headings(taxonomy):
    text = "우리는 데이터로 물류를 바꿉니다.\n[주요업무]\n• 모델 개발\n[자격요건]\n• Python 능숙\n[우대사항]\n• Docker 경험\n[혜택 및 복지]\n• 점심 제공"
    assert sections_of(text, taxonomy) == [
        ("other", "우리는 데이터로 물류를 바꿉니다."),
        ("duties", "• 모델 개발"),
        ("required", "• Python 능숙"),
        ("preferred", "• Docker 경험"),
        ("other", "• 점심 제공"),
    ]


def test_english_posting(taxonomy):
    text = (
        "About us\nWe build maps.\nWhat you'll do\n- Train models\n"
        "What you'll need\n- 3+ years of Python\nNice to have\n- Go\nBenefits\n- Equity"
    )
    assert [s for s, _ in sections_of(text, taxonomy)] == [
        "other",
        "duties",
        "required",
        "preferred",
        "other",
    ]


def test_run_together_text_is_split_at_glued_headings(taxonomy):
    text = (
        "Acme builds robots for warehouses and has grown fast over the last few years in many markets."
        "ResponsibilitiesBuild perception models for pick-and-place robots and ship them to production."
        "QualificationsBS in Computer Science and 3+ years of experience with PyTorch in production settings."
        "Preferred QualificationsExperience with ROS and C++ on embedded targets is great to have here."
    )
    got = sections_of(text, taxonomy)
    assert (
        "duties",
        "Build perception models for pick-and-place robots and ship them to production.",
    ) in got
    assert any(s == "required" and t.startswith("BS in Computer Science") for s, t in got)
    assert any(s == "preferred" and t.startswith("Experience with ROS") for s, t in got)


def test_optional_bullet_inside_requirements_is_preferred(taxonomy):
    text = "자격요건\n• Python 능숙자\n• Kubernetes 경험자 우대\nRequirements\n- SQL\n- Airflow is a plus"
    assert sections_of(text, taxonomy) == [
        ("required", "• Python 능숙자"),
        ("preferred", "• Kubernetes 경험자 우대"),
        ("required", "- SQL"),
        ("preferred", "- Airflow is a plus"),
    ]


def test_optional_parenthetical_leaves_the_rest_required(taxonomy):
    got = sections_of("자격요건\n• 학사 이상 (석사 우대)", taxonomy)
    assert got == [("preferred", "석사 우대"), ("required", "• 학사 이상")] or got == [
        ("required", "• 학사 이상"),
        ("preferred", "석사 우대"),
    ]


def test_required_and_optional_clauses_on_one_line(taxonomy):
    got = sections_of("Requirements\nBS in CS required, MS preferred", taxonomy)
    assert ("required", "BS in CS required") in got
    assert ("preferred", "MS preferred") in got


@pytest.mark.parametrize(
    "line, expected",
    [
        # two bullets that lost their line break: only the sentence with the marker is optional
        (
            "BS in Statistics or a related field; MS preferred. 3+ years of SQL experience",
            [
                ("required", "BS in Statistics or a related field"),
                ("preferred", "MS preferred."),
                ("required", "3+ years of SQL experience"),
            ],
        ),
        (
            "Experience with Spark. Scala is a plus.",
            [("required", "Experience with Spark."), ("preferred", "Scala is a plus.")],
        ),
        # dev6: a stated preference inside an ask marks the named tools only
        (
            "Fluency in one query language (with a preference for dialects like BigQuery SQL)",
            [
                ("required", "Fluency in one query language"),
                ("preferred", "with a preference for dialects like BigQuery SQL"),
            ],
        ),
        # a short sentence that points back marks the one before it
        (
            "Experience with Spark. This is a plus.",
            [("preferred", "Experience with Spark."), ("preferred", "This is a plus.")],
        ),
        # an abbreviation is not a sentence end
        (
            "Tools, e.g. Docker or Podman, are a plus",
            [("preferred", "Tools, e.g. Docker or Podman, are a plus")],
        ),
    ],
)
def test_optional_sentences_of_one_line(taxonomy, line, expected):
    assert sections_of(f"Requirements\n{line}", taxonomy) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        # issue 16 (en): the marker after "… and/or other tools" names the other tools only
        (
            "Stata, Julia, Tableau, Looker, and/or other analytics tools is a plus.",
            [
                ("required", "Stata, Julia, Tableau, Looker"),
                ("preferred", "and/or other analytics tools is a plus."),
            ],
        ),
        # a field of study "or other related field" is not a list of tools: the line stays whole
        (
            "MS in Physics, Chemistry, or other related field is a plus",
            [("preferred", "MS in Physics, Chemistry, or other related field is a plus")],
        ),
    ],
)
def test_a_marker_after_other_tools_names_them_only(taxonomy, line, expected):
    assert sections_of(f"Requirements\n{line}", taxonomy) == expected


_JOINED = (
    "A BS degree with 2+ years of industrial experience in applied machine learning or statistics"
    " Hands on experience in computer vision Experience in content moderation is a plus"
)


@pytest.mark.parametrize(
    "line, expected",
    [
        # bullets joined with only a space: the one with the marker is optional
        (
            _JOINED,
            [
                ("required", _JOINED[: _JOINED.index(" Hands")]),
                ("required", "Hands on experience in computer vision"),
                ("preferred", "Experience in content moderation is a plus"),
            ],
        ),
        # but not after a linking word, nor inside a name
        (
            "Strong knowledge of Python and Deep Learning frameworks such as PyTorch or JAX for"
            " training large models in production is a plus",
            None,
        ),
        (
            "An M.S. in Statistics, Math, Operations Research or a related quantitative field with"
            " a thesis on forecasting is a plus",
            None,
        ),
    ],
)
def test_optional_bullets_joined_by_a_space(taxonomy, line, expected):
    assert sections_of(f"Requirements\n{line}", taxonomy) == (expected or [("preferred", line)])


@pytest.mark.parametrize(
    "line, expected",
    [
        # issue 16 (en): bullets that kept their dash but lost their line break; the marker
        # belongs to its own bullet only
        (
            "Degree in Economics or Physics -Exposure to dbt a plus -Solid grasp of SQL",
            [
                ("required", "Degree in Economics or Physics"),
                ("preferred", "Exposure to dbt a plus"),
                ("required", "Solid grasp of SQL"),
            ],
        ),
        # an option introduced by "preferably" ends where a glued sentence to the reader begins
        (
            "Shipped ranking models to production, preferably on Spark clustersYou have led"
            " a small team of analysts",
            [
                ("required", "Shipped ranking models to production"),
                ("preferred", "preferably on Spark clusters"),
                ("required", "You have led a small team of analysts"),
            ],
        ),
        # a hyphenated word or a spaced dash is no bullet break
        ("Hands-on work with Kafka - Flink is a plus", None),
    ],
)
def test_optional_bullets_glued_by_a_dash_or_a_sentence(taxonomy, line, expected):
    assert sections_of(f"Requirements\n{line}", taxonomy) == (expected or [("preferred", line)])


def test_per_bullet_markers_in_a_combined_block(taxonomy):
    text = "자격요건 및 우대사항\n• (필수) Python\n• (우대) Docker\n우대사항\n• (필수) SQL"
    got = sections_of(text, taxonomy)
    assert ("required", "• (필수) Python") in got
    assert ("preferred", "Docker") in got or ("preferred", "• (우대) Docker") in got
    assert ("required", "• (필수) SQL") in got


def test_a_development_culture_block_describes_the_company(taxonomy):
    # 개발 문화 / 조직 문화 (sections.yaml other.company): the tools a team works with there are
    # the workplace, not the job's duties.
    text = "주요업무\n• 추천 모델 개발\n개발 문화\n• 쿠버네티스 위에서 운영되는 마이크로서비스"
    assert sections_of(text, taxonomy) == [
        ("duties", "• 추천 모델 개발"),
        ("other", "• 쿠버네티스 위에서 운영되는 마이크로서비스"),
    ]


def test_a_table_header_row_puts_the_first_cells_under_the_duties(taxonomy):
    # A board's table read as lines: the header row (담당업무, 자격요건 및 우대사항), then the
    # cells in column order; the requirements cell brings its own sub-headings.
    text = (
        "담당업무\n자격요건 및 우대사항\n"
        "• 사내 문서 검색 챗봇 개발\n• 검색 품질 지표 관리\n"
        "자격요건\n• Python 개발 경험\n우대사항\n• Elasticsearch 운영 경험"
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "• 사내 문서 검색 챗봇 개발"),
        ("duties", "• 검색 품질 지표 관리"),
        ("required", "• Python 개발 경험"),
        ("preferred", "• Elasticsearch 운영 경험"),
    ]


def test_a_repeated_table_header_row_starts_the_next_division_with_its_duties(taxonomy):
    # A mass recruiting post: one table per division, each opened by the same header row in
    # one line. The second division's work cells follow the first one's preferred cell and
    # must not be read as preferred.
    header = "모집분야 직무 담당업무 자격요건 및 우대사항 근무지"
    text = (
        f"{header}\n• 매장 매출 리포트 작성\n자격요건\n• 엑셀 활용 능력\n우대사항\n• 유통업 경력\n"
        f"{header}\n• 고객 데이터 분석 및 보고\n자격요건\n• SQL 사용 경험"
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "• 매장 매출 리포트 작성"),
        ("required", "• 엑셀 활용 능력"),
        ("preferred", "• 유통업 경력"),
        ("duties", "• 고객 데이터 분석 및 보고"),
        ("required", "• SQL 사용 경험"),
    ]


@pytest.mark.parametrize(
    "line", ["담당업무 및 자격요건 안내", "직무 경력 우대", "모집분야 근무지 인원"]
)
def test_a_row_of_fewer_than_three_columns_or_without_the_work_is_no_table_header(taxonomy, line):
    from pipelines.section_rules import table_header, words
    from pipelines.sections import heading_verdict

    verdict = heading_verdict(line, taxonomy, "text")
    assert verdict is None or verdict.rule != table_header.__name__
    assert words(taxonomy).columns  # the column names are read from sections.yaml


def test_items_marked_must_in_a_desirable_list_are_required(taxonomy):
    text = "Requirements\n• Python\nDesirable Skills:\n• Airflow\n• PyTorch, JAX (Must)"
    assert sections_of(text, taxonomy)[1:] == [
        ("preferred", "• Airflow"),
        ("required", "• PyTorch, JAX (Must)"),
    ]


def test_posting_without_headings_is_read_by_wording(taxonomy):
    text = (
        "Acme | ML Engineer | Remote\n"
        "You will build ranking models.\n"
        "You have 3+ years of experience with PyTorch.\n"
        "Kubernetes is a plus.\n"
        "We offer free lunch."
    )
    assert [s for s, _ in sections_of(text, taxonomy)] == [
        "other",
        "duties",
        "required",
        "preferred",
        "other",
    ]


def test_structured_fields_decide_the_section(taxonomy):
    fields = [
        ("other", "우리 팀은 추천을 만듭니다."),
        ("duties", "[이런 분과 함께하고 싶어요]\n• 추천 모델 개발"),
        ("required", "• Python\n• Spark 경험 우대\n[우대사항]\n• 논문"),
        ("preferred", "• Docker"),
    ]
    got = [(line.section, line.text) for line in lines_from_fields(fields, taxonomy)]
    assert got == [
        ("other", "우리 팀은 추천을 만듭니다."),
        ("duties", "• 추천 모델 개발"),
        ("required", "• Python"),
        ("preferred", "• Spark 경험 우대"),
        ("preferred", "• 논문"),
        ("preferred", "• Docker"),
    ]


def test_title_case_heading_running_into_its_content_starts_the_section(taxonomy):
    text = (
        "Minimum Qualifications Bachelor's degree and 3+ years with Python\n"
        "Experience with SQL\n"
        "Preferred Qualifications PhD in Computer Science\n"
        "Experience with Kubernetes"
    )
    assert sections_of(text, taxonomy) == [
        ("required", "Bachelor's degree and 3+ years with Python"),
        ("required", "Experience with SQL"),
        ("preferred", "PhD in Computer Science"),
        ("preferred", "Experience with Kubernetes"),
    ]
    # A sentence that merely starts with capitalized words is not a heading.
    assert match_heading("Machine Learning Engineers Build Models Daily", taxonomy) is None


def test_requirement_lines_under_a_duties_heading_are_required(taxonomy):
    text = (
        "Responsibilities\n"
        "Build and deploy ranking models\n"
        "Experience with Spark and SQL\n"
        "Proficiency in Python"
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "Build and deploy ranking models"),
        ("required", "Experience with Spark and SQL"),  # its requirements heading was lost
        ("required", "Proficiency in Python"),
    ]


@pytest.mark.parametrize(
    "ask",
    [
        "Solid background in graph algorithms and compilers",
        "Solid understanding of probability",
        "Strong grasp of distributed systems",
        "In-depth knowledge of query planners",
        "Extensive experience shipping Go services",
        "Proven experience tuning recommendation models",
        "Working knowledge of Terraform",
        "Hands-on experience or a keen interest in embedded vision",
    ],
)
def test_ask_wordings_under_a_duties_heading_are_required(taxonomy, ask):
    text = "What you'll do\nShip the scheduling service\n" + ask
    assert sections_of(text, taxonomy) == [
        ("duties", "Ship the scheduling service"),
        ("required", ask),
    ]


def test_duties_written_in_the_third_person_stay_duties(taxonomy):
    text = (
        "Duties\n"
        "Designs forecasting models for store demand\n"
        "Develops expertise with causal inference and uplift modelling\n"
        "Experience with Spark and SQL"
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "Designs forecasting models for store demand"),
        ("duties", "Develops expertise with causal inference and uplift modelling"),
        ("required", "Experience with Spark and SQL"),
    ]


def test_glued_headings_in_shorter_lines_and_back_to_back(taxonomy):
    text = (
        "Requirements\n"
        "Proficiency in SQL and databases.Preferred Experience Requirements:Publications at NeurIPS.\n"
        "Must be a US citizen.#HIRINGDesired Skills Master's degree in Statistics"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "Proficiency in SQL and databases.") in got
    assert ("preferred", "Publications at NeurIPS.") in got  # one heading, not two
    assert ("preferred", "Master's degree in Statistics") in got


def test_optional_marker_glued_to_the_next_sentence(taxonomy):
    text = "Requirements\nExperience with Python\nFamiliarity with LLMs is a plusWhy join us?"
    assert sections_of(text, taxonomy)[-1][0] == "preferred"


def test_a_preferred_list_that_is_the_only_qualifications_is_required(taxonomy):
    text = (
        "Responsibilities\nBuild forecasting models\n"
        "Preferred Education & Experience:\n"
        "Eight years of analytics work required.\nExperience with SAS, R and SQL"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "Experience with SAS, R and SQL") in got
    # With a required list beside it, a preferred list stays preferred.
    got = sections_of("Requirements\nPython\n" + text, taxonomy)
    assert ("preferred", "Experience with SAS, R and SQL") in got


@pytest.mark.parametrize(
    "glued, item",
    [
        (
            "Knowledge of Rust and C++The base salary range for this job is shown below.",
            "Knowledge of Rust and C++",
        ),
        (
            "Experience with Terraform modulesAcme Corp is an equal opportunity employer.",
            "Experience with Terraform modules",
        ),
        (
            "Some exposure to Go is a plus. The base salary range for this role is $1 - $2.",
            "Some exposure to Go is a plus.",
        ),
    ],
)
def test_a_last_item_glued_to_the_closing_boilerplate_keeps_its_section(taxonomy, glued, item):
    text = "Nice to have\nPapers at ML venues\n" + glued
    got = sections_of(text, taxonomy)
    assert ("preferred", item) in got
    assert got[-1][0] == "other"  # the boilerplate itself still ends the list


def test_boilerplate_from_the_start_of_a_line_is_not_cut(taxonomy):
    text = "Nice to have\nPapers at ML venues\nThe base salary range for this role is $1 - $2."
    assert sections_of(text, taxonomy)[-1] == (
        "other",
        "The base salary range for this role is $1 - $2.",
    )


def test_a_lone_preferred_list_with_no_required_item_stays_preferred(taxonomy):
    # Nothing in the list says "required": the heading is taken at its word.
    text = (
        "What you will do\nShip ranking models to production\n"
        "Preferred Qualifications\n"
        "Hands-on work with Spark pipelines\nA knack for explaining results to executives"
    )
    got = sections_of(text, taxonomy)
    assert ("preferred", "Hands-on work with Spark pipelines") in got
    assert ("preferred", "A knack for explaining results to executives") in got


@pytest.mark.parametrize(
    "line, section",
    [
        ("What you will take on", "duties"),
        ("How you'll make an impact:", "duties"),
        ("What you will bring", "required"),
        ("Who we want", "required"),
        ("What you might have", "preferred"),
        ("What we'll bring", "other"),
        ("What you can expect", "other"),
        ("Why you'll love us", "other"),
        # the work, even beside what is offered
        ("What you'll learn and do", "duties"),
        ("What you will get to do", "duties"),
        ("What you'll learn", "other"),
        # after an introduction
        ("As our new Data Engineer, here's what you will learn and do", "duties"),
        ("Here's what you will bring:", "required"),
    ],
)
def test_question_headings_are_read_by_who_does_what(taxonomy, line, section):
    assert match_heading(line, taxonomy) == (section, "")


def test_an_introduced_question_is_a_heading_only_about_you(taxonomy):
    # "Here is how we work" is prose about the company, not a heading that ends the lead.
    assert match_heading("Here is how we work:", taxonomy) is None


@pytest.mark.parametrize(
    "line, content",
    [
        ("The Ideal Candidate will have:5+ years of experience", "5+ years of experience"),
        ("The ideal candidate has:", ""),
        ("The candidate should possess:", ""),
    ],
)
def test_an_alias_followed_by_have_is_a_heading(taxonomy, line, content):
    assert match_heading(line, taxonomy) == ("required", content)
    # … but not when a sentence goes on after the verb
    assert match_heading("The candidate will have access to our tools", taxonomy) is None


def _plain_alternation(markers):
    """The marker pattern as the obvious alternation, to check the prefix-tree one against."""
    import re

    parts = []
    for marker in markers:
        body = r"\s*".join(re.escape(word) for word in marker.split())
        if marker[0].isascii() and marker[0].isalpha():
            parts.append(rf"\b{body}(?:\b|(?<=[a-z])(?=(?-i:[A-Z])))")
        else:
            parts.append(body)
    return re.compile("|".join(parts), re.IGNORECASE)


@pytest.mark.parametrize("kind", ["optional_markers", "required_markers"])
def test_marker_tree_finds_what_the_plain_alternation_finds(taxonomy, kind):
    from pipelines.optional_parts import marker_pattern

    markers = list(getattr(taxonomy.sections, kind))
    tree, plain = marker_pattern(markers), _plain_alternation(markers)
    texts = [
        "Docker is a plus",
        "Kubernetes is a plusWhy join us?",
        "Terraform is a plusher",
        "surplus budget",
        "nice-to-have: Go",
        "Nice  to   have: Rust",
        "쿠버네티스 경험 우대",
        "우대사항",
        "(필수) Python",
        "Python is a must",
        "mustard",
        "Required: SQL",
    ]
    texts += [f"x {m} y" for m in markers] + [f"{m.upper()}z" for m in markers]
    for text in texts:
        assert bool(tree.search(text)) == bool(plain.search(text)), text
    assert any(tree.search(t) for t in texts)


@pytest.mark.parametrize(
    "line, section",
    [("About Acme", "other"), ("About Acme Robotics:", "other"), ("About the role", "role")],
)
def test_about_the_company_is_an_introduction(taxonomy, line, section):
    assert match_heading(line, taxonomy) == (section, "")


def test_company_introduction_after_the_requirements_is_not_required(taxonomy):
    text = "Requirements\nPython and SQL\nAbout Acme\nWe build warehouse robots in Python."
    assert sections_of(text, taxonomy)[-1] == ("other", "We build warehouse robots in Python.")


def test_the_employers_own_blurb_after_a_list_is_not_demand(taxonomy):
    # dev6: a closing paragraph where the employer speaks of itself, glued on to the last
    # list with no heading: it and what follows it are the company's, not preferred
    text = (
        "Desired Skills:\nExperience with Spark\nKnowledge of Kafka\n"
        "Brightwell, building tools for farmers.\n"
        "Brightwell ships data analytics and machine learning to growers in ten states.\n"
        "Our values guide every choice we make."
    )
    lines = split_sections(text, taxonomy, company="Brightwell")
    assert [(x.section, x.rule) for x in lines[-3:]] == [("other", "employer_voice")] * 3
    assert ("preferred", "Knowledge of Kafka") in [(x.section, x.text) for x in lines]
    # without the employer's name, nothing is cut
    assert split_sections(text, taxonomy)[-2].section == "preferred"


def test_the_employer_line_between_duties_leaves_the_duties(taxonomy):
    text = (
        "Responsibilities\nReview listings daily\n"
        "Brightwell strives to keep every listing fair.\nYou will answer sellers' questions"
    )
    got = [(x.section, x.text) for x in split_sections(text, taxonomy, company="Brightwell")]
    assert got[-2:] == [
        ("other", "Brightwell strives to keep every listing fair."),
        ("duties", "You will answer sellers' questions"),
    ]


def test_an_intro_that_names_its_list_decides_it_over_its_cues(taxonomy):
    # dev6: "the ideal candidate" is an ask cue, but the line names what follows: tasks
    text = (
        "The right hire will handle the following tasks:\nTrain models on lab data\n"
        "The right hire will bring the following qualifications:\nMS and 2+ years of work"
    )
    got = sections_of(text, taxonomy)
    assert ("duties", "Train models on lab data") in got
    assert ("required", "MS and 2+ years of work") in got


def test_marked_korean_items_keep_their_text(taxonomy):
    text = "자격요건\nPython 능숙자\nDocker 경험 우대\n혜택\n점심 제공"
    assert sections_of(text, taxonomy) == [
        ("required", "Python 능숙자"),
        ("preferred", "Docker 경험 우대"),
        ("other", "점심 제공"),
    ]
    fields = [("required", "전공: 컴퓨터공학 우대\n학력: 학사 이상\nPython 능숙자")]
    assert [(ln.section, ln.text) for ln in lines_from_fields(fields, taxonomy)] == [
        ("preferred", "전공: 컴퓨터공학 우대"),
        ("required", "학력: 학사 이상"),
        ("required", "Python 능숙자"),
    ]


def test_heading_with_a_note_in_parentheses_keeps_the_note(taxonomy):
    assert match_heading("담당업무(사용 언어 C++, Python)", taxonomy) == (
        "duties",
        "사용 언어 C++, Python",
    )
    assert match_heading("Qualifications (nice to have)", taxonomy) == ("preferred", "")


def test_glued_you_will_and_you_need_headings(taxonomy):
    text = (
        "We value every member of our teamIn this role, you will:Train ranking models on "
        "billions of events every day and ship them to production safelyYou’ll need:5+ years "
        "of experience with Python and SparkNice to have: Experience with causal inference"
    )
    got = sections_of(text, taxonomy)
    assert (
        "duties",
        "Train ranking models on billions of events every day and ship them to production safely",
    ) in got
    assert ("required", "5+ years of experience with Python and Spark") in got
    assert ("preferred", "Experience with causal inference") in got


def test_glued_question_heading_keeps_its_question_mark(taxonomy):
    # dev7: a question heading glued between the pay line and the role text
    text = (
        "Salary Range$120,000 - $150,000What's the role?We are hiring a data engineer to join "
        "the platform group and own our batch pipelines end to end, with a focus on quality"
    )
    got = sections_of(text, taxonomy)
    assert not any(line.startswith("?") for _, line in got)
    assert all("What's the role" not in line for _, line in got)


def test_glued_heading_followed_by_a_figure(taxonomy):
    text = (
        "Read how our researchers solve a beautiful problemBasic Qualifications 3+ years of "
        "professional software development experience with PythonPreferred Qualifications "
        "Experience with Kubernetes and model serving at scale"
    )
    got = sections_of(text, taxonomy)
    assert (
        "required",
        "3+ years of professional software development experience with Python",
    ) in got
    assert ("preferred", "Experience with Kubernetes and model serving at scale") in got


def test_one_word_heading_glued_to_a_sentence_end(taxonomy):
    text = (
        "We modernize how the agency plans its work every single day.Qualifications A "
        "Bachelor's degree in Computer Science and 3+ years of Python"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "A Bachelor's degree in Computer Science and 3+ years of Python") in got


def test_one_word_heading_after_a_sentence_and_a_space(taxonomy):
    # run-together text where the heading kept the space after the last full stop
    text = (
        "Duties include: Build forecasting services for the fleet team. Ship them to the "
        "field every quarter. Qualifications Master's degree in Statistics with two years "
        "of modelling experience. Strong skills in Python and SQL."
    )
    got = sections_of(text, taxonomy)
    assert [section for section, line in got if "Python" in line] == ["required"]
    assert "required" not in [section for section, line in got if "forecasting" in line]


def test_a_capitalised_word_after_a_sentence_is_not_a_heading_unless_listed(taxonomy):
    text = (
        "Duties include: Build forecasting services for the fleet team. Forecasts Matter "
        "to every planner we serve, and you will own them end to end every quarter."
    )
    got = sections_of(text, taxonomy)
    assert [section for section, line in got if "Forecasts" in line] == ["duties"]


def test_a_bullet_glued_after_etc_is_cut(taxonomy):
    # run-together text: an item ending in "etc." glued to the next item's first word
    text = (
        "Job RequirementsExperience Required3+ years of work as a backend engineer in Go "
        "with sound engineering habits.2+ years of experience with cloud servicesExperience "
        "with batch tools: Cron, Luigi etc.Advanced working knowledge of typed languages: Go, "
        "Java, KotlinExperience in Dev Ops: Jenkins etc.Experience with message brokers such "
        "as Kafka etc.Knowledge of Linux administration and shell scripting for routine operations"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "Experience with batch tools: Cron, Luigi etc.") in got
    assert ("required", "Experience with message brokers such as Kafka etc.") in got
    assert [section for section, line in got if line.startswith("Knowledge")] == ["required"]


def test_degree_abbreviations_glued_to_the_previous_item_are_cut(taxonomy):
    text = (
        "Requirements:\nClear writing for design documents, runbooks and careful reviews of "
        "peers' workEnthusiasm for mentoring newer engineers on the storage and platform "
        "teams across several officesBSc, MSc or PhD in Computer Science or a related field, "
        "and a portfolio of shipped systems work"
    )
    got = sections_of(text, taxonomy)
    assert [line for _, line in got if line.startswith("BSc, MSc or PhD")]


@pytest.mark.parametrize(
    "line, required, preferred",
    [
        # an optional adverb with no comma still opens only the tail
        (
            "4+ years as a data engineer ideally in payments",
            "4+ years as a data engineer",
            "ideally in payments",
        ),
        ("Strong SQL skills preferably on BigQuery", "Strong SQL skills", "preferably on BigQuery"),
        # "and optional for …": only what follows is optional
        ("Fluent in SQL and optional for Scala", "Fluent in SQL", "and optional for Scala"),
    ],
)
def test_optional_adverb_without_a_comma_marks_only_the_tail(taxonomy, line, required, preferred):
    got = sections_of(f"Requirements\n{line}\nPython", taxonomy)
    assert ("required", required) in got
    assert ("preferred", preferred) in got


def test_an_optional_adverb_that_opens_the_item_marks_all_of_it(taxonomy):
    got = sections_of("Requirements\nIdeally a PhD in optics\nPython", taxonomy)
    assert ("preferred", "Ideally a PhD in optics") in got


def test_tech_you_will_touch_is_the_environment(taxonomy):
    text = (
        "Who You Are\nYou hold a high bar for quality\nTech You'll Touch\n"
        "Data: Redshift, dbt, Airflow\nInfra: AWS, Datadog"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "You hold a high bar for quality") in got
    assert [section for section, line in got if "Redshift" in line] == ["other"]


def test_recruiter_headings_about_the_client(taxonomy):
    # a recruiter writing about its client: "they" are looking for, "you might" work on
    text = (
        "Our client builds routing software for couriers.\nYou might work on:\n"
        "Route scoring services\nDriver assignment models\nWhat they're looking for:\n"
        "Solid Scala and Kafka skills\nComfort with on-call rotations"
    )
    got = sections_of(text, taxonomy)
    assert ("duties", "Driver assignment models") in got
    assert ("required", "Solid Scala and Kafka skills") in got
    assert ("required", "Comfort with on-call rotations") in got


def test_lines_that_ask_after_a_location_label_leave_it(taxonomy):
    text = (
        "Responsibilities\nRun the assay validation programme\nLocation\nDenver, CO (on site)\n"
        "Schedule: weekdays\nMS in analytical chemistry required.\n3+ years of laboratory "
        "experience\nA lab safety certificate preferred.\nParking is free on site"
    )
    got = sections_of(text, taxonomy)
    assert ("other", "Denver, CO (on site)") in got
    assert ("required", "MS in analytical chemistry required.") in got
    assert ("required", "3+ years of laboratory experience") in got
    assert ("preferred", "A lab safety certificate preferred.") in got
    assert ("other", "Parking is free on site") in got


def test_education_required_label_glued_to_the_last_item(taxonomy):
    text = (
        "Experience Preferred\nGraduate study in statistics or a neighbouring subject\n"
        "Time spent running services on a hosted cluster\n"
        "Familiarity with Azure, release tooling and ML ideas like LLM tuningEducation "
        "Required:An undergraduate degree in Geology or another quantitative subject."
    )
    got = sections_of(text, taxonomy)
    assert (
        "preferred",
        "Familiarity with Azure, release tooling and ML ideas like LLM tuning",
    ) in got
    assert (
        "required",
        "An undergraduate degree in Geology or another quantitative subject.",
    ) in got


def test_the_abbreviation_shortcut_never_hides_an_abbreviation(taxonomy):
    # `_may_abbreviate` spares the regex only where it cannot match: check on random text.
    unglue = Unglue(taxonomy.sections)
    rng = random.Random(1)
    alphabet = "aAbB.c e.g.iDr.MrsNo. x_1é가(다)-"
    spared = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16))) + "."
        mark = len(text) - 1
        lo = max(rng.randint(0, mark), mark - 11)
        if not unglue._may_abbreviate(text, lo, mark):
            spared += 1
            assert not unglue.abbreviation.search(text[lo : mark + 1]), (text, lo)
    assert spared > 1000


def test_the_sentence_mark_pattern_finds_what_its_plain_alternation_finds():
    # `_SENTENCE_MARK` opens with one class of marks so the regex engine can skip ahead:
    # it must find the spans the three alternatives written one after the other find.
    from pipelines.unglue import _SENTENCE_MARK

    plain = re.compile(
        r"[.!?:;…]\s*(?=[A-Z•*\-\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])|。\s*|\.(?<=[다요]\.)\s+"
    )
    rng = random.Random(2)
    alphabet = "aZ .!?:;…。다요•*-é Ж\t\n1"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        lo, hi = rng.randint(0, len(text)), rng.randint(0, len(text))
        assert [m.span() for m in _SENTENCE_MARK.finditer(text, lo, hi)] == [
            m.span() for m in plain.finditer(text, lo, hi)
        ], (text, lo, hi)


def test_colons_found_by_find_are_the_ones_the_regex_finds():
    # `_colons` (str.find) then `_COLON_BULLET.match` at each must find what finditer finds.
    from pipelines.unglue import _COLON_BULLET, _colons

    rng = random.Random(3)
    alphabet = "ab):：* •-–5+ yearsyrs\tZ"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert _colons(text) == [m.start() for m in re.finditer("[:：]", text)], text
        found = [m.span() for at in _colons(text) if (m := _COLON_BULLET.match(text, at))]
        assert found == [m.span() for m in _COLON_BULLET.finditer(text)], text


def test_glued_labels_start_at_the_last_case_turn_before_the_colon():
    # `_glued_labels` reads the turn nearest each colon backwards: the same as the last of
    # all turns found forwards.
    from pipelines.unglue import MAX_LABEL_CHARS, _colons, _glued_labels

    def forwards(line):
        out = []
        for colon in _colons(line):
            lo = max(0, colon - MAX_LABEL_CHARS)
            turns = list(re.finditer(r"[a-z)][A-Z]", line[:colon][lo:]))
            if turns:
                start = lo + turns[-1].start() + 1
                label = line[start:colon]
                words = label.split()
                if (
                    len(words) <= 8
                    and label.replace("’", "'").isascii()
                    and all(re.sub(r"[&/\-'’()]", "", w).isalnum() for w in words)
                ):
                    out.append(start)
        return out

    rng = random.Random(5)
    alphabet = "aZbY) :：xW q"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        assert _glued_labels(text) == forwards(text), text
    assert _glued_labels("It is a plusML knowledge: PyTorch") == [12]  # "ML knowledge:"


def test_the_hangul_tail_is_the_last_run_a_search_from_the_start_finds():
    from pipelines.sections import _hangul_tail

    plain = re.compile(r"([\uac00-\ud7a3]+)[^\uac00-\ud7a3]*$")
    rng = random.Random(4)
    alphabet = "경험자분 .()\n1a"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        found = plain.search(text[-40:])
        assert _hangul_tail(text) == (found and found.group(1)), text


def test_the_note_tail_pattern_removes_what_the_plain_pattern_removes():
    from pipelines.unglue import NOTE_TAIL

    plain = re.compile(r"\s*[(（][^()（）]*[)）]\W*$")
    rng = random.Random(6)
    alphabet = "경험 ()（）\n.a3 "
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert NOTE_TAIL.sub("", text) == plain.sub("", text), text
        assert [m.span() for m in NOTE_TAIL.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_the_impact_you_will_make_is_the_work(taxonomy):
    text = (
        "We keep our tools simple and our reviews kind.The Impact You’ll MakeYou will tune "
        "ranking models that decide which parcels ship first, working in Python and SQL."
    )
    got = sections_of(text, taxonomy)
    assert got[-1][0] == "duties"
    assert got[-1][1].startswith("You will tune ranking models")


# --- the error classes of issue 16, each in the shapes real postings use -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Requirements\n- Python\nBonus points:\n- Rust",
        "Requirements\n- Python\nWhat we'd love to see:\n- Rust",
        "<h3>Requirements</h3><ul><li>Python</li></ul><p><strong>Bonus points</strong></p>"
        "<ul><li>Rust</li></ul>",
        "<p><b>What we'd love to see</b></p><ul><li>Rust</li></ul>"
        "<p><b>Requirements</b></p><ul><li>Python</li></ul>",
    ],
)
def test_bonus_and_love_to_see_blocks_are_preferred(taxonomy, text):
    got = {t.lstrip("-• "): s for s, t in sections_of(text, taxonomy)}
    assert got == {"Python": "required", "Rust": "preferred"}


@pytest.mark.parametrize(
    "heading", ["You're a great fit if", "You’re a great fit because you have:", "Great to haves:"]
)
def test_great_fit_and_great_to_have_are_headings(taxonomy, heading):
    section = "preferred" if "haves" in heading else "required"
    assert sections_of(f"{heading}\n- 3+ years of SQL", taxonomy) == [
        (section, "- 3+ years of SQL")
    ]


def test_a_heading_glued_to_its_list_is_cut(taxonomy):
    text = (
        "We build the tools our growers use every single day and we are looking for new "
        "teammates who have:* 5+ years of Python in production * Experience with Airflow"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "* 5+ years of Python in production") in got
    assert ("required", "* Experience with Airflow") in got


def test_a_body_in_one_column_keeps_its_own_headings(taxonomy):
    # A Programmers row: the whole posting in the duties column, with its own headings; the
    # posting has no requirements column, so those headings decide.
    body = (
        "<h3>이런 업무를 담당합니다</h3><ul><li>추천 모델 개발</li></ul>"
        "<h3>이런 분을 찾고 있어요</h3><ul><li>Python 능숙자</li></ul>"
        "<h3>이런 분이면 더욱 좋습니다.</h3><ul><li>Docker 경험</li></ul>"
        "<h3>채용 절차</h3><ul><li>코딩테스트</li></ul>"
    )
    got = [(line.section, line.text) for line in lines_from_fields([("duties", body)], taxonomy)]
    assert got == [
        ("duties", "• 추천 모델 개발"),
        ("required", "• Python 능숙자"),
        ("preferred", "• Docker 경험"),
        ("other", "• 코딩테스트"),
    ]
    # With a requirements column of its own, a column decides (a Wanted row's first line).
    fields = [
        ("duties", "[이런 분을 찾고 있어요]\n• 추천 모델 개발"),
        ("required", "• Python 능숙자"),
    ]
    got = [(line.section, line.text) for line in lines_from_fields(fields, taxonomy)]
    assert got == [("duties", "• 추천 모델 개발"), ("required", "• Python 능숙자")]


def test_a_company_paragraph_after_the_list_is_not_demand(taxonomy):
    text = (
        "<h3>Requirements</h3><ul><li>Python and SQL</li><li>Spark</li></ul>"
        "<p>Acme was founded in 2015 by two farmers and today serves growers in forty "
        "countries from offices in Lisbon and Austin.</p>"
    )
    got = sections_of(text, taxonomy)
    assert got[-1][0] == "other" and got[-1][1].startswith("Acme was founded")
    assert [s for s, _ in got[:2]] == ["required", "required"]


def test_a_span_per_word_stays_one_line(taxonomy):
    words = ["Experience", "with", "Python", "and", "SQL"]
    html = "<h3>Requirements</h3><div>" + "\n".join(f"<span>{w}</span>" for w in words) + "</div>"
    assert sections_of(html, taxonomy) == [("required", "Experience with Python and SQL")]


def test_an_unknown_heading_is_other_unless_it_lists_asks(taxonomy):
    # Bold headings at the level of the known one: siblings, not sub-headings.
    text = (
        "<p><b>Responsibilities</b></p><ul><li>Build ranking models</li></ul>"
        "<p><b>Life in Lisbon</b></p><ul><li>Free lunch on Fridays</li><li>A quiet office</li></ul>"
        "<p><b>Your toolbox</b></p><ul><li>Experience with Spark</li>"
        "<li>Strong knowledge of SQL</li></ul>"
    )
    got = split_sections(text, taxonomy)
    assert [(line.section, line.rule) for line in got] == [
        ("duties", "listed_heading"),
        ("other", "unknown_heading"),
        ("other", "unknown_heading"),
        ("other", "unknown_heading"),
        ("required", "unknown_heading:list_of_required"),
        ("required", "unknown_heading:list_of_required"),
        ("required", "unknown_heading:list_of_required"),
    ]


def test_lists_joined_by_one_space_are_read_by_what_their_items_are(taxonomy):
    # A crawler joined a Korean posting's duties, requirements and preferred fields with one
    # space and no headings.
    text = (
        "• 추천 모델 개발\n• 데이터 파이프라인 구축 • Python 활용 경험이 있으신 분\n"
        "• SQL 능숙자 • Kubernetes 운영 경험\n• 논문 게재 경험이 있으신 분"
    )
    got = split_sections(text, taxonomy)
    assert [(line.section, line.text) for line in got] == [
        ("duties", "• 추천 모델 개발"),
        ("duties", "• 데이터 파이프라인 구축"),
        ("required", "• Python 활용 경험이 있으신 분"),
        ("required", "• SQL 능숙자"),
        ("preferred", "• Kubernetes 운영 경험"),
        ("preferred", "• 논문 게재 경험이 있으신 분"),
    ]
    assert got[-1].rule == "second_ask_list"


def test_every_line_records_its_rule_and_heading(taxonomy):
    got = split_sections("Qualifications\n- Python\n- Docker is a plus", taxonomy)
    assert [(line.rule, line.heading) for line in got] == [
        ("listed_heading", "Qualifications"),
        ("optional_part", "Qualifications"),
    ]


def test_an_emoji_heading_glued_to_the_last_item_is_cut(taxonomy):
    # The crawler joined each field's heading on to the last item of the field before it.
    text = (
        "✋ 맡게 될 업무\n"
        "ㆍ사내외 원천 데이터를 모아 가공하는 배치 로직을 설계하고 운영합니다\n"
        "ㆍ핵심 지표를 정의하고 이상 징후를 실시간으로 감지하는 체계를 만들어 데이터 품질을 지킵니다. 🤗 함께하고 싶은 분\n"
        "ㆍ데이터 엔지니어링 실무 경력 3년 이상을 보유하신 분\n"
        "ㆍ장애가 났을 때 근본 원인을 끝까지 추적해 해결하고 그 과정을 꼼꼼하게 문서로 남기는 습관이 있으신 분 👍 우대사항\n"
        "ㆍKafka 기반의 스트리밍 처리 경험이 있으신 분"
    )
    got = [(line.section, line.text) for line in split_sections(text, taxonomy)]
    assert got[1] == (
        "duties",
        "ㆍ핵심 지표를 정의하고 이상 징후를 실시간으로 감지하는 체계를 만들어 데이터 품질을 지킵니다.",
    )
    assert got[2][0] == "required"
    assert got[3] == (
        "required",
        "ㆍ장애가 났을 때 근본 원인을 끝까지 추적해 해결하고 그 과정을 꼼꼼하게 문서로 남기는 습관이 있으신 분",
    )
    assert got[-1] == ("preferred", "ㆍKafka 기반의 스트리밍 처리 경험이 있으신 분")


def test_lists_joined_before_an_unspaced_korean_bullet(taxonomy):
    # "ㆍ" written with no space after it is still a bullet when a Korean word ends before it;
    # between two words ("기획ㆍ실행") it is a separator and stays.
    text = (
        "ㆍ보안 이벤트 모니터링 및 분석\nㆍ탐지 룰 튜닝 및 로직 개선\n"
        "ㆍ침해 대응 시나리오 수립 및 고도화 ㆍ보안 솔루션 운영 경력 3년 이상\n"
        "ㆍ기획ㆍ실행 역량을 갖추신 분\nㆍ로그 분석 경험 보유 ㆍ파이썬 자동화 경험\nㆍ관련 자격증 보유자"
    )
    got = [(line.section, line.text) for line in split_sections(text, taxonomy)]
    assert got == [
        ("duties", "ㆍ보안 이벤트 모니터링 및 분석"),
        ("duties", "ㆍ탐지 룰 튜닝 및 로직 개선"),
        ("duties", "ㆍ침해 대응 시나리오 수립 및 고도화"),
        ("required", "ㆍ보안 솔루션 운영 경력 3년 이상"),
        ("required", "ㆍ기획ㆍ실행 역량을 갖추신 분"),
        ("required", "ㆍ로그 분석 경험 보유"),
        ("preferred", "ㆍ파이썬 자동화 경험"),
        ("preferred", "ㆍ관련 자격증 보유자"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "-" glued on between two Korean words, with no space after it, starts the joined
        # list ("3 -5년" and "Spark -based" are no bullets)
        (
            "-재고 예측 모델 개발\n-배치 파이프라인 운영\n"
            "-스트리밍 적재 구조 설계 -데이터 분석 경험 보유자\n-통계 지식 보유\n"
            "-분석 도구 활용 능력 보유 -워크플로 운영 경험\n-관련 논문 게재 경험자",
            ["duties"] * 3 + ["required"] * 3 + ["preferred"] * 2,
        ),
        # "・" likewise; written between two words ("기획・실행") it stays a separator
        (
            "• 추천 모델 개발\n• 배치 파이프라인 운영 • 기획・실행 역량을 갖추신 분\n"
            "• SQL 능숙자 ・카프카 운영 경험자\n・영어 회화 가능자\n・관련 전공자",
            ["duties"] * 2 + ["required"] * 2 + ["preferred"] * 3,
        ),
    ],
)
def test_other_unspaced_korean_bullets_start_a_joined_list(taxonomy, text, expected):
    assert [line.section for line in split_sections(text, taxonomy)] == expected


_GLYPH_CHANGES = [
    # Korean: "•" asks, then "・" asks: the second list is the preferred one
    (
        "• 광고 데이터 수집 파이프라인 구축\n• 주간 매출 리포트 자동화\n"
        "• 데이터 엔지니어링 경력 3년 이상 • SQL 능숙자\n• Python 활용 경험\n"
        "・Spark 운영 경험자\n・영어 회화 가능자",
        ["duties", "duties", "required", "required", "required", "preferred", "preferred"],
        "glyph_change:second_ask_list",
    ),
    # English: "-" duties, then "*" asks: a list of asks of its own
    (
        "- Build ranking models for search\n- Own the feature store\n"
        "* Experience with Python and SQL\n* Familiarity with Airflow",
        ["duties", "duties", "required", "required"],
        "glyph_change:list_of_required",
    ),
    # English: "-" asks, then "•" asks: the second is the preferred list
    (
        "- Experience with Python and SQL\n- 3+ years of data engineering\n"
        "• Experience with Kafka\n• Familiarity with dbt",
        ["required", "required", "preferred", "preferred"],
        "glyph_change:second_ask_list",
    ),
    # Korean items with no bullet after a list that had one on every line
    (
        "-이미지 전처리 모델 개발\n-분석 파이프라인 설계\n-SQL 활용 경험 보유자 -통계 지식 보유\n"
        "-Python 개발 경험자\n영어 회화 가능자\n관련 학과 전공자",
        ["duties", "duties", "required", "required", "required", "preferred", "preferred"],
        "glyph_change:second_ask_list",
    ),
]
_NOT_GLYPH_CHANGES = [
    # a nested list: the first bullet comes back
    "• 추천 모델 개발\n• 배치 파이프라인 운영\n- 일 배치 작업 관리\n- 장애 대응\n• 지표 정의",
    # numbered items with their own bullets under them
    "1. 모델 개발\n2. 데이터 운영\n- 배치 작업 관리\n- 장애 대응\n3. 지표 정의\n- 대시보드 작성",
    # back to a bullet the block had before
    "• SQL 능숙자\n- 통계 지식 보유\n- Python 경험\n• Spark 경험\n• Kafka 경험",
    # a single line with another bullet: a note, not a list
    "- Python 경험 보유\n- SQL 능숙자\n* 경력에 따라 협의",
    # a note after the list, in sentences
    "- Python 경험 보유\n- SQL 능숙자\n서류 전형 후 면접이 진행됩니다.\n지원서는 수정할 수 없습니다.",
    # English lines with no bullet after a list
    "- Python experience\n- SQL experience\nVisit our website\nApply today",
    # lines with no bullet among the items of the list
    "- 모델 개발\n세부 과제 관리\n- 데이터 운영\n- 지표 관리\n운영 경험자\n관련 전공자",
]


@pytest.mark.parametrize("text, expected, rule", _GLYPH_CHANGES)
def test_a_change_of_bullets_starts_a_second_list(taxonomy, text, expected, rule):
    got = split_sections(text, taxonomy)
    assert [line.section for line in got] == expected
    assert got[-1].rule == rule


@pytest.mark.parametrize("text", _NOT_GLYPH_CHANGES)
def test_bullets_that_change_inside_one_list_start_none(taxonomy, text):
    assert not any(line.rule.startswith("glyph_change") for line in split_sections(text, taxonomy))


def test_korean_lines_without_headings_are_read_by_their_endings(taxonomy):
    # No heading and no bullet: each Korean line says what it is by how it ends, before any
    # cue word inside it ("경험" in a duty, "분석" in an ask).
    text = (
        "고객 행동 로그를 수집하고 분석 경험을 쌓을 수 있는 환경 구축\n"
        "월간 매출 리포트 작성 및 공유 자동화\n"
        "SQL로 원하는 데이터를 추출할 수 있는 분\n"
        "통계 기반 분석 경험 우대"
    )
    got = split_sections(text, taxonomy)
    assert [(line.section, line.rule) for line in got] == [
        ("duties", "korean_item_ending"),
        ("duties", "korean_item_ending"),
        ("required", "korean_item_ending"),
        ("preferred", "korean_item_ending"),
    ]


def test_joined_bullet_fields_whose_duties_end_in_plan_or_provide_words(taxonomy):
    # Duty items ending in 수립 / 제공 / 확대 (sections.yaml korean_item_endings.duties) keep a
    # joined bullet list of duties from reading as the asks, and the asks from reading as the
    # nice-to-haves after them.
    text = (
        "• 지역별 매출 분석 기반 운영 전략 수립\n"
        "• 주간 지표 해석과 실행 가능한 인사이트 제공\n"
        "• 데이터 기반 의사결정 문화 확대 • 데이터 분석 경력 5년 이상인 분\n"
        "• SQL 및 Tableau 활용 능력을 보유한 분 • 영어로 결과를 설명할 수 있는 분"
    )
    got = [line.section for line in split_sections(text, taxonomy)]
    assert got == ["duties", "duties", "duties", "required", "required", "preferred"]


def test_a_boards_listing_of_other_jobs_after_the_posting_is_other(taxonomy):
    # A headhunter page: the posting's two asks, then the board's notice and the recruiter's
    # other jobs with their own years and degrees (sections.yaml closing): not this job's asks.
    text = (
        "지원자격\n· 경력5년↑\n· 대졸이상\n"
        "본 채용정보는 무단 재배포를 금합니다\n"
        "김아무개 헤드헌터 다른 채용정보 12건\n"
        "[중견기업] 딥러닝 엔지니어\n경력2년↑ 초대졸↑ 서울"
    )
    got = [(line.section, line.text) for line in split_sections(text, taxonomy)]
    assert [t for s, t in got if s == "required"] == ["· 경력5년↑", "· 대졸이상"]
    assert got[-1] == ("other", "경력2년↑ 초대졸↑ 서울")


def test_a_preferred_heading_opening_the_requirements_field_is_a_mislabel(taxonomy):
    # The board has a preferred field of its own: a preferred heading pasted at the top of the
    # requirements field does not make them preferred; in the middle it still starts a part.
    fields = [
        ("required", "[이런 분이면 더 좋아요]\n• 컴퓨터공학 학사 이상\n• C++ 능숙"),
        ("preferred", "• 영상 압축 연구 경험"),
    ]
    got = lines_from_fields(fields, taxonomy)
    assert [(line.section, line.text) for line in got] == [
        ("required", "• 컴퓨터공학 학사 이상"),
        ("required", "• C++ 능숙"),
        ("preferred", "• 영상 압축 연구 경험"),
    ]
    assert got[0].rule == "mislabelled_field_heading"
    alone = lines_from_fields([("required", "[이런 분이면 더 좋아요]\n• C++ 능숙")], taxonomy)
    assert [line.section for line in alone] == ["preferred"]


@pytest.mark.parametrize(
    "line, start",
    [
        # an ask that ends for good, then a new item: two fields joined by a space
        ("보고서 작성 및 발표 능력 우수 Tableau 대시보드 구축 경험", "Tableau 대시보드 구축 경험"),
        ("통계 분석 경험 보유자 박사 학위 보유자", "박사 학위 보유자"),
        (
            "실험 결과를 정리하여 공유합니다. Spark 기반 처리 경력 3년 이상",
            "Spark 기반 처리 경력 3년 이상",
        ),
        # one item: a continuation, an item word after an item word, a figure, a duty phrase
        ("데이터 분석 역량 보유 및 시각화 경험", None),
        ("머신러닝 모델링 경험 보유자", None),
        ("추천 시스템 개발 경험 3년 이상", None),
        ("모델 학습 및 추론 파이프라인 구축", None),
        ("배치 처리 파이프라인 운영 경험", None),
    ],
)
def test_joined_korean_items(taxonomy, line, start):
    from pipelines.unglue import joined_items

    rules = taxonomy.sections
    at = joined_items(
        line,
        rules.korean_item_endings,
        tuple(rules.grammar["korean_item_finals"]),
        frozenset(rules.grammar["korean_continuations"]),
    )
    assert (None if at is None else line[at:]) == start


def test_fields_joined_without_bullets_or_headings_keep_their_order(taxonomy):
    # duties, then requirements, then nice-to-haves, each field's first line joined on to the
    # last line of the one before with a space; no bullets, no headings
    text = "\n".join(
        [
            "고객 이탈 예측 모델 개발",
            "마케팅 지표 대시보드 구축",
            "데이터 분석 경력 3년 이상",
            "SQL 활용 능력 우수 Airflow 운영 경험",
            "A/B 테스트 설계 경험",
        ]
    )
    got = [(line.section, line.text) for line in split_sections(text, taxonomy)]
    assert got == [
        ("duties", "고객 이탈 예측 모델 개발"),
        ("duties", "마케팅 지표 대시보드 구축"),
        ("required", "데이터 분석 경력 3년 이상"),
        ("required", "SQL 활용 능력 우수"),
        ("preferred", "Airflow 운영 경험"),
        ("preferred", "A/B 테스트 설계 경험"),
    ]


def test_korean_items_before_the_first_heading_are_not_a_company_intro(taxonomy):
    # a crawler dropped the first field's heading: "label: content" items, then a heading
    text = "\n".join(
        [
            "수집 자동화: Airflow 기반 배치 파이프라인 구축",
            "품질 관리: 적재 단계 검증 로직 구현",
            "[자격 요건]",
            "Spark 활용 경험",
        ]
    )
    got = {t: s for s, t in sections_of(text, taxonomy)}
    assert got["수집 자동화: Airflow 기반 배치 파이프라인 구축"] == "duties"
    assert got["품질 관리: 적재 단계 검증 로직 구현"] == "duties"
    assert got["Spark 활용 경험"] == "required"


def test_a_korean_company_intro_before_the_first_heading_stays_other(taxonomy):
    text = "\n".join(
        [
            "저희는 물류 데이터를 다루는 회사입니다.",
            "매년 새로운 시장을 개척하고 있습니다.",
            "[자격 요건]",
            "Spark 활용 경험",
        ]
    )
    got = sections_of(text, taxonomy)
    assert got[0][0] == "other" and got[1][0] == "other"
    assert ("required", "Spark 활용 경험") in got


def test_a_stack_block_is_other_unless_an_ask_introduces_its_list(taxonomy):
    text = (
        "Requirements\n"
        "- 3+ years of backend work\n"
        "- Experience with APIs\n"
        "Technologies we use\n"
        "Our teams pick their own editors.\n"
        "Nobody knows every tool on day one; you should be keen to pick up and use:\n"
        "Kafka, Flink and Postgres\n"
        "Terraform on AWS\n"
        "Tech stack\n"
        "Go, Redis, BigQuery"
    )
    assert sections_of(text, taxonomy)[2:] == [
        ("other", "Our teams pick their own editors."),
        (
            "required",
            "Nobody knows every tool on day one; you should be keen to pick up and use:",
        ),
        ("required", "Kafka, Flink and Postgres"),  # the ask above introduced the list
        ("required", "Terraform on AWS"),
        ("other", "Go, Redis, BigQuery"),  # a stack list on its own describes the place
    ]


def test_a_role_label_opens_a_block_read_by_its_duty_verbs(taxonomy):
    # a who-is-hiring comment: labels, no headings a reader of job boards would know
    text = (
        "Acme Robotics | Senior Engineer | Remote\n"
        "Stack: Python, Postgres\n"
        "Role: Integrate the planning service with our fleet, and ship it\n"
        "Contact: jobs at acme"
    )
    found = dict((t, s) for s, t in sections_of(text, taxonomy))
    assert found["Integrate the planning service with our fleet, and ship it"] == "duties"
    assert match_heading("Role", taxonomy) == ("role", "")


def test_inline_optional_label_in_a_list_labels_its_own_item(taxonomy):
    text = (
        "Requirements:\n- Three years of Python\n- Bonus: Rust in production\n"
        "- Clear writing for a remote team\n"
    )
    got = dict((t, s) for s, t in sections_of(text, taxonomy))
    assert got["Rust in production"] == "preferred"
    assert got["- Clear writing for a remote team"] == "required"
    assert got["- Three years of Python"] == "required"


def test_inline_optional_label_on_its_own_line_still_heads_what_follows(taxonomy):
    text = "Requirements:\n- Three years of Python\nNice to have: Rust\n- Go services\n"
    got = dict((t, s) for s, t in sections_of(text, taxonomy))
    assert got["Rust"] == "preferred"
    assert got["- Go services"] == "preferred"


def test_application_instruction_is_not_a_demand(taxonomy):
    text = "Requirements:\n- Three years of Python\nReach out with your resume and a GitHub link\n"
    got = dict((t, s) for s, t in sections_of(text, taxonomy))
    assert got["Reach out with your resume and a GitHub link"] == "other"


def test_hard_wrapped_optional_cue_reaches_its_sentence(taxonomy):
    text = (
        "About the job\n"
        "You will have deep experience in statistics and forecasting for retail demand.\n"
        "Exposure to graph neural networks and to Bayesian optimisation methods is\n"
        "a plus.\n"
    )
    got = sections_of(text, taxonomy)
    optional = [t for s, t in got if "graph neural" in t]
    assert optional and all(s == "preferred" for s, t in got if "graph neural" in t)


@pytest.mark.parametrize(
    "line, section",
    [
        ("We're looking for a backend engineer to grow our Kafka ingestion.", "duties"),
        ("Northwind Labs is seeking an analyst who will own our Tableau reporting.", "duties"),
        ("We are currently looking for an ML engineer to ship ranking models in Rust.", "duties"),
        ("We are looking for someone with deep Spark experience.", "required"),
        ("We're looking for a scientist with experience to build Spark jobs.", "required"),
    ],
)
def test_role_intro_sentence_is_the_work(taxonomy, line, section):
    got = sections_of(line + "\n", taxonomy)
    assert got[0] == (section, line)


def test_role_intro_leaves_the_rest_of_the_line_to_its_wording(taxonomy):
    text = (
        "We're looking for a backend engineer to grow our Kafka ingestion. Ideally you know Go.\n"
    )
    got = sections_of(text, taxonomy)
    assert got[0] == ("duties", "We're looking for a backend engineer to grow our Kafka ingestion.")
    assert got[1][1] == "Ideally you know Go." and got[1][0] != "duties"


def test_an_invitation_to_apply_after_a_list_is_not_part_of_it(taxonomy):
    # "…, we'd love to hear from you" closes the posting: the deep learning it names in
    # passing is not a bonus asked for, and the lines after it are the closing text too.
    text = (
        "Bonus points\nShipped a mobile app\n"
        "If you want to push deep learning into wearables, we'd love to hear from you.\n"
        "Apply through our site."
    )
    got = sections_of(text, taxonomy)
    assert got[0] == ("preferred", "Shipped a mobile app")
    assert [section for section, _ in got[1:]] == ["other", "other"]
    # the same words as a heading still open a list of asks
    assert match_heading("We'd love to hear from you if:", taxonomy) == ("required", "")


@pytest.mark.parametrize("heading", ["Relevant Keywords", "Keywords:", "Job tags"])
def test_a_keyword_list_at_the_end_is_other(taxonomy, heading):
    text = (
        "Responsibilities\n"
        "Build the forecasting service\n"
        f"{heading}\n"
        "Forecasting, Python, Kubernetes, remote, startup"
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "Build the forecasting service"),
        ("other", "Forecasting, Python, Kubernetes, remote, startup"),
    ]


@pytest.mark.parametrize("heading", ["Additional skills:", "Additional Qualifications"])
def test_an_additional_skills_list_with_no_optional_marker_is_required(taxonomy, heading):
    text = f"Requirements\n3+ years of Scala\n{heading}\nExperience using Jira and Git"
    assert sections_of(text, taxonomy) == [
        ("required", "3+ years of Scala"),
        ("required", "Experience using Jira and Git"),
    ]


def test_you_would_be_great_if_you_heads_the_requirements_even_glued(taxonomy):
    text = (
        "Responsibilities\n"
        "Run the training clusters at scaleYou'd Be Great If YouHave operated Slurm clusters\n"
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "Run the training clusters at scale"),
        ("required", "Have operated Slurm clusters"),
    ]


def test_korean_tool_label_and_application_notes_are_not_demand(taxonomy):
    # issue 16 (ko): a "업무 도구:" / "협업 툴" label lists the team's tools (environment), and a
    # "지원 시 참고 사항" block says what to send with an application (other)
    text = (
        "[담당업무]\n• 주문 데이터 마트 설계 및 운영\n• 업무 도구: Notion, Jira, GitHub\n"
        "[자격요건]\n• SQL 활용 경험이 있으신 분\n"
        "[지원 시 참고 사항]\n• 직접 만든 대시보드 캡처를 첨부해 주세요"
    )
    got = sections_of(text, taxonomy)
    assert ("duties", "• 주문 데이터 마트 설계 및 운영") in got
    assert ("required", "• SQL 활용 경험이 있으신 분") in got
    assert [section for section, line in got if "GitHub" in line] == ["other"]
    assert [section for section, line in got if "대시보드" in line] == ["other"]


def test_korean_lines_after_a_logistics_label_stay_other(taxonomy):
    # issue 16 (ko): under 유의사항 / 근무조건 a note that says 필수 or 우대 is about the
    # application or the law, not the job's asks; English lines after a label are still read
    text = (
        "자격요건\n- Python 개발 경험이 있으신 분\n유의사항\n"
        "- 2차 면접 때 작업물 링크와 포트폴리오 필수 제출\n- 보훈 대상자는 법령에 따라 우대합니다"
    )
    got = sections_of(text, taxonomy)
    assert ("required", "- Python 개발 경험이 있으신 분") in got
    assert [s for s, line in got if "포트폴리오" in line] == ["other"]
    assert [s for s, line in got if "보훈" in line] == ["other"]


@pytest.mark.parametrize(
    "line",
    [
        "- Conduct field studies on how drivers use the routing app",
        "- Utilize open tools and pretrained checkpoints to tune the ranking models",
        "- Prepare short briefs on each experiment for the planning group",
        "- Summarize what the pilot taught us for the next quarter",
    ],
)
def test_work_verbs_after_a_logistics_label_are_duties(taxonomy, line):
    # issue 16 (en): a job's work listed after a "Location:" label is read by its wording, and
    # conduct / utilize / prepare / summarize open a line of work as build or design do
    text = "Location:\n- Austin, two days a week on site\n" + line + "\n"
    assert (("duties", line)) in sections_of(text, taxonomy)


@pytest.mark.parametrize(
    "line, section",
    [
        # issue 16 (en): an ask said as "should be hands on with …" or "experience and passion
        # in …", and the work introduced by "responsibilities include"
        ("You should be hands on with graph databases and search ranking.", "required"),
        ("Experience and passion in shipping mobile games to millions of players.", "required"),
        ("Further responsibilities include running weekly forecast reviews.", "duties"),
    ],
)
def test_wording_in_an_unheaded_role_block(taxonomy, line, section):
    text = "About the role\n" + line + "\n"
    assert (section, line) in sections_of(text, taxonomy)


def test_a_preferred_bullet_that_says_the_position_requires_it_is_required(taxonomy):
    # issue 16 (en): under a preferred heading, "position requires" marks the item required
    text = (
        "Requirements\n- Three years of Python\n"
        "Preferred Qualifications\n- Experience with Julia\n"
        "- Position requires the ability to travel to field sites monthly\n"
    )
    got = sections_of(text, taxonomy)
    assert ("preferred", "- Experience with Julia") in got
    assert [s for s, line in got if "field sites" in line] == ["required"]


def test_edge_stripping_removes_what_the_lead_and_trail_patterns_remove():
    # `_strip_lead` matches once at 0 and `_strip_trail` reads the reversed text: the same
    # results as `_LEAD.sub` and a trailing-edge regex (its `$` also before a final newline).
    from pipelines.section_rules import _EDGE, _LEAD, _strip_lead, _strip_trail

    trail = re.compile(f"[{_EDGE}]+$")  # the regex `_strip_trail` replaced

    rng = random.Random(7)
    alphabet = "ab 1.2)#*•-:：!?\n\t\u00a0()【】가✅\U0001f600'\"x9"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert _strip_lead(text) == _LEAD.sub("", text), text
        assert _strip_lead(text) == _LEAD.sub("", text, count=1), text
        assert _strip_trail(text) == trail.sub("", text), text


def test_the_glyph_pre_test_keeps_the_glyph_matches():
    # Every bullet glyph is outside ASCII: an ASCII character is never one.
    from pipelines.unglue import _GLYPH_RE, _is_glyph

    rng = random.Random(8)
    for _ in range(20000):
        ch = chr(
            rng.choice(
                [rng.randint(0, 0x7F), rng.randint(0x2000, 0x2BFF), rng.randint(0x1F000, 0x1FBFF)]
            )
        )
        assert _is_glyph(ch) == bool(_GLYPH_RE.match(ch)), hex(ord(ch))
    assert not _is_glyph("")


@pytest.mark.parametrize(
    "glued, company, heading",
    [
        # the name again, glued: a name with capitals inside stays whole
        ("Kubernetes is a plus.About LumaGridLumaGrid is a maker of", None, "About LumaGrid"),
        ("Kubernetes is a plusAbout QuorraTechQuorraTech is a maker of", None, "About QuorraTech"),
        ("Kubernetes is a plus. About Fenwick Loom Fenwick Loom makes", None, "About Fenwick Loom"),
        # a word that opens an introduction
        ("Kubernetes is a plus!About HarborNestWe build software for", None, "About HarborNest"),
        ("Kubernetes is a plus.About Tessel Works Our mission is to", None, "About Tessel Works"),
        # the posting's employer, when neither is there
        (
            "Kubernetes is a plus.About OrbitalePlenty of teams lose",
            "Orbitale, Inc.",
            "About Orbitale",
        ),
        # its name without "Corporation", after a narrow no-break space
        (
            "Kubernetes is a plus.\u202fAbout Vellum Analytics Plenty of teams lose",
            "Vellum Analytics Corporation",
            "About Vellum Analytics",
        ),
    ],
)
def test_about_a_company_glued_to_its_introduction_ends_the_list(taxonomy, glued, company, heading):
    text = "Nice to have\nAirflow and dbt\nExperience with Spark, Kafka and " + glued
    text += " dashboards for hospitals across three states, using Snowflake and Looker."
    lines = split_sections(text, taxonomy, company=company)
    tail = next(ln for ln in lines if "Looker" in ln.text)
    assert (tail.section, tail.heading, tail.rule) == ("other", heading, "about_company:company")
    assert any(ln.section == "preferred" and "Kubernetes" in ln.text for ln in lines)


@pytest.mark.parametrize(
    "line, company",
    [
        # "About" inside a sentence
        ("We care About Python We use it daily in every team and most of our services.", None),
        # no name again, no opening word, no employer: the name's end is unknown
        ("Kubernetes is a plus.About Plenty Parcel Most teams lose hours each week to it.", None),
        # the employer's name only as the start of a longer word
        ("Kubernetes is a plus.About Acmeville Most teams lose hours each week to it.", "Acme"),
        # a listed heading keeps its own verdict
        ("Kubernetes is a plus.About the role We want people who ship models fast.", None),
    ],
)
def test_about_lookalikes_are_not_company_introductions(taxonomy, line, company):
    text = "Nice to have\nAirflow and dbt\n" + line
    lines = split_sections(text, taxonomy, company=company)
    assert not any(ln.rule.startswith("about_company") for ln in lines)


@pytest.mark.parametrize(
    "line, expected",
    [
        # a closing note that is only the marker marks the whole item
        ("• 추천 모델, GenAI 과제 경험 (우대)", [("preferred", "• 추천 모델, GenAI 과제 경험")]),
        ("- Spark streaming jobs (preferred)", [("preferred", "- Spark streaming jobs")]),
        # a note that names its own object marks only that object
        ("• 학사 이상 (석사 우대)", [("required", "• 학사 이상"), ("preferred", "석사 우대")]),
    ],
)
def test_a_bare_optional_note_closing_an_item_marks_the_item(taxonomy, line, expected):
    assert sorted(sections_of("자격요건\n" + line, taxonomy)) == sorted(expected)


@pytest.mark.parametrize("line", ["Were hiring", "Well", "Its"])
def test_a_lost_apostrophe_that_makes_another_word_makes_no_heading(line, taxonomy):
    # "we're" without its apostrophe is "were": a short phrase that becomes a word is no alias
    assert match_heading(line, taxonomy) is None


@pytest.mark.parametrize(
    ("item", "section", "rule"),
    [
        # an item that opens with its ask is asked, even when a work word follows
        ("- Ability to pick up unfamiliar tooling quickly", "required", "ask_opens_item"),
        (
            "- Strong experience with Kafka, used to design event streams",
            "required",
            "ask_opens_item",
        ),
        ("- Working knowledge of Terraform", "required", "ask_opens_item"),
        ("- Highly skilled in Rust", "required", "ask_opens_item"),
        # an item that opens with a work verb is the work, whatever it draws on
        (
            "- Apply your knowledge of query planning to speed up reports",
            "duties",
            "listed_heading",
        ),
        ("- Leveraging your expertise in search, improve ranking", "duties", "listed_heading"),
        ("- Provide the finance team with figures as required", "duties", "listed_heading"),
        ("- Proficiently utilizing two clouds to run batch jobs", "duties", "listed_heading"),
    ],
)
def test_an_item_under_duties_is_an_ask_when_it_opens_with_one(taxonomy, item, section, rule):
    text = f"Responsibilities\n- Maintain the nightly batch jobs\n{item}\n- Review pull requests"
    line = next(x for x in split_sections(text, taxonomy) if x.text == item)
    assert (line.section, line.rule) == (section, rule)


@pytest.mark.parametrize(
    ("text", "line", "section"),
    [
        # the company telling the candidate what the job gives them is other, wherever it sits
        (
            "Requirements\n- Experience with Airflow\n- You'll get to work beside our forecasting team",
            "- You'll get to work beside our forecasting team",
            "other",
        ),
        (
            "Responsibilities\n- Own the billing data model\n- We offer a yearly budget for courses",
            "- We offer a yearly budget for courses",
            "other",
        ),
        (
            "In this job you will have the opportunity to mentor two analysts.\nExperience with dbt.",
            "In this job you will have the opportunity to mentor two analysts.",
            "other",
        ),
        # an ask before the offer keeps the line an ask
        (
            "Requirements\n- Fluent Scala, which you'll get to use daily\n- Experience with Kafka",
            "- Fluent Scala, which you'll get to use daily",
            "required",
        ),
    ],
)
def test_an_offer_to_the_candidate_is_other(taxonomy, text, line, section):
    got = next(x for x in split_sections(text, taxonomy) if x.text == line)
    assert got.section == section
    if section == "other":
        assert got.rule == "offer_to_candidate"


@pytest.mark.parametrize(
    ("line", "section", "rule"),
    [
        # a sentence that tells the reader their work first is the work, whatever it draws on
        (
            "In this role you will tune our pricing models, drawing on your experience with Stan.",
            "duties",
            "wording_work_first",
        ),
        (
            "You'll build the alerting service using your knowledge of Go.",
            "duties",
            "wording_work_first",
        ),
        # a sentence that opens with its ask asks
        ("You'll have experience with Stan or PyMC.", "required", "wording_asks"),
        ("Experience with Stan is needed; you will use it daily.", "required", "wording_asks"),
    ],
)
def test_a_sentence_with_the_work_before_the_ask_is_a_duty(taxonomy, line, section, rule):
    text = f"About the role\n{line}\nRequirements\n- Python"
    got = next(x for x in split_sections(text, taxonomy) if x.text == line)
    assert (got.section, got.rule) == (section, rule)


def test_an_optional_weak_ask_before_the_first_heading_is_preferred(taxonomy):
    """Issue 16: in the lead of a posting with headings only strong asks count, but a line that
    marks itself optional ("… a plus") is an ask even when weakly worded; a company line with
    neither stays other."""
    text = (
        "* Must have strong experience with Python and SQL.\n"
        "* Background in vector search or ranking a plus\n"
        "* We are a small team of builders in Lisbon.\n"
        "Responsibilities\n"
        "* Build retrieval services for our catalogue"
    )
    got = dict((line, section) for section, line in sections_of(text, taxonomy))
    assert got["* Background in vector search or ranking a plus"] == "preferred"
    assert got["* We are a small team of builders in Lisbon."] == "other"


@pytest.mark.parametrize(
    "line",
    [
        "Careful testing habits and strong debugging skills desired.",
        "Prior Spark experience desired",
    ],
)
def test_skills_or_experience_desired_marks_a_requirement_optional(taxonomy, line):
    """Issue 16: "… skills / experience desired" closing a requirement marks it optional."""
    got = sections_of(f"Requirements\n- Three years of Python\n- {line}", taxonomy)
    assert [s for s, text in got if "desired" in text] == ["preferred"]
    assert [s for s, text in got if "Python" in text] == ["required"]


def test_an_item_saying_are_a_must_inside_the_preferred_list_is_required(taxonomy):
    # dev7: the preferred list of a run-together posting ends with traits the employer calls
    # "a must": that item is asked, the others stay optional
    text = (
        "Requirements\nThree years of SQL\nPython for data work\n"
        "Preferred Qualifications\nExposure to Airflow\nExperience with Kafka is a plus\n"
        "Clear writing and punctuality are a must"
    )
    assert sections_of(text, taxonomy)[-3:] == [
        ("preferred", "Exposure to Airflow"),
        ("preferred", "Experience with Kafka is a plus"),
        ("required", "Clear writing and punctuality are a must"),
    ]


def test_a_heading_word_ending_a_phrase_before_its_list_is_not_a_glued_heading(taxonomy):
    # dev7: "Technologies" is an environment heading, but here it ends the phrase "Big Data
    # Technologies" and its parenthesis lists what the requirement asks for
    text = (
        "Requirements\n● Experience with Streaming Technologies (Kafka, Flink and the like)\n"
        "● Comfortable in Python"
    )
    assert sections_of(text, taxonomy) == [
        ("required", "● Experience with Streaming Technologies (Kafka, Flink and the like)"),
        ("required", "● Comfortable in Python"),
    ]


def test_your_day_describes_the_work(taxonomy):
    # dev7: "your day (to day)" names the reader's work as "your job" does
    text = "About the role\nYour day to day mixes survey design with churn modeling.\nWe sell maps."
    assert sections_of(text, taxonomy)[0] == (
        "duties",
        "Your day to day mixes survey design with churn modeling.",
    )


def test_here_are_the_things_we_look_for_heads_the_asks(taxonomy):
    # dev7: a short question, then "here are a few things (that) we look for:"; "here is how
    # we work" stays the company's
    text = (
        "Want to help? Here are a few things that we look for:\nComfort with Python\n"
        "Some Spark exposure"
    )
    assert [s for s, _ in sections_of(text, taxonomy)] == ["required", "required"]
    assert match_heading("Here is how we work:", taxonomy) is None


def test_a_bare_description_heading_is_read_by_wording(taxonomy):
    # dev7: "Description:" heads the role text as "Job Description" does; "the position
    # involves …" describes the work
    assert match_heading("Description:", taxonomy) == ("role", "")
    text = (
        "Requirements\nPython\nDescription:\n"
        "The position involves forecasting demand for our stores.\nWe are a retailer."
    )
    assert ("duties", "The position involves forecasting demand for our stores.") in (
        sections_of(text, taxonomy)
    )


def test_a_board_skill_field_is_read_by_its_wording(taxonomy):
    # JobKorea's older template prints the employer's skill tags under "스킬" between the
    # duties and the requirements: a bare tag list is no ask, a list of asks still is.
    def text(skill_line):
        return "\n".join(
            [
                "담당업무",
                "ㆍ고객 데이터 정리 및 리포트 작성",
                "스킬",
                skill_line,
                "자격요건",
                "ㆍ대졸 이상",
            ]
        )

    tags = sections_of(text("ㆍExcel, Photoshop, Microsoft Office"), taxonomy)
    assert tags[1] == ("other", "ㆍExcel, Photoshop, Microsoft Office")
    asks = sections_of(text("ㆍPython 기반 데이터 처리 경험"), taxonomy)
    assert asks[1] == ("required", "ㆍPython 기반 데이터 처리 경험")
    assert tags[0][0] == asks[0][0] == "duties" and tags[2][0] == asks[2][0] == "required"


def test_labelled_documents_to_submit_are_not_asks(taxonomy):
    # "- 필수: …" under 제출 서류 labels the documents an applicant sends, not requirements
    text = "\n".join(
        [
            "자격요건",
            "- Kafka 운영 경험 2년 이상",
            "제출 서류",
            "- 필수: 이력서, 자기소개서",
            "- 선택: 포트폴리오, GitHub 링크",
        ]
    )
    assert sections_of(text, taxonomy) == [
        ("required", "- Kafka 운영 경험 2년 이상"),
        ("other", "- 필수: 이력서, 자기소개서"),
        ("other", "- 선택: 포트폴리오, GitHub 링크"),
    ]


def test_a_bracketed_title_opening_a_known_block_stays_in_it(taxonomy):
    # a table's work cell often opens with the opening's own title in brackets
    text = "\n".join(
        [
            "담당업무",
            "[회원 데이터 운영]",
            "회원 데이터 정제 및 Tableau 리포트 제작",
            "자격요건",
            "SQL 활용 경험 3년 이상",
        ]
    )
    assert sections_of(text, taxonomy) == [
        ("duties", "[회원 데이터 운영]"),
        ("duties", "회원 데이터 정제 및 Tableau 리포트 제작"),
        ("required", "SQL 활용 경험 3년 이상"),
    ]


# --- issue 16 (en): the scope of an inline optional marker -----------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        # a bracket that holds only the marker governs the ask right before it
        (
            "BS in Economics, Master's degree (preferred), two years of SQL reporting",
            [
                ("required", "BS in Economics, , two years of SQL reporting"),
                ("preferred", "Master's degree"),
            ],
        ),
        (
            "Ph.D. (preferred) in Physics or a related science",
            [("required", "in Physics or a related science"), ("preferred", "Ph.D.")],
        ),
        # a tool so marked is the preferred choice inside its ask: the ask stays whole
        (
            "Fluency in Go (preferred) or Java for backend services",
            [
                ("required", "Fluency in Go or Java for backend services"),
                ("preferred", "preferred"),
            ],
        ),
        # a bracket with its own words governs those words (unchanged)
        (
            "3+ years writing Rust services (Kafka experience preferred) for payments",
            [
                ("required", "3+ years writing Rust services for payments"),
                ("preferred", "Kafka experience preferred"),
            ],
        ),
    ],
)
def test_a_bracketed_marker_governs_the_item_before_it(taxonomy, line, expected):
    got = sections_of(f"Requirements\n{line}", taxonomy)
    assert [(section, " ".join(text.split())) for section, text in got] == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        # the marker closes a comma list of asks: only the last ask is optional
        (
            "Experience shipping Scala services, familiarity with Flink is advantageous.",
            [
                ("required", "Experience shipping Scala services"),
                ("preferred", "familiarity with Flink is advantageous."),
            ],
        ),
        # a clause of the marker alone governs the clause before it
        (
            "Knowledge of query languages (e.g. SQL, Hive), dashboard design experience, a plus",
            [
                ("required", "Knowledge of query languages (e.g. SQL, Hive)"),
                ("preferred", "dashboard design experience, a plus"),
            ],
        ),
        # a list of tools is one ask: the marker governs all of it
        (
            "Experience with Snowflake, BigQuery or Redshift is a plus",
            [("preferred", "Experience with Snowflake, BigQuery or Redshift is a plus")],
        ),
        # a marker inside the last clause's bracket governs the bracket, not the clause
        (
            "Bachelor's degree in economics, or 3+ years of analytics work (MBA preferred)",
            [
                ("required", "Bachelor's degree in economics, or 3+ years of analytics work"),
                ("preferred", "MBA preferred"),
            ],
        ),
    ],
)
def test_a_marker_closing_a_list_of_asks_governs_the_last_ask(taxonomy, line, expected):
    got = sections_of(f"Requirements\n{line}", taxonomy)
    assert sorted(got) == sorted(expected)


def test_an_acronym_before_a_full_stop_ends_the_sentence(taxonomy):
    line = "Lab practice with assays such as ELISA and PCR. Exposure to flow cytometry is a plus"
    assert sections_of(f"Requirements\n{line}", taxonomy) == [
        ("required", "Lab practice with assays such as ELISA and PCR."),
        ("preferred", "Exposure to flow cytometry is a plus"),
    ]


def test_bullets_joined_by_a_space_keep_each_markers_scope(taxonomy):
    # the second joined bullet closes with ", a plus": it governs its last clause only
    line = (
        "Hands-on experience with Terraform and Ansible in production settings for years "
        "Knowledge of scripting languages (e.g. Bash, Perl), compiler experience, a plus"
    )
    got = sections_of(f"Requirements\n{line}", taxonomy)
    assert ("preferred", "compiler experience, a plus") in got
    assert ("required", "Knowledge of scripting languages (e.g. Bash, Perl)") in got


def test_a_marker_in_a_line_read_by_wording_governs_its_own_part(taxonomy):
    text = (
        "Acme | Data Engineer | Remote\n"
        "You will build ingestion jobs on AWS (preferred), feeding the reporting layer.\n"
        "Security clearance strongly preferred "
        "Experience with Airflow and dbt in production pipelines that serve finance teams daily\n"
        "You have 4+ years of experience with Python.\n"
        "Dagster is a plus."
    )
    got = [(section, " ".join(line.split())) for section, line in sections_of(text, taxonomy)]
    # the bracketed marker names a preferred choice: the duty stays a duty, with its tool
    assert ("duties", "You will build ingestion jobs on AWS , feeding the reporting layer.") in got
    assert ("preferred", "preferred") in got
    assert ("preferred", "Security clearance strongly preferred") in got
    assert (
        "required",
        "Experience with Airflow and dbt in production pipelines that serve finance teams daily",
    ) in got
    assert ("preferred", "Dagster is a plus.") in got


def test_a_bracket_closes_a_joined_bullet(taxonomy):
    # two bullets joined by a space after a bracket of names: the second is an ask of its own
    line = (
        "Familiarity with stream processors is a plus (e.g. Kafka, Pulsar) "
        "Experience operating relational databases under heavy write load for several years"
    )
    assert sections_of(f"Requirements\n{line}", taxonomy) == [
        ("preferred", "Familiarity with stream processors is a plus (e.g. Kafka, Pulsar)"),
        (
            "required",
            "Experience operating relational databases under heavy write load for several years",
        ),
    ]


def test_the_clause_cut_leaves_brackets_whole(taxonomy):
    # a line that marks one thing required and another optional is cut into clauses, but not
    # at the commas of a bracket
    line = "Go required, Rust (or C, C++) nice to have"
    got = sections_of(f"Requirements\n{line}", taxonomy)
    assert ("required", "Go required") in got
    assert ("preferred", "Rust (or C, C++) nice to have") in got


@pytest.mark.parametrize(
    "line, required, preferred",
    [
        # "preferably X" governs X, even after a short head that is an ask of its own
        ("B.A., preferably M.A. in Linguistics", "B.A.", "preferably M.A. in Linguistics"),
        ("MSc, ideally a PhD in Optics", "MSc", "ideally a PhD in Optics"),
    ],
)
def test_an_adverb_after_a_short_degree_leaves_the_degree_required(
    taxonomy, line, required, preferred
):
    assert sections_of(f"Requirements\n{line}", taxonomy) == [
        ("required", required),
        ("preferred", preferred),
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        # a preferred heading glued on to the end of an ask names the next list, not the ask
        (
            "Query engines (e.g. Trino, Presto) and Preferred Qualifications",
            [
                ("required", "Query engines (e.g. Trino, Presto)"),
                ("preferred", "Preferred Qualifications"),
            ],
        ),
        # the same words as the line's own marker: the line is optional
        (
            "Hands-on work with Terraform modules is a Nice To Have",
            [("preferred", "Hands-on work with Terraform modules is a Nice To Have")],
        ),
    ],
)
def test_a_preferred_heading_glued_to_the_end_of_a_line(taxonomy, line, expected):
    assert sections_of(f"Requirements\n{line}", taxonomy) == expected
