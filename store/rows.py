"""Row ↔ model conversion: the one place that knows how a model is laid out in a table."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from store.models import (
    Activity,
    EconomyRow,
    EconomyTable,
    Goal,
    Indicator,
    Report,
    Section,
)
from store.textchecks import as_stored

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


# Read as stored: a value an earlier tertial accepted still opens (store/textchecks.py).


def report(row: sqlite3.Row) -> Report:
    """A report's heading (id, organisation, kind, year, period)."""
    with as_stored():
        return Report.model_validate(dict(row))


def goal(row: sqlite3.Row) -> Goal:
    with as_stored():
        return Goal.model_validate(dict(row))


def indicator(row: sqlite3.Row) -> Indicator:
    with as_stored():
        return Indicator.model_validate(dict(row))


def activity(row: sqlite3.Row) -> Activity:
    d = dict(row)
    d["deviation"] = bool(d["deviation"])
    with as_stored():
        return Activity.model_validate(d)


def section(row: sqlite3.Row) -> Section:
    with as_stored():
        return Section.model_validate(dict(row))


def economy_table(row: sqlite3.Row) -> EconomyTable:
    d = dict(row)
    d["columns"] = json.loads(d["columns"])
    with as_stored():
        return EconomyTable.model_validate(d)


def economy_row(row: sqlite3.Row) -> EconomyRow:
    d = dict(row)
    d["cells"] = json.loads(d["cells"])
    d["is_total"] = bool(d["is_total"])
    with as_stored():
        return EconomyRow.model_validate(d)


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
