"""Rows from models: the goals, indicators, activities and economy tables as printed.

Each function returns a `Table`: headings and rows of strings, exactly as the report
prints them. The formats (Markdown, CSV) only lay these strings out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exports import TABLES  # noqa: F401 - re-exported
from store.models import (
    INDICATOR_VALUE_FIELDS,
    Activity,
    EconomyTable,
    Goal,
    Indicator,
    Report,
    ReportDocument,
    Section,
)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    title: str = ""
    key: str = ""
    # Rows that are totals (economy tables): the report prints them as the sum line.
    totals: set[int] = field(default_factory=set)


def goal_ref(goal: Goal) -> str:
    """A goal as the report names it (Goal.label): '1. Title', '1.1 Title', or a title."""
    return goal.label


def goal_heading(goal: Goal) -> str:
    """'KF:s inriktningsmål: 1. Title', 'Nämndmål: Title'."""
    return f"{goal.level.label}: {goal_ref(goal)}"


def walk(goals: list[Goal], parent: Goal | None = None) -> Iterator[tuple[Goal, Goal | None]]:
    """Every goal with its parent, in tree (document) order."""
    for g in goals:
        yield g, parent
        yield from walk(g.children, g)


def walk_sections(sections: list[Section], depth: int = 0) -> Iterator[tuple[Section, int]]:
    for s in sections:
        yield s, depth
        yield from walk_sections(s.children, depth + 1)


def find(doc: ReportDocument, goal_id: int) -> Goal | None:
    return next((g for g, _ in walk(doc.goals) if g.id == goal_id), None)


def selected(doc: ReportDocument, goal_id: int | None) -> list[tuple[Goal, Goal | None]]:
    """The goals a table covers: all of them, or one goal and the goals below it."""
    pairs = list(walk(doc.goals))
    if goal_id is None:
        return pairs
    parents = {g.id: p for g, p in pairs}
    root = next((g for g, _ in pairs if g.id == goal_id), None)
    if root is None:
        return []
    return list(walk([root], parents[root.id]))


def previous_label(year: int) -> str:
    return f"Utfall VB {year - 1}"


def indicator_headers(year: int | None) -> list[str]:
    """The value columns' headings, as the report prints them (Utfall VB <year-1>).

    Without a year (many reports in one table) the column is "Utfall föregående år".
    """
    return [
        previous_label(year) if f == "previous" and year is not None else label
        for f, label in INDICATOR_VALUE_FIELDS.items()
    ]


def indicator_cells(ind: Indicator) -> list[str]:
    return [getattr(ind, f) for f in INDICATOR_VALUE_FIELDS]


def activity_cells(act: Activity) -> list[str]:
    return [
        act.text,
        act.start_date.isoformat() if act.start_date else "",
        act.end_date.isoformat() if act.end_date else "",
        "Avvikelse" if act.deviation else "",
    ]


ACTIVITY_HEADERS = ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"]
GOAL_HEADERS = ["Nivå", "Nummer", "Mål", "Bedömning", "Överordnat mål"]


def goals_table(doc: ReportDocument, goal_id: int | None = None) -> Table:
    rows = [
        [
            g.level.label,
            g.code or "",
            g.title,
            g.assessment.label if g.assessment else "",
            goal_ref(p) if p else "",
        ]
        for g, p in selected(doc, goal_id)
    ]
    return Table(GOAL_HEADERS, rows, title="Mål", key="goals")


def indicators_table(doc: ReportDocument, goal_id: int | None = None) -> Table:
    headers = ["Mål", "Indikator", *indicator_headers(doc.report.year)]
    rows = [
        [goal_ref(g), ind.name, *indicator_cells(ind)]
        for g, _ in selected(doc, goal_id)
        for ind in g.indicators
    ]
    return Table(headers, rows, title="Indikatorer", key="indicators")


# The CSV export carries what an import needs to put each value back where it came from
# and to see what changed since: the report, the indicator's id and its version (see
# store.versions). Markdown is pasted into documents, so its tables have none of them.
REPORT_COLUMN = "Rapport"
ID_COLUMN = "Indikator-id"
VERSION_COLUMN = "Version"
TRACKING_COLUMNS = (REPORT_COLUMN, ID_COLUMN, VERSION_COLUMN)


def report_name(report: Report) -> str:
    """'Servicenämnden – Tertialrapport 2 2023': unique in a file, the same in its copies."""
    return f"{report.organisation} – {report.title}"


def indicators_csv_table(
    doc: ReportDocument, versions: Mapping[int, int], goal_id: int | None = None
) -> Table:
    """The indicators as `indicators_table`, plus Rapport, Indikator-id and Version."""
    table = indicators_table(doc, goal_id)
    name = report_name(doc.report)
    inds = [ind for g, _ in selected(doc, goal_id) for ind in g.indicators]
    table.headers = [*table.headers, *TRACKING_COLUMNS]
    table.rows = [
        [*row, name, str(ind.id), str(versions.get(ind.id, 0))]  # type: ignore[arg-type]
        for row, ind in zip(table.rows, inds, strict=True)
    ]
    return table


def archive_indicators_table(records: Iterable[Sequence[Any]]) -> Table:
    """Indicators of many reports as one table (Markdown)."""
    from exports.archive import ARCHIVE_INDICATOR_HEADERS

    rows = [list(r) for r in records]
    return Table(ARCHIVE_INDICATOR_HEADERS, rows, title="Indikatorer", key="indicators")


def activities_table(doc: ReportDocument, goal_id: int | None = None) -> Table:
    rows = [
        [goal_ref(g), *activity_cells(act)]
        for g, _ in selected(doc, goal_id)
        for act in g.activities
    ]
    return Table(["Mål", *ACTIVITY_HEADERS], rows, title="Aktiviteter", key="activities")


def economy_table(t: EconomyTable) -> Table:
    width = len(t.columns)
    rows = [[r.label, *(r.cells or [""] * width)] for r in t.rows]
    totals = {i for i, r in enumerate(t.rows) if r.is_total}
    title = f"{t.title} ({t.unit})" if t.unit and t.title else t.title
    return Table([t.label_heading, *t.columns], rows, title=title, key=t.key, totals=totals)


def economy_tables(doc: ReportDocument) -> list[EconomyTable]:
    return [t for s, _ in walk_sections(doc.sections) for t in s.tables]
