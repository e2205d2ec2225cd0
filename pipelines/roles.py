"""Role, specializations and scope of a posting: title first, text second (CONTRACT §7)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from pipelines.models import SkillMention
from pipelines.phrases import PhraseMatcher
from pipelines.sections import Line
from pipelines.taxonomy import Role, Taxonomy

OUT_OF_SCOPE = "out_of_scope"

# Title tiers, strongest first. A role noun decides; a non-engineering function (PM, sales, QA)
# outranks an ML qualifier ("Product Manager, ML"); an ML qualifier outranks an engineering job
# outside the taxonomy ("Backend Engineer, ML Platform"); an engineering job outranks the
# qualifiers of a role whose field is every engineer's setting (roles.yaml qualifiers_yield:
# "인프라" / "cloud" next to a web or game developer is where the job runs, not the job).
ROLE_NOUN, FUNCTION, QUALIFIER, ENGINEERING, SETTING, GENERIC = 5, 4, 3, 2, 1, 0

# Skills that show a posting is ML / data work when its title says nothing.
ML_EVIDENCE = frozenset(
    {
        "machine_learning",
        "deep_learning",
        "pytorch",
        "tensorflow",
        "keras",
        "jax",
        "llm",
        "nlp",
        "computer_vision",
        "speech_recognition",
        "recommender_systems",
        "reinforcement_learning",
        "scikit_learn",
        "hugging_face",
        "mlops",
        "model_serving",
        "kubeflow",
        "mlflow",
        "rag",
        "langchain",
        "xgboost",
        "lightgbm",
        "model_evaluation",
        "feature_engineering",
        "onnx",
        "triton",
        "model_monitoring",
    }
)
_TEXT_SECTIONS = ("duties", "required")
_TEXT_OR_OTHER = (*_TEXT_SECTIONS, "other")
# "[네이버랩스] …", "【AI연구소】 …": a team or company in front of the job, not the job itself.
_LEADING_TAGS = re.compile(r"^(?:\s*(?:\[[^\]]*\]|【[^】]*】|<[^>]*>))+\s*")
_MIN_TEXT_EVIDENCE = 3


@dataclass(frozen=True, slots=True)
class RoleMatch:
    role: str
    in_scope: bool
    specializations: tuple[str, ...]
    basis: str  # "title", "text" or "none": what decided the role


@dataclass(frozen=True, slots=True)
class _Tag:
    tier: int
    role: str
    needs_ml: bool = False
    needs_data_work: bool = False  # gives way to out_of_scope when the duties are requirements work


@dataclass(frozen=True)
class _RoleIndex:
    title: PhraseMatcher
    research: PhraseMatcher
    openings: PhraseMatcher
    promotions: dict[str, list[tuple[str, PhraseMatcher]]]
    specs: PhraseMatcher
    in_text: PhraseMatcher
    hints: PhraseMatcher
    requirements: PhraseMatcher
    duty_cues: PhraseMatcher
    fielded: dict[str, frozenset[str]]  # role -> function nouns its qualifiers give a field


@functools.lru_cache(maxsize=8)
def _index(taxonomy: Taxonomy) -> _RoleIndex:
    best: dict[str, _Tag] = {}

    def add(alias: str, tag: _Tag) -> None:
        if alias not in best or tag.tier > best[alias].tier:
            best[alias] = tag

    for role in taxonomy.roles.values():
        for alias in role.titles:
            add(alias, _Tag(ROLE_NOUN, role.id))
        for alias in role.titles_if_ml:
            add(alias, _Tag(ROLE_NOUN, role.id, needs_ml=True))
        for alias in role.titles_if_data_work:
            add(alias, _Tag(ROLE_NOUN, role.id, needs_data_work=True))
        for alias in role.qualifiers:
            add(alias, _Tag(SETTING if role.qualifiers_yield else QUALIFIER, role.id))
        for alias in role.weak_titles:
            add(alias, _Tag(SETTING, role.id))
    oos = taxonomy.out_of_scope
    for alias in oos.functions:
        add(alias, _Tag(FUNCTION, OUT_OF_SCOPE))
    for alias in oos.engineering:
        add(alias, _Tag(ENGINEERING, OUT_OF_SCOPE))
    for alias in oos.generic:
        add(alias, _Tag(GENERIC, "generic"))
    promotions = {
        role.id: [(target, PhraseMatcher((a, target) for a in aliases))]
        for role in taxonomy.roles.values()
        for target, aliases in role.promote_with.items()
    }
    specs = PhraseMatcher(
        (alias, spec.id) for spec in taxonomy.specializations.values() for alias in spec.aliases
    )
    # a role named in the plural in the text is mostly the team the hire works with ("collaborate
    # with data scientists") or leads: it weighs half what the job named in the singular does
    singular = {alias for role in taxonomy.roles.values() for alias in role.titles}
    in_text = PhraseMatcher(
        (alias, (role.id, 1 if alias.endswith("s") and alias[:-1] in singular else 2))
        for role in taxonomy.roles.values()
        for alias in role.titles
        if len(alias) > 6
    )
    hinted: dict[str, tuple[str, ...]] = {}
    for role in taxonomy.roles.values():
        for alias in role.title_hints:
            hinted[alias] = (*hinted.get(alias, ()), role.id)
    hints = PhraseMatcher(hinted.items())
    return _RoleIndex(
        title=PhraseMatcher(best.items(), compact=True),  # ~950 titles: see Automaton
        # the longer "연구 및 개발" wins over the "연구" inside it (overlaps go to the longest)
        research=PhraseMatcher(
            [(a, "research") for a in oos.research_nouns]
            + [(a, "development") for a in oos.research_and_development]
        ),
        openings=PhraseMatcher((a, "openings") for a in oos.openings),
        promotions=promotions,
        specs=specs,
        in_text=in_text,
        hints=hints,
        requirements=PhraseMatcher((a, "requirements") for a in oos.requirements_work),
        duty_cues=PhraseMatcher(
            (alias, role.id) for role in taxonomy.roles.values() for alias in role.duty_cues
        ),
        fielded={
            role.id: frozenset(a.lower() for a in role.fielded_functions)
            for role in taxonomy.roles.values()
            if role.fielded_functions
        },
    )


def _demand(skills: Sequence[SkillMention], sections: Sequence[str]) -> set[str]:
    return {s.id for s in skills if s.section in sections}


# Between a Korean function word and the data field it modifies: only spaces and a middle dot;
# or one word and a conjunction ("세일즈 전략 & 데이터 분석": the last conjunct is the head).
# The word cannot start with what precedes it nor hold what follows it, so no two quantifiers
# compete for a character: linear on any title ("·" × 100k included).
_MODIFIES = re.compile(r"[\s·]*(?:(?:[^\s·,/|()\[\]&][^\s,/|()\[\]&]*\s*)?(?:&|및|and|와|과)\s*)?")
# After the head: a bracketed note ("(7년 이상)", "[정규직]") says nothing about the job.
_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SEPARATOR = re.compile(r"[,/|]")


def _only_generic_after(title: str, start: int, tags: list[tuple[int, int, _Tag]]) -> bool:
    """Whether the title after `start` holds nothing but generic job nouns ("담당자",
    "파트장/매니저"), bracketed notes and separators: no second job after a separator."""
    rest = list(title[start:])
    for s, e, tag in tags:
        if tag.tier == GENERIC and s >= start:
            rest[s - start : e - start] = " " * (e - s)
    words = _SEPARATOR.split(_NOTE.sub(" ", "".join(rest)))
    return all(not w.strip() for w in words[1:])


def _korean_head(title: str, tags: list[tuple[int, int, _Tag]]) -> str | None:
    """The data field at the end of a Korean title whose function word only modifies it.
    Korean puts the head last: in "마케팅 데이터 분석" the job is data analysis, done for
    marketing; in "데이터 마케터" it is marketing. The qualifier must follow the last function
    word directly and end the title (a generic noun like "담당자" may follow), in Hangul.

    >>> from pipelines.taxonomy import load_taxonomy
    >>> ix = _index(load_taxonomy())
    >>> _from_title("마케팅 데이터 분석", False, ix)[0]
    'data_analyst'
    >>> _from_title("데이터 마케터", False, ix)[0]
    'out_of_scope'
    >>> _from_title("식품 마케팅 데이터 분석 팀장/매니저 (5년 이상)", False, ix)[0]
    'data_analyst'
    >>> _from_title("영업 기획 & 데이터 분석 매니저", False, ix)[0]
    'data_analyst'
    >>> _from_title("마케팅 데이터 분석 / 광고 운영", False, ix)[0]
    'out_of_scope'
    """
    functions = [t for t in tags if t[2].tier == FUNCTION]
    qualifiers = [t for t in tags if t[2].tier == QUALIFIER]
    if not functions or not qualifiers:
        return None
    last_function = max(functions, key=lambda t: t[1])
    after = [t for t in qualifiers if t[0] >= last_function[1]]
    if not after:
        return None
    head = min(after, key=lambda t: t[0])
    gap = title[last_function[1] : head[0]]
    later = [t for t in tags if t[0] >= head[1] and t[2].tier not in (QUALIFIER, GENERIC)]
    if (
        _MODIFIES.fullmatch(gap) is None
        or later
        or not any("\uac00" <= c <= "\ud7a3" for c in title[head[0] : head[1]])
        or not _only_generic_after(title, max(t[1] for t in after), tags)
    ):
        return None
    return head[2].role


def _engineering_head(title: str, tags: list[tuple[int, int, _Tag]]) -> bool:
    """Whether the title ends in an engineering job noun that an ML qualifier in front only
    modifies: "머신비전 하드웨어 개발자" is hardware development for machine vision, as
    "ML Backend Engineer" is backend work (CONTRACT §7: a backend, embedded … job is out of
    scope however much ML it touches). The engineering noun must stand right before the closing
    generic job noun, with nothing but notes after it; a qualifier after the job ("Backend
    Engineer, ML Platform") still names the field.

    >>> from pipelines.taxonomy import load_taxonomy
    >>> ix = _index(load_taxonomy())
    >>> _from_title("머신비전 하드웨어 개발자 (전문연구요원 가능)", False, ix)[0]
    'out_of_scope'
    >>> _from_title("Computer Vision Embedded Software Engineer", False, ix)[0]
    'out_of_scope'
    >>> _from_title("하드웨어 가속 딥러닝 개발자", False, ix)[0]
    'deep_learning_engineer'
    """
    engineering = [t for t in tags if t[2].tier == ENGINEERING]
    if not engineering:
        return False
    last = max(engineering, key=lambda t: t[1])
    generic = [t for t in tags if t[2].tier == GENERIC and t[0] >= last[1]]
    if not generic or title[last[1] : min(generic)[0]].strip():
        return False
    if any(t[0] >= last[1] and t[2].tier != GENERIC for t in tags):
        return False
    qualifiers_before = [t for t in tags if t[2].tier == QUALIFIER and t[1] <= last[0]]
    return bool(qualifiers_before) and _only_generic_after(title, min(generic)[0], tags)


# "… with ML Experience": what follows is a skill wanted ("Python Developer with ETL" names
# the work and is not an aside)
_WITH = re.compile(
    r"\bwith\b(?=[^()]*\b(?:experience|background|knowledge|skills|exposure|expertise)\b)", re.I
)
_PARENS = re.compile(r"\([^()]*\)")


def _asides(title: str, spans: list[tuple[int, int, _Tag]]) -> list[tuple[int, int, _Tag]]:
    """The title's tags without the ML qualifiers that are asides to an engineering job named
    outside them: after "with" ("Full-Stack Engineer with ML/AI Experience": a skill wanted,
    not the field) or in brackets ("Node.js Developer (Sports Data + Generative AI)": the
    product's domain). Such a title's job is the engineering one (CONTRACT §7).

    >>> from pipelines.taxonomy import load_taxonomy
    >>> ix = _index(load_taxonomy())
    >>> _from_title("Full-Stack Engineer with ML/AI Experience", False, ix)[0]
    'out_of_scope'
    >>> _from_title("Backend Engineer, ML Platform", False, ix)[0] != 'out_of_scope'
    True
    """
    brackets = [(m.start(), m.end()) for m in _PARENS.finditer(title)]
    with_at = m.start() if (m := _WITH.search(title)) else len(title)

    def aside(start: int) -> bool:
        return start > with_at or any(lo < start < hi for lo, hi in brackets)

    if not any(t.tier == ENGINEERING and not aside(pos) for pos, _, t in spans):
        return spans
    return [t for t in spans if not (t[2].tier == QUALIFIER and aside(t[0]))]


def _fielded_function(
    title: str, spans: list[tuple[int, int, _Tag]], index: _RoleIndex
) -> str | None:
    """The role whose qualifier gives a field to every function noun of the title, when each is
    one of that role's fielded_functions (roles.yaml): a consultant in data analytics is an
    analytics consultant, a consultant in AI or in nothing named stays out of scope.

    >>> from pipelines.taxonomy import load_taxonomy
    >>> ix = _index(load_taxonomy())
    >>> _from_title("Consultant - Web Analytics Practice", False, ix)[0]
    'data_analyst'
    >>> _from_title("Product Manager - Web Analytics", False, ix)[0]
    'out_of_scope'
    """
    functions = {title[s:e].lower() for s, e, t in spans if t.tier == FUNCTION}
    qualified = {t.role for _, _, t in spans if t.tier == QUALIFIER}
    for role, nouns in index.fielded.items():
        if functions and functions <= nouns and role in qualified:
            return role
    return None


def _requirements_led(
    lines: Sequence[Line], skills: Sequence[SkillMention], taxonomy: Taxonomy, index: _RoleIndex
) -> bool:
    """Whether the duties (the requirements when no duties are read) hold at least two lines of
    requirements work for an IT system (roles.yaml out_of_scope.requirements_work: BRD,
    화면설계, UAT …) and more of them than lines naming data work (data_analyst's text_skills):
    such a business analyst defines systems, it does not analyse data (eval/ANNOTATION.md).

    >>> from pipelines.taxonomy import load_taxonomy
    >>> from pipelines.sections import Line
    >>> tax = load_taxonomy()
    >>> work = ["Gather business requirements and write BRD documents", "Run UAT with the users"]
    >>> _requirements_led([Line(t, "duties") for t in work], [], tax, _index(tax))
    True
    """
    section = "duties" if any(line.section == "duties" for line in lines) else "required"
    read = [line.text for line in lines if line.section == section]
    cue_lines = sum(1 for text in read if index.requirements.find(text))
    if cue_lines < 2:
        return False
    data_skills = set(taxonomy.roles["data_analyst"].text_skills)
    evidence = [m.evidence.lower() for m in skills if m.section == section and m.id in data_skills]
    data_lines = sum(1 for text in read if any(e and e in text.lower() for e in evidence))
    return cue_lines > data_lines


def _from_title(
    title: str, ml_evidence: bool, index: _RoleIndex, requirements_led: bool = False
) -> tuple[str | None, bool]:
    """(role or None when the title does not decide, whether the title is a research noun).

    A business analyst whose duties are requirements work is out of scope (roles.yaml
    titles_if_data_work); with data work, or no text, it is an analyst:

    >>> from pipelines.taxonomy import load_taxonomy
    >>> ix = _index(load_taxonomy())
    >>> _from_title("Business Analyst", False, ix)[0]
    'data_analyst'
    >>> _from_title("Business Analyst", False, ix, requirements_led=True)[0]
    'out_of_scope'
    """
    spans = [(m.start, m.end, cast(_Tag, m.key)) for m in index.title.find(title)]
    spans = [t for t in spans if not (t[2].needs_ml and not ml_evidence)]
    if requirements_led:
        spans = [
            (s, e, _Tag(FUNCTION, OUT_OF_SCOPE) if t.needs_data_work else t) for s, e, t in spans
        ]
    spans = _asides(title, spans)
    tags = [(pos, tag) for pos, _, tag in spans]
    research = any(m.key == "research" for m in index.research.find(title))
    by_tier: dict[int, list[str]] = {}
    for _, tag in sorted(tags, key=lambda t: t[0]):
        by_tier.setdefault(tag.tier, []).append(tag.role)
    if ROLE_NOUN in by_tier:
        return by_tier[ROLE_NOUN][0], research
    if FUNCTION in by_tier and (fielded := _fielded_function(title, spans, index)) is not None:
        return fielded, research
    if FUNCTION in by_tier:
        head = _korean_head(title, spans)
        if head is not None:
            return ("ai_research_scientist" if research else head), research
        return OUT_OF_SCOPE, research
    if QUALIFIER in by_tier and _engineering_head(title, spans):
        return OUT_OF_SCOPE, research
    if QUALIFIER in by_tier:
        if research:
            return "ai_research_scientist", research
        return by_tier[QUALIFIER][0], research
    if ENGINEERING in by_tier:
        return OUT_OF_SCOPE, research
    if SETTING in by_tier:
        return by_tier[SETTING][0], research
    if index.openings.find(title):
        return OUT_OF_SCOPE, research
    return None, research


# What a bare list of tools holds besides the tools: separators, conjunctions and a short label
# ("Tools: Git, Docker, Kubernetes, AWS", "사용 기술: Docker, K8s 등").
_LIST_FILLER = re.compile(r"[\W_\d]+|\b(?:and|or|etc|e\.g|등|및|또는|와|과)\b", re.I)
_LIST_LABEL_WORDS = 2


def _is_tool_list(text: str, evidence: Sequence[str]) -> bool:
    """Whether a line only names tools (two or more) and says no work done with them: what
    is left once the tools, separators and conjunctions are gone is at most a short label.

    >>> _is_tool_list("Git, Docker, Kubernetes, AWS", ["Git", "Docker", "Kubernetes", "AWS"])
    True
    >>> _is_tool_list("Run our Kubernetes clusters with Terraform", ["Kubernetes", "Terraform"])
    False
    """
    lowered = text.lower()
    found = [e for e in evidence if e and e.lower() in lowered]
    if len(found) < 2:
        return False
    for e in sorted(found, key=len, reverse=True):
        lowered = lowered.replace(e.lower(), " ")
    return len(_LIST_FILLER.sub(" ", lowered).split()) <= _LIST_LABEL_WORDS


def _worked_duties(lines: Sequence[Line], skills: Sequence[SkillMention]) -> set[str]:
    """The skills the duties name in a line of work, not only in a bare list of tools: a
    trading-systems engineer's duties may end with "Git, Docker, Kubernetes, AWS", which is
    the team's stack, not DevOps work (roles.yaml text_in_duties)."""
    mentions = [m for m in skills if m.section == "duties"]
    evidence = [m.evidence for m in mentions]
    worked = [
        line.text.lower()
        for line in lines
        if line.section == "duties" and not _is_tool_list(line.text, evidence)
    ]
    return {m.id for m in mentions if any(m.evidence.lower() in text for text in worked)}


def _cued_role(lines: Sequence[Line], index: _RoleIndex) -> str | None:
    """The role whose work (roles.yaml duty_cues) at least half the duty lines name: the main
    work said in words, which decides even when the duties name none of the role's skills.

    >>> from pipelines.taxonomy import load_taxonomy
    >>> ix = _index(load_taxonomy())
    >>> _cued_role([Line("사내 AI 모델을 활용한 어플리케이션 개발", "duties")], ix)
    'ml_app_developer'
    >>> work = ["Build AI applications for clinicians", "Maintain the billing API", "Fix bugs"]
    >>> _cued_role([Line(t, "duties") for t in work], ix) is None
    True
    """
    duties = [line.text for line in lines if line.section == "duties"]
    cued: Counter[str] = Counter()
    for text in duties:
        for role in {str(m.key) for m in index.duty_cues.find(text)}:
            cued[role] += 1
    for role, count in cued.most_common(1):
        if 2 * count >= len(duties):
            return role
    return None


def _text_can_choose(role: Role, demand: set[str], duties: set[str]) -> bool:
    """Whether the text alone may give this role (roles.yaml text_needs, text_in_duties): a
    research role needs a research record asked for, DevOps its tools in the main duties, not
    one line of tooling in the requirements (a trading-systems engineer who uses Docker)."""
    if role.text_needs and not demand & set(role.text_needs):
        return False
    return len(duties & set(role.text_skills)) >= role.text_in_duties


def _from_text(
    title: str,
    lines: Sequence[Line],
    demand: set[str],
    duties: set[str],
    research: bool,
    taxonomy: Taxonomy,
    index: _RoleIndex,
) -> str | None:
    ml = demand & ML_EVIDENCE
    scores: Counter[str] = Counter()
    for role in taxonomy.roles.values():
        if _text_can_choose(role, demand, duties):
            scores[role.id] = len(demand & set(role.text_skills))
    # one pass over the lines read, joined: no title spans a line break, and a line's edge is
    # a word boundary either way
    read = "\n".join(line.text for line in lines if line.section in _TEXT_OR_OTHER)
    for m in index.in_text.find(read):
        named, weight = cast(tuple[str, int], m.key)
        if named in scores:
            scores[named] += weight
    # a title that names the field but no job ("의료 데이터 구축 운영") weighs as a role name in
    # the text does (roles.yaml title_hints): the field's roles before DevOps' common tools
    for hinted in {r for m in index.hints.find(title) for r in cast(tuple[str, ...], m.key)}:
        if hinted in scores:
            scores[hinted] += 2
    # ties go to the role more of whose named skills are ML work, then to the roles' order
    ml_named = {r.id: len(ml & set(r.text_skills)) for r in taxonomy.roles.values()}
    ranked = sorted(scores, key=lambda r: (scores[r], ml_named[r]), reverse=True)
    best_role = ranked[0] if ranked else None
    best_score = scores[best_role] if best_role else 0
    if len(ml) >= _MIN_TEXT_EVIDENCE or (ml and best_score >= _MIN_TEXT_EVIDENCE + 1):
        if research:
            return "ai_research_scientist"
        return best_role
    without_ml = taxonomy.roles[best_role].text_without_ml if best_role else 0
    if without_ml and best_score >= without_ml:
        return best_role
    return None


def _specializations(
    title: str, skills: Sequence[SkillMention], taxonomy: Taxonomy, index: _RoleIndex
) -> tuple[str, ...]:
    found = {str(m.key) for m in index.specs.find(title)}
    duties = _demand(skills, ("duties",)) or _demand(skills, ("required",))
    for spec in taxonomy.specializations.values():
        if spec.skill in duties:
            found.add(spec.id)
    return tuple(s for s in taxonomy.specializations if s in found)


def classify_role(
    title: str, lines: Sequence[Line], skills: Sequence[SkillMention], taxonomy: Taxonomy
) -> RoleMatch:
    """The posting's main role, its specializations and whether it is in scope."""
    index = _index(taxonomy)
    demand = _demand(skills, _TEXT_SECTIONS)
    title = _LEADING_TAGS.sub("", title) or title
    ml_evidence = bool(demand & ML_EVIDENCE)
    role, research = _from_title(title, ml_evidence, index)
    if (
        role == "data_analyst"
        and any(cast(_Tag, m.key).needs_data_work for m in index.title.find(title))
        and _requirements_led(lines, skills, taxonomy, index)
    ):
        role, research = _from_title(title, ml_evidence, index, requirements_led=True)
    basis = "title"
    if role is None and (cued := _cued_role(lines, index)) is not None:
        role, basis = cued, "text"
    if role is None:
        duties = _worked_duties(lines, skills)
        role, basis = _from_text(title, lines, demand, duties, research, taxonomy, index), "text"
    if role is None:
        return RoleMatch(OUT_OF_SCOPE, False, (), "none")
    if role == OUT_OF_SCOPE:
        return RoleMatch(OUT_OF_SCOPE, False, (), basis)
    for target, matcher in index.promotions.get(role, ()):
        if matcher.find(title):
            role = target
    return RoleMatch(role, True, _specializations(title, skills, taxonomy, index), basis)
