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
        # data architecture (데이터 아키텍처) names the data engineering field, as "data architect" does
        ("데이터 아키텍처(DA) 담당자 모집", "data_engineer"),
        ("Senior Engineer, Generative AI", "ml_app_developer"),
        ("Python Developer with ETL", "data_engineer"),
        # 인사 (HR) is a function, but not inside 인사이트 (insight)
        ("고객 데이터 분석 및 인사이트 담당자", "data_analyst"),
        # an analytics discipline named after a business function is analytics, not the function
        ("[Acme] People Analytics Lead", "data_analyst"),
        ("HR Analytics Specialist (계약직)", "data_analyst"),
        ("AI 알고리즘 개발자", "ml_engineer"),
        # research paired with development is an engineering job, research alone is research
        ("비전 AI 연구 및 개발 (경력)", "deep_learning_engineer"),
        ("딥러닝 연구원", "ai_research_scientist"),
        ("통계분석 담당자 (정규직)", "data_analyst"),
        ("영상 AI 개발 (경력)", "deep_learning_engineer"),
        # Korean head last: rank nouns and a bracketed note may follow the data field, and in
        # "A & B" the last conjunct is the head
        ("식품 마케팅 데이터 분석 팀장/매니저 (5년 이상)", "data_analyst"),
        ("영업 기획 & 데이터 분석 매니저", "data_analyst"),
        ("광고 마케팅 및 데이터 분석 담당자 [정규직]", "data_analyst"),
        # an analyst title that also names model building is data science (promote_with)
        ("예측 모델 개발 & 데이터 분석 전문가", "data_scientist"),
        ("Data Analyst (Machine Learning)", "data_scientist"),
        # image / object recognition is computer vision (eval/ANNOTATION.md)
        ("이미지 인식 알고리즘 엔지니어 (신입)", "deep_learning_engineer"),
        ("Object Detection Engineer", "deep_learning_engineer"),
        # infrastructure / cloud alone still name DevOps work
        ("클라우드 인프라 운영 담당자", "devops_engineer"),
        ("Infrastructure Developer (Kubernetes)", "devops_engineer"),
        # platform / system engineer alone is DevOps (roles.yaml weak_titles)
        ("Platform Engineer", "devops_engineer"),
        ("시스템 엔지니어 (서버 운영)", "devops_engineer"),
        # a consultant whose field is data analysis does the analysis; web analytics is analytics
        ("리테일 데이터 분석 전문 컨설턴트", "data_analyst"),
        ("Senior Analytics Consultant", "data_analyst"),
        ("웹분석 컨설팅 (GA4)", "data_analyst"),
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
        # a second job after a separator, or a function after the data field, keeps it out
        "마케팅 데이터 분석 / 광고 운영",
        "데이터 분석 및 마케팅 매니저",
        "카탈로그 분류 및 데이터 분석 PM",
        # next to an engineering job, infrastructure / cloud is the job's setting (qualifiers_yield)
        "IT운영팀 (인프라 파트, 앱 개발자)",
        "Backend Engineer, Cloud Infrastructure",
        "모바일 게임 서버 운영 (클라우드 환경)",
        # ... but a function or an engineering job next to them decides (weak_titles)
        "Sales Platform Engineer",
        "차량용 임베디드 시스템 엔지니어",
        # an ML qualifier that is an aside to an engineering job: a skill wanted ("with …")
        # or the product's domain in brackets
        "Full-Stack Developer with Machine Learning Experience",
        "Node.js Developer (Recommendation Features)",
        # a consultant of another field stays out, as does a marketer of web analytics
        "ERP 컨설턴트",
        "웹 분석 마케터",
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


@pytest.mark.parametrize(
    "title",
    ["2026년 상반기 부문별 신입/경력 채용", "[우리회사] 전직군 수시 채용", "Various Positions"],
)
def test_a_title_announcing_several_openings_is_not_read_from_the_mixed_text(taxonomy, title):
    """The text of a many-openings posting mixes its jobs: one ML or DevOps opening among them
    does not make the posting that role (roles.yaml out_of_scope.openings)."""
    mixed = [
        (
            "duties",
            "Run Kubernetes clusters and Terraform the AWS accounts; ship CI/CD with Docker",
        ),
        ("required", "Machine learning, PyTorch, deep learning and LLM experience"),
    ]
    assert role_of(title, taxonomy, mixed).role == "out_of_scope"


def test_a_named_job_in_a_many_openings_title_still_decides(taxonomy):
    assert role_of("분야별 채용 (데이터 엔지니어)", taxonomy).role == "data_engineer"


