"""Issue 16: the recurring judgement calls settled in eval/ANNOTATION.md (Issue 16 conventions).

Every development set follows these; the extractor must too. The lines are our own wording.
"""

from __future__ import annotations

import pytest

from pipelines.sections import Line
from pipelines.skills import extract_skills


def skills_in(text, taxonomy, section="required"):
    return {m.id for m in extract_skills([Line(text, section)], taxonomy)}


@pytest.mark.parametrize(
    "text, section, skill",
    [
        # data mining names data_analysis, in either language
        ("Hands-on data mining of large clickstream logs", "required", "data_analysis"),
        ("대규모 로그 데이터 마이닝 경험", "preferred", "data_analysis"),
        ("데이터마이닝 관련 프로젝트 경험자", "preferred", "data_analysis"),
        # analysis of metrics, funnels, retention or cohorts
        ("가입 퍼널 분석 및 개선", "duties", "data_analysis"),
        ("리텐션·재방문 분석 경험이 있는 분", "preferred", "data_analysis"),
        ("주간 운영 지표 분석", "duties", "data_analysis"),
        # a model's performance validated
        ("예측 모델 성능 검증 및 배포", "duties", "model_evaluation"),
        # products the taxonomy lists under a skill
        ("Pipelines landing into Redshift and Hive", "required", "data_warehouse"),
        ("Reports built in Business Objects", "required", "data_visualization"),
        ("Packages written in SSIS", "required", "etl"),
        ("Flows running on Apache NiFi", "preferred", "etl"),
        ("Predictive models such as GLMs and boosted trees", "required", "regression"),
        ("Classifiers such as SVMs and boosted trees", "required", "machine_learning"),
        ("Comfort with feature selection on wide tables", "required", "feature_engineering"),
        # data-analysis tools used
        ("SQL, Python 등 데이터 분석 도구 활용 경험", "preferred", "data_analysis"),
        # a Language: English item of a qualifications list
        ("Language: English", "preferred", "english"),
        ("Languages: Spanish, English", "required", "english"),
        # design of experiments named as a method, lab or product
        ("Working knowledge of design of experiments for process trials", "required", "ab_testing"),
    ],
)
def test_convention_names_the_skill(taxonomy, text, section, skill):
    assert skill in skills_in(text, taxonomy, section)


@pytest.mark.parametrize(
    "text, section, skill",
    [
        # a framework the taxonomy does not list names no field
        ("Training jobs written in MXNet", "required", "deep_learning"),
        # a team project is a project record; collaboration tools are a label
        ("팀 프로젝트 경험이 두 번 이상 있는 분", "required", "teamwork"),
        ("팀 프로젝트 경험 또는 협업 도구 사용 경험", "required", "teamwork"),
        # growth names no learning
        ("누구보다 빠르게 성장하고 싶은 분", "preferred", "learning_agility"),
        ("지속적으로 성장을 추구하는 분", "required", "learning_agility"),
        # a tool being built is not the analysing skill
        ("사내 분석 시스템 기획 및 고도화", "duties", "data_analysis"),
        # hardware performance checked by running models
        ("NPU 가속기의 AI 모델 기반 성능 검증", "duties", "model_evaluation"),
        # the language a posting is written in, outside the qualifications
        ("Language: English", "other", "english"),
    ],
)
def test_convention_does_not_name_the_skill(taxonomy, text, section, skill):
    assert skill not in skills_in(text, taxonomy, section)


def test_learning_named_beside_growth_still_counts(taxonomy):
    assert "learning_agility" in skills_in("꾸준히 학습하며 성장하려는 분", taxonomy, "preferred")


@pytest.mark.parametrize(
    "text, section, present",
    [
        ("Solid cohort analysis and funnel analysis skills", "required", True),
        ("월별 구매 코호트(Cohort) 분석 및 리포트", "duties", True),
        # an analysis named only as what to go beyond is contrasted, not asked
        ("단순 지표 분석보다 원인을 구조적으로 고민하는 분", "required", False),
    ],
)
def test_metric_analysis_and_data_exploration(taxonomy, text, section, present):
    assert ("data_analysis" in skills_in(text, taxonomy, section)) is present
