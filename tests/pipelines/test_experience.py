"""Years of experience, newcomer and degree from requirement lines (CONTRACT §7)."""

from __future__ import annotations

import pytest

from pipelines.education import degree_from_hint, extract_degree
from pipelines.experience import extract_experience


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["경력 3년 이상"], (3, None, False)),
        # newcomers up to N years, and at most N years, are 0 to N (eval/ANNOTATION.md)
        (["신입~4년"], (0, 4, True)),
        (["(신입 ~ 경력 8년)"], (0, 8, True)),
        (["경력 4년 이하"], (0, 4, True)),
        (["신입 또는 경력 2년 미만"], (0, 2, True)),
        (["3~5년 경력"], (3, 5, False)),
        (["5년차 이상 개발 경험"], (5, None, False)),
        (["신입"], (0, None, True)),
        # 신입 turned away opens nothing to newcomers
        (["경력 2년 이상 (신입 지원 불가)"], (2, None, False)),
        (["관련 경력 4년 이상, 신입은 제외"], (4, None, False)),
        (["신입/경력 무관"], (None, None, True)),  # 경력 무관 wins unless the title says 신입
        (["경력 무관"], (None, None, True)),
        (["데이터 분석가 (신입)"], (0, None, True)),
        (["3+ years of experience with Python"], (3, None, False)),
        (["At least 5 years of industry experience"], (5, None, False)),
        (["2-4 years of experience"], (2, 4, False)),
        (["Two years of professional experience"], (2, None, False)),
        (["5+ years of ML; 3+ years of Kubernetes"], (3, None, False)),
        (["BS + 10 years, MS + 7 years, or PhD + 5 years of experience"], (10, None, False)),
        (
            ["4 years of experience with a Bachelor's degree or 2 years with an advanced degree"],
            (4, None, False),
        ),
        (["Bachelor's in CS or related field3+ years experience in ML"], (3, None, False)),
        (["Degree in Mathematics or related field.5+ years of experience in ML"], (5, None, False)),
        (["3.5 years of experience with Spark"], (None, None, None)),  # not 5 years
        (["BS in statistics with eight (8) years of experience"], (8, None, False)),
        (["Up to 3 years of experience in analytics"], (0, 3, True)),
        (["Entry level, new grads welcome"], (None, None, True)),
        (["A 4-year degree in Computer Science"], (None, None, None)),
        (["창립 10년 된 회사, 2024년 설립"], (None, None, None)),
        (["Python 능숙"], (None, None, None)),
        # screening questions, as Indeed lists them: the smallest figure
        (["Java: 3 years (Required)", "PostgreSQL and SQL: 2 years (Required)"], (2, None, False)),
        (["Contract length: 2 years"], (None, None, None)),
        # a degree alone is another way in: the years are asked, newcomers unknown, not ruled out
        (["관련 분야 석사 학위 혹은 2년 이상 경력 보유"], (2, None, None)),
        (["학사 혹은 2년"], (2, None, None)),
        # the kind of experience before the years: still the alternative to the degree
        (["전산 관련 학사 학위 또는 관련 경력 3년 이상"], (3, None, None)),
        (["BS or 2 years of experience in analytics"], (2, None, None)),
        (["STEM PhD, or 3–4 years of experience"], (3, 4, None)),
        (["PhD, or MS with 2+ years of experience"], (2, None, None)),
        (["2년 이상의 서비스 개발 경험 또는 관련 석사 학위"], (2, None, None)),
        (["석/박사 또는 상응 경력"], (None, None, None)),
        # …but years asked beside a degree, or on another line, still rule newcomers out
        (["학사 이상, 경력 2년 이상"], (2, None, False)),
        (
            ["5+ years in industry, holding a bachelor's degree or master's degree"],
            (5, None, False),
        ),
        (["BS or 2 years of experience", "5+ years of Python"], (2, None, False)),
        # a smaller figure in brackets after the years, the word "years" left unsaid
        (["6+ years in software (2+ in ML ranking systems)"], (2, None, False)),
        (["4+ years of experience (team of 8+ engineers)"], (4, None, False)),
        # the path with the lowest degree, even when its clause names several degrees
        (["A BA with 4 years of practice, or an MS/PhD with 2 years"], (4, None, False)),
        # a path without the degree is the lowest one: its years are the minimum
        (
            ["3 years of research with a doctorate; 6 years of industry work otherwise"],
            (6, None, False),
        ),
        (
            ["A master's degree and 2 years of work experience, or 5 years without a degree"],
            (5, None, False),
        ),
        # dev6: a list of fields ending "or related area" is no second path; the degree's
        # years follow it
        (
            [
                "BSc in physics, chemistry, or a close field with nine (9) years of practice; "
                "or MSc in the same fields with six (6) years; or PhD with three (3) years"
            ],
            (9, None, False),
        ),
        # years beside no degree, then "or" a higher degree with fewer: the first is the
        # path without that degree
        (
            [
                "Optics, Robotics, or Controls with at least 7 years of work experience or "
                "MS/PhD in one of them with 3 years of work experience"
            ],
            (7, None, False),
        ),
        (
            [
                "5 years of work experience with a BA or at least 3 years of work experience "
                "with a graduate degree (MSc, MBA) or 2 years with a doctorate"
            ],
            (5, None, False),
        ),
        (
            ["BS with 6+ years (or) MS with 4+ years (or) PhD with 2+ years of work experience"],
            (6, None, False),
        ),
        # one degree a line: the lines form one ask, the lowest degree's years (§7)
        (
            [
                "Candidates hold one of:",
                "Bachelor's degree in Geology with 9+ years of field experience",
                "Master's degree in Geology with 6+ years of field experience",
            ],
            (9, None, False),
        ),
        (
            [
                "PhD in Biology (with 2 - 5 years of lab experience)",
                "MS in Biology (with 5-7 years of lab experience)",
                "BS in Biology (with 7-10 years of lab experience)",
            ],
            (7, 10, False),
        ),
        # a degree line that also asks other years is no rung: the smallest figure stands
        (
            [
                "Bachelor's degree with 4+ years of design work and 5+ years of testing work",
                "Master's degree and 3+ years of testing work",
                "PhD and 1+ years of testing work, plus 2+ years with the lab tools",
            ],
            (1, None, False),
        ),
        (["Skills*Python*5+ years building data pipelines*SQL"], (5, None, False)),
        (["5년 이상 10년 이하의 데이터 분석 경력"], (5, 10, False)),
        (["커머스 실무 경험 4년 이상 ~ 8년 미만"], (4, 8, False)),
        (["- 프로젝트 리딩 경험 (필수, 4年 이상)"], (4, None, False)),
        # a label and its colon: still "경력 무관" (newcomer yes, no minimum)
        (["경력 : 무관 (신입 지원 가능)"], (None, None, True)),
        # one opening takes any experience, another asks a year: the smallest ask is none
        (["백엔드: 경력 무관", "프론트엔드: 웹 개발 경력 1년 이상"], (None, None, True)),
        # the company's or the team's years, not the candidate's
        (["With over 3 years of successful operation, we build tools"], (None, None, None)),
        (["Our team has an average experience of 14+ years"], (None, None, None)),
        # dev7: "plus" spelled out after the figure
        (["Six plus years of hands-on analytics work in retail"], (6, None, False)),
        (["3 plus years building forecasting models"], (3, None, False)),
    ],
)
def test_years_and_newcomer(lines, expected):
    got = extract_experience(lines)
    assert (got.min_years, got.max_years, got.newcomer_ok) == expected


