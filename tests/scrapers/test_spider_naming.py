"""Naming rules: file = spider name = source id; ClassName = <Name>Spider; bases end in
Spider or Mixin; every spider has a sources.yaml entry and an offline replay."""

import inspect
import pkgutil
from importlib import import_module

import scrapy
import yaml

import scrapers.base
import scrapers.spiders
from scrapers.replay import OFFLINE_ARGS_PATH
from scrapers.sources import load_sources

# The one declaration of which sources exist: sources.yaml (each with its crawl group).
SOURCE_IDS = set(load_sources())


def spider_classes(module):
    return [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, scrapy.Spider)
        and obj.__module__ == module.__name__
    ]


def test_each_spider_file_holds_one_spider_named_like_the_file():
    names = set()
    for info in pkgutil.iter_modules(scrapers.spiders.__path__):
        module = import_module(f"scrapers.spiders.{info.name}")
        [spider] = spider_classes(module)
        assert spider.name == info.name
        assert spider.__name__ == info.name.capitalize() + "Spider"
        names.add(spider.name)
    assert names == SOURCE_IDS


def test_base_classes_end_in_spider_or_mixin():
    for info in pkgutil.iter_modules(scrapers.base.__path__):
        module = import_module(f"scrapers.base.{info.name}")
        for name, obj in vars(module).items():
            local_class = inspect.isclass(obj) and obj.__module__ == module.__name__
            if local_class and (issubclass(obj, scrapy.Spider) or name.endswith("Mixin")):
                assert name.endswith(("Spider", "Mixin")), name
                assert not getattr(obj, "name", None), f"{name} is a base, not a spider"


def test_every_spider_has_a_sources_entry_and_an_offline_replay():
    assert len(SOURCE_IDS) >= 14
    assert set(yaml.safe_load(OFFLINE_ARGS_PATH.read_text("utf-8"))) == SOURCE_IDS