def test_a_title_naming_data_weighs_for_the_data_roles_over_devops_tools(taxonomy):
    """A title that names the field but no job (roles.yaml title_hints): containerised data
    pipelines are data engineering, though Docker, Linux, Kubernetes and CI/CD outnumber Spark,
    Airflow and ETL in the text."""
    text = [
        ("duties", "Linux 서버의 Docker 환경에서 수집 파이프라인 구축"),
        ("duties", "Airflow로 적재 작업 스케줄 관리"),
        ("required", "Spark 대용량 처리와 ETL 경험, Kubernetes 운영 및 CI/CD 경험"),
    ]
    data = role_of("병원 임상 데이터 적재 및 운영", taxonomy, text)
    assert (data.role, data.basis) == ("data_engineer", "text")
    assert role_of("병원 시스템 적재 및 운영", taxonomy, text).role == "devops_engineer"


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


@pytest.mark.parametrize(
    "title, role",
    [
        # the engineering noun right before the job noun is the job; the ML qualifier in front
        # only says what the hardware, backend or compiler is for
        ("비전 AI 하드웨어 개발자", "out_of_scope"),
        ("딥러닝 백엔드 엔지니어 (경력 3년 이상)", "out_of_scope"),
        ("Speech Recognition Firmware Developer", "out_of_scope"),
        # the qualifier right before the job noun still decides
        ("하드웨어 가속 딥러닝 개발자", "deep_learning_engineer"),
    ],
)
def test_engineering_noun_before_the_job_noun_is_the_job(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title, role",
    [
        # a cloud engineer titled half in English is the Korean 클라우드 엔지니어
        ("사내 Cloud 엔지니어 (OpenStack)", "devops_engineer"),
        # an engineering job with cloud as its setting stays that job
        ("백엔드 엔지니어 (Cloud)", "out_of_scope"),
    ],
)
def test_mixed_script_cloud_engineer_is_devops(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title",
    [
        "ML Operations Engineer",
        "Staff Machine Learning Ops Engineer",
        "Machine Learning Engineer (MLOps)",
        "ML Engineer - ML Ops Team",
    ],
)
def test_an_ml_title_naming_operations_is_mlops(taxonomy, title):
    # "Ops" after the ML words names the operations job, not model building
    assert role_of(title, taxonomy).role == "mlops_engineer"


def test_an_ml_engineer_title_without_ops_stays_ml_engineer(taxonomy):
    assert role_of("Machine Learning Engineer, Ranking", taxonomy).role == "ml_engineer"


def test_a_lab_research_scientist_without_ml_text_is_out_of_scope(taxonomy):
    lines = [("duties", "Run cell-culture assays and write up the results for the oncology team.")]
    assert role_of("Research Scientist, Tumour Immunology", taxonomy, lines).role == "out_of_scope"


def test_a_research_scientist_with_ml_text_is_ai_research(taxonomy):
    lines = [("duties", "Train deep learning models with PyTorch and publish papers.")]
    role = role_of("Research Scientist", taxonomy, lines).role
    assert role == "ai_research_scientist"


@pytest.mark.parametrize("title", ["Biostatistician II", "Statistical Scientist"])
def test_statisticians_by_any_name_are_data_scientists(taxonomy, title):
    assert role_of(title, taxonomy).role == "data_scientist"


@pytest.mark.parametrize(
    "title",
    [
        "Senior Data Modeler (Warehouse)",
        "Data Modeller - Insurance Platform",
        "Data Integration and Modelling Engineer",
        "Software Engineer - Pretraining Data",
    ],
)
def test_data_modelling_and_dataset_engineering_titles_are_data_engineering(taxonomy, title):
    assert role_of(title, taxonomy).role == "data_engineer"


def test_a_stack_list_among_the_duties_is_not_devops_work(taxonomy):
    lines = [
        ("duties", "Write the low-latency order router and the risk engine in Rust."),
        ("duties", "Maintain internal tools and scripts in Python."),
        ("duties", "Stack: Git, Docker, Kubernetes, AWS"),
        ("required", "Experience with CI/CD and Linux."),
    ]
    assert role_of("Systems Developer", taxonomy, lines).role == "out_of_scope"


def test_devops_duties_written_as_work_still_choose_devops(taxonomy):
    lines = [
        ("duties", "Operate our Kubernetes clusters and Docker images on AWS."),
        ("duties", "Automate provisioning with Terraform and maintain the CI/CD pipelines."),
        ("required", "Linux administration and shell scripting."),
    ]
    assert role_of("Engineer", taxonomy, lines).role == "devops_engineer"


