"""Skills from a source's tag list: Wanted's `tech_stack`, a CSV `skills` column.

A tag list is not text (CONTRACT §7): it says neither whether a skill is a duty, a requirement
or a bonus, and boards fill it with the company's whole stack. So its skills never enter
`skills` (whose sections are duties / required / preferred / other, and whose `other` would
then count tags as mentions); they are kept apart as the posting's `tags`.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.taxonomy import Taxonomy

MAX_TAG_TEXT = 10_000  # characters of a tag column read; a tag list is short
MAX_TAG = 100  # a longer "tag" is text, not a name
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
_SEPARATORS = re.compile(r"[|,;\n]")
_PLACEHOLDERS = frozenset({"nan", "none", "null", "-", "-1", "n/a", "없음", "기술 스택 없음"})


def parse_tags(text: str) -> tuple[str, ...]:
    """The tags of one cell: `Python|AWS`, `Python, AWS` or a list literal `['Python', 'AWS']`.

    Read with a regex, never evaluated, so a hostile cell costs linear time.
    """
    text = text.strip()[:MAX_TAG_TEXT]
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        quoted = [a or b for a, b in _QUOTED.findall(inner)]
        items = quoted if quoted else _SEPARATORS.split(inner)
    else:
        items = _SEPARATORS.split(text)
    tags: list[str] = []
    for item in items:
        tag = " ".join(item.strip(" \t'\"[]").split())
        if tag and len(tag) <= MAX_TAG and tag.lower() not in _PLACEHOLDERS and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


@cache
def _lookup(taxonomy: Taxonomy) -> dict[str, str]:
    """Every name of a skill (id, English and Korean names, aliases) as a tag key → skill id."""
    lookup: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        if skill.deprecated:
            continue
        for name in (skill.name_en, skill.name_ko, *skill.aliases, *skill.case_sensitive):
            lookup.setdefault(_key(name), skill.id)
            lookup.setdefault(_key(name).replace(" ", ""), skill.id)
    for skill in taxonomy.skills.values():  # an id wins over another skill's alias
        if not skill.deprecated:
            lookup[_key(skill.id)] = skill.id
    return lookup


def tag_skills(tags: tuple[str, ...], taxonomy: Taxonomy) -> tuple[str, ...]:
    """Skill ids of the tags that name a skill, in order, once each; other tags stay in the
    raw payload (a tag is a whole name: "AWS EC2" is not looked into)."""
    lookup = _lookup(taxonomy)
    found: list[str] = []
    for tag in tags:
        key = _key(tag)
        skill = lookup.get(key) or lookup.get(key.replace(" ", ""))
        if skill is not None and skill not in found:
            found.append(skill)
    return tuple(found)
