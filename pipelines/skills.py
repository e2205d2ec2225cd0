"""Skill mentions with the section each was found in (CONTRACT §3 `skills`, §7)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pipelines.automaton import Automaton, finditer_at, holds_words, openings, required_words
from pipelines.models import SkillMention
from pipelines.phrases import Match, PhraseMatcher, fold, lower
from pipelines.sections import DEMAND_SECTIONS, Line
from pipelines.taxonomy import Sense, Taxonomy

_LIST_SEPARATORS = set(",/()·|;&+[]{}:、")
_LIST_WORDS = re.compile(r"(?:^|\s)(?:and|or|및|또는|혹은|와|과)$|^(?:and|or|및|또는|혹은)(?:\s|$)")
_WINDOW = 40
_FEW_ANCHORS = 4  # a sense cue with at most this many openings looks for them by str.find


_ESCAPED_LITERALS = frozenset(".-/&+#' ")
_SPECIAL = frozenset("()[]?*+{}|^$.")


def _anchor(pattern: str) -> str | None:
    """The literal text every match of `pattern` begins with ("abilit" of "abilit(?:y|ies)",
    "b.s." of "\\bb\\.s\\."), or None when it opens with no literal (a group, a class) or has
    alternatives at its top level."""
    depth = 0
    for index, ch in enumerate(pattern):  # a top-level "|" means other openings
        if ch == "\\":
            continue
        if index and pattern[index - 1] == "\\":
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            return None
    literal, index = [], 2 if pattern.startswith("\\b") else 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\":
            nxt = pattern[index + 1 : index + 2]
            if nxt not in _ESCAPED_LITERALS:
                break
            literal.append(nxt)
            index += 2
            continue
        if ch in _SPECIAL:
            if ch in "?*{" and literal:
                literal.pop()  # the last character is optional
            break
        literal.append(ch)
        index += 1
    text = "".join(literal)
    return text if text and text == text.lower() else None


@dataclass(frozen=True, slots=True)
class _Cue:
    """One regex list of a sense rule: its alternation, and when every entry opens with literal
    text, an automaton of those openings: a window holding none of them cannot match, and in
    one that does, a match can only start where one of them does."""

    regex: re.Pattern[str]
    anchors: Automaton[str] | None
    # the openings themselves when they are few: a str.find each costs less than a call
    # into the automaton for a window of a few dozen characters
    few: tuple[str, ...] | None = None
    # without anchors, the words its matches hold (`_needs`): a window missing one is not searched
    needs: tuple[frozenset[str], ...] = ()

    @classmethod
    def of(cls, patterns: tuple[str, ...]) -> _Cue | None:
        if not patterns:
            return None
        anchors = [_anchor(p) for p in patterns]
        regex = _lower_case_regex("|".join(f"(?:{p})" for p in patterns))
        if regex.flags & re.IGNORECASE:
            return cls(regex, None)
        if None in anchors:  # the parsed pattern may still tell what each match opens with
            found = openings(regex)
            if found is None:
                return cls(regex, None, needs=_needs(regex))
            anchors = sorted(found)
        found_anchors = tuple(dict.fromkeys(a for a in anchors if a))
        return cls(
            regex,
            Automaton((a, a) for a in found_anchors),
            found_anchors if len(found_anchors) <= _FEW_ANCHORS else None,
        )

    def found(self, window: str) -> bool:
        if self.anchors is None:
            if self.needs and not holds_words(window, self.needs):
                return False
            return self.regex.search(window) is not None
        # A match starts where an opening does: try the alternation only there, instead of
        # at every position of the window (`match` at a position still sees the text before
        # it, for \b and look-behinds, as `search` does).
        match = self.regex.match
        if self.few is not None:
            find = window.find
            for anchor in self.few:
                at = find(anchor)
                while at != -1:
                    if match(window, at) is not None:
                        return True
                    at = find(anchor, at + 1)
            return False
        for _, at, _ in self.anchors.indexed_matches(window):
            if match(window, at) is not None:
                return True
        return False


@dataclass(frozen=True, slots=True)
class _Sense:
    """A `Sense` ready to apply: its regex lists compiled, one alternation each."""

    rule: Sense
    aliases: frozenset[str] | None
    phrasings: bool
    sections: frozenset[str]
    near: int
    after: int  # the window after the mention
    require: _Cue | None
    reject: _Cue | None
    unless: _Cue | None

    def refuses(self, window: str) -> bool:
        if self.require is not None and not self.require.found(window):
            return True
        return (
            self.reject is not None
            and self.reject.found(window)
            and (self.unless is None or not self.unless.found(window))
        )


# A reject regex, the texts each of its matches opens with (`automaton.openings`) or None
# when the regex does not say, and the words its matches hold (`_needs`). They travel with the
# regex because a compiled regex is a costly dict key: hashing one hashes all its code again.
_Opened = tuple[re.Pattern[str], frozenset[str] | None, tuple[frozenset[str], ...]]
# (skill, regex, the texts its matches open with or None, the words they hold: `_needs`)
_Phrasing = tuple[str, re.Pattern[str], frozenset[str] | None, tuple[frozenset[str], ...]]


@dataclass(frozen=True)
class _SkillIndex:
    matcher: PhraseMatcher
    rejects: dict[str, _Opened]
    needs_context: dict[str, frozenset[str]]
    context_before: dict[str, re.Pattern[str]]  # skill -> phrase ending right before the alias
    context_after: dict[str, re.Pattern[str]]  # skill -> phrase starting right after the alias
    senses: dict[str, tuple[_Sense, ...]]
    phrasings: tuple[_Phrasing, ...]
    patterns: dict[str, tuple[int, ...]]  # trigger -> indexes in `phrasings`
    # trigger words found on a line -> the phrasings to try there (`_plan`)
    plans: dict[frozenset[str], _Plan]


def _needs(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of words of which every match of a regex holds one each (`required_words`),
    for a text lower-cased: a line or window missing every word of a set is not searched; () for a
    regex with IGNORECASE, whose sets hold only on a text with none of `automaton._FOLDS`."""
    return () if regex.flags & re.IGNORECASE else required_words(regex)


