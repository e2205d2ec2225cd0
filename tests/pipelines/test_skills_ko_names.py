"""Korean names of skills that the English aliases already cover (dev6 Korean families).

Each line is written for this test; the comment says which spelling it stands for."""

from __future__ import annotations

import pytest

from pipelines.sections import Line
from pipelines.skills import extract_skills


def skills_in(text, taxonomy, section="required"):
    return {m.id for m in extract_skills([Line(text, section)], taxonomy)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # image processing in its loanword spelling, and medical imaging
        ("이미지 프로세싱 알고리즘을 직접 구현해 본 분", "computer_vision"),
        ("의료영상 기반 판독 보조 모델 개발 경험", "computer_vision"),
        # a vision model named half in English
        ("문서 인식용 Vision 모델 고도화", "computer_vision"),
        ("Experience shipping a vision model to mobile", "computer_vision"),
        # image processing listed with another medium before 처리
        ("이미지/비디오 처리 관련 프로젝트 경험", "computer_vision"),
        ("이미지 or 신호 처리 경험이 있으신 분", "computer_vision"),
        ("영상 및 신호 처리 알고리즘 개발", "computer_vision"),
        ("영상, 음성, 텍스트 처리 기술 연구", "computer_vision"),
        # semantic segmentation in Korean
        ("의미론적 객체 분할 프로젝트 참여 경험", "computer_vision"),
        # feature engineering written half in English
        ("Feature 엔지니어링 파이프라인 운영", "feature_engineering"),
        # a team player asked for, as a trait
        ("팀 플레이어로서 동료의 성장을 돕는 분", "teamwork"),
        # distributed processing systems are distributed computing
        ("Spark 기반 분산처리 시스템 구축 경험", "distributed_computing"),
        # CI right after tests is continuous integration
        ("단위 테스트와 CI 환경을 갖춰 본 경험", "ci_cd"),
        ("Comfortable with unit tests and CI for every change", "ci_cd"),
    ],
)
def test_korean_names_are_found(taxonomy, text, expected):
    assert expected in skills_in(text, taxonomy)


@pytest.mark.parametrize(
    "text, absent",
    [
        # a signal alone is not an image: only the image medium makes it vision
        ("음성 및 신호 처리 기반 잡음 제거", "computer_vision"),
        # CI alone with no tests or other tool beside it stays unread (corporate identity)
        ("회사 CI 리뉴얼 디자인 작업", "ci_cd"),
    ],
)
def test_korean_lookalikes_are_not_skills(taxonomy, text, absent):
    assert absent not in skills_in(text, taxonomy)


@pytest.mark.parametrize(
    "text",
    [
        # a model benchmarked, or measured by metrics, is a model evaluated
        "공개 인식 모델 벤치마크 및 비교",
        "모델 성능에 대한 정량 메트릭 설계",
        # AI trained, then evaluated, as stages of one list
        "데이터 정제, 인공지능 학습, 평가까지 담당",
        "AI 모델 학습/검증 자동화",
    ],
)
def test_model_evaluation_in_korean_words(taxonomy, text):
    assert "model_evaluation" in skills_in(text, taxonomy, "duties")


def test_business_model_metrics_are_not_model_evaluation(taxonomy):
    # a business model's numbers, with no benchmark or metric of a model
    assert "model_evaluation" not in skills_in("수익 모델 설계 및 KPI 관리", taxonomy, "duties")


def test_deep_and_machine_learning_written_as_one_word(taxonomy):
    found = skills_in("PyTorch, DeepLearning, MachineLearning 기반 개발", taxonomy)
    assert {"deep_learning", "machine_learning"} <= found
    # a course provider of that name is not the skill
    assert "deep_learning" not in skills_in("Certificates from DeepLearning.AI", taxonomy)


@pytest.mark.parametrize(
    "text",
    ["대규모 언어모델 응용 경험", "대규모언어 모델 응용 경험", "대규모언어모델 응용 경험"],
)
def test_korean_alias_matches_with_any_of_its_spaces_left_out(taxonomy, text):
    # the alias is written "대규모 언어 모델"; Korean spacing varies from writer to writer
    assert "llm" in skills_in(text, taxonomy)


def test_spacing_variants_of_a_korean_alias():
    from pipelines.taxonomy import _spacings

    assert _spacings("심층 강화 학습") == ["심층강화학습", "심층 강화학습", "심층강화 학습"]


def test_hugging_face_libraries_listed_together(taxonomy):
    assert "hugging_face" in skills_in(
        "파인튜닝 라이브러리 사용 경험 (transformers, peft 등)", taxonomy
    )
    assert "hugging_face" in skills_in(
        "Tuning with Unsloth, Transformers, TRL or similar", taxonomy
    )
    # the architecture beside other architectures is not the library
    assert "hugging_face" not in skills_in("CNNs, transformers, and GANs for images", taxonomy)


@pytest.mark.parametrize(
    "text, found",
    [
        # an optimization problem or model, or optimization beside statistics as a method
        ("물류 경로 최적화 문제를 정식화하고 풀어 본 경험", True),
        ("확률, 최적화 등 수리적 기초가 탄탄한 분", True),
        ("재고 최적화 모델 구축", True),
        # making code or inference faster is not mathematical optimization
        ("추론 속도 최적화 및 경량화", False),
    ],
)
def test_optimization_in_korean_words(taxonomy, text, found):
    assert ("optimization" in skills_in(text, taxonomy)) is found


def test_whisper_the_speech_model(taxonomy):
    assert "speech_recognition" in skills_in("Whisper 모델 파인튜닝 경험", taxonomy)
    # the everyday verb is not the model
    assert "speech_recognition" not in skills_in("No need to whisper your ideas here", taxonomy)


def test_ocr_alone_is_not_computer_vision(taxonomy):
    # eval/ANNOTATION.md: OCR alone is not computer_vision; image processing named beside it is
    assert "computer_vision" not in skills_in(
        "Extracting fields from scanned forms (OCR)", taxonomy
    )
    assert "computer_vision" in skills_in("OCR과 이미지 처리 모델 개발", taxonomy)


@pytest.mark.parametrize(
    "text, found",
    [
        ("운영 중인 추천 모델의 성능을 주기적으로 모니터링", True),
        ("AI 배포 및 모니터링 자동화", True),
        # an AI-based monitoring product is what is built, not models being monitored
        ("AI 기반 설비 모니터링 시스템 개발", False),
    ],
)
def test_model_monitoring_in_korean_word_order(taxonomy, text, found):
    assert ("model_monitoring" in skills_in(text, taxonomy, "duties")) is found


def test_dynamic_programming_is_algorithms(taxonomy):
    # eval/ANNOTATION.md: dynamic programming is data_structures_algorithms
    assert "data_structures_algorithms" in skills_in("Dynamic programming으로 푸는 문제", taxonomy)
    # a dynamic programming language (Python, Ruby) is not the technique
    assert "data_structures_algorithms" not in skills_in(
        "Ruby or another dynamic programming language", taxonomy
    )
