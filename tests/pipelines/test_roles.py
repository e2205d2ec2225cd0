"""Role classification: title first, text second, out of scope for the rest of a board."""

from __future__ import annotations

import pytest

from pipelines.roles import classify_role
from pipelines.sections import Line
from pipelines.skills import extract_skills


def role_of(title, taxonomy, text_lines=()):
    lines = [Line(text, section) for section, text in text_lines]
    return classify_role(title, lines, extract_skills(lines, taxonomy), taxonomy)


@pytest.mark.parametrize(
    "title, role",
    [
        ("Data Scientist", "data_scientist"),
        ("Senior Data Scientist, Experimentation", "data_scientist"),
        ("데이터 사이언티스트 (신입)", "data_scientist"),
        ("Data Analyst", "data_analyst"),
        ("데이터 분석가", "data_analyst"),
        ("Business Intelligence Analyst", "data_analyst"),
        ("Data Engineer", "data_engineer"),
        ("빅데이터 엔지니어", "data_engineer"),
        ("Analytics Engineer", "data_engineer"),
        ("Machine Learning Engineer", "ml_engineer"),
        ("AI 엔지니어", "ml_engineer"),
        ("머신러닝 엔지니어 (추천)", "ml_engineer"),
        ("Software Engineer, Machine Learning", "ml_engineer"),
        ("추천 시스템 개발자", "ml_engineer"),
        ("Deep Learning Engineer", "deep_learning_engineer"),
        ("딥러닝 엔지니어", "deep_learning_engineer"),
        ("Computer Vision Engineer", "deep_learning_engineer"),
        ("ML Researcher", "ai_research_scientist"),
        ("AI 연구원", "ai_research_scientist"),
        ("NLP 연구원", "ai_research_scientist"),
        ("LLM Application Developer", "ml_app_developer"),
        ("AI 서비스 개발자", "ml_app_developer"),
        ("MLOps Engineer", "mlops_engineer"),
        ("Platform Engineer (MLOps)", "mlops_engineer"),
        ("ML Platform Engineer", "mlops_engineer"),
        ("AI Platform Engineer", "mlops_engineer"),
        ("DevOps Engineer", "devops_engineer"),
        ("Site Reliability Engineer", "devops_engineer"),
        ("인프라 엔지니어", "devops_engineer"),
        ("[네이버랩스] AI 연구원", "ai_research_scientist"),
        # Korean-board data / ML titles (issue 16)
        ("데이터 엔지니어 (Spark/Airflow)", "data_engineer"),
        ("Data 엔지니어 - Junior", "data_engineer"),
        ("Software Engineer, Data", "data_engineer"),
        ("ML 엔지니어 (추천)", "ml_engineer"),
        ("[전문연구요원] AI 연구원 (생성형 AI)", "ai_research_scientist"),
        ("[생성형 AI] 이미지 생성 R&D", "deep_learning_engineer"),
        ("머신비전 R&D 엔지니어", "deep_learning_engineer"),
        ("머신비전 개발자 (신입)", "deep_learning_engineer"),
        ("임베딩 모델 개발자", "ml_engineer"),
        ("신용평가 모델 개발", "data_scientist"),
        ("BI 개발자", "data_analyst"),
        ("Senior Engineer, Generative AI", "ml_app_developer"),
        ("Python Developer with ETL", "data_engineer"),
        # 인사 (HR) is a function, but not inside 인사이트 (insight)
        ("고객 데이터 분석 및 인사이트 담당자", "data_analyst"),
        ("AI 알고리즘 개발자", "ml_engineer"),
        # research paired with development is an engineering job, research alone is research
        ("비전 AI 연구 및 개발 (경력)", "deep_learning_engineer"),
        ("딥러닝 연구원", "ai_research_scientist"),
        ("통계분석 담당자 (정규직)", "data_analyst"),
        ("영상 AI 개발 (경력)", "deep_learning_engineer"),
    ],
)
def test_role_from_title(taxonomy, title, role):
    match = role_of(title, taxonomy)
    assert (match.role, match.in_scope, match.basis) == (role, True, "title")


@pytest.mark.parametrize(
    "title",
    [
        "Backend Engineer",
        "백엔드 개발자 (Python)",
        "인사팀 채용 담당자 (AI 스타트업)",
        "Frontend Engineer, AI Products",
        "iOS Developer",
        "QA Engineer, Machine Learning",
        "Product Manager, ML Platform",
        "Account Executive, AI Platform",
        "Technical Recruiter (AI/ML)",
        "프로덕트 디자이너",
        "영업 매니저",
        # an ML qualifier that is an aside to an engineering job: a skill wanted ("with …")
        # or the product's domain in brackets
        "Full-Stack Developer with Machine Learning Experience",
        "Node.js Developer (Recommendation Features)",
    ],
)
def test_rest_of_the_board_is_out_of_scope(taxonomy, title):
    ml_text = [("required", "Machine learning, PyTorch, deep learning, LLM and MLOps experience")]
    match = role_of(title, taxonomy, ml_text)
    assert (match.role, match.in_scope, match.specializations) == ("out_of_scope", False, ())


