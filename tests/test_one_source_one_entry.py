"""Adding a source touches its declared places only: a spider module of declarative
attributes, its entry (with its crawl group) in scrapers/sources.yaml, its family in
scrapers/families.yaml, a field map in pipelines/field_maps.yaml, its replay. The crawl
schedules (dags/partitions.py SOURCE_GROUPS) and the adapters pick it up from there."""

import ast
import inspect
from pathlib import Path

import pytest
import yaml

from dags.partitions import CRAWLED_FAMILIES, SOURCE_FAMILIES, SOURCE_GROUPS
from pipelines.sources import ADAPTERS, FieldMap, load_field_maps
from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.families import load_families
from scrapers.replay import OFFLINE_ARGS_PATH
from scrapers.sources import SourcesError, load_sources, parse_sources, source_groups

ROOT = Path(__file__).resolve().parents[1]
DECLARATIVE = ("workable", "recruitee", "personio")
SPIDER_ATTRIBUTES = {
    "name",
    "list_url",
    "pagination",
    "detail_url",
    "page_size",
    "volatile_list_keys",
}


def spider_class(name):
    module = __import__(f"scrapers.spiders.{name}", fromlist=["x"])
    [cls] = [
        c
        for c in vars(module).values()
        if inspect.isclass(c)
        and issubclass(c, JobBoardApiSpider)
        and c.__module__ == module.__name__
    ]
    return module, cls


@pytest.mark.parametrize("name", DECLARATIVE)
def test_a_new_family_is_a_short_declarative_spider(name):
    module, cls = spider_class(name)
    own = {k for k in vars(cls) if not k.startswith("__")}
    assert own <= SPIDER_ATTRIBUTES, f"{name} defines {own - SPIDER_ATTRIBUTES}"
    assert not [k for k in own if callable(getattr(cls, k)) and k != "pagination"]
    tree = ast.parse(Path(module.__file__).read_text("utf-8"))
    code_lines = {n.lineno for n in ast.walk(tree) if isinstance(n, ast.stmt)} - {1}
    assert len(code_lines) <= 6  # imports, class, a few assignments


@pytest.mark.parametrize("name", DECLARATIVE)
def test_a_new_family_is_declared_once_in_each_table(name):
    assert load_sources()[name].group == "ats_boards"
    assert name in SOURCE_GROUPS["ats_boards"] and name in CRAWLED_FAMILIES
    assert name in load_families()
    assert name in yaml.safe_load(OFFLINE_ARGS_PATH.read_text("utf-8"))
    assert isinstance(ADAPTERS[name], FieldMap) and name in load_field_maps()
    assert name in SOURCE_FAMILIES  # a partition of its own, from ADAPTERS


def test_the_crawl_groups_come_from_sources_yaml_not_a_hand_kept_dict():
    assert source_groups() == SOURCE_GROUPS
    tree = ast.parse((ROOT / "dags" / "partitions.py").read_text("utf-8"))
    [assigned] = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign | ast.Assign)
        and "SOURCE_GROUPS"
        in ast.unparse(node.target if hasattr(node, "target") else node.targets[0])
    ]
    assert ast.unparse(assigned) == "source_groups()"  # read, never a literal dict
    assert {s for group in SOURCE_GROUPS.values() for s in group} == set(load_sources())


def test_a_source_without_a_group_or_with_a_bad_one_is_refused():
    with pytest.raises(SourcesError, match="without a group: acme"):
        source_groups(parse_sources({"version": 1, "sources": {"acme": {"boards": ["x"]}}}))
    with pytest.raises(SourcesError, match="group"):
        parse_sources({"version": 1, "sources": {"acme": {"group": "ATS Boards"}}})