@pytest.mark.parametrize(
    "title, role",
    [
        # Korean spellings of title nouns the English lists already have
        ("머신 러닝 엔지니어 (경력 3년 이상)", "ml_engineer"),
        ("AI개발 엔지니어", "ml_engineer"),
        ("딥 러닝 엔지니어", "deep_learning_engineer"),
        ("자율주행 퍼셉션 엔지니어", "deep_learning_engineer"),
        ("마케팅 분석가 (신입)", "data_analyst"),
        ("프로덕트 애널리스트", "data_analyst"),
        ("BI 애널리스트", "data_analyst"),
        ("애널리틱스 엔지니어", "data_engineer"),
        ("어플라이드 사이언티스트", "data_scientist"),
        ("생성형 AI 엔지니어", "ml_app_developer"),
        ("머신 러닝 플랫폼 엔지니어", "mlops_engineer"),
    ],
)
def test_korean_spellings_of_listed_title_nouns(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title", ["Clinical Laboratory Scientist (Nights)", "Medical Technologist II"]
)
def test_clinical_laboratory_jobs_are_out_of_scope_even_with_ml_in_the_text(taxonomy, title):
    # a lab's "ML" is usually millilitres; the title names a clinical lab job either way
    lines = [("duties", "Review analyser output flagged by machine learning checks.")]
    assert role_of(title, taxonomy, lines).role == "out_of_scope"


@pytest.mark.parametrize(
    "title, role",
    [
        ("Artificial Intelligence Engineer", "ml_engineer"),
        ("Software Engineer, Artificial Intelligence", "ml_engineer"),
        ("Go-To-Market Lead, Generative AI", "out_of_scope"),
        ("GTM Specialist - ML Platform", "out_of_scope"),
    ],
)
def test_spelled_out_ai_is_ml_and_go_to_market_is_a_function(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title, role",
    [
        ("Senior Software Quality Engineer, ML Compiler", "out_of_scope"),
        ("Quality Engineering Lead - AI Platform", "out_of_scope"),
        ("Data Quality Engineer", "data_engineer"),
        ("Machine Learning Operation Engineer", "mlops_engineer"),
    ],
)
def test_quality_engineering_is_qa_and_operation_spelled_singular_is_mlops(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title, role",
    [
        ("Senior Power Systems Engineer (Grid)", "out_of_scope"),
        ("Distributed Systems Engineer", "out_of_scope"),
        ("Distributed Systems Engineer, ML Infrastructure", "mlops_engineer"),
        ("Systems Engineer", "devops_engineer"),
    ],
)
def test_a_named_systems_field_outranks_the_weak_systems_engineer(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title, duties, role",
    [
        # duties that analyse the business's numbers: a data analyst
        (
            "Business Analyst",
            [
                "Define the KPIs of the delivery business and track them with SQL",
                "Build Tableau dashboards for the sales leads",
                "Write the requirements of a new weekly report",
            ],
            "data_analyst",
        ),
        # duties that define what an IT system must do: an IT business analyst, out of scope
        (
            "Business Analyst (ERP rollout)",
            [
                "Run requirements gathering workshops with the finance team",
                "Write BRD and functional specification documents",
                "Plan and lead UAT before each release",
            ],
            "out_of_scope",
        ),
        (
            "비즈니스 분석가",
            [
                "고객사 업무 요구사항 정의 및 변경 관리",
                "화면설계서와 와이어프레임 작성",
                "통합 테스트 시나리오 작성과 결과 보고",
            ],
            "out_of_scope",
        ),
        (
            "비즈니스 분석가",
            [
                "매출과 주문 지표를 SQL로 추출해 원인 분석",
                "Power BI 대시보드 구축과 운영",
                "현업 요구사항을 반영한 리포트 개선",
            ],
            "data_analyst",
        ),
    ],
)
def test_a_business_analyst_is_read_by_its_main_duties(taxonomy, title, duties, role):
    """eval/ANNOTATION.md: a business analyst who analyses data is a data analyst; one whose
    duties are mostly requirements work for an IT system is out of scope."""
    assert role_of(title, taxonomy, [("duties", d) for d in duties]).role == role


