"""A source's tag list: parsed without evaluating it, matched to skills by whole names."""

import pytest

from pipelines.tags import parse_tags, tag_skills


@pytest.mark.parametrize(
    "cell, tags",
    [
        ("Python|AWS|Docker", ("Python", "AWS", "Docker")),
        ("['Python', 'AWS']", ("Python", "AWS")),
        ('["PyTorch", "Kubernetes"]', ("PyTorch", "Kubernetes")),
        ("[]", ()),
        ("Python, SQL; Tableau", ("Python", "SQL", "Tableau")),
        ("Python|python|Python", ("Python", "python")),  # once each, as written
        ("기술 스택 없음", ()),
        ("nan", ()),
        ("", ()),
    ],
)
def test_tag_cells_in_the_shapes_boards_write(cell, tags):
    assert parse_tags(cell) == tags


def test_a_hostile_cell_is_read_in_linear_time_without_evaluation():
    assert parse_tags("[" * 50_000 + "]" * 50_000) == ()  # no recursion, nothing evaluated
    assert parse_tags("[__import__('os').system('true')]") == ("os", "true")


def test_tags_map_to_skill_ids_by_whole_name(taxonomy):
    tags = ("Python", "파이썬", "AWS", "scikit-learn", "Hugging Face", "Go", "사내 도구", "AWS EC2")
    # one id per skill, in order; a tag that names no skill (or names more) adds nothing
    assert tag_skills(tags, taxonomy) == ("python", "aws", "scikit_learn", "hugging_face", "go")
