"""The heading rules, one by one: every example in a rule's docstring is named by that rule.

A rule's docstring lists examples as `"line" → section` (and `+ "content"` when part of the
line is content); an example written as HTML is read through the HTML block reader first, so
its markup decides the kind of line.
"""

from __future__ import annotations

import re

import pytest

from pipelines.html_text import read_blocks
from pipelines.section_rules import HEADING_RULES
from pipelines.sections import heading_verdict, split_sections

_EXAMPLE = re.compile(r'"(.+?)" → (\w+)(?: \+ "(.*?)")?(?=[;,.]?\s|[;,.]?$)', re.S)


def _examples():
    for rule in HEADING_RULES:
        found = _EXAMPLE.findall(" ".join((rule.__doc__ or "").split()))
        assert found, f"{rule.__name__} has no examples in its docstring"
        for line, section, content in found:
            yield pytest.param(rule.__name__, line, section, content, id=f"{rule.__name__}:{line}")


@pytest.mark.parametrize("rule, line, section, content", list(_examples()))
def test_each_rule_names_its_examples(taxonomy, rule, line, section, content):
    kind = "text"
    if line.startswith("<"):
        (block,) = read_blocks(line)
        line, kind = block.text, block.kind
    verdict = heading_verdict(line, taxonomy, kind)
    assert verdict is not None, "not a heading"
    assert (verdict.rule, verdict.section, verdict.content) == (rule, section, content)


def test_the_rules_are_a_declared_order_of_named_functions():
    names = [rule.__name__ for rule in HEADING_RULES]
    assert len(names) == len(set(names))
    assert names[-1] == "structural_heading"  # the catch-all comes last


@pytest.mark.parametrize(
    "line",
    [
        "3년 이상 필수입니다.",  # a marker alias after words: a marked item
        "Docker 경험 우대.",
        "저희 조직의 핵심 역량이에요.",  # a possessive before the alias: a sentence about it
        "- 우대사항을 꼭 확인해 주세요.",
    ],
)
def test_a_sentence_that_ends_in_a_heading_word_stays_content(taxonomy, line):
    verdict = heading_verdict(line, taxonomy)
    assert verdict is None or verdict.rule != "heading_as_sentence"


def test_headings_written_as_sentences_end_a_stack_block(taxonomy):
    text = "\n".join(
        [
            "[우리 팀의 기술 스택]",
            "- Python, Kafka",
            "■ 합류 후 담당할 주요 업무예요.",
            "- 사내 데이터 플랫폼 운영",
            "■ 이런 분을 찾고 있어요.",
            "- Spark 사용 경험 2년 이상",
            "■ 이런 경험이 있다면 더 좋아요.",
            "- Airflow 운영 경험",
        ]
    )
    got = [(line.section, line.text) for line in split_sections(text, taxonomy)]
    assert got == [
        ("other", "- Python, Kafka"),
        ("duties", "- 사내 데이터 플랫폼 운영"),
        ("required", "- Spark 사용 경험 2년 이상"),
        ("preferred", "- Airflow 운영 경험"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "관련 자격증 보유자 우대(예 : 정보처리기사 등)",
        "Cloud certification preferred (e.g.: AWS, GCP)",
    ],
)
def test_a_colon_inside_a_note_opens_no_inline_heading(taxonomy, line):
    verdict = heading_verdict(line, taxonomy)
    assert verdict is None or verdict.rule != "inline_heading"


def test_an_optional_item_with_a_note_marks_itself_only(taxonomy):
    text = "\n".join(
        [
            "자격요건",
            "- 관련 분야 경력 2년 이상",
            "- 관련 자격증 보유자 우대(예 : 정보처리기사 등)",
            "- 원활한 한국어 구사 능력",
        ]
    )
    sections = [line.section for line in split_sections(text, taxonomy)]
    assert sections == ["required", "preferred", "required"]


def test_an_english_sentence_ending_in_a_heading_alias_is_not_a_heading(taxonomy):
    # "Who is Acme? You are.": a rhetorical answer in the intro, not a heading
    verdict = heading_verdict("You are.", taxonomy)
    assert verdict is None or verdict.rule != "heading_as_sentence"
