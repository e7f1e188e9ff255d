"""The report's outline: its order and hierarchy, defined once for every document format.

`report_outline` walks a report the way it is printed and returns a flat list of blocks
(headings with their level, paragraphs, bullet lists, assessments, tables). The Markdown
and Word writers only lay these blocks out, so both follow the same order:

- the sections in order; "Uppföljning av Kommunfullmäktiges inriktningsmål" holds the
  three inriktningsmål one level below it, each områdesmål below its inriktningsmål,
  each nämndmål below its områdesmål;
- each goal: heading, assessment (symbol and words), its texts in the report's order
  (Beskrivning, Förväntat resultat, Analys), its indicator table then each row's Analys,
  its activity table then each row's Analys, then the goals below it;
- texts may hold light Markdown: ``###`` sub-headings and ``-`` bullet lists (see
  `text_blocks`); everything else in a text is plain paragraphs, one per line.

Levels start at 1 for the top of the outline and never skip one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from exports.tables import ACTIVITY_HEADERS, activity_cells, goal_heading, indicator_headers
from store.models import (
    INDICATOR_VALUE_FIELDS,
    NUMERIC_INDICATOR_FIELDS,
    Assessment,
    EconomyTable,
    Goal,
    Indicator,
    ReportDocument,
    Section,
    SectionKind,
)

# Texts are written in the report's order, not the model's field order.
TEXT_ORDER = (
    ("description", "Beskrivning"),
    ("expected_result", "Förväntat resultat"),
    ("analys", "Analys"),
)
# An economy column stored as "Utfall Jan-Aug 2023 · Intäkter" is the column Intäkter
# under a heading "Utfall Jan-Aug 2023" that spans its neighbours with the same heading.
COLUMN_GROUP_SEPARATOR = " · "
INDICATOR_FIELDS = tuple(INDICATOR_VALUE_FIELDS)  # the value columns, in the report's order


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentLine:
    assessment: Assessment

    @property
    def text(self) -> str:
        return f"{self.assessment.symbol} {self.assessment.label}"


@dataclass
class TableBlock:
    """A table as printed: one header row of flat headings, or two with spanning ones."""

    headers: list[str]  # one heading per column; a grouped one reads "Group · Column"
    rows: list[list[str]]
    numeric: list[bool]  # per column: holds numbers (right-aligned; numbers in Excel)
    kind: str  # indicators, activities, economy
    title: str = ""  # printed above the table; empty when the report prints none
    totals: set[int] = field(default_factory=set)  # rows printed as sums (bold)

    @property
    def groups(self) -> list[tuple[str, int]] | None:
        """The top header row as (text, span), or None when no heading spans columns.

        A column without a group gets ("", 1): its own heading fills both rows.
        """
        return column_groups(self.headers)

    def sub_headers(self) -> list[str]:
        """The lower header row's texts (the flat headings with their group taken off)."""
        return [split_column(h)[1] for h in self.headers]


Block = Heading | Paragraph | BulletList | AssessmentLine | TableBlock


@dataclass
class Outline:
    title: str  # "Servicenämnden – Tertialrapport 2 2023"
    subtitle: str  # "Period: januari–augusti", or empty
    organisation: str
    report_title: str  # "Tertialrapport 2 2023"
    blocks: list[Block]

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]


# --------------------------------------------------------------------------- texts

_SUB_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^-[ \t]+(\S.*)$")


