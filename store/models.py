"""The report's data model: pydantic models named in the report's own terms.

Each model validates what an author or a file may give it and names the field and
the value when it refuses. The Swedish label of every term lives here, next to the
English name, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)

from store.phrases import words_refused
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
from store.textchecks import no_control as _no_control
from store.textchecks import not_blank as _not_blank
from store.textchecks import one_line as _one_line
from store.textchecks import printed_value as _printed_value
from store.values import ParsedValue, parse_date, parse_value

_CODE = {
    Level.INRIKTNINGSMAL: re.compile(r"^\d+$"),
    Level.OMRADESMAL: re.compile(r"^\d+\.\d+$"),
}


class Model(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid")


_NO_MARKS: frozenset[str] = frozenset()


class Carried(Model):
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

    @field_validator("unreviewed", mode="before")
    @classmethod
    def _marks(cls, v: Any) -> Any:
        # Stored as sorted comma-separated field names ('' for none, nearly always).
        if not v:
            return _NO_MARKS
        if isinstance(v, str):
            v = [f for f in v.split(",") if f]
        marks = frozenset(v)
        if unknown := marks - set(cls.REVIEWABLE):
            raise ValueError(
                f"kan inte vara ej granskat: {', '.join(sorted(unknown))} "
                f"(fält som kan: {', '.join(cls.REVIEWABLE)})"
            )
        return marks

    @field_serializer("unreviewed", when_used="json")
    def _sorted_marks(self, v: frozenset[str]) -> list[str]:
        return sorted(v)


class Report(Model):
    id: int | None = None
    organisation: Annotated[str, Field(min_length=1)]
    kind: ReportKind
    year: Annotated[int, Field(ge=1900, le=2200)]
    period: str = ""  # as the report says it: "januari–augusti"

    @field_validator("organisation")
    @classmethod
    def _organisation(cls, v: str) -> str:
        return _not_blank(v)  # one line or not: as it always was

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

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        return _not_blank(_one_line(v, "Indikator"))

    @field_validator(*NUMERIC_INDICATOR_FIELDS)
    @classmethod
    def _value(cls, v: str) -> str:
        return _printed_value(v)

    @field_validator("period", "unit")
    @classmethod
    def _line(cls, v: str, info: Any) -> str:
        return _one_line(v, INDICATOR_VALUE_FIELDS.get(info.field_name, "Enhet"))

    @field_validator("analys", "to_check", "reading_note")
    @classmethod
    def _prose(cls, v: str) -> str:
        return _no_control(v, "Analys")

    @model_validator(mode="after")
    def _words_where_a_number_goes(self) -> Indicator:
        values = {f: getattr(self, f) for f in NUMERIC_INDICATOR_FIELDS}
        if reason := words_refused(values, self.unit):
            raise ValueError(reason)
        return self

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

    @field_validator("text", "analys")
    @classmethod
    def _prose(cls, v: str, info: Any) -> str:
        v = _no_control(v, ACTIVITY_FIELDS[info.field_name])
        return _not_blank(v) if info.field_name == "text" else v

    @field_validator("start_date", "end_date", mode="before")
    @classmethod
    def _date(cls, v: Any, info: Any) -> Any:
        if isinstance(v, str):
            v = v.strip()
            if not v:
                return None
            return parse_date(v)
        return v

    @field_validator("deviation", mode="before")
    @classmethod
    def _flag(cls, v: Any) -> Any:
        if isinstance(v, str):
            t = v.strip().lower()
            if t in ("", "0", "nej", "false"):
                return False
            if t in ("avvikelse", "ja", "x", "1", "true"):
                return True
            raise ValueError(f"{v!r} går inte: skriv Avvikelse, ja eller lämna tomt")
        return v

    @model_validator(mode="after")
    def _dates_in_order(self) -> Activity:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(
                f"Slutdatum {self.end_date.isoformat()} ligger före Startdatum "
                f"{self.start_date.isoformat()}"
            )
        return self


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
    children: list[Goal] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v: Any) -> Any:
        if v not in (1, 2, 3, "1", "2", "3") and not isinstance(v, Level):
            raise ValueError(
                f"nivå {v!r} finns inte: 1 (KF:s inriktningsmål), 2 (KF:s mål för "
                "verksamhetsområdet) eller 3 (Nämndmål)"
            )
        return int(v)

    @field_validator("assessment", mode="before")
    @classmethod
    def _assessment(cls, v: Any) -> Any:
        if isinstance(v, str) and not isinstance(v, Assessment):
            return Assessment.from_label(v)
        return v

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _not_blank(_one_line(v, "Mål"))

    @field_validator("analys", "expected_result", "description")
    @classmethod
    def _prose(cls, v: str, info: Any) -> str:
        return _no_control(v, GOAL_TEXT_FIELDS[info.field_name])

    @model_validator(mode="after")
    def _shape(self) -> Goal:
        if self.level == Level.NAMNDMAL:
            if self.code:
                raise ValueError(f"ett nämndmål har inget nummer (fick {self.code!r})")
        elif self.code is not None and not _CODE[self.level].match(self.code):
            example = "1" if self.level == Level.INRIKTNINGSMAL else "1.3"
            raise ValueError(
                f"nummer {self.code!r} passar inte {self.level.label} (t.ex. {example})"
            )
        if self.level > Level.INRIKTNINGSMAL and self.id is not None and self.parent_id is None:
            raise ValueError(f"ett {self.level.label.lower()} måste ha ett överordnat mål")
        for child in self.children:  # a nämndmål may stand directly under an inriktningsmål
            if child.level <= self.level:
                raise ValueError(
                    f"{child.level.label} {child.title!r} kan inte ligga under {self.level.label}"
                )
        if self.level == Level.INRIKTNINGSMAL and (self.indicators or self.activities):
            raise ValueError("indikatorer och aktiviteter hör till områdesmål och nämndmål")
        return self

    @property
    def label(self) -> str:
        """As the report names it: '1. Title', '1.1 Title', or a nämndmål's title."""
        if not self.code:
            return self.title
        dot = "." if self.level == Level.INRIKTNINGSMAL else ""
        return f"{self.code}{dot} {self.title}"


