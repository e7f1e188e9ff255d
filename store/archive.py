"""Reads across a whole archive: plain SQL and tuples, no models, so they start and run fast."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from typing import Any

from store.terms import INDICATOR_VALUE_FIELDS, ReportKind

# Rows per batch when streaming: enough to keep the per-call cost low, few enough that a
# whole archive (60,000 rows, 85 MB as Python objects) is never in memory at once.
BATCH = 4096


def archive_indicators(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every indicator of every report: (organisation, report, goal, name, 8 values).

    In report order, then document order; the report as printed ("Tertialrapport 2
    2023"), the goal as the report names it ("1.1 Title", or a nämndmål's title).
    """
    return [row for batch in archive_indicator_batches(conn) for row in batch]


def archive_indicator_batches(
    conn: sqlite3.Connection, size: int | None = None
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `archive_indicators`, a batch (BATCH rows) at a time, read while they
    are written."""
    size = size or BATCH
    # Plain tuples and SQLite's own UTF-8 decoding: the replacing decoder costs a
    # Python call per text. Only a damaged text needs it: from the row that has one,
    # the rows are read again with it (the ones before decode alike either way).
    factories = (conn.row_factory, conn.text_factory)
    done = 0
    try:
        conn.row_factory, conn.text_factory = None, str
        try:
            cursor = conn.execute(_SQL)
            while batch := cursor.fetchmany(size):
                yield batch
                done += len(batch)
            return
        except sqlite3.OperationalError:
            pass
        conn.text_factory = factories[1]
        cursor = conn.execute(_SQL)
        for _ in itertools.islice(cursor, done):
            pass
        while batch := cursor.fetchmany(size):
            yield batch
    finally:
        conn.row_factory, conn.text_factory = factories


def _sql() -> str:
    kinds = " ".join(f"WHEN '{k.value}' THEN '{k.label}'" for k in ReportKind)
    goal = (
        "CASE WHEN g.level = 1 THEN g.code || '. ' || g.title "
        "WHEN g.code IS NOT NULL THEN g.code || ' ' || g.title ELSE g.title END"
    )
    texts = ["o.name", f"(CASE r.kind {kinds} END) || ' ' || r.year", goal, "i.name"]
    texts += [f"i.{f}" for f in INDICATOR_VALUE_FIELDS]
    return (
        f"SELECT {', '.join(texts)} FROM indicators i "
        "JOIN goals g ON g.id = i.goal_id "
        "LEFT JOIN goals p ON p.id = g.parent_id "
        "LEFT JOIN goals gp ON gp.id = p.parent_id "
        "JOIN reports r ON r.id = g.report_id "
        "JOIN organisations o ON o.id = r.organisation_id "
        # The tree's order: the inriktningsmål's position; under it its områdesmål
        # (level 2) before the nämndmål placed directly under it (level 3), each by
        # position; an områdesmål's own indicators before those of its nämndmål; i.id
        # last, so the order is total (the rows after a damaged text are found again by
        # count). gp is NULL for a goal directly under an inriktningsmål.
        "ORDER BY o.name, r.year, r.kind, "
        "CASE WHEN gp.id IS NOT NULL THEN gp.position ELSE p.position END, "
        "CASE WHEN gp.id IS NOT NULL THEN p.level ELSE g.level END, "
        "CASE WHEN gp.id IS NOT NULL THEN p.position ELSE g.position END, "
        "CASE WHEN gp.id IS NOT NULL THEN g.position + 1 ELSE 0 END, i.position, i.id"
    )


_SQL = _sql()
