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
from pipelines.sections import heading_verdict

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
