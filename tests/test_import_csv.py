"""`careermarket import-csv` on files as people have them: Excel encodings, other delimiters,
pandas index columns, tag columns, per-file defaults, a body with its own headings."""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermarket.cli import app

runner = CliRunner()

HEADER = ["공고명", "회사", "근무지", "본문", "우대", "기술스택"]
ROW = [
    "머신러닝 엔지니어",
    "가온데이터",
    "서울 마포구",
    "추천 모델을 만들고 운영합니다.\n자격요건\n- Python 3년 이상\n- PyTorch 실무 경험",
    "Kubernetes 운영 경험",
    "Python|AWS|사내 도구",
]
MAP = "title=공고명,company=회사,location=근무지,description=본문,preferred=우대"


def write_csv(path: Path, rows: list[list[str]], encoding="utf-8", delimiter=",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def import_csv(*args: str):
    return runner.invoke(app, ["import-csv", *args])


def normalized(tmp_path: Path, raw: Path) -> list[dict]:
    out = tmp_path / "norm.jsonl"
    result = runner.invoke(app, ["normalize", str(raw), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return records(out)


# --- encodings and delimiters -------------------------------------------------------------


FRENCH = ["Intitulé", "Société", "Lieu", "Détails", "Atouts", "Outils"]
FRENCH_ROW = [
    "Ingénieur données",
    "Société Lumière",
    "Nantes",
    "Vous développez nos modèles.\nProfil recherché\n- Python et SQL, 3 ans d'expérience",
    "Expérience de Spark appréciée",
    "Python|Spark",
]
FRENCH_MAP = "title=Intitulé,company=Société,location=Lieu,description=Détails,preferred=Atouts"


@pytest.mark.parametrize(
    "encoding, option, header, row, mapping",
    [
        ("utf-8", None, HEADER, ROW, MAP),
        ("utf-8-sig", None, HEADER, ROW, MAP),  # Excel's "CSV UTF-8": a BOM before the header
        ("utf-8-sig", "utf-8-sig", HEADER, ROW, MAP),
        ("cp949", "cp949", HEADER, ROW, MAP),  # Excel's default in Korea
        ("euc-kr", "euc-kr", HEADER, ROW, MAP),
        ("latin-1", "latin-1", FRENCH, FRENCH_ROW, FRENCH_MAP),
    ],
)
def test_the_file_is_read_in_its_encoding(tmp_path, encoding, option, header, row, mapping):
    source = write_csv(tmp_path / "in.csv", [header, row], encoding)
    out = tmp_path / "raw.jsonl"
    args = [str(source), "--map", mapping, "-o", str(out)]
    result = import_csv(*args, *(["--encoding", option] if option else []))
    assert result.exit_code == 0, result.output
    (record,) = records(out)
    assert record["payload"][header[0]] == row[0]  # the header too: no BOM glued to it
    assert record["csv_options"]["file_encoding"] == codecs.lookup(option or "utf-8").name


def test_a_wrong_encoding_is_a_clear_error_naming_the_option(tmp_path):
    source = write_csv(tmp_path / "excel.csv", [HEADER, ROW], "cp949")
    out = tmp_path / "raw.jsonl"
    result = import_csv(str(source), "--map", MAP, "-o", str(out))
    assert result.exit_code == 2
    assert "--encoding" in result.output and "cp949" in result.output
    assert "line 1" in result.output  # the header is the first line that does not decode
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_an_unknown_encoding_name_is_a_clear_error(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, ROW])
    result = import_csv(str(source), "--map", MAP, "--encoding", "cp-korea", "-o", "x.jsonl")
    assert result.exit_code == 2 and "--encoding 'cp-korea'" in result.output


def test_reading_utf8_as_latin1_warns_that_text_may_be_garbled(tmp_path):
    source = write_csv(tmp_path / "in.csv", [["title", "body"], [ROW[0], ROW[3]]])
    out = tmp_path / "raw.jsonl"
    spec = "title=title,description=body"
    result = import_csv(str(source), "--map", spec, "--encoding", "latin-1", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "also valid UTF-8" in result.output


@pytest.mark.parametrize("delimiter, option", [(";", ";"), ("\t", "tab"), ("\t", "\\t")])
def test_the_delimiter_is_an_option(tmp_path, delimiter, option):
    source = write_csv(tmp_path / "in.csv", [HEADER, ROW], delimiter=delimiter)
    out = tmp_path / "raw.jsonl"
    result = import_csv(str(source), "--map", MAP, "--delimiter", option, "-o", str(out))
    assert result.exit_code == 0, result.output
    (record,) = records(out)
    assert (
        record["payload"]["회사"] == "가온데이터"
        and record["csv_options"]["delimiter"] == delimiter
    )


def test_a_semicolon_file_read_with_commas_says_to_pass_the_delimiter(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, ROW], delimiter=";")
    result = import_csv(str(source), "--map", MAP, "-o", str(tmp_path / "raw.jsonl"))
    assert result.exit_code == 2 and "--delimiter" in result.output


# --- index columns ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, values", [("", ["0", "1"]), ("Unnamed: 0", ["0", "1"]), ("index", ["1", "2"])]
)
def test_an_index_column_is_ignored_and_never_a_url(tmp_path, name, values):
    rows = [[name, *HEADER], [values[0], *ROW], [values[1], *ROW]]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "raw.jsonl"
    result = import_csv(str(source), "--map", MAP, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "ignored index column" in result.output
    assert [r["url"] for r in records(out)] == [None, None]
    assert {p["url"] for p in normalized(tmp_path, out)} == {None}
    mapped = import_csv(str(source), "--map", f"{MAP},url={name}", "-o", str(out))
    assert mapped.exit_code == 2 and "index column" in mapped.output


def test_a_column_named_index_that_is_not_a_row_number_is_data(tmp_path):
    rows = [["index", *HEADER], ["7", *ROW], ["3", *ROW]]  # not consecutive: some code or id
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "raw.jsonl"
    result = import_csv(str(source), "--map", f"{MAP},id=index", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "ignored" not in result.output
    assert [r["source_posting_id"] for r in records(out)] == ["7", "3"]


# --- per-file defaults and labels -----------------------------------------------------------


def test_label_country_and_date_defaults_reach_the_normalized_posting(tmp_path):
    header = ["title", "place", "body", "date"]
    rows = [
        header,
        ["Data Engineer", "", "Requirements\n- 3+ years of Python and SQL\n- Airflow DAGs", ""],
        ["ML Engineer", "Seoul", "Requirements\n- PyTorch and Python in production", ""],
        ["Data Analyst", "", "Requirements\n- SQL and Tableau dashboards for sales", "2024-05-02"],
    ]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "raw.jsonl"
    result = import_csv(
        str(source),
        "--map",
        "title=title,location=place,description=body,posted_at=date",
        "--source-label",
        "board_export_2024",
        "--country",
        "us",
        "--posted-at",
        "2024-03-15",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    raw = records(out)
    assert {r["source"] for r in raw} == {"csv"}  # CONTRACT §2: the family stays csv
    assert {r["source_label"] for r in raw} == {"board_export_2024"}
    postings = normalized(tmp_path, out)
    assert [p["source_label"] for p in postings] == ["board_export_2024"] * 3
    # no location -> the file's country; a location that resolves wins over the default
    assert [p["country"] for p in postings] == ["US", "KR", "US"]
    # an undated row takes the file's date; a row's own date wins
    assert [p["posted_at"] for p in postings] == ["2024-03-15", "2024-03-15", "2024-05-02"]


@pytest.mark.parametrize(
    "option, value",
    [("--country", "Korea"), ("--posted-at", "15/03/2024"), ("--source-label", " ")],
)
def test_bad_defaults_are_clear_errors(tmp_path, option, value):
    source = write_csv(tmp_path / "in.csv", [HEADER, ROW])
    result = import_csv(str(source), "--map", MAP, option, value, "-o", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 2 and option in result.output


def test_the_output_is_never_the_input(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, ROW])
    before = source.read_bytes()
    result = import_csv(str(source), "--map", MAP, "-o", str(source))
    assert result.exit_code == 2 and source.read_bytes() == before


# --- tags -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", ["Python|AWS|사내 도구", "['Python', 'AWS', '사내 도구']", "Python, AWS, 사내 도구"]
)
def test_a_tag_column_gives_tags_never_section_skills(tmp_path, cell):
    rows = [
        ["title", "duties", "required", "stack"],
        ["MLOps 엔지니어", "모델 배포 자동화", "Docker 기반 배포 경험 2년 이상", cell],
    ]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "raw.jsonl"
    spec = "title=title,duties=duties,required=required,tags=stack"
    assert import_csv(str(source), "--map", spec, "-o", str(out)).exit_code == 0
    (posting,) = normalized(tmp_path, out)
    assert posting["tags"] == ["python", "aws"]  # "사내 도구" names no skill
    skills = {s["id"] for s in posting["skills"]}
    assert "docker" in skills and not {"python", "aws"} & skills  # tags are not text
    assert {s["section"] for s in posting["skills"]} <= {"duties", "required", "preferred", "other"}


def test_a_placeholder_tag_cell_gives_no_tags(tmp_path):
    rows = [
        ["title", "required", "stack"],
        [
            "데이터 분석가",
            "SQL로 매출 지표를 추출하고 검증한 경험 2년 이상, 엑셀 보고서 작성",
            "기술 스택 없음",
        ],
    ]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "raw.jsonl"
    assert (
        import_csv(
            str(source), "--map", "title=title,required=required,tags=stack", "-o", str(out)
        ).exit_code
        == 0
    )
    assert normalized(tmp_path, out)[0]["tags"] == []


# --- a body with its own headings beside section columns ------------------------------------

BODY = (
    "저희 팀은 물류 수요를 예측합니다.\n"
    "주요업무\n- 수요 예측 모델 개발\n"
    "자격요건\n- Python 기반 모델링 경력 3년 이상\n- Spark 데이터 처리 경험\n"
    "우대사항\n- Airflow 운영 경험"
)


def _body_posting(tmp_path: Path, preferred_cell: str) -> dict:
    rows = [["title", "body", "preferred"], ["머신러닝 엔지니어", BODY, preferred_cell]]
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "raw.jsonl"
    spec = "title=title,description=body,preferred=preferred"
    assert import_csv(str(source), "--map", spec, "-o", str(out)).exit_code == 0
    (posting,) = normalized(tmp_path, out)
    return posting


def test_a_body_with_headings_is_split_and_the_section_column_wins(tmp_path):
    posting = _body_posting(tmp_path, "Kubernetes 운영 경험")
    by_section = {(s["id"], s["section"]) for s in posting["skills"]}
    # required comes from the body's own 자격요건 heading (it used to land in `other`) ...
    assert {("python", "required"), ("spark", "required")} <= by_section
    # ... and preferred from the column, which wins over the body's 우대사항
    assert ("kubernetes", "preferred") in by_section
    # the body's own 우대사항 lines stay as text, in `other` (not demand)
    assert ("airflow", "preferred") not in by_section and ("airflow", "other") in by_section
    assert posting["min_years"] == 3


def test_a_column_that_only_says_none_does_not_hide_the_body(tmp_path):
    posting = _body_posting(tmp_path, "우대사항 없음")
    assert ("airflow", "preferred") in {(s["id"], s["section"]) for s in posting["skills"]}
