"""Per-entity rules, in one place: what the store's writes ask of each kind of row.

An Entity says, for one table: its model, the fields an author may change (with the
report's label for each), the row it belongs under (`parent`), the rows that go with
it when it is removed (`children`, for the history's snapshot), which goal and report
its changes belong to (`owner`), how the history names it (`subject`) and where a new
one may be added (`place`). store/edits.py reads these and has no `if entity == ...`.

A new editable kind of row (an economy table, the report itself) is one more entry.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any, NamedTuple

from store import rows
from store.errors import InvalidValue, NotFound
from store.models import (
    ACTIVITY_FIELDS,
    GOAL_TEXT_FIELDS,
    INDICATOR_VALUE_FIELDS,
    Activity,
    EconomyRow,
    EconomyTable,
    Goal,
    Indicator,
    Level,
    Section,
)
from store.records import Record
from store.report_row import REPORT_COLUMNS, ReportRow
from store.review import UNREVIEWED_LABEL

Conn = sqlite3.Connection
# A new row's model as it is inserted, and the SQL condition (with its arguments) that
# picks its siblings: it goes last among them.
Placed = tuple[Any, str, tuple[Any, ...]]


class Entity(NamedTuple):
    name: str  # as the history and the workbench say it: goal, indicator, ...
    table: str
    model: type[Record]
    columns: list[str]
    labels: dict[str, str]  # the editable fields, with the report's label for each
    read: Callable[[sqlite3.Row], Any]  # a row as its model
    parent: tuple[str, str] | None  # (column, table): the row it belongs under
    owner: Callable[[Conn, Any], tuple[int | None, int]]  # (goal id, report id) of a change
    subject: Callable[[Any], str]  # how the history names one
    children: tuple[tuple[str, str], ...] = ()  # (table, column): rows removed with it
    place: Callable[[Conn, Any], Placed] | None = None  # None: not added by the author
    json_fields: tuple[str, ...] = ()  # stored as JSON text (history keeps that text)
    reviewable: bool = True  # has review marks ("ej granskad") of carried items

    def value(self, name: str, value: Any) -> Any:
        """A value as given, or as history recorded it (JSON text for a list)."""
        if name in self.json_fields and isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value


def row(conn: Conn, table: str, row_id: int | None, what: str) -> sqlite3.Row:
    found = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if found is None:
        raise NotFound(f"{what} {row_id} finns inte")
    return found


def _goal_report(conn: Conn, goal_id: int | None) -> int:
    return int(row(conn, "goals", goal_id, "mål")["report_id"])


def _section_report(conn: Conn, section_id: int | None) -> int:
    return int(row(conn, "sections", section_id, "avsnitt")["report_id"])


def _table_report(conn: Conn, table_id: int | None) -> int:
    return _section_report(conn, row(conn, "economy_tables", table_id, "tabell")["section_id"])


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


# -- where a new row may go -------------------------------------------------------------


def _place_goal(conn: Conn, model: Goal) -> Placed:
    if model.parent_id is None:  # an inriktningsmål, at the top of its report
        if model.level != Level.INRIKTNINGSMAL:
            raise InvalidValue("Nivå", f"ett {model.level.label} behöver ett överordnat mål")
        if (
            conn.execute("SELECT 1 FROM reports WHERE id = ?", (model.report_id,)).fetchone()
            is None
        ):
            raise NotFound(f"rapport {model.report_id} finns inte")
        placed = model.model_copy(update={"code": model.code or _next_code(conn, model, "")})
        return placed, "report_id = ? AND parent_id IS NULL", (model.report_id,)
    parent = rows.goal(row(conn, "goals", model.parent_id, "överordnat mål"))
    if parent.level == Level.NAMNDMAL:
        raise InvalidValue("Mål", "under ett nämndmål kan inga mål läggas")
    if model.level <= parent.level:  # a nämndmål may stand under either level above it
        below = " eller ".join(Level(n).label for n in range(parent.level + 1, Level.NAMNDMAL + 1))
        raise InvalidValue("Nivå", f"under {parent.level.label} kan bara {below} ligga")
    update: dict[str, Any] = {"report_id": parent.report_id}
    if model.level == Level.OMRADESMAL and model.code is None and parent.code:
        update["code"] = _next_code(conn, model, f"{parent.code}.")
    return model.model_copy(update=update), "parent_id = ?", (model.parent_id,)


def _next_code(conn: Conn, model: Goal, prefix: str) -> str:
    """A new inriktningsmål's or områdesmål's number: one after the highest plain number
    among its siblings ("4", "2.8"); the author changes it with `t`."""
    where, arg = ("parent_id = ?", model.parent_id)
    if model.parent_id is None:
        where, arg = ("report_id = ? AND parent_id IS NULL", model.report_id)
    highest = 0
    for (code,) in conn.execute(f"SELECT code FROM goals WHERE {where}", (arg,)):
        tail = (code or "").removeprefix(prefix)
        if code and code.startswith(prefix) and tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}{highest + 1}"


def _place_row_of_goal(conn: Conn, model: Indicator | Activity) -> Placed:
    goal = rows.goal(row(conn, "goals", model.goal_id, "mål"))
    if goal.level == Level.INRIKTNINGSMAL:
        raise InvalidValue("Mål", "indikatorer och aktiviteter hör till områdesmål och nämndmål")
    return model, "goal_id = ?", (model.goal_id,)


def _place_section(conn: Conn, model: Section) -> Placed:
    report_id = model.report_id
    if model.parent_id is not None:
        report_id = _section_report(conn, model.parent_id)
    elif report_id is None:
        raise InvalidValue("Avsnitt", "ett avsnitt hör till en rapport")
    elif conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
        raise NotFound(f"rapport {report_id} finns inte")
    placed = model.model_copy(update={"report_id": report_id})
    return placed, "report_id = ? AND parent_id IS ?", (report_id, model.parent_id)


def _place_economy_row(conn: Conn, model: EconomyRow) -> Placed:
    table = rows.economy_table(row(conn, "economy_tables", model.table_id, "tabell"))
    if model.cells and len(model.cells) != len(table.columns):
        raise InvalidValue(
            "Belopp", f"raden har {len(model.cells)} värden, tabellen {len(table.columns)} kolumner"
        )
    return model, "table_id = ?", (model.table_id,)


def _place_economy_table(conn: Conn, model: EconomyTable) -> Placed:
    row(conn, "sections", model.section_id, "avsnitt")
    if model.rows:
        raise InvalidValue("Tabell", "raderna läggs till en och en")
    return model, "section_id = ?", (model.section_id,)


def _place_report(conn: Conn, model: ReportRow) -> Placed:
    raise InvalidValue("Rapport", "en ny rapport skapas med Ny rapport eller tertial new")


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "goal",
            "goals",
            Goal,
            rows.GOAL_COLUMNS,
            {"title": "Mål", "code": "Nummer", "assessment": "Bedömning", **GOAL_TEXT_FIELDS},
            rows.goal,
            ("parent_id", "goals"),
            lambda conn, g: (g.id, g.report_id),
            lambda g: str(g.label),
            children=(("goals", "parent_id"), ("indicators", "goal_id"), ("activities", "goal_id")),
            place=_place_goal,
        ),
        Entity(
            "indicator",
            "indicators",
            Indicator,
            rows.INDICATOR_COLUMNS,
            {
                "name": "Indikator",
                **INDICATOR_VALUE_FIELDS,
                "unit": "Enhet",
                "direction": "Riktning",
                "analys": "Analys",
                "to_check": "Att kontrollera",
            },
            rows.indicator,
            ("goal_id", "goals"),
            lambda conn, i: (i.goal_id, _goal_report(conn, i.goal_id)),
            lambda i: str(i.name),
            place=_place_row_of_goal,
        ),
        Entity(
            "activity",
            "activities",
            Activity,
            rows.ACTIVITY_COLUMNS,
            dict(ACTIVITY_FIELDS),
            rows.activity,
            ("goal_id", "goals"),
            lambda conn, a: (a.goal_id, _goal_report(conn, a.goal_id)),
            lambda a: _short(str(a.text)),
            place=_place_row_of_goal,
        ),
        Entity(
            "section",
            "sections",
            Section,
            rows.SECTION_COLUMNS,
            {"title": "Rubrik", "body": "Text"},
            rows.section,
            ("parent_id", "sections"),
            lambda conn, s: (None, s.report_id),
            lambda s: str(s.title),
            children=(("sections", "parent_id"), ("economy_tables", "section_id")),
            place=_place_section,
        ),
        Entity(
            "economy_row",
            "economy_rows",
            EconomyRow,
            rows.ROW_COLUMNS,
            {"label": "Rad", "cells": "Belopp", "is_total": "Summarad"},
            rows.economy_row,
            ("table_id", "economy_tables"),
            lambda conn, r: (None, _table_report(conn, r.table_id)),
            lambda r: str(r.label),
            place=_place_economy_row,
            json_fields=("cells",),
            reviewable=False,
        ),
        Entity(
            "economy_table",
            "economy_tables",
            EconomyTable,
            rows.TABLE_COLUMNS,
            {"title": "Tabellrubrik", "label_heading": "Radrubrik", "columns": "Kolumner"},
            rows.economy_table,
            ("section_id", "sections"),
            lambda conn, t: (None, _section_report(conn, t.section_id)),
            lambda t: str(t.title),
            children=(("economy_rows", "table_id"),),
            place=_place_economy_table,
            json_fields=("columns",),
            reviewable=False,
        ),
        Entity(
            "report",
            "reports",
            ReportRow,
            REPORT_COLUMNS,
            {
                "organisation_id": "Organisation",
                "kind": "Rapport",
                "year": "År",
                "period": "Period",
            },
            rows.report_row,
            ("organisation_id", "organisations"),
            lambda conn, r: (None, r.id),
            lambda r: "Rapporten",
            place=_place_report,
            reviewable=False,
        ),
    )
}
# What goes with a row of each table (for the history's snapshot of a removed row).
CHILD_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    e.table: e.children for e in ENTITIES.values()
}

# Where a row stands among its siblings, and (a goal) which goal it stands under, change
# like any field: recorded, undone and redone. store/structure.py decides which moves are
# allowed; these labels only name them in the history.
POSITION_LABEL = "Ordning"
for _entity in ENTITIES.values():
    if "position" in _entity.columns:
        _entity.labels["position"] = POSITION_LABEL
ENTITIES["goal"].labels["parent_id"] = "Överordnat mål"

# A carried item's review marks change like any field: recorded, undone, redone.
for _entity in ENTITIES.values():
    if _entity.reviewable:
        _entity.labels["unreviewed"] = UNREVIEWED_LABEL