def _lower_case_regex(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex to search lower-cased text with. Without capital letters it
    needs no IGNORECASE flag, which lets the engine skip ahead to its first letters (and
    `automaton.openings` tell where a match may start); nor does it need the flag when its
    only capitals are escapes with no case (\\S, \\W, \\D, \\B) and it has no letter with
    a case at all (a Korean pattern: "협업\\S{0,3}"), since the flag then changes nothing."""
    if any(ch.isupper() for ch in pattern) and _has_case(pattern):
        return re.compile(pattern, re.IGNORECASE)
    return re.compile(pattern)


# Escapes that stand for no letter with a case: classes, boundaries, anchors, punctuation.
_CASELESS_ESCAPES = frozenset("sSwWdDbBAZ\\.-/&+#'\"()[]{}|?*^$ ")


def _has_case(pattern: str) -> bool:
    """Whether IGNORECASE could change what `pattern` matches: it holds a letter with a case,
    or an escape that may stand for one (\\x41, \\N{…}, a back-reference), which is assumed."""
    index = 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\":
            if pattern[index + 1 : index + 2] not in _CASELESS_ESCAPES:
                return True
            index += 2
            continue
        if ch.lower() != ch or ch.upper() != ch:
            return True
        index += 1
    return False


@functools.lru_cache(maxsize=8)
def _index(taxonomy: Taxonomy) -> _SkillIndex:
    phrases: list[tuple[str, str]] = []
    exact: list[tuple[str, str]] = []
    rejects: dict[str, _Opened] = {}
    context: dict[str, frozenset[str]] = {}
    senses: dict[str, tuple[_Sense, ...]] = {}
    before: dict[str, re.Pattern[str]] = {}
    after: dict[str, re.Pattern[str]] = {}
    by_trigger: dict[str, list[int]] = {}
    # (skill, regex text) -> index in `phrasings`: a phrasing listed under several trigger
    # words is tried once on a line holding more than one of them
    phrasing_at: dict[tuple[str, str], int] = {}
    phrasings: list[_Phrasing] = []
    for skill in taxonomy.skills.values():
        if skill.deprecated:
            continue
        phrases.extend((alias, skill.id) for alias in skill.aliases)
        exact.extend((alias, skill.id) for alias in skill.case_sensitive)
        if skill.reject:
            reject = _lower_case_regex("|".join(f"(?:{p})" for p in skill.reject))
            rejects[skill.id] = (reject, openings(reject), _needs(reject))
        # phrases as the matcher reports them: lower case, or exact for a case-sensitive alias
        # (so the hot loop below never lower-cases a phrase); every spelling that lower-cases
        # alike ("Go" and "GO") is kept, so a rule naming one covers them all
        as_matched: dict[str, set[str]] = {}
        for alias in skill.case_sensitive:
            as_matched.setdefault(alias.lower(), set()).add(alias)
        if skill.needs_context:
            context[skill.id] = frozenset(
                p for a in skill.needs_context for p in (a, *as_matched.get(a, ()))
            )
        if skill.context_before:
            before[skill.id] = _lower_case_regex(
                "(?:" + "|".join(f"(?:{p})" for p in skill.context_before) + r")\s*$"
            )
        if skill.context_after:
            after[skill.id] = _lower_case_regex(
                r"\s*(?:" + "|".join(f"(?:{p})" for p in skill.context_after) + ")"
            )
        if skill.senses:
            senses[skill.id] = tuple(
                _Sense(
                    rule,
                    None
                    if rule.aliases is None
                    else frozenset(p for a in rule.aliases for p in (a, *as_matched.get(a, ()))),
                    rule.phrasings,
                    rule.sections,
                    rule.near,
                    rule.near if rule.near_after is None else rule.near_after,
                    _Cue.of(rule.require_near),
                    _Cue.of(rule.reject_near),
                    _Cue.of(rule.unless_near),
                )
                # rules that only name sections first: they are cheap and refuse most mentions
                for rule in sorted(
                    skill.senses, key=lambda r: bool(r.require_near or r.reject_near)
                )
            )
        for words, pattern in skill.patterns:
            at = phrasing_at.get((skill.id, pattern))
            if at is None:
                at = phrasing_at[(skill.id, pattern)] = len(phrasings)
                compiled = _lower_case_regex(pattern)
                phrasings.append((skill.id, compiled, openings(compiled), _needs(compiled)))
            for word in words:
                by_trigger.setdefault(word, []).append(at)
    return _SkillIndex(
        # Trigger words match anywhere in a word ("evaluat" in "evaluating"), in the aliases'
        # pass over the text.
        matcher=PhraseMatcher(phrases, exact, words=by_trigger, compact=True),  # ~1,800 aliases
        rejects=rejects,
        needs_context=context,
        context_before=before,
        context_after=after,
        senses=senses,
        phrasings=tuple(phrasings),
        patterns={word: tuple(found) for word, found in by_trigger.items()},
        plans={},
    )


_MAX_PLANS = 4096  # distinct sets of trigger words remembered (a few hundred on the corpus)


class _Plan(NamedTuple):
    # (skill, regex, the texts its matches open with or None), in a fixed order: sorted
    # words, first-seen patterns, so that of two overlapping phrasings of one skill the same
    # one wins in every process, whatever the string hash seed
    phrasings: tuple[_Phrasing, ...]
    openings: tuple[str, ...]  # every opening of those phrasings, once


def _plan(index: _SkillIndex, words: set[str]) -> _Plan:
    """The phrasings the trigger words of a line call for (remembered per set of words)."""
    key = frozenset(words)
    plan = index.plans.get(key)
    if plan is None:
        if len(index.plans) >= _MAX_PLANS:
            index.plans.clear()
        phrasings = tuple(
            index.phrasings[at]
            for at in dict.fromkeys(at for w in sorted(words) for at in index.patterns[w])
        )
        opens = dict.fromkeys(o for _, _, found, _ in phrasings for o in found or ())
        plan = index.plans[key] = _Plan(phrasings, tuple(opens))
    return plan


def _rejected(match: Match, lowered: str, reject: _Opened) -> bool:
    """True when a match of the skill's `reject` pattern near the mention overlaps it."""
    lo = max(0, match.start - _WINDOW)
    window = lowered[lo : match.end + _WINDOW]
    pattern, opens, needs = reject
    if needs and not holds_words(window, needs):
        return False  # a word every match holds is missing from the window
    found = pattern.finditer(window) if opens is None else finditer_at(pattern, window, opens)
    start, end = match.start - lo, match.end - lo
    for m in found:  # noqa: SIM110 (a loop, not `any` over a generator: it runs for most mentions)
        if m.start() < end and m.end() > start:
            return True
    return False


def _refusal(
    match: Match, lowered: str, section: str, senses: tuple[_Sense, ...], phrasing: bool
) -> Sense | None:
    """The first sense rule of the skill that refuses this mention, or None."""
    phrase = match.phrase  # lower case, or exact for a case-sensitive alias (see _index)
    line: tuple[int, int] | None = None  # the mention's line, found when a window is needed
    for sense in senses:
        if phrasing:
            if not sense.phrasings:
                continue
        elif sense.aliases is not None and phrase not in sense.aliases:
            continue
        if sense.sections and section not in sense.sections:
            return sense.rule
        if sense.require is None and sense.reject is None:
            continue
        if line is None:
            end = lowered.find("\n", match.end)
            line = (lowered.rfind("\n", 0, match.start) + 1, len(lowered) if end < 0 else end)
        lo = max(line[0], match.start - sense.near)
        if sense.refuses(lowered[lo : min(line[1], match.end + sense.after)]):
            return sense.rule
    return None


def _said_before(match: Match, lowered: str, pattern: re.Pattern[str] | None) -> bool:
    """True when a phrase that gives an alias its context ends right before it ("fluency in" R)."""
    if pattern is None:
        return False
    line_start = lowered.rfind("\n", 0, match.start) + 1
    return pattern.search(lowered, max(line_start, match.start - _WINDOW), match.start) is not None


def _said_after(match: Match, lowered: str, pattern: re.Pattern[str] | None) -> bool:
    """True when a phrase that gives an alias its context starts right after it (Go "language",
    Go "언어"), on the same line."""
    if pattern is None:
        return False
    line_end = lowered.find("\n", match.end)
    return (
        pattern.match(lowered, match.end, line_end if line_end != -1 else len(lowered)) is not None
    )


def _in_list(text: str, match: Match) -> bool:
    """True when the match sits in an enumeration: "Python, Go", "(R)", "Java or Go"."""
    before = text[max(0, match.start - 6) : match.start].rstrip()
    after = text[match.end : match.end + 6].lstrip()
    if (before and before[-1] in _LIST_SEPARATORS) or (after and after[0] in _LIST_SEPARATORS):
        return True
    return bool(_LIST_WORDS.search(before) or _LIST_WORDS.search(after[:5]))


def _add_phrasings(
    matches: list[Match],
    triggers: list[tuple[int, str]],
    text: str,
    starts: list[int],
    lines: Sequence[Line],
    index: _SkillIndex,
    accept,
    lowered: str,
) -> list[Match]:
    """Phrasings ("deploying models to production") on the lines holding one of their trigger
    words; they add mentions the aliases missed and never replace one of the same skill.

    Only where a posting asks for something (duties, required, preferred): in the company
    introduction and benefits a phrasing is more often noise ("we love learning new things")
    than a request, and named skills there are still found by their aliases."""
    todo: dict[int, set[str]] = {}
    for end, word in triggers:  # (index of its last character, trigger word)
        li = bisect.bisect_right(starts, end) - 1
        if lines[li].section in DEMAND_SECTIONS:
            todo.setdefault(li, set()).add(word)
    taken: dict[object, list[tuple[int, int]]] = {}  # skill -> spans of its mentions
    for m in matches:
        taken.setdefault(m.key, []).append((m.start, m.end))
    added = False
    for li, words in todo.items():
        offset = starts[li]
        line = lowered[offset : offset + len(lines[li].text)]
        plan = _plan(index, words)
        # the openings in the line, each looked for once however many phrasings share it
        present = {o for o in plan.openings if o in line}
        for skill_id, pattern, opens, needs in plan.phrasings:
            if opens is not None and opens.isdisjoint(present):
                continue  # a match starts with an opening: none of this one's is in the line
            if needs and not holds_words(line, needs):
                continue  # a word every match holds is missing from the line
            # where a match may start: only at its openings
            found_all = (
                pattern.finditer(line)
                if opens is None
                else finditer_at(pattern, line, opens & present)
            )
            for found in found_all:
                start, end = found.start() + offset, found.end() + offset
                spans = taken.get(skill_id)
                if spans is not None and any(s < end and start < e for s, e in spans):
                    continue
                match = Match(start, end, skill_id, found.group(0).lower())
                if accept(match, text, True):
                    matches.append(match)
                    taken.setdefault(skill_id, []).append((start, end))
                    added = True
    if added:
        matches.sort(key=lambda m: (m.start, m.start - m.end, str(m.key)))
    return matches


def _regranted(
    matches: list[Match],
    granted: dict[tuple[object, str], Match],
    phrased: set[int],
    lines: Sequence[Line],
    starts: list[int],
    lowered: str,
    senses_of: dict[str, tuple[_Sense, ...]],
    text: str = "",
    refused: list[tuple[SkillMention, str]] | None = None,
) -> list[Match]:
    """The mentions without those let through only because an earlier mention of the skill in
    the section had passed its sense rules, when that earlier one then lost to a longer
    overlapping name ("machine learning" inside "machine learning competitions" must not vouch
    for a later "ML Engineer"): each such mention is checked on its own (and a refusal is
    reported in `refused` as extract_skills reports its own)."""
    kept = {id(m) for m in matches}
    lost = {key for key, m in granted.items() if id(m) not in kept}
    if not lost:
        return matches
    for key in lost:
        del granted[key]
    out = []
    for m in matches:
        section = lines[bisect.bisect_right(starts, m.start) - 1].section
        key = (m.key, section)
        if key in lost and key not in granted and id(m) not in phrased:
            senses = senses_of[m.key]  # type: ignore[index]
            rule = _refusal(m, lowered, section, senses, False)
            if rule is not None:
                if refused is not None:
                    refused.append(
                        (SkillMention(str(m.key), section, text[m.start : m.end]), rule.why)
                    )
                continue
            granted[key] = m
        out.append(m)
    return out


def extract_skills(
    lines: Sequence[Line],
    taxonomy: Taxonomy,
    text: str | None = None,
    lowered: str | None = None,
    refused: list[tuple[SkillMention, str]] | None = None,
) -> tuple[SkillMention, ...]:
    """Skills named in the lines, one mention per (skill, section), in order of appearance.

    `text`: the lines' texts joined with newlines, and `lowered`: `lower(text)`, when the
    caller has them already. `refused`, when given, collects each candidate a sense rule
    turned down, with the rule's `why` (the trace of `skills.yaml` senses)."""
    index = _index(taxonomy)
    if text is None:
        text = "\n".join(line.text for line in lines)
    # where each line starts in `text`
    starts = list(itertools.accumulate((len(line.text) + 1 for line in lines), initial=0))
    starts.pop()

    if lowered is None:
        lowered = lower(text)
    folded = fold(text, lowered)

    # (skill, section) a sense rule has let through -> the mention it let through
    granted: dict[tuple[object, str], Match] = {}
    phrased: set[int] = set()  # the phrasings' mentions (by id), for checking them again

    rejects, senses_of = index.rejects, index.senses

    def accept(match: Match, text: str, phrasing: bool = False) -> bool:
        key, at = match.key, match.start
        if at and text[at - 1] == "#":
            return False  # a hashtag (#MachineLearning #LLM) is search-engine bait
        reject = rejects.get(key)  # type: ignore[call-overload]
        if reject is not None and _rejected(match, lowered, reject):
            return False
        senses = senses_of.get(key)  # type: ignore[call-overload]
        if senses is None:
            return True
        section = lines[bisect.bisect_right(starts, at) - 1].section
        if (key, section) in granted:
            return True  # one mention per skill and section is kept: the first one has passed
        rule = _refusal(match, lowered, section, senses, phrasing)
        if rule is None:
            granted[(match.key, section)] = match
            if phrasing:
                phrased.add(id(match))
            return True
        if refused is not None:
            mention = SkillMention(str(match.key), section, text[match.start : match.end])
            refused.append((mention, rule.why))
        return False

    matches, triggers = index.matcher.find_with_words(text, folded, accept)
    if triggers:
        matches = _add_phrasings(matches, triggers, text, starts, lines, index, accept, lowered)
    if granted:
        matches = _regranted(
            matches, granted, phrased, lines, starts, lowered, senses_of, text, refused
        )
    line_of = [bisect.bisect_right(starts, m.start) - 1 for m in matches]
    plain_lines = {
        li
        for m, li in zip(matches, line_of, strict=True)
        if m.phrase not in index.needs_context.get(m.key, ())  # type: ignore[call-overload]
    }
    seen: set[tuple[str, str]] = set()
    out: list[SkillMention] = []
    for m, li in zip(matches, line_of, strict=True):
        skill_id = str(m.key)
        section = lines[li].section
        needs_context = m.phrase in index.needs_context.get(skill_id, ())
        if (
            needs_context
            and li not in plain_lines
            and not _in_list(text, m)
            and not _said_before(m, lowered, index.context_before.get(skill_id))
            and not _said_after(m, lowered, index.context_after.get(skill_id))
        ):
            continue
        if (skill_id, section) in seen:
            continue
        seen.add((skill_id, section))
        out.append(SkillMention(skill_id, section, text[m.start : m.end]))
    return tuple(out)
