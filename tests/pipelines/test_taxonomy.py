"""The taxonomy YAML: every contract id exists, and the loader rejects bad data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from pipelines.taxonomy import TAXONOMY_FILES, TaxonomyError, known_terms, load_taxonomy
from warehouse.paths import PROJECT_ROOT

TAXONOMY_DIR = PROJECT_ROOT / "pipelines" / "taxonomy"
CONTRACT_SKILLS = [
    "linear_algebra",
    "probability",
    "statistics",
    "calculus",
    "optimization",
    "python",
    "r",
    "java",
    "scala",
    "cpp",
    "go",
    "javascript",
    "typescript",
    "rust",
    "data_structures_algorithms",
    "operating_systems",
    "software_design",
    "git",
    "machine_learning",
    "deep_learning",
    "regression",
    "classification",
    "clustering",
    "model_evaluation",
    "reinforcement_learning",
    "time_series",
    "feature_engineering",
    "nlp",
    "computer_vision",
    "llm",
    "rag",
    "recommender_systems",
    "speech_recognition",
    "pytorch",
    "tensorflow",
    "keras",
    "jax",
    "scikit_learn",
    "xgboost",
    "lightgbm",
    "hugging_face",
    "langchain",
    "pandas",
    "numpy",
    "spark",
    "hadoop",
    "kafka",
    "airflow",
    "dbt",
    "etl",
    "data_warehouse",
    "flink",
    "mlops",
    "ci_cd",
    "docker",
    "kubernetes",
    "mlflow",
    "kubeflow",
    "model_serving",
    "triton",
    "onnx",
    "model_monitoring",
    "terraform",
    "aws",
    "gcp",
    "azure",
    "linux",
    "shell",
    "sql",
    "tableau",
    "power_bi",
    "excel",
    "bigquery",
    "snowflake",
    "postgresql",
    "mysql",
    "mongodb",
    "redis",
    "elasticsearch",
    "vector_database",
    "data_analysis",
    "statistical_modeling",
    "data_visualization",
    "ab_testing",
    "problem_solving",
    "communication",
    "teamwork",
    "learning_agility",
    "english",
    "publications",
    "competition_awards",
    "portfolio",
    "open_source",
]
CONTRACT_ROLES = [
    "data_scientist",
    "data_analyst",
    "data_engineer",
    "ml_engineer",
    "deep_learning_engineer",
    "ai_research_scientist",
    "ml_app_developer",
    "mlops_engineer",
    "devops_engineer",
]
CONTRACT_SPECIALIZATIONS = ["nlp", "computer_vision", "llm", "recommender", "speech"]


def test_every_contract_id_exists(taxonomy):
    assert set(CONTRACT_SKILLS) <= set(taxonomy.skills)
    assert set(CONTRACT_ROLES) == set(taxonomy.roles)
    assert "out_of_scope" in taxonomy.role_ids
    assert set(CONTRACT_SPECIALIZATIONS) == set(taxonomy.specializations)


@pytest.mark.parametrize(
    "korean, skill",
    [
        ("파이썬", "python"),
        ("파이토치", "pytorch"),
        ("텐서플로우", "tensorflow"),
        ("쿠버네티스", "kubernetes"),
        ("도커", "docker"),
        ("선형대수", "linear_algebra"),
        ("확률", "probability"),
        ("통계", "statistics"),
        ("딥러닝", "deep_learning"),
        ("머신러닝", "machine_learning"),
        ("자연어처리", "nlp"),
        ("컴퓨터 비전", "computer_vision"),
        ("추천 시스템", "recommender_systems"),
        ("음성인식", "speech_recognition"),
        ("논문 게재", "publications"),
        ("수상", "competition_awards"),
        ("포트폴리오", "portfolio"),
        ("커뮤니케이션", "communication"),
        ("협업", "teamwork"),
        ("문제 해결", "problem_solving"),
    ],
)
def test_korean_alias_belongs_to_skill(taxonomy, korean, skill):
    assert korean in taxonomy.skills[skill].aliases


def test_version_is_stamped_from_the_files(taxonomy):
    versions = {yaml.safe_load((TAXONOMY_DIR / n).read_text())["version"] for n in TAXONOMY_FILES}
    assert versions == {taxonomy.version}
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d+", taxonomy.version)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "taxonomy"
    target.mkdir()
    for name in TAXONOMY_FILES:
        shutil.copy(TAXONOMY_DIR / name, target / name)
    return target


def _edit(directory: Path, name: str, edit) -> None:
    path = directory / name
    doc = yaml.safe_load(path.read_text())
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))


def test_a_copy_of_the_bundled_files_loads(tmp_path):
    assert set(load_taxonomy(_copy(tmp_path)).skills) == set(load_taxonomy().skills)


def test_unknown_key_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        "skills.yaml",
        lambda d: d["families"]["programming"]["skills"]["python"].update(alias=["py"]),
    )
    with pytest.raises(TaxonomyError, match="unknown key"):
        load_taxonomy(directory)


def test_duplicate_skill_id_is_an_error(tmp_path):
    directory = _copy(tmp_path)

    def duplicate(doc):
        doc["families"]["cloud"]["skills"]["python"] = {
            "name": {"en": "Python again", "ko": "파이썬"},
            "aliases": {"en": ["cpython"], "ko": []},
        }

    _edit(directory, "skills.yaml", duplicate)
    with pytest.raises(TaxonomyError, match="duplicate skill id"):
        load_taxonomy(directory)


def test_alias_claimed_by_two_skills_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        "skills.yaml",
        lambda d: d["families"]["cloud"]["skills"]["aws"]["aliases"]["ko"].append("파이썬"),
    )
    with pytest.raises(TaxonomyError, match="claimed by both"):
        load_taxonomy(directory)


def test_files_of_different_versions_are_an_error(tmp_path):
    directory = _copy(tmp_path)
    _edit(directory, "roles.yaml", lambda d: d.update(version="1999.01.0"))
    with pytest.raises(TaxonomyError, match="disagree on version"):
        load_taxonomy(directory)


def test_unknown_skill_in_a_role_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        "roles.yaml",
        lambda d: d["roles"]["data_engineer"]["text_skills"].append("cobol"),
    )
    with pytest.raises(TaxonomyError, match="unknown skill id 'cobol'"):
        load_taxonomy(directory)


def test_qualifiers_yield_must_be_a_flag(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        "roles.yaml",
        lambda d: d["roles"]["devops_engineer"].update(qualifiers_yield="sometimes"),
    )
    with pytest.raises(TaxonomyError, match="qualifiers_yield: expected true or false"):
        load_taxonomy(directory)


def test_a_sense_window_after_the_mention_must_be_a_count(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        "skills.yaml",
        lambda d: d["families"]["programming"]["skills"]["cpp"]["senses"][0].update(near_after=-1),
    )
    with pytest.raises(TaxonomyError, match="near_after: expected a number of characters"):
        load_taxonomy(directory)


def test_bad_reject_regex_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    _edit(
        directory,
        "skills.yaml",
        lambda d: d["families"]["programming"]["skills"]["go"]["reject"].append("(unclosed"),
    )
    with pytest.raises(TaxonomyError, match="bad regex"):
        load_taxonomy(directory)


def test_a_not_skill_that_is_a_skill_alias_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    _edit(directory, "skills.yaml", lambda d: d["not_skills"].append("PyTorch"))
    with pytest.raises(TaxonomyError, match=r"\['pytorch'\] is an alias of skill 'pytorch'"):
        load_taxonomy(directory)


def test_known_terms_cover_aliases_word_by_word_titles_and_places(taxonomy):
    known = known_terms(taxonomy)
    assert known["python"] == "skill" and known["scikit-learn"] == "skill"
    assert known["airflow"] == "skill" and known["apache"] == "skill"  # "apache airflow", by word
    assert known["scientist"] == "role"  # from "data scientist"
    assert known["korea"] == "place" and known["seoul"] == "place"
    assert known["bachelor"] == "not_skill"
    assert "fortran" not in known  # what agg_unmatched_terms exists to surface


def test_location_rules_are_checked(tmp_path):
    directory = _copy(tmp_path)
    _edit(directory, "locations.yaml", lambda d: d["multi_patterns"].append("(unclosed"))
    with pytest.raises(TaxonomyError, match="multi_patterns: bad regex"):
        load_taxonomy(directory)
    (tmp_path / "second").mkdir()
    directory = _copy(tmp_path / "second")
    _edit(directory, "locations.yaml", lambda d: d["subdivisions"]["codes_of"].append("USA"))
    with pytest.raises(TaxonomyError, match=r"codes_of.*not ISO 3166-1 alpha-2"):
        load_taxonomy(directory)


def test_a_location_rule_from_the_yaml_changes_the_answer(tmp_path):
    from pipelines.locale import country_of

    directory = _copy(tmp_path)
    assert country_of("Hamlet Falls, TN", load_taxonomy(directory)) == "US"  # Tennessee
    _edit(directory, "locations.yaml", lambda d: d["subdivisions"].update(codes_of=["IN", "US"]))
    assert country_of("Hamlet Falls, TN", load_taxonomy(directory)) == "IN"  # Tamil Nadu first
    _edit(directory, "locations.yaml", lambda d: d["remote_words"].remove("remote"))
    assert country_of("Remote", load_taxonomy(directory)) is None  # unresolved, not a place
    _edit(directory, "locations.yaml", lambda d: d["countries"]["KR"]["ko"].remove("판교"))
    assert country_of("판교", load_taxonomy(directory)) is None


def test_a_key_given_twice_is_an_error_not_a_silent_loss(tmp_path):
    # PyYAML would keep only the second `reject:`; the loader names the file and line instead.
    directory = _copy(tmp_path)
    path = directory / "skills.yaml"
    text = path.read_text("utf-8")
    anchor = "      python:\n"
    assert anchor in text
    path.write_text(
        text.replace(anchor, anchor + "        reject: ['a']\n        reject: ['b']\n", 1), "utf-8"
    )
    with pytest.raises(TaxonomyError, match=r"skills.yaml, line \d+: key 'reject' given twice"):
        load_taxonomy(directory)


def test_no_project_yaml_file_gives_a_key_twice():
    from pipelines.taxonomy import UniqueKeyLoader

    tracked = sorted(PROJECT_ROOT.glob("**/*.yaml"))
    tracked = [p for p in tracked if ".venv" not in p.parts and "data" not in p.parts[:2]]
    assert len(tracked) > 10
    for path in tracked:  # a Kubernetes manifest holds several documents
        list(yaml.load_all(path.read_text("utf-8"), Loader=UniqueKeyLoader))
