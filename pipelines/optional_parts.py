"""A required line that marks part of itself optional: the optional part is preferred.

CONTRACT §7: an inline "X is a plus" inside a required bullet makes X preferred, and only X.
The line is cut where the marker's scope ends: a parenthesis ("학사 이상 (석사 우대)"), an
introduced tail ("SQL, ideally with Scala", up to a glued bullet), a sentence or a bullet
joined by a space ("…; MS preferred. 3+ years of SQL") or by a dash glued to the next bullet
("… -Strong SQL"), a short optional sentence glued by a space ("…in production Startup
experience is a plus"), or a clause when the line also marks something required ("BS required, MS
preferred"). A closing note that is the marker alone ("… 경험 (우대)") names nothing of
its own and marks the whole line. Only lines whose vocabulary pass found an optional marker
come here.

The scope of an inline marker (issue 16, en), in the order `split` tries them:
- a preferred heading in Title Case glued on to the line's end, "… and Preferred
  Qualifications": the heading only (it names the next list; `_glued_heading`);
- "…, ideally/preferably/with a preference for X": X, up to the next glued bullet;
- "…, and/or other tools is a plus": the other tools;
- a closing bracket of the marker alone, "… (우대)": the whole line;
- a comma list of asks whose last clause the marker closes, "Experience with Spark, knowledge of
  Go is a plus" (or a clause of the marker alone, "…, a plus"): the last ask (`_closing_ask`;
  an ask is a clause holding one of grammar.ask_nouns);
- a bracket of the marker alone inside the line, "Master's degree (preferred)": the ask right
  before it; after a tool ("Python (preferred) or Java") it names a preferred choice inside the
  ask, which stays whole;
- a bracket with words, "(MS preferred)": those words;
- several sentences or joined bullets: each piece by its own marker, with the same rules;
- a line that also says "required": each clause, cut outside brackets.
A line with no heading read by its wording is cut the same way, and what the marker does not
govern is read by its own wording (sections._optional_by_wording): a marker does not turn a
duty into an ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from pipelines.taxonomy import SectionRules

_PARENS = re.compile(r"\(([^()]{2,})\)|（([^（）]{2,})）|\[([^\[\]]{2,})\]")
# A short round-bracket note that closes the line ("(우대)", "(preferred)"): when it holds only
# an optional marker it marks the line it closes, not a part of it (square brackets are left
# alone: "[우대사항]" at a line's end is usually the next heading glued on).
_BARE_MARK_AT_END = re.compile(r"\s*[(（]([^()（）]{1,20})[)）]\s*$")
_CLAUSES = re.compile(r"\s*[;；]\s*|,\s+|\s+but\s+|\s+while\s+|\s*/\s+")
_INTRODUCED_OPTION = re.compile(
    r"[,;]\s*(?:and |or )?(?:ideally|preferably|with a preference for|bonus (?:if|for)|especially|nice to have)\b"
    # "3+ years as a product manager ideally in e-commerce": the adverb alone introduces the tail
    r"|(?<=[a-z0-9)])\s+(?:ideally|preferably)\s+(?=[\w(])"
    # "Proficient in SQL and optional for Python": what is optional follows the word
    r"|(?<=[a-z0-9)])\s+(?:and|but)\s+(?=optional(?:ly)?\s+(?:for|with|in)\b)",
    re.IGNORECASE,
)
# "SPSS, SAS, Python, … and/or other tools is a plus": the marker at the end of a list of tools
# names the "other" tools only (a field of study "or other related field preferred" is not cut), so the named items before the last comma stay required (CONTRACT §7:
# "X is a plus" makes X preferred, and only X)
_OTHER_TAIL = re.compile(
    r",\s*(?:and/or|and|or)\s+(?:[\w/-]+\s+){0,3}?others?\s+(?:[\w-]+\s+)?"
    r"(?:tools|products|technologies|languages|frameworks|platforms|software|systems|packages|"
    r"libraries)\b[^,;.]*\.?$",
    re.IGNORECASE,
)
# An introduced option this far into the line leaves the head required ("SQL, ideally Scala");
# nearer the start, the whole line is the option.
_MIN_HEAD = 10
# Where one sentence ends and the next begins inside a line: "…a related field; advanced degree
# preferred. 5+ years of …" (two bullets that lost their line break), also with no space when
# a word follows the full stop ("…LLMs is a plus.Are familiar with …", not "v2.5" or "U.S.A").
_SENTENCE_BREAK = re.compile(
    r"(?<=[a-z0-9)%][.;])\s+(?=[A-Z0-9])|(?<=[a-z)%]\.)(?=[A-Z][a-z])|;\s+"
    # an acronym ends the sentence too: "…tools such as HPLC and GC. Familiarity with …"
    r"|(?<=[A-Z]{2}\.)\s+(?=[A-Z][a-z])"
)
# The words left of a marker that make its comma clause nothing but the marker ("…, a plus",
# "…, would be a big plus"): such a clause governs the clause before it.
_BARE_CLAUSE_WORDS = 3
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> list[str]:
    """The lower-case words of a text, full stops dropped ("Ph.D." is "phd")."""
    return _WORD.findall(text.lower().replace(".", ""))


# The words of a line up to a delimiter, for the item a bracketed marker governs
_TOKEN = re.compile(r"[^\s,;:()]+")
# A preferred heading glued on to the end of a line has at most this many words; the word before
# it may not be one of these (the marker is then the line's own: "… is a Nice To Have").
_HEADING_WORDS = 6
_NOT_BEFORE_HEADING = frozenset(("is", "are", "a", "an", "be", "as", "very", "highly"))
# A bracket that holds only the marker governs at most this many words before it.
_ITEM_WORDS = 3
# Bullets that kept their dash but lost their line break: "…in a related field -Experience with
# Tableau a plus -Strong SQL" (a dash glued to the next bullet's capital, spaced from the word
# before; "state-of-the-art" and "Python - expert" are no such break).
_DASH_BULLET = re.compile(r"(?<=[A-Za-z0-9)%.,:]) -(?=[A-Z][a-z])")
# A short optional sentence glued to the end of an ask by only a space: "…models in production
# environments Startup experience is a plus" (two bullets that lost their break; the capital
# after a lower-case word opens the last few words, which end on the marker).
_GLUED_OPTION_TAIL = re.compile(
    r"(?<=[a-z0-9)]) (?=[A-Z][a-z]+(?:[ /-][\w/-]+){0,3} (?:is|are|would be|will be) "
    r"(?:a |an )?(?:\w+ )?(?:plus|bonus|advantage|asset)\b[.!]?\s*$)"
)
# the words a `_GLUED_OPTION_TAIL` ends on: a line holding none of them is not searched
_TAIL_MARKERS = ("plus", "bonus", "advantage", "asset")


def _may_tail(text: str) -> bool:
    return any(word in text for word in _TAIL_MARKERS)


# "This is a plus.", "Both are a bonus.": a short sentence that marks the one before it
_BACK_REFERENCE = re.compile(r"(?:this|that|it|these|both|either|all|a plus|nice to have)\b", re.I)
_BACK_REFERENCE_WORDS = 5
# Bullets joined by a space are looked for only in lines at least this long.
_SPACED_BULLET_LINE = 120

_SPACE = object()  # a break between words: any spacing, or none ("면 좋아요", "면좋아요")


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for many phrases, as a prefix tree: at each position the engine follows the
    characters of the text instead of trying every phrase in turn (a plain alternation of 60
    markers cost about 50 µs on a 100-character line). Longer phrases are tried first."""
    trie: dict = {}
    for word in words:
        node = trie
        for unit in [_SPACE if ch == " " else ch for ch in " ".join(word.lower().split())]:
            node = node.setdefault(unit, {})
        node[""] = {}  # the end of a phrase

    def emit(node: dict) -> str:
        branches = [
            (r"\s*" if unit is _SPACE else re.escape(unit)) + emit(child)
            for unit, child in node.items()
            if unit != ""
        ]
        if "" in node:
            branches.append("")  # after every longer continuation
        if len(branches) == 1:
            return branches[0]
        return f"(?:{'|'.join(branches)})"

    return emit(trie)


