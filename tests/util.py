"""Helpers shared by tests."""

from __future__ import annotations

from typing import Any

_KEYS = {"id", "report_id", "parent_id", "goal_id", "section_id", "table_id", "position"}


def content(model: Any) -> Any:
    """A model's data without ids and positions: what a report says, not where it is stored."""
    data = model.model_dump(mode="json") if hasattr(model, "model_dump") else model
    return _strip(data)


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in _KEYS}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def older_copy(source: Any, dest: Any, version: int) -> None:
    """Write `dest` as a file of schema `version` holding `source`'s rows (the columns
    that version has): a file as an older tertial left it, for migration tests."""
    import sqlite3

    from store import schema
    from store.schema import migrate

    conn = sqlite3.connect(dest, isolation_level=None)
    try:
        saved = schema.MIGRATIONS, schema.SCHEMA_VERSION
        schema.MIGRATIONS, schema.SCHEMA_VERSION = schema.MIGRATIONS[:version], version
        try:
            migrate(conn)
        finally:
            schema.MIGRATIONS, schema.SCHEMA_VERSION = saved
        conn.execute("ATTACH DATABASE ? AS src", (str(source),))
        conn.execute("BEGIN")
        for table in _COPIED:
            cols = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
            conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM src.{table}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()


_COPIED = (
    "organisations",
    "reports",
    "sections",
    "economy_tables",
    "economy_rows",
    "goals",
    "indicators",
    "activities",
    "changes",
)
