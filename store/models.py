"""The report's data model: records named in the report's own terms.

Plain records (store/records.py): reading a file builds them without pydantic. What an
author or a file gives them is validated by their pydantic twins (store/validation.py,
where every check of the model lives), which name the field and the value when they
refuse. The fields, their types and defaults are declared once, here; the twins are
made from these declarations. The Swedish label of every term lives in store/terms.py.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, ClassVar

from store.records import Record
from store.terms import (  # noqa: F401 - re-exported: the models' vocabulary
    ACTIVITY_FIELDS,
    GOAL_TEXT_FIELDS,
    INDICATOR_VALUE_FIELDS,
    LEVEL_LABELS,
    NOT_ASSESSED_LABEL,
    NUMERIC_INDICATOR_FIELDS,
    Assessment,
    Direction,
    Level,
    ReportKind,
)
from store.values import ParsedValue, parse_value

if TYPE_CHECKING:  # the constraints are the twins' (store/validation.py)
    from pydantic import Field


class Carried(Record):
    """What an item carried forward from an earlier report remembers (issue 12).

    `carried_from` is the id of the row (goal, indicator, activity, section) it was
    carried from, in the same file. `unreviewed` names the carried fields the author
    has not looked at since ("ej granskad"): editing a field or confirming the item
    clears them. A checker or the workbench reads `item.unreviewed` and nothing else.
    """

    # The fields a carry may mark, per model; set by each subclass.
    REVIEWABLE: ClassVar[tuple[str, ...]] = ()

    carried_from: int | None = None
    unreviewed: frozenset[str] = frozenset()


class Report(Record):
    id: int | None = None
    organisation: Annotated[str, Field(min_length=1)]
    kind: ReportKind
    year: Annotated[int, Field(ge=1900, le=2200)]
    period: str = ""  # as the report says it: "januari–augusti"

    @property
    def title(self) -> str:
        return f"{self.kind.label} {self.year}"


class Indicator(Carried):
    REVIEWABLE = ("target", "kf_target", "analys")

    id: int | None = None
    goal_id: int | None = None
    position: int = 0
    name: Annotated[str, Field(min_length=1)]
    outcome: str = ""
    outcome_men: str = ""
    outcome_women: str = ""
    previous: str = ""
    forecast: str = ""
    target: str = ""
    kf_target: str = ""
    period: str = ""
    unit: str = ""
    direction: Direction | None = None
    analys: str = ""
    # Why this row's reading is uncertain and should be checked; empty when it is not.
    to_check: str = ""
    # How an ambiguous printed row was read (which columns were taken as empty, and why).
    reading_note: str = ""

    def parsed(self, field: str) -> ParsedValue:
        return parse_value(getattr(self, field))


class Activity(Carried):
    REVIEWABLE = ("analys",)

    id: int | None = None
    goal_id: int | None = None
    position: int = 0
    text: Annotated[str, Field(min_length=1)]
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    deviation: bool = False
    analys: str = ""


class Goal(Carried):
    REVIEWABLE = ("assessment", "analys", "expected_result", "description")

    id: int | None = None
    report_id: int | None = None
    parent_id: int | None = None
    level: Level
    code: str | None = None
    title: Annotated[str, Field(min_length=1)]
    position: int = 0
    assessment: Assessment | None = None
    analys: str = ""
    expected_result: str = ""
    description: str = ""
    # Filled when a goal is read or written as part of a whole report document.
    children: list[Goal] = []
    indicators: list[Indicator] = []
    activities: list[Activity] = []

    @property
    def label(self) -> str:
        """As the report names it: '1. Title', '1.1 Title', or a nämndmål's title."""
        if not self.code:
            return self.title
        dot = "." if self.level == Level.INRIKTNINGSMAL else ""
        return f"{self.code}{dot} {self.title}"


class EconomyRow(Record):
    id: int | None = None
    table_id: int | None = None
    position: int = 0
    label: str
    cells: list[str] = []
    is_total: bool = False


class EconomyTable(Record):
    """An economy table as printed: mnkr with one decimal, totals kept as printed."""

    id: int | None = None
    section_id: int | None = None
    position: int = 0
    key: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]  # picked by `export economy --table`
    title: str
    unit: str = "mnkr"
    columns: list[str]  # headings of the value columns; the first column holds row labels
    label_heading: str = ""
    rows: list[EconomyRow] = []


class SectionKind(StrEnum):
    TEXT = "text"
    GOALS = "goals"  # where the goal tree stands in the report's order


class Section(Carried):
    """A titled block of prose; sections nest (Analys av balansräkning › Tillgångar)."""

    REVIEWABLE = ("body",)

    id: int | None = None
    report_id: int | None = None
    parent_id: int | None = None
    position: int = 0
    title: Annotated[str, Field(min_length=1)]
    body: str = ""
    kind: SectionKind = SectionKind.TEXT
    children: list[Section] = []
    tables: list[EconomyTable] = []


class ReportDocument(Record):
    """A whole report: what the sample file holds and what bulk loading writes."""

    report: Report
    sections: list[Section]
    goals: list[Goal]


class Change(Record):
    """One recorded change, in the report's own terms (history, undo, redo)."""

    id: int | None = None
    report_id: int
    at: str
    source: str  # app, import, cli
    entity: str  # goal, indicator, activity, section
    entity_id: int
    goal_id: int | None = None
    subject: str  # the goal's title, the indicator's name, the activity's text
    field: str
    field_label: str
    old: str | None = None
    new: str | None = None
    # The id of the first change of its transaction: one undo step (None: its own).
    step: int | None = None