def marker_pattern(markers: Iterable[str]) -> re.Pattern[str]:
    """Whether a text holds one of the markers (only ever used for `search` being truthy).

    A marker that starts with a Latin letter is a whole word, or glued to the next sentence
    in run-together text ("…is a plusWhy join us?"); other markers match anywhere."""
    markers = list(markers)
    latin = {m for m in markers if m[:1].isascii() and m[:1].isalpha()}
    other = set(markers) - latin
    parts = []
    if latin:
        parts.append(rf"\b{_trie_regex(latin)}(?:\b|(?<=[a-z])(?=(?-i:[A-Z])))")
    if other:
        parts.append(_trie_regex(other))
    # The first letters, tested before anything else: most positions fail on that one test.
    first = "".join(sorted({re.escape(m[0].lower()) for m in markers}))
    return re.compile(f"(?=[{first}])(?:{'|'.join(parts)})", re.IGNORECASE)


def _top_level_clauses(text: str) -> list[str]:
    """The comma clauses of a line, leaving brackets whole ("SQL (e.g. Hive, Presto), Go")."""
    out, depth, last = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([（":
            depth += 1
        elif ch in ")]）":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and text[i + 1 : i + 2] == " ":
            out.append(text[last:i].strip())
            last = i + 1
    out.append(text[last:].strip())
    return [c for c in out if c]


def _clauses(text: str) -> list[str]:
    """The clauses of a line that marks something required and something optional, cut at
    `_CLAUSES` outside brackets ("… a plus (e.g. AWS, Databricks) …" keeps its bracket)."""
    depth, inside = 0, []
    for ch in text:
        depth = depth + 1 if ch in "([（" else max(0, depth - 1) if ch in ")]）" else depth
        inside.append(depth > 0)
    out, last = [], 0
    for m in _CLAUSES.finditer(text):
        if inside[m.start()]:
            continue
        out.append(text[last : m.start()])
        last = m.end()
    out.append(text[last:])
    return out


class Part(NamedTuple):
    text: str
    section: str  # "required" | "preferred"
    rule: str


REQUIRED_PART, OPTIONAL_PART = "required_part", "optional_part"


class OptionalParts:
    """Splits required lines into required and preferred parts (see the module docstring)."""

    def __init__(self, rules: SectionRules) -> None:
        self.optional = marker_pattern(rules.cues["optional"])
        self.required = marker_pattern(rules.cues["required"])
        grammar = rules.grammar
        self.connectors = frozenset(grammar["title_connectors"])
        self.links = frozenset(grammar["list_links"])
        self.ask_nouns = frozenset(grammar["ask_nouns"])
        # preferred headings of two or more words, for one glued on to a line's end
        self.preferred_headings = frozenset(
            h for h in rules.headings["preferred"] if h.isascii() and len(h.split()) >= 2
        )
        self.heading_ends = frozenset(h.split()[-1] for h in self.preferred_headings)
        # words that end the item a bracketed marker governs ("on GCP (preferred)")
        self.stops = self.links | self.connectors | {"such", "e.g.", "i.e.", "especially"}
        words = grammar["abbreviations"]
        self.abbreviation = re.compile(
            rf"(?:\b\w\.\w+\.?|\b[A-Za-z]\.|\b(?:e\.g|i\.e|{'|'.join(words)})\.)$"
        )
        # "…multiple GPU'sYou have spent…": a sentence to the reader glued to the word before
        self.glued_you = re.compile(
            rf"(?<=[a-z'’])(?=You\s*(?:{'|'.join(map(re.escape, grammar['you_verbs']))})\b)"
        )
        self.spaced_bullets = re.compile(
            rf"(?<=[a-z)]) (?=(?:{'|'.join(map(re.escape, rules.bullet_starters))})\b)"
        )

    def split(self, text: str) -> list[Part]:
        """The parts of a required line with an optional marker, in a stable order."""
        if not self.optional.search(text):
            return [Part(text, "required", REQUIRED_PART)]
        glued = self._glued_heading(text)
        if glued is not None:
            return [
                *self.split(re.sub(r"\s+(?:and|or|&)$", "", text[:glued].strip())),
                Part(text[glued:].strip(), "preferred", OPTIONAL_PART),
            ]
        intro = _INTRODUCED_OPTION.search(text)
        if (
            intro
            and (  # "SQL, ideally with Scala": the tail only
                # a short head that is an ask of its own stays one: "B.S., preferably M.S."
                intro.start() > _MIN_HEAD
                or not self.ask_nouns.isdisjoint(_words(text[: intro.start()]))
            )
        ):
            head, tail = text[: intro.start()].strip(), text[intro.start() :].lstrip(",; ")
            # the option ends where a glued bullet or sentence begins ("…, preferably on GPUs
            # -Strong SQL"): what follows is read on its own
            ends = [b for b in self._breaks(tail) if b[0] > 0]
            if ends:
                start, end = ends[0]
                after = tail[end:].strip()
                tail = tail[:start].strip()
                return [
                    *self.split(head),
                    Part(tail, "preferred", OPTIONAL_PART),
                    *(self.split(after) if after else []),
                ]
            return [*self.split(head), Part(tail, "preferred", OPTIONAL_PART)]
        other = _OTHER_TAIL.search(text)
        if other and other.start() > _MIN_HEAD and self.optional.search(other.group(0)):
            head, tail = text[: other.start()].strip(), text[other.start() :].lstrip(",; ")
            return [*self.split(head), Part(tail, "preferred", OPTIONAL_PART)]
        bare = _BARE_MARK_AT_END.search(text)
        if bare and not self.optional.sub("", bare.group(1)).strip(" .,:-"):
            # "… 경험/관심 (우대)": the note names nothing of its own, so it marks the whole line
            return [Part(text[: bare.start()].strip(), "preferred", OPTIONAL_PART)]
        closing = self._closing_ask(text)
        if closing is not None:
            return closing
        text, out = self._bracket_items(text)

        def take_parens(m: re.Match[str]) -> str:
            inner = next(g for g in m.groups() if g)
            if self.optional.search(inner):
                out.append(Part(inner.strip(), "preferred", OPTIONAL_PART))
                return " "
            return m.group(0)

        rest = _PARENS.sub(take_parens, text).strip()
        if rest and self.optional.search(rest):
            sentences = self._option_sentences(rest)
            if sentences is not None:
                out.extend(sentences)
            elif self.required.search(rest):
                for clause in filter(None, (c.strip() for c in _clauses(rest))):
                    optional = bool(self.optional.search(clause))
                    out.append(
                        Part(
                            clause,
                            *(
                                ("preferred", OPTIONAL_PART)
                                if optional
                                else ("required", REQUIRED_PART)
                            ),
                        )
                    )
            else:
                out.append(Part(rest, "preferred", OPTIONAL_PART))
        elif rest:
            out.insert(0, Part(rest, "required", REQUIRED_PART))
        return out

    def _glued_heading(self, text: str) -> int | None:
        """Where a preferred heading in Title Case glued on to the end of the line starts
        ("…(e.g. SQL, Hive) and Preferred Qualifications"): its marker names the list that
        follows, not this line (None when the line has no such end)."""
        words = text.rstrip(" :").split()
        if len(words) < 3 or words[-1].lower() not in self.heading_ends:
            return None  # no preferred heading ends with the line's last word
        for size in range(min(_HEADING_WORDS, len(words) - 1), 1, -1):
            tail = words[-size:]
            if not tail[0][:1].isupper() or " ".join(tail).lower() not in self.preferred_headings:
                continue
            before = words[-size - 1]
            if before.lower() in _NOT_BEFORE_HEADING or before[:1].isupper():
                return None  # "… is a Nice To Have", or a name running on
            return len(text) - len(text.lstrip()) + len(" ".join(words[:-size])) + 1
        return None

    def _bracket_items(self, text: str) -> tuple[str, list[Part]]:
        """A bracket inside the line that holds only the marker governs the item right before
        it, back to a delimiter or a linking word, when that item is an ask of its own: "BS in
        CS, Master's degree (preferred), 3+ years …" makes the master's preferred and leaves
        the rest of the line as it was (what is left, and the items, in that order). A tool
        so marked is the preferred choice inside its ask ("Python (preferred) or Java"): the
        ask stays whole, as the annotations read it."""
        items: list[Part] = []
        rest, last = [], 0
        for m in _PARENS.finditer(text):
            inner = next(g for g in m.groups() if g)
            if not self.optional.search(inner) or self.optional.sub("", inner).strip(" .,:-"):
                continue
            before = text[last : m.start()]
            start = self._item_start(before)
            if start is None or self.ask_nouns.isdisjoint(_words(before[start:])):
                # "Proficiency in Python (preferred) or Java": a preferred choice inside the
                # ask, which stays whole (the note alone is read as preferred below)
                continue
            items.append(Part(before[start:].strip(), "preferred", OPTIONAL_PART))
            rest.append(before[:start])
            last = m.end()
        if not items:
            return text, []
        rest.append(text[last:])
        return " ".join(" ".join(rest).split()), items

    def _item_start(self, before: str) -> int | None:
        """Where the item that ends `before` starts: at most a few words, none of them a
        linking word ("on GCP" gives "GCP", "Python" in "such as Python"), with no delimiter
        between them (None when there is no such item)."""
        tokens = list(_TOKEN.finditer(before))
        start = None
        end = len(before)
        for token in reversed(tokens):
            if before[token.end() : end].strip() or token.group().lower() in self.stops:
                break
            start, end = token.start(), token.start()
            if len(before[start:].split()) >= _ITEM_WORDS:
                break
        return start

    def _closing_ask(self, text: str) -> list[Part] | None:
        """A comma list of asks whose last clause the marker closes: "Experience with Spark,
        knowledge of Go is a plus", "Knowledge of R (e.g. dplyr), software experience, a plus"
        (a clause of the marker alone governs the clause before it). The marker governs that
        last ask only; the asks before it stay required. A list of tools ("Experience with
        Azure, AWS or GCP is a plus") has one ask: the marker governs all of it."""
        if ", " not in text:
            return None  # one clause (`_top_level_clauses` cuts at ", " only)
        clauses = _top_level_clauses(text)
        if len(clauses) < 2 or self._breaks(text):
            return None
        if any(self.optional.search(c) for c in clauses[:-1]):
            return None
        last = _PARENS.sub(" ", clauses[-1])  # a marker in a bracket governs the bracket
        if not self.optional.search(last):
            return None
        left = self.optional.sub("", last).strip(" .,;:-!").split()
        governed = 1
        if len(left) <= _BARE_CLAUSE_WORDS and all(w.isalpha() and w.islower() for w in left):
            governed = 2  # ", a plus": the clause of the marker alone
        if len(clauses) <= governed:
            return None
        head, tail = clauses[:-governed], clauses[-governed:]
        if self.ask_nouns.isdisjoint(_words(head[0])) or self.ask_nouns.isdisjoint(_words(tail[0])):
            return None
        return [
            Part(", ".join(head), "required", REQUIRED_PART),
            Part(", ".join(tail), "preferred", OPTIONAL_PART),
        ]

    def _breaks(self, text: str) -> list[tuple[int, int]]:
        """Sentence ends inside a line and, in a long line, bullets joined with only a space
        ("…relevant experience Hands on experience in …"), but not after a linking word
        ("Python and Deep Learning") or inside a name ("Operations Research")."""
        found = [m.span() for m in _DASH_BULLET.finditer(text)]
        found += [m.span() for m in self.glued_you.finditer(text)]
        for m in _GLUED_OPTION_TAIL.finditer(text) if _may_tail(text) else ():
            # "…with Terraform is a plus" is one clause: no break after a linking word, nor
            # inside a name ("…with Big Data technologies is a plus")
            before = text[max(0, m.start() - 30) : m.start()].split()[-1:]
            if (
                before
                and not before[0][:1].isupper()
                and before[0] not in self.links
                and before[0] not in self.connectors
            ):
                found.append(m.span())
        found += [
            m.span()
            for m in _SENTENCE_BREAK.finditer(text)
            if text[m.start() - 1] != "."
            or not self.abbreviation.search(text[max(0, m.start() - 11) : m.start()])
        ]
        if len(text) >= _SPACED_BULLET_LINE:
            for m in self.spaced_bullets.finditer(text):
                # the last two words before the space, read in a window unless it may cut one
                # (the whole text before each space took quadratic time)
                words = text[max(0, m.start() - 200) : m.start()].split()
                if len(words) < 3 and m.start() > 200:
                    words = text[: m.start()].split()
                words = words[-2:]
                earlier, before = (["", *words])[-2:]
                # "…with Python Experience in …" splits, "…Math, Operations Research" is a name
                # (a closing bracket ends the item: "…(e.g. AWS, Databricks) Experience with …")
                in_name = before[:1].isupper() and earlier[:1].isupper() and before[-1:] != ")"
                if not in_name and before not in self.connectors and before not in self.links:
                    found.append(m.span())
        return sorted(found)

    def _option_sentences(self, text: str) -> list[Part] | None:
        """A line of several sentences or joined bullets, only some of them optional: each
        on its own (None when the line is one piece, or every piece is optional)."""
        pieces, last = [], 0
        for start, end in self._breaks(text):
            if start < last:
                continue
            pieces.append(text[last:start].strip())
            last = end
        if not pieces:
            return None
        pieces.append(text[last:].strip())
        optional = [bool(self.optional.search(p)) for p in pieces]
        if all(optional):
            return None
        has_marker = list(optional)
        for i in range(1, len(pieces)):
            if (
                optional[i]
                and len(pieces[i].split()) <= _BACK_REFERENCE_WORDS
                and _BACK_REFERENCE.match(pieces[i])
            ):
                optional[i - 1] = True
        out: list[Part] = []
        for piece, marked, own in zip(pieces, optional, has_marker, strict=True):
            if not piece:
                continue
            if own:  # the piece's own marker governs what its scope rules say (`split`)
                out.extend(self.split(piece))
            else:
                out.append(
                    Part(
                        piece,
                        *(("preferred", OPTIONAL_PART) if marked else ("required", REQUIRED_PART)),
                    )
                )
        return out
