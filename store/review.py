"""Review marks of carried items ("ej granskad"): read and cleared as one column.

Kept apart from the store's writes so that store/edits.py needs one call to clear a
mark when the author edits a marked field.
"""

from __future__ import annotations

import sqlite3

# The history's label for a change of the marks themselves (confirming an item).
UNREVIEWED_LABEL = "Ej granskad"


def marks(text: str | None) -> frozenset[str]:
    """The stored form ('analys,assessment') as a set of field names."""
    return frozenset(f for f in (text or "").split(",") if f)


def stored(fields: frozenset[str] | set[str]) -> str:
    return ",".join(sorted(fields))


def clear_mark(conn: sqlite3.Connection, table: str, row: sqlite3.Row, field: str) -> None:
    """After an edit of `field`: it has been looked at, so it is no longer unreviewed.

    `row` is the row as it was before the edit (SELECT *); the caller holds the
    transaction. The edit's own history record covers this: a mark is not a value.
    """
    if field == "unreviewed":
        return
    current = marks(row["unreviewed"])
    if field in current:
        conn.execute(
            f"UPDATE {table} SET unreviewed = ? WHERE id = ?",
            (stored(current - {field}), row["id"]),
        )
