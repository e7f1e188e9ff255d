"""How the store compares and sets one field's value: what the author was shown against
the file, a value the history records, a row with one field changed (store/edits.py)."""

from __future__ import annotations

import sqlite3
from typing import Any

from store import rows
from store.entities import Entity
from store.textchecks import checking_only


def same(e: Entity, current: Any, field: str, shown: Any) -> bool:
    """Whether the value the author was shown is the one in the file.

    The shown value may come as the screen has it (True, a date, "Avvikelse") or as
    history recorded it ("1", "2023-06-30"); the file holds another type (1, a text).
    Both are read through the model, so equal values compare equal whatever their type.
    """
    from pydantic import ValidationError  # a write: validated (store/validation.py)

    on_disk = rows.db_value(getattr(current, field))
    if as_text(rows.db_value(shown)) == as_text(on_disk):
        return True  # exactly the file's text (a legacy value the checks would rewrite)
    try:
        typed = with_field(e, current, field, shown)
        shown = rows.db_value(getattr(typed, field))
    except ValidationError:
        shown = rows.db_value(shown)  # not a value the model takes: compared as given
    return as_text(shown) == as_text(on_disk)


def held(conn: sqlite3.Connection, e: Entity, entity_id: int, field: str, value: Any) -> bool:
    """Whether the history records this field of this row holding exactly `value`."""
    stored = value if isinstance(value, str) else rows.db_value(value)
    text = None if stored is None else str(stored)
    found = conn.execute(
        "SELECT 1 FROM changes WHERE entity = ? AND entity_id = ? AND field = ? "
        "AND (old IS ? OR new IS ?) LIMIT 1",
        (e.name, entity_id, field, text, text),
    ).fetchone()
    return found is not None


def with_field(e: Entity, current: Any, field: str, value: Any) -> Any:
    """`current` with one field set, that field checked in full.

    The row's other fields stay as the file holds them (read `as_stored`): a value an
    earlier tertial wrote, which the newer checks refuse, must not block editing
    another field of its row. Assignment runs the field's checks and the model's
    checks across fields (dates in order), not the other fields' own checks.
    """
    updated = current.model_copy()
    with checking_only(field):
        setattr(updated, field, e.value(field, value))
    return updated


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
