"""Tables flattened to tab-separated text: later rows get their column names back."""

from __future__ import annotations

import pytest

from pipelines.normalize import normalize
from pipelines.sections import split_sections
from pipelines.table_rows import repeat_table_headers


def sections_of(text, taxonomy):
    text = repeat_table_headers(text, taxonomy)
    return [(line.section, line.text) for line in split_sections(text, taxonomy)]


def test_the_second_rows_work_cell_is_duties_not_the_first_rows_preferred(taxonomy):
    # Two openings in one table, the header row written once: the second row's work cell
    # follows the first row's preferred cell with only tabs between the cells.
    text = (
        "직무\t담당업무\t자격요건 및 우대사항\t근무지\n"
        "재고 분석\t\n• 주간 재고 리포트 작성\n\t\n자격요건\n• 엑셀 활용 능력\n"
        "우대사항\n• 유통업 경력\n\t부산\n"
        "고객 분석\t\n• 고객 세그먼트 분석\n\t\n자격요건\n• SQL 사용 경험\n\t대구"
    )
    found = sections_of(text, taxonomy)
    assert ("duties", "• 주간 재고 리포트 작성") in found
    assert ("preferred", "• 유통업 경력") in found
    assert ("duties", "• 고객 세그먼트 분석") in found
    assert ("required", "• SQL 사용 경험") in found
    # the location cell is no longer read as part of the preferred list
    assert all(section == "other" for section, text in found if text in ("부산", "대구"))


def test_a_row_that_starts_after_the_last_column_opens_its_second_cell(taxonomy):
    # Three columns and no trailing cells: a tab met in the last column is the next row's
    # first cell boundary, so what follows is that row's work.
    text = (
        "포지션명\t담당 업무\t자격요건 및 우대사항\n"
        "주니어 분석가\n\t\n• 매출 대시보드 운영\n\t\n자격요건\n• Python 경험\n우대사항\n• R 경험\n"
        "시니어 분석가\n\t\n• 실험 설계 리드\n\t자격요건\n• 통계 지식"
    )
    found = sections_of(text, taxonomy)
    assert ("duties", "• 실험 설계 리드") in found
    assert ("required", "• 통계 지식") in found
    assert ("preferred", "• R 경험") in found


@pytest.mark.parametrize(
    "text",
    [
        "담당업무\n• 리포트 작성",  # no tab at all
        "이름\t값\t비고\n가\t나\t다",  # tabs, but the first row names no known columns
        "근무지\t인원\t학력\n서울\t1명\t대졸",  # column names, but none of them the work
    ],
)
def test_text_without_a_table_header_is_left_as_it_is(taxonomy, text):
    assert repeat_table_headers(text, taxonomy) == text


def test_normalize_reads_the_table_of_a_plain_text_body(taxonomy):
    body = (
        "직무\t담당업무\t자격요건 및 우대사항\n"
        "분석 A\t\n• 보고서 자동화\n\t\n자격요건\n• Excel 능숙\n우대사항\n• Tableau 경험\n"
        "분석 B\t\n• Airflow 기반 배치 운영\n\t\n자격요건\n• SQL 능숙"
    )
    record = {
        "source": "csv",
        "source_posting_id": "t:1",
        "url": None,
        "fetched_at": None,
        "crawl_id": "test",
        "payload": {"title": "데이터 분석가", "description": body},
        "field_map": {"title": "title", "description": "description"},
    }
    posting = normalize(record, taxonomy)
    by_section = {(s.id, s.section) for s in posting.skills}
    assert ("airflow", "duties") in by_section
    assert ("airflow", "preferred") not in by_section
    assert ("tableau", "preferred") in by_section


def test_only_column_names_that_are_headings_are_written_back(taxonomy):
    text = "구분\t담당업무\t근무지\nA\t\n• 지표 정의\n\t서울"
    lines = repeat_table_headers(text, taxonomy).split("\n")
    assert lines.count("담당업무") == 1 and lines.count("근무지") == 1
    assert "구분" not in lines  # no heading: writing it back would only add a line


