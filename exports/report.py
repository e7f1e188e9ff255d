"""The whole report as one Markdown document, in the report's own order and headings.

Readable as it is and ready for pandoc: ATX headings, paragraphs, pipe tables.
"""

from __future__ import annotations

import re

from exports.markdown import pipe_table
from exports.tables import (
    ACTIVITY_HEADERS,
    activity_cells,
    economy_table,
    goal_heading,
    indicator_cells,
    indicator_headers,
)
from store.models import GOAL_TEXT_FIELDS, EconomyTable, Goal, ReportDocument, Section, SectionKind

_BLOCK_START = re.compile(r"^(\s*)(#|>|=+\s*$|(\d+)([.)])(\s|$))")


def prose(text: str) -> str:
    """Prose as Markdown paragraphs: one paragraph per line of text.

    A line that Markdown would read as a heading, a quote or a numbered list is
    escaped so it stays text; bullet lines ("- ...") stay lists.
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n\n".join(_escape_line(ln) for ln in lines if ln)


# A rule ("---", "* * *"), or a line opening a code fence, HTML block, link definition,
# a "+"/"*" list or emphasis: a backslash in front keeps each of them plain text.
_THEMATIC_BREAK = re.compile(r"^([-*_])(\s*\1){2,}\s*$")
_ESCAPE_FIRST = tuple("`~<[+*_")


def _escape_line(line: str) -> str:
    if _THEMATIC_BREAK.match(line) or line.startswith(_ESCAPE_FIRST):
        return "\\" + line
    m = _BLOCK_START.match(line)
    if not m:
        return line
    if m.group(3):  # "2023. Text" would become a numbered list
        return line[: m.end(3)] + "\\" + line[m.end(3) :]
    return "\\" + line


def heading(level: int, text: str) -> str:
    return "#" * min(max(level, 1), 6) + " " + " ".join(text.split())


def _table(headers: list[str], rows: list[list[str]]) -> str:
    return pipe_table(headers, rows)


def economy_markdown(t: EconomyTable) -> str:
    table = economy_table(t)
    rows = [
        [f"**{r[0]}**" if i in table.totals and r[0] else r[0], *r[1:]]
        for i, r in enumerate(table.rows)
    ]
    return f"**{table.title}**\n\n{_table(table.headers, rows)}"


def goal_blocks(goal: Goal, year: int) -> list[str]:
    """A goal's heading, assessment, texts, indicator and activity tables, then its children."""
    level = int(goal.level) + 1  # inriktningsmål ##, områdesmål ###, nämndmål ####
    out = [heading(level, goal_heading(goal))]
    if goal.assessment:
        out.append(f"**Bedömning:** {goal.assessment.label}")
    for field, label in GOAL_TEXT_FIELDS.items():
        text = prose(getattr(goal, field))
        if text:
            out += [heading(level + 1, label), text]
    if goal.indicators:
        out.append(
            _table(
                ["Indikator", *indicator_headers(year)],
                [[i.name, *indicator_cells(i)] for i in goal.indicators],
            )
        )
        for ind in goal.indicators:
            if ind.analys.strip():
                out += [f"**Analys – {' '.join(ind.name.split())}**", prose(ind.analys)]
    if goal.activities:
        out.append(_table(ACTIVITY_HEADERS, [activity_cells(a) for a in goal.activities]))
        for act in goal.activities:
            if act.analys.strip():
                out += [f"**Analys – {' '.join(act.text.split())}**", prose(act.analys)]
    for child in goal.children:
        out += goal_blocks(child, year)
    return out


def section_blocks(
    section: Section, depth: int, doc: ReportDocument, goals: list[Goal]
) -> list[str]:
    out = [heading(2 + depth, section.title)]
    if section.body.strip():
        out.append(prose(section.body))
    out += [economy_markdown(t) for t in section.tables]
    if section.kind == SectionKind.GOALS:
        for g in goals:
            out += goal_blocks(g, doc.report.year)
    for child in section.children:
        out += section_blocks(child, depth + 1, doc, goals)
    return out


def report_markdown(doc: ReportDocument, goals: list[Goal] | None = None) -> str:
    """The whole report; `goals` (one goal and those below it) limits the goal part to them."""
    r = doc.report
    out = [heading(1, f"{r.organisation} – {r.title}")]
    if r.period:
        out.append(f"*Period: {r.period}*")
    if goals is not None:
        for g in goals:
            out += goal_blocks(g, r.year)
        return "\n\n".join(out) + "\n"
    has_goal_section = any(_has_goals_kind(s) for s in doc.sections)
    for s in doc.sections:
        out += section_blocks(s, 0, doc, doc.goals)
    if not has_goal_section:
        for g in doc.goals:
            out += goal_blocks(g, r.year)
    return "\n\n".join(out) + "\n"


def _has_goals_kind(section: Section) -> bool:
    return section.kind == SectionKind.GOALS or any(_has_goals_kind(c) for c in section.children)
