"""Reads across a whole archive: plain SQL and tuples, no models, so they start and run fast."""

from __future__ import annotations

import sqlite3
from typing import Any

from store.terms import INDICATOR_VALUE_FIELDS, ReportKind


def archive_indicators(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every indicator of every report: (organisation, report, goal, name, 8 values).

    In report order, then document order; the report as printed ("Tertialrapport 2
    2023"), the goal as the report names it ("1.1 Title", or a nämndmål's title).
    """
    kinds = " ".join(f"WHEN '{k.value}' THEN '{k.label}'" for k in ReportKind)
    goal = (
        "CASE WHEN g.level = 1 THEN g.code || '. ' || g.title "
        "WHEN g.code IS NOT NULL THEN g.code || ' ' || g.title ELSE g.title END"
    )
    texts = ["o.name", f"(CASE r.kind {kinds} END) || ' ' || r.year", goal, "i.name"]
    texts += [f"i.{f}" for f in INDICATOR_VALUE_FIELDS]
    sql = (
        f"SELECT {', '.join(texts)} FROM indicators i "
        "JOIN goals g ON g.id = i.goal_id "
        "LEFT JOIN goals p ON p.id = g.parent_id "
        "LEFT JOIN goals gp ON gp.id = p.parent_id "
        "JOIN reports r ON r.id = g.report_id "
        "JOIN organisations o ON o.id = r.organisation_id "
        # Goals nest three deep: (inriktningsmål, områdesmål, nämndmål) positions,
        # an områdesmål's own indicators before those of its nämndmål.
        "ORDER BY o.name, r.year, r.kind, "
        "CASE g.level WHEN 3 THEN gp.position ELSE p.position END, "
        "CASE g.level WHEN 3 THEN p.position ELSE g.position END, "
        "CASE g.level WHEN 3 THEN g.position + 1 ELSE 0 END, i.position, i.id"
    )
    # Plain tuples and SQLite's own UTF-8 decoding: the replacing decoder costs a
    # Python call per text. Only a damaged text needs it; then read again with it.
    factories = (conn.row_factory, conn.text_factory)
    try:
        conn.row_factory, conn.text_factory = None, str
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        conn.row_factory = None
        conn.text_factory = factories[1]
        return conn.execute(sql).fetchall()
    finally:
        conn.row_factory, conn.text_factory = factories