@pytest.mark.parametrize(
    "title, duties, required, roles",
    [
        (
            "Software Engineer",
            "Train deep learning models with PyTorch for computer vision",
            "Experience with machine learning and TensorFlow",
            {"deep_learning_engineer", "ml_engineer"},
        ),
        # model optimization tools are ML evidence too
        (
            "AI 최적화 엔지니어",
            "NPU 환경의 모델 경량화, ONNX Runtime과 Triton 서빙",
            "PyTorch 개발 경험",
            {"deep_learning_engineer", "ml_engineer", "mlops_engineer"},
        ),
    ],
)
def test_generic_title_is_decided_by_the_text(taxonomy, title, duties, required, roles):
    match = role_of(title, taxonomy, [("duties", duties), ("required", required)])
    assert match.in_scope and match.basis == "text"
    assert match.role in roles


def test_devops_needs_its_tools_in_the_main_duties(taxonomy):
    """One tooling line among the requirements does not make a trading-systems engineer DevOps."""
    tooling = ("required", "Comfortable with Docker, Kubernetes, AWS and Linux servers")
    rust = role_of(
        "Senior Rust Engineer, Trading Systems",
        taxonomy,
        [("duties", "Build low-latency order matching in Rust"), tooling],
    )
    assert (rust.role, rust.in_scope) == ("out_of_scope", False)
    ops = role_of(
        "Senior Engineer",
        taxonomy,
        [("duties", "Run our Kubernetes clusters and Terraform the AWS accounts"), tooling],
    )
    assert (ops.role, ops.basis) == ("devops_engineer", "text")


def test_research_by_text_needs_a_research_record(taxonomy):
    """Deep learning and LLM work with no publications asked is engineering, not research."""
    text = [
        ("duties", "Build LLM features with deep learning and NLP models"),
        ("required", "Machine learning and model evaluation experience with PyTorch"),
    ]
    assert role_of("Software Engineer, AI", taxonomy, text).role == "ml_engineer"
    published = [*text, ("preferred", "x"), ("required", "Publications at NeurIPS or ICML")]
    assert role_of("Software Engineer, AI", taxonomy, published).role == "ai_research_scientist"


def test_generic_title_without_ml_text_is_out_of_scope(taxonomy):
    match = role_of("Software Engineer", taxonomy, [("required", "Java, Spring, MySQL")])
    assert (match.role, match.in_scope) == ("out_of_scope", False)


def test_research_noun_needs_ml_text(taxonomy):
    assert role_of("연구원", taxonomy, [("required", "배터리 소재 연구")]).role == "out_of_scope"
    ml = [("required", "딥러닝, PyTorch, 논문 게재 실적")]
    assert role_of("연구원", taxonomy, ml).role == "ai_research_scientist"


@pytest.mark.parametrize(
    "title, duties, specs",
    [
        ("NLP Engineer", "", ("nlp",)),
        ("Machine Learning Engineer, Recommendations", "", ("recommender",)),
        ("음성인식 엔지니어", "", ("speech",)),
        ("AI 엔지니어 (LLM)", "", ("llm",)),
        (
            "Machine Learning Engineer",
            "Build object detection models for computer vision",
            ("computer_vision",),
        ),
    ],
)
def test_specializations(taxonomy, title, duties, specs):
    text = [("duties", duties)] if duties else []
    assert role_of(title, taxonomy, text).specializations == specs


@pytest.mark.parametrize(
    "title, role",
    [
        # Korean puts the head last: the function word in front only says what it is for
        ("마케팅 데이터 분석", "data_analyst"),
        ("재무 데이터 분석 (신입)", "data_analyst"),
        ("CRM 마케팅 데이터 분석 담당자", "data_analyst"),
        # the function is the head, or the two are listed side by side: out of scope
        ("데이터 마케터", "out_of_scope"),
        ("마케팅/데이터 분석", "out_of_scope"),
        ("빅데이터 사업 영업 담당", "out_of_scope"),
        # English compounds keep the function's precedence
        ("Marketing Analytics", "out_of_scope"),
    ],
)
def test_korean_function_word_before_a_data_field(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title, role",
    [
        # the qualifier names the job's field, not an aside: it still outranks the engineering noun
        ("Backend Engineer, ML Platform", "mlops_engineer"),
        ("Machine Learning Engineer (Backend Services)", "ml_engineer"),
    ],
)
def test_ml_qualifier_that_is_the_field_outranks_engineering(taxonomy, title, role):
    match = role_of(title, taxonomy)
    assert (match.role, match.in_scope) == (role, True)