def test_a_college_hire_is_open_to_newcomers():
    assert extract_experience(["Python"], title="College Hire - Data Scientist").newcomer_ok


def test_newcomer_title_gives_zero_years_even_with_experience_irrelevant():
    got = extract_experience(["경력 무관"], title="데이터 분석가 (신입)")
    assert (got.min_years, got.newcomer_ok) == (0, True)


def test_board_hints_apply_only_when_the_text_is_silent():
    assert extract_experience(["Python"], hint_min=2, hint_max=5).min_years == 2
    assert extract_experience(["경력 4년 이상"], hint_min=2).min_years == 4
    assert extract_experience(["Python"], hint_newcomer=True).newcomer_ok is True


@pytest.mark.parametrize(
    "lines, degree",
    [
        (["학사 이상"], "bachelor"),
        (["컴퓨터공학 석사 이상"], "master"),
        (["박사 학위 소지자"], "phd"),
        (["학력 무관"], "none"),
        # a board's "학력 : 없음" line: no education asked
        (["학력 : 없음"], "none"),
        (["학력 제한 없음"], "none"),
        (["BS in Computer Science or related field"], "bachelor"),
        (["MS or PhD in Machine Learning"], "master"),
        (["BS/MS in CS"], "bachelor"),
        (["PhD required"], "phd"),
        (["Bachelor's degree or equivalent experience"], "bachelor"),
        (["Degree in a quantitative field or equivalent experience"], None),
        (["Advanced MS Office skills"], None),
        (["Scrum master certification"], None),
        (["전문학사 이상"], "associate"),
        (["High school diploma or GED"], "high_school"),
        # years or a degree, the years first, after a bullet: the degree is one way in
        (["• 2년 이상의 서비스 개발 경험 또는 관련 석사 학위 이상"], None),
        (["- 3+ years of industry experience or a Master's degree"], None),
        (["관련 분야 석사 학위 혹은 2년 이상 경력 보유"], None),
        (["학사 혹은 2년"], None),
        (["전산 관련 학사 학위 또는 관련 경력 3년 이상"], None),
        (["학사 이상, 관련 경력 3년 이상"], "bachelor"),
        (["- 통계 관련 전공자 (학/석사)"], "bachelor"),
        (["학력: 공과대학 관련 학부 졸업자"], "bachelor"),
        (["STEM PhD, or 3–4 years of experience"], None),
        # a degree or more degree with years: the lowest degree is still asked
        (["PhD, or MS with 2+ years of experience"], "master"),
        # "or equivalent experience" after a level keeps the level (CONTRACT §7)
        (["석/박사 또는 상응 경력"], "master"),
        (["Top tier undergrad degree in a technical field"], "bachelor"),
        (
            [
                "A doctorate or another graduate degree in a nearby field. Other candidates with "
                "three years of applied work will also be looked at"
            ],
            None,
        ),
        (["MS or PhD in machine learning; or 3 years of industry experience"], None),
        # a degree that is one path beside a path without it is not a minimum
        (["3 years of research with a doctorate; 6 years of industry work otherwise"], None),
        (["You would join a scrappy team of ML Ph.D.s and engineers"], None),
        # "master" as a verb is no degree; a college education is a bachelor's
        (["Able to quickly master internal tooling and workflows"], None),
        (["College education required, plus two years in finance"], "bachelor"),
        # a student as the other way in: the degree is not a minimum
        (["전산 계열 학사 이상 또는 연구 경험이 있는 대학원 진학 예정 학생"], None),
        (["학력: 학사 졸업 or 재학 중"], None),
        (["BS in statistics, or current students in a related program"], None),
        # an expected graduate is still the degree's level (eval/ANNOTATION.md)
        (["학사 이상 (졸업 예정자 가능)"], "bachelor"),
        # dev7: the abbreviation with its last full stop dropped is still the degree
        (["B.S, M.S or Ph.D in physics or a related science"], "bachelor"),
        (["Enrolled in an M.S or PhD programme in applied math"], "master"),
        (["U.S based, M.S in Operations Research"], "master"),
        # a labelled "any education" line, beside another opening's bachelor: the lowest is none
        (["학력 : 무관", "학력 : 학사이상"], "none"),
        # BA naming the business-analyst job is no degree; BA as a degree still is
        (["요구사항 정의 등 BA(Business Analyst) 역할 수행 경험"], None),
        (["BA (Business Administration) or related degree"], "bachelor"),
    ],
)
def test_degree(lines, degree):
    assert extract_degree(lines) == degree


@pytest.mark.parametrize(
    "name, degree",
    [
        ("대학교졸업(4년) 이상", "bachelor"),
        ("학력무관", "none"),
        ("석사졸업 이상", "master"),
        (None, None),
    ],
)
def test_degree_from_board_field(name, degree):
    assert degree_from_hint(name) == degree


def test_not_degree_blanked_only_where_its_words_are():
    """`_NOT_DEGREE` runs on lines holding its words; elsewhere degree_mentions is unchanged."""
    from pipelines.education import _NOT_DEGREE_NEEDS, degree_mentions

    assert _NOT_DEGREE_NEEDS
    assert degree_mentions("Skilled with MS Excel and dashboards") == []
    assert degree_mentions("Our crew includes a team of PhDs") == []
    assert {d for d, _ in degree_mentions("MS in Statistics, or a PhD")} == {"master", "phd"}
