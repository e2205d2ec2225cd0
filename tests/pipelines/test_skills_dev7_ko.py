"""Korean spellings and phrasings found on the dev7 Wanted dev family (each line written for this test)."""

from __future__ import annotations

import pytest

from pipelines.sections import Line
from pipelines.skills import extract_skills


def skills_in(text, taxonomy, section="required"):
    return {m.id for m in extract_skills([Line(text, section)], taxonomy)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # the frequent misspelling of 파이썬
        ("파이선 스크립트 작성이 가능한 분", "python"),
        # Golang alone on its line is the language (only the bare word Go needs a neighbour)
        ("Golang으로 서버를 만들어 본 분", "go"),
        # NestJS, and Node in a stack list
        ("NestJS 기반 API 서버 운영", "javascript"),
        ("사용 언어: Node, Python", "javascript"),
        # 자기계발 (the usual spelling) and 배우고자 하는 asked of the candidate
        ("꾸준히 자기계발을 이어 가는 분", "learning_agility"),
        ("새 분야를 배우고자 하는 태도", "learning_agility"),
        # vision data and image preprocessing
        ("비전 데이터 기반 검출 모델 고도화", "computer_vision"),
        ("카메라 입력의 이미지 전처리 모듈 개발", "computer_vision"),
        # system design in its loanword spelling, architecture spelled 아키텍쳐, and an
        # architecture designed with the object particle in between
        ("결제 모듈의 시스템 디자인 및 구현", "software_design"),
        ("주문 서비스 아키텍쳐 설계 경험", "software_design"),
        ("확장 가능한 인프라 아키텍처를 설계해 본 분", "software_design"),
        # an API built, with a particle or a slash before the verb, and an API server
        ("사내 정산용 API를 구현한 경험", "api_development"),
        ("회원 DB 및 API 설계/개발", "api_development"),
        ("추론 결과를 내보내는 API 서버 구축", "api_development"),
        # data steps listed with a comma before the analysis, and an analysis ability (가능자)
        ("로그 데이터 수집, 정제, 분석 업무", "data_analysis"),
        ("SQL로 데이터 추출/분석 가능자", "data_analysis"),
        # a model served (Serving written in English) or carried to the production environment
        ("추천 모델 Serving 구조 개선", "model_serving"),
        ("학습한 모델을 검증한 뒤 프로덕션 환경에 배포", "model_serving"),
        # the operating system abbreviated, on a Korean line
        ("CS 기초 지식(OS, DB, 네트워크)", "operating_systems"),
    ],
)
def test_dev7_korean_names(taxonomy, text, expected):
    assert expected in skills_in(text, taxonomy)


@pytest.mark.parametrize(
    "text, absent",
    [
        # a node of a graph is not Node.js
        ("graph node embeddings with PyTorch", "javascript"),
        # the self-development allowance among the benefits
        ("자기계발비 연 100만 원", "learning_agility"),
        # a model's architecture is not software design
        ("추천 모델 아키텍처 설계 및 실험", "software_design"),
        # generative AI on rendering / vision data is not llm
        ("비전 데이터로 뉴럴 렌더링 기반 생성형 AI 모델 개발", "llm"),
        # an API used or linked to is not an API built
        ("외부 결제 API를 이용한 기능 개발", "api_development"),
        ("LLM API 연동하여 챗봇 구현", "api_development"),
        # the analyst, not the analysis
        ("데이터 분석가 채용 공고", "data_analysis"),
        # the team's own problems described (a heading, a statement about us), not a trait asked
        ("■ 우리 팀은 이런 문제를 풀고 있어요", "problem_solving"),
        ("저희는 고객이 겪는 문제를 해결하는 데 집중합니다", "problem_solving"),
        # an OS as a product's name
        ("Windows Server OS 운영 경험", "operating_systems"),
    ],
)
def test_dev7_korean_lookalikes(taxonomy, text, absent):
    assert absent not in skills_in(text, taxonomy)
