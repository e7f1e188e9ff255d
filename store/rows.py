"""Row ↔ model conversion: the one place that knows how a model is laid out in a table."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from store.models import (
    Activity,
    Assessment,
    Change,
    Direction,
    EconomyRow,
    EconomyTable,
    Goal,
    Indicator,
    Level,
    Report,
    ReportKind,
    Section,
    SectionKind,
)
from store.report_row import REPORT_COLUMNS, ReportRow
from store.textchecks import as_stored
from store.values import optional_date

_NO_MARKS: frozenset[str] = frozenset()
_R = TypeVar("_R")

# Schema v4: where a carried item came from, and its fields not yet reviewed.
CARRY_COLUMNS = ["carried_from", "unreviewed"]
GOAL_COLUMNS = [
    "id",
    "report_id",
    "parent_id",
    "level",
    "code",
    "title",
    "position",
    "assessment",
    "analys",
    "expected_result",
    "description",
    *CARRY_COLUMNS,
]
INDICATOR_COLUMNS = [
    "id",
    "goal_id",
    "position",
    "name",
    "outcome",
    "outcome_men",
    "outcome_women",
    "previous",
    "forecast",
    "target",
    "kf_target",
    "period",
    "unit",
    "direction",
    "analys",
    "to_check",
    "reading_note",
    *CARRY_COLUMNS,
]
ACTIVITY_COLUMNS = [
    "id",
    "goal_id",
    "position",
    "text",
    "start_date",
    "end_date",
    "deviation",
    "analys",
    *CARRY_COLUMNS,
]
SECTION_COLUMNS = [
    "id",
    "report_id",
    "parent_id",
    "position",
    "title",
    "body",
    "kind",
    *CARRY_COLUMNS,
]
TABLE_COLUMNS = ["id", "section_id", "position", "key", "title", "unit", "label_heading", "columns"]
ROW_COLUMNS = ["id", "table_id", "position", "label", "cells", "is_total"]


# Read as stored: the file's values were checked when they were written, and a value an
# earlier tertial accepted still opens (store/textchecks.py). So a row becomes a record
# without pydantic (issue 15, item 10): each column converted to its field's type as the
# model's validation converts it. A value that does not convert (not a level, not a date)
# goes through the model's validation instead, which refuses it as it always did.
Row = sqlite3.Row | Mapping[str, Any]


def _read(model: type[_R], d: dict[str, Any], convert: Callable[[dict[str, Any]], None]) -> _R:
    try:
        convert(d)
    except (ValueError, TypeError, KeyError):
        with as_stored():
            return model.model_validate(d)  # type: ignore[attr-defined,no-any-return]
    return model.trusted(**d)  # type: ignore[attr-defined,no-any-return]


def _marks(d: dict[str, Any]) -> None:
    # Sorted comma-separated field names ('' for none, nearly always).
    text = d["unreviewed"]
    d["unreviewed"] = _NO_MARKS if not text else frozenset(f for f in text.split(",") if f)


def _report(d: dict[str, Any]) -> None:
    d["kind"] = ReportKind(d["kind"])


def _goal(d: dict[str, Any]) -> None:
    d["level"] = Level(d["level"])
    if (a := d["assessment"]) is not None:
        d["assessment"] = Assessment.from_label(a)
    _marks(d)


def _indicator(d: dict[str, Any]) -> None:
    if (direction := d["direction"]) is not None:
        d["direction"] = Direction(direction)
    _marks(d)


def _activity(d: dict[str, Any]) -> None:
    d["start_date"], d["end_date"] = optional_date(d["start_date"]), optional_date(d["end_date"])
    d["deviation"] = bool(d["deviation"])
    _marks(d)


def _section(d: dict[str, Any]) -> None:
    d["kind"] = SectionKind(d["kind"])
    _marks(d)


def _table(d: dict[str, Any]) -> None:
    d["columns"] = json.loads(d["columns"])


def _row(d: dict[str, Any]) -> None:
    d["cells"] = json.loads(d["cells"])
    d["is_total"] = bool(d["is_total"])


def _nothing(d: dict[str, Any]) -> None:
    pass


def report(row: Row) -> Report:
    """A report's heading (id, organisation, kind, year, period)."""
    return _read(Report, dict(row), _report)


def report_row(row: Row) -> ReportRow:
    """A report's own row (store/report_row.py), its columns as REPORT_COLUMNS."""
    return _read(ReportRow, {c: row[c] for c in REPORT_COLUMNS}, _report)


def goal(row: Row) -> Goal:
    return _read(Goal, dict(row), _goal)


def indicator(row: Row) -> Indicator:
    return _read(Indicator, dict(row), _indicator)


def activity(row: Row) -> Activity:
    return _read(Activity, dict(row), _activity)


def section(row: Row) -> Section:
    return _read(Section, dict(row), _section)


def economy_table(row: Row) -> EconomyTable:
    return _read(EconomyTable, dict(row), _table)


def economy_row(row: Row) -> EconomyRow:
    return _read(EconomyRow, dict(row), _row)


def change(row: Row) -> Change:
    """A recorded change (history, undo, redo), as the history holds it."""
    return _read(Change, dict(row), _nothing)


def db_value(value: Any) -> Any:
    """A model field's value as stored (and as history records it)."""
    if value is None or isinstance(value, (str, int, float)):
        return int(value) if isinstance(value, bool) else value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):  # unreviewed marks: sorted field names
        return ",".join(sorted(value))
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value.value if hasattr(value, "value") else value)


def to_row(model: Any, columns: list[str]) -> dict[str, Any]:
    return {c: db_value(getattr(model, c)) for c in columns}
