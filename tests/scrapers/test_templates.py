"""The genspider templates (``scrapy genspider -t job_board_api NAME URL``) render to
modules that import and follow the naming rules."""

import string
import types
from pathlib import Path

import pytest
import scrapy

from scrapers import settings

TEMPLATES = Path(settings.TEMPLATES_DIR) / "spiders"


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.tmpl")), ids=lambda p: p.stem)
def test_template_renders_to_a_spider_named_like_its_file(template):
    code = string.Template(template.read_text("utf-8")).substitute(
        name="acmejobs",
        classname="AcmejobsSpider",
        url="https://jobs.acme.example/api",
        domain="jobs.acme.example",
        module="acmejobs",
        project_name="careermarket",
        ProjectName="Careermarket",
    )
    module = types.ModuleType("acmejobs")
    exec(compile(code, f"{template.name}.py", "exec"), module.__dict__)
    spider = module.AcmejobsSpider
    assert issubclass(spider, scrapy.Spider) and spider.name == "acmejobs"