def text_lines(text: str) -> list[str]:
    """A text's non-empty lines, trimmed: each is a paragraph, item or sub-heading."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [s for s in (ln.strip() for ln in lines) if s]


def text_blocks(text: str, level: int) -> list[Block]:
    """A text as blocks; its sub-headings go below `level` (the heading it sits under).

    A line "### Title" (one to six #) is a sub-heading: the fewest #s in the text is
    one level below `level`, each further # one more, never skipping a level. Lines
    "- item" are bullet items; consecutive ones make one list. Every other line is a
    paragraph of plain text.
    """
    lines = text_lines(text)
    hashes = [len(m.group(1)) for ln in lines if (m := _SUB_HEADING.match(ln)) and m.group(2)]
    top = min(hashes, default=1)
    out: list[Block] = []
    items: list[str] = []
    previous = level
    for line in lines:
        heading = _SUB_HEADING.match(line)
        bullet = _BULLET.match(line)
        if bullet:
            items.append(bullet.group(1).strip())
            continue
        if items:
            out.append(BulletList(tuple(items)))
            items = []
        if heading and heading.group(2):
            depth = min(level + 1 + len(heading.group(1)) - top, previous + 1)
            out.append(Heading(depth, heading.group(2)))
            previous = depth
        else:
            out.append(Paragraph(line))
    if items:
        out.append(BulletList(tuple(items)))
    return out


# --------------------------------------------------------------------------- tables


def split_column(heading: str) -> tuple[str, str]:
    """'Budget 2023 · Intäkter' → ('Budget 2023', 'Intäkter'); 'Netto' → ('', 'Netto')."""
    group, sep, column = heading.rpartition(COLUMN_GROUP_SEPARATOR)
    return (group.strip(), column.strip()) if sep else ("", heading)


def column_groups(headers: list[str]) -> list[tuple[str, int]] | None:
    groups: list[tuple[str, int]] = []
    for h in headers:
        group = split_column(h)[0]
        if groups and group and groups[-1][0] == group:
            groups[-1] = (group, groups[-1][1] + 1)
        else:
            groups.append((group, 1))
    return groups if any(g for g, _ in groups) else None


def indicator_table(indicators: list[Indicator], year: int) -> TableBlock:
    headers = ["Indikator", *indicator_headers(year)]
    numeric = [False, *(f in NUMERIC_INDICATOR_FIELDS for f in INDICATOR_FIELDS)]
    rows = [[i.name, *(getattr(i, f) for f in INDICATOR_FIELDS)] for i in indicators]
    return TableBlock(headers, rows, numeric, "indicators")


def activity_table(goal: Goal) -> TableBlock:
    rows = [activity_cells(a) for a in goal.activities]
    return TableBlock(list(ACTIVITY_HEADERS), rows, [False] * 4, "activities")


def economy_block(t: EconomyTable) -> TableBlock:
    width = len(t.columns)
    rows = [[r.label, *(r.cells or [""] * width)] for r in t.rows]
    totals = {i for i, r in enumerate(t.rows) if r.is_total}
    title = f"{t.title} ({t.unit})" if t.title and t.unit else t.title
    numeric = [False] + [True] * width
    return TableBlock([t.label_heading, *t.columns], rows, numeric, "economy", title, totals)


# --------------------------------------------------------------------------- the walk


def goal_blocks(goal: Goal, level: int, year: int) -> list[Block]:
    out: list[Block] = [Heading(level, goal_heading(goal))]
    if goal.assessment:
        out.append(AssessmentLine(goal.assessment))
    for name, label in TEXT_ORDER:
        text = getattr(goal, name)
        if text_lines(text):
            out += [Heading(level + 1, label), *text_blocks(text, level + 1)]
    if goal.indicators:
        out.append(indicator_table(goal.indicators, year))
        out += _row_analyses(((i.name, i.analys) for i in goal.indicators), level + 1)
    if goal.activities:
        out.append(activity_table(goal))
        out += _row_analyses(((a.text, a.analys) for a in goal.activities), level + 1)
    for child in goal.children:
        out += goal_blocks(child, level + 1, year)
    return out


def _row_analyses(rows: Iterator[tuple[str, str]], level: int) -> list[Block]:
    out: list[Block] = []
    for name, analys in rows:
        if text_lines(analys):
            out.append(Heading(level, f"Analys – {' '.join(name.split())}"))
            out += text_blocks(analys, level)
    return out


def section_blocks(section: Section, level: int, doc: ReportDocument) -> list[Block]:
    out: list[Block] = [Heading(level, section.title)]
    out += text_blocks(section.body, level)
    out += [economy_block(t) for t in section.tables]
    if section.kind == SectionKind.GOALS:
        for g in doc.goals:
            out += goal_blocks(g, level + 1, doc.report.year)
    for child in section.children:
        out += section_blocks(child, level + 1, doc)
    return out


def _has_goals(sections: list[Section]) -> bool:
    return any(s.kind == SectionKind.GOALS or _has_goals(s.children) for s in sections)


def report_outline(doc: ReportDocument, goals: list[Goal] | None = None) -> Outline:
    """The whole report, or (with `goals`) just those goals and everything below them."""
    r = doc.report
    blocks: list[Block] = []
    if goals is not None:
        for g in goals:
            blocks += goal_blocks(g, 1, r.year)
    else:
        for s in doc.sections:
            blocks += section_blocks(s, 1, doc)
        if not _has_goals(doc.sections):
            for g in doc.goals:
                blocks += goal_blocks(g, 1, r.year)
    return Outline(
        title=f"{r.organisation} – {r.title}",
        subtitle=f"Period: {r.period}" if r.period else "",
        organisation=r.organisation,
        report_title=r.title,
        blocks=blocks,
    )