class EconomyRow(Model):
    id: int | None = None
    table_id: int | None = None
    position: int = 0
    label: str
    cells: list[str] = Field(default_factory=list)
    is_total: bool = False

    @field_validator("cells")
    @classmethod
    def _cells(cls, v: list[str]) -> list[str]:
        try:
            return [_printed_value(cell) for cell in v]
        except ValueError as exc:
            raise ValueError(f"belopp: {exc}") from None


class EconomyTable(Model):
    """An economy table as printed: mnkr with one decimal, totals kept as printed."""

    id: int | None = None
    section_id: int | None = None
    position: int = 0
    key: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]  # picked by `export economy --table`
    title: str
    unit: str = "mnkr"
    columns: list[str]  # headings of the value columns; the first column holds row labels
    label_heading: str = ""
    rows: list[EconomyRow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _widths(self) -> EconomyTable:
        for row in self.rows:
            if row.cells and len(row.cells) != len(self.columns):
                raise ValueError(
                    f"raden {row.label!r} har {len(row.cells)} värden, tabellen {len(self.columns)} kolumner"
                )
        return self


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
    children: list[Section] = Field(default_factory=list)
    tables: list[EconomyTable] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _not_blank(_one_line(v, "Rubrik"))

    @field_validator("body")
    @classmethod
    def _prose(cls, v: str) -> str:
        return _no_control(v, "Text")


class ReportDocument(Model):
    """A whole report: what the sample file holds and what bulk loading writes."""

    report: Report
    sections: list[Section]
    goals: list[Goal]

    @model_validator(mode="after")
    def _roots(self) -> ReportDocument:
        for g in self.goals:
            if g.level != Level.INRIKTNINGSMAL:
                raise ValueError(f"{g.level.label} {g.title!r} saknar överordnat mål")
        return self


class Change(Model):
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
