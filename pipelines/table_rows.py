"""Tables flattened to tab-separated text: the cells of later rows get their column names back.

Boards that keep an employer's table (JobKorea) give it as text: the header row on one line with
its cells between tabs ("직무⇥담당업무⇥자격요건 및 우대사항⇥근무지"), then each row's cells, a
cell's own lines between the tabs. Only the first row follows the header: the second row's work
cell comes right after the first row's preferred cell and was read as preferred. Counting the
tabs tells which column each piece of text is in, so the column's name is written back as a
line where the cell starts: the section reader then reads the duties cell under its duties
heading, the requirements cell under its own, as a repeated header row would have it
(`section_rules.table_header`). A row starts over after its last column: a tab found there
opens the next row's second cell; so does a name cell ending in a tab ("틱톡MD⇥") met after the
row's last demand column, where a cell merged over several rows (근무지) left the row short. A
name cell's line that is only the row's level in brackets ("(신입 ~ 경력 10년)") is written back
under LEVEL_HEADING too.

Only the names the section reader reads as headings are written back (담당업무, 근무지): a name
that is no heading (구분, 인원) would only add a line of content. A column of the asks and the
wishes together (필수 및 우대 자격요건) is written back under ASKS_HEADING: its items mark
themselves optional (…우대), and its own name reads as a preferred heading. A column of
experience levels (sections.yaml grammar.table_level_columns: 구분, 경력) is the exception: a
cell that holds only a level (신입, 경력, 신입/경력) is a condition of applying to its row, written
back under LEVEL_HEADING, so that a newcomer opening counts as one (CONTRACT §7: 신입 → 0).
"""

from __future__ import annotations

import functools
import re

from pipelines.section_rules import TABLE_COLUMNS, column_names, words
from pipelines.sections import match_heading
from pipelines.taxonomy import Taxonomy

# the column names written back: those that head a section
_WRITTEN_BACK = ("duties", "required", "preferred", "other")
# the heading a level cell, or a cell of asks, is written under (a required heading)
LEVEL_HEADING = ASKS_HEADING = "지원 자격"
# a column of the asks and the wishes together ("필수 및 우대 자격요건", "자격요건 및 우대사항"):
# one list whose items mark themselves optional (…우대), so its heading is the asks' one; its
# own name reads as a preferred heading and would make the unmarked asks preferred
_BOTH = re.compile(r"(?:자격|요건|필수).*(?:및|/|·|&).*우대|우대.*(?:및|/|·|&).*(?:자격|요건|필수)")
_LEVEL = "\x00level"  # a header cell of levels: its cells are written back when they are one
# a line of a row's name cell that is only its experience level, in brackets: "(신입 ~ 경력 10년)",
# "(경력 5년 이상)", "(경력)" — a condition of applying to the row, like a level cell
_LEVEL_NOTE = re.compile(r"\(\s*(?:신입|경력)[^()]{0,24}\)")
# a cell that is nothing but experience levels: "신입", "경력", "신입/경력", "경력 무관"
_LEVEL_CELL = re.compile(
    r"\W*(?:신입|경력|무관|인턴)(?:\s*(?:[/·,~]|및)?\s*(?:신입|경력|무관|인턴))*\W*"
)


@functools.lru_cache(maxsize=8)
def _level_columns(taxonomy: Taxonomy) -> frozenset[str]:
    return frozenset("".join(c.split()) for c in taxonomy.sections.grammar["table_level_columns"])


def _header(line: str, taxonomy: Taxonomy) -> list[str | None] | None:
    """The cells of a table header row (at least TABLE_COLUMNS cells, each nothing but column
    names, one of them the work), each the name to write back (or _LEVEL) or None; else None."""
    cells = [cell.strip() for cell in line.split("\t")]
    if len(cells) < TABLE_COLUMNS or not all(cells):
        return None
    w = words(taxonomy)
    work = False
    for cell in cells:
        found = column_names(cell, w)
        if found is None:
            return None
        if found[1] and found[0] > 1:
            # the work and the asks in one column ("담당업무 및 지원자격"): its cells hold a table
            # of their own (담당업무⇥…, 지원자격⇥…) whose tabs no column count can follow
            return None
        work = work or found[1]
    if not work:
        return None
    levels = _level_columns(taxonomy)
    return [
        _LEVEL
        if "".join(cell.split()) in levels
        else ASKS_HEADING
        if _BOTH.search(cell)
        else cell
        if (found := match_heading(cell, taxonomy)) and found[0] in _WRITTEN_BACK
        else None
        for cell in cells
    ]


def _asks_or_work(name: str, taxonomy: Taxonomy) -> bool:
    found = match_heading(name, taxonomy) if name != _LEVEL else None
    return found is not None and found[0] in ("duties", "required", "preferred")


def repeat_table_headers(text: str, taxonomy: Taxonomy) -> str:
    """`text` with each cell of a tab-separated table whose column name is a heading preceded
    by that name (a line of its own); text with no such table is returned as it is.

    >>> from pipelines.taxonomy import load_taxonomy
    >>> t = load_taxonomy()
    >>> repeat_table_headers("직무\\t담당업무\\t자격요건\\nA팀\\t\\n보고서 작성\\n\\tSQL", t).split("\\n")
    ['직무\\t담당업무\\t자격요건', 'A팀', '', '담당업무', '', '보고서 작성', '', '', '자격요건', 'SQL']
    """
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    header: list[str | None] | None = None
    column = 0
    last_demand = 0  # the header's last column of duties or asks
    before = ""  # the last line with text before this one
    for line in lines:
        last, before = before, (line if line.strip() else before)
        if header is not None and _LEVEL_NOTE.fullmatch(line.split("\t", 1)[0].strip()):
            out.append("")
            out.append(LEVEL_HEADING)
        if "\t" not in line:
            out.append(line)
            continue
        # a header row starts on a line of its own: after a line with a tab it is the rest of
        # a header whose cell broke over two lines ("모집분야⇥채용" / "인원⇥학력⇥…"), and its
        # columns would be counted from the wrong one
        cells = _header(line, taxonomy) if "\t" not in last else None
        if cells is not None:
            header, column = cells, 0
            last_demand = max(
                (
                    i
                    for i, name in enumerate(cells)
                    if name is not None and _asks_or_work(name, taxonomy)
                ),
                default=0,
            )
            out.append(line)
            continue
        if header is None:
            out.append(line)
            continue
        parts = line.split("\t")
        out.append(parts[0])
        if len(parts) == 2 and parts[0].strip() and not parts[1].strip() and column > last_demand:
            column = 0  # a name cell past the row's asks: the row was short, this one starts
        for part in parts[1:]:
            column += 1
            if column >= len(header):  # past the last column: the next row's second cell
                column = 1
            name = header[column]
            if name == _LEVEL:
                name = LEVEL_HEADING if _LEVEL_CELL.fullmatch(part) else None
            if name is not None:
                out.append("")
                out.append(name)
            out.append(part)
    return "\n".join(out)