def test_a_newcomer_cell_in_a_level_column_is_a_condition_of_its_row(taxonomy):
    # The 구분 column says which openings take newcomers: a cell that is only a level is
    # written back under a required heading, so a newcomer opening is read as one.
    body = (
        "부문\t구분\t담당업무\t자격요건 및 우대사항\n"
        "고객지원\t경력\t\n• 문의 응대\n\t\n자격요건\n• 유관 경력 3년 이상\n"
        "품질관리\t신입\t\n• 검사 기록 관리\n\t\n자격요건\n• 엑셀 활용"
    )
    found = sections_of(body, taxonomy)
    assert ("required", "신입") in found
    assert ("duties", "• 검사 기록 관리") in found
    record = {
        "source": "csv",
        "source_posting_id": "t:2",
        "url": None,
        "fetched_at": None,
        "crawl_id": "test",
        "payload": {"title": "부문별 채용", "description": body},
        "field_map": {"title": "title", "description": "description"},
    }
    posting = normalize(record, taxonomy)
    assert (posting.min_years, posting.newcomer_ok) == (0, True)


@pytest.mark.parametrize("cell", ["영업", "서울 강남", "3명"])
def test_a_level_column_cell_that_is_no_level_is_not_written_back(taxonomy, cell):
    text = f"부문\t구분\t담당업무\nA\t{cell}\t\n• 업무"
    assert "지원 자격" not in repeat_table_headers(text, taxonomy).split("\n")


def test_a_header_whose_cell_broke_over_two_lines_is_not_counted_from_its_second_line(taxonomy):
    # "채용\n인원" broke the header: counting columns from its second line would put every
    # later cell one column off, so the table is left as it is.
    text = "모집분야\t채용\n인원\t학력\t근무지\t담당업무\n설비\t0명\t학사\t서울\t\n• 정비"
    assert repeat_table_headers(text, taxonomy) == text


def test_a_column_of_asks_and_wishes_keeps_its_unmarked_items_required(taxonomy):
    # "필수 및 우대 자격요건" holds one list whose wishes mark themselves (…우대): the unmarked
    # items are the asks, not preferred because the column's name also names the wishes.
    text = (
        "모집부서\t담당직무\t필수 및 우대 자격요건\n"
        "영업 A\t\n• 거래처 관리\n\t\n학사 이상\n영업 경력 2년 이상\nCRM 사용 경험자 우대\n"
        "영업 B\t\n• 신규 거래처 발굴\n\t\n전문학사 이상\nExcel 활용 능력\nSQL 가능자 우대"
    )
    found = sections_of(text, taxonomy)
    assert ("required", "Excel 활용 능력") in found
    assert ("preferred", "SQL 가능자 우대") in found
    assert ("duties", "• 신규 거래처 발굴") in found


def test_a_row_left_short_by_a_merged_cell_still_starts_the_next_one(taxonomy):
    # The location cell spans both rows: the second row ends after its headcount, and the
    # third row's name (ending in a tab) must open that row, not fill the location column.
    text = (
        "구분\t담당업무\t지원자격/우대사항\t인원\t근무지\n"
        "A팀\t\n• 재고 리포트 작성\n\t\n지원자격\n• 엑셀 능숙\n\t1명\t서울\n"
        "B팀\t\n• 매출 분석\n\t\n지원자격\n• SQL 능숙\n\t1명\n"
        "C팀\t\n• 광고 성과 대시보드 운영\n\t\n지원자격\n• Tableau 경험"
    )
    found = sections_of(text, taxonomy)
    assert ("duties", "• 광고 성과 대시보드 운영") in found
    assert ("required", "• Tableau 경험") in found


def test_a_bracketed_level_in_the_name_cell_is_a_condition_of_its_row(taxonomy):
    text = (
        "포지션명\t담당 업무\t자격요건 및 우대사항\n"
        "로그 분석 엔지니어\n(신입 ~ 경력 6년)\n\t\n• 수집 파이프라인 운영\n\t\n자격요건\n• Python"
    )
    found = sections_of(text, taxonomy)
    assert ("required", "(신입 ~ 경력 6년)") in found
    assert ("duties", "• 수집 파이프라인 운영") in found