@pytest.mark.parametrize(
    "title, role",
    [
        ("Business Analyst", "data_analyst"),
        ("Senior Business Analyst, Data", "data_analyst"),
        # an IT, ERP or systems BA title names the requirements job on its own
        ("IT Business Analyst", "out_of_scope"),
        ("Business Systems Analyst II", "out_of_scope"),
        ("ERP Business Analyst (SAP FI)", "out_of_scope"),
        ("IT BA (SI 프로젝트)", "out_of_scope"),
    ],
)
def test_a_business_analyst_title_with_no_text(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title, role",
    [
        # autonomous driving is vehicle / robotics engineering: a platform or control job in it
        # is out of scope, while an ML field named in the title still decides
        ("자율주행 플랫폼 엔지니어", "out_of_scope"),
        ("자율주행 차량 제어 개발자", "out_of_scope"),
        ("자율주행 인지 딥러닝 엔지니어", "deep_learning_engineer"),
        ("자율주행 퍼셉션 엔지니어", "deep_learning_engineer"),
        ("자율주행 퍼셉션 개발자", "deep_learning_engineer"),
        ("자율주행 인지 알고리즘 개발자", "deep_learning_engineer"),
        # a customer-service team is a function, whatever data its staff look at
        ("CS팀 (운영관리, 데이터분석) 채용", "out_of_scope"),
        # quant research is statistics and ML on market data: data science
        ("Quantitative Researcher", "data_scientist"),
    ],
)
def test_fields_and_functions_found_in_the_korean_audit(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


@pytest.mark.parametrize(
    "title",
    [
        "보안 데이터 분석 엔지니어 (관제 플랫폼)",
        "보안관제 로그 분석가",
        "Threat Intelligence Analyst, Incident Response",
        "Senior SOC Analyst",
        "SIEM 운영 엔지니어",
    ],
)
def test_security_analysis_is_out_of_scope_even_when_it_names_data_analysis(taxonomy, title):
    # analysing security events (SIEM / SOAR, 관제, incident response) is security work, not the
    # analysis of a business's data: the security field outranks the data-analyst noun
    assert role_of(title, taxonomy).role == "out_of_scope"


@pytest.mark.parametrize(
    "title, role",
    [
        ("마케팅 데이터 분석 엔지니어", "data_analyst"),
        ("Object Detection Engineer", "deep_learning_engineer"),
    ],
)
def test_security_vocabulary_leaves_other_analysis_and_detection_alone(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


def test_a_plain_developer_whose_main_duty_is_an_app_on_ai_models_is_an_ai_app_developer(taxonomy):
    lines = [
        ("duties", "회사가 학습시킨 AI 모델을 활용한 어플리케이션 개발"),
        ("required", "Python 개발 경력 3년 이상"),
    ]
    match = role_of("자바 프로그램 개발자", taxonomy, lines)
    assert (match.role, match.basis) == ("ml_app_developer", "text")


def test_an_ai_app_cue_in_a_minority_of_the_duties_does_not_decide(taxonomy):
    lines = [
        ("duties", "Build AI applications for the sales team"),
        ("duties", "Own the payments REST API"),
        ("duties", "Keep the Postgres schema tidy"),
    ]
    assert role_of("Software Developer", taxonomy, lines).role == "out_of_scope"


def test_an_ai_app_cue_does_not_override_a_title_that_decides(taxonomy):
    lines = [("duties", "AI 기반 서비스 개발 및 운영")]
    assert role_of("백엔드 개발자", taxonomy, lines).role == "out_of_scope"


@pytest.mark.parametrize(
    "title, role",
    [
        ("CONSULTANT– WEB ANALYTICS TEAM", "data_analyst"),
        ("Senior Consultant - Analytics Consulting Practice", "data_analyst"),
        ("웹 분석 컨설팅 담당", "data_analyst"),
        ("Functional Consultant", "out_of_scope"),
        ("AI 도입 컨설턴트", "out_of_scope"),
        ("Consultant, Machine Learning Strategy", "out_of_scope"),
        ("Marketing Manager - Data Analytics", "out_of_scope"),
    ],
)
def test_a_consultant_takes_the_data_analysis_field_named_in_the_title(taxonomy, title, role):
    assert role_of(title, taxonomy).role == role


def test_data_scientists_named_as_colleagues_do_not_make_the_job_data_science(taxonomy):
    lines = [
        ("duties", "Join a group of web developers and data scientists shipping our SaaS"),
        ("duties", "Build REST APIs that expose machine learning results to customers"),
        ("duties", "Pair with data scientists on packaging their notebooks"),
        ("required", "Five years of Python web development"),
    ]
    assert role_of("Software Engineer [Platform Squad]", taxonomy, lines).role == "out_of_scope"


def test_the_job_named_in_the_singular_in_the_text_still_weighs_in_full(taxonomy):
    lines = [
        ("duties", "As our data scientist you will build churn models with machine learning"),
        ("duties", "Report what the models find to the product team"),
        ("required", "Statistics and regression"),
    ]
    assert role_of("Engineer II", taxonomy, lines).role == "data_scientist"


@pytest.mark.parametrize(
    "title, role",
    [
        ("응용소프트웨어 개발자 (C#/WPF)", "out_of_scope"),
        ("서버/응용 소프트웨어 개발자", "out_of_scope"),
        ("AI 응용 소프트웨어 개발자", "ml_app_developer"),
        ("AI 기반 서비스 개발자", "ml_app_developer"),
    ],
)
def test_application_software_development_is_engineering_unless_ai_names_it(taxonomy, title, role):
    lines = [("duties", "영상 인식 모델 학습 및 평가"), ("required", "PyTorch 경험")]
    assert role_of(title, taxonomy, lines).role == role
