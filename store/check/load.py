"""Reports as the checker reads them, straight from SQLite: plain tuples, no models.

The only SQL of the checker. Reports are read a batch at a time (a few queries per
batch, whatever its size), so a 1,500-report archive is checked in seconds with
little memory. The Analys of indicators and activities, which the rules only test for
emptiness, comes back as a flag, trimmed of exactly the characters str.strip()
removes. The result equals plain.from_document of the same report
(tests/test_check_engine.py).

Review marks (issue 12: the `unreviewed` column, "analys,assessment") come back as
sets of field names, as the models hold them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from store.check.plain import (
    NO_MARKS,
    WHITESPACE,
    PActivity,
    PGoal,
    PIndicator,
    PReport,
    PRow,
    PSection,
    PTable,
)

BATCH = 100

# Whether a text has anything but whitespace, without reading it into Python.
_FILLED = "substr(ltrim({0}, :ws), 1, 1) <> ''"


def _marks(stored: str) -> frozenset[str]:
    """'analys,assessment' → {'analys', 'assessment'}; '' (nearly always) → no marks."""
    return frozenset(stored.split(",")) - {""} if stored else NO_MARKS


def report_list(conn: sqlite3.Connection) -> list[tuple[int, str, str, int]]:
    """(id, organisation, kind, year) of every report, in the order `tertial reports` lists."""
    cur = conn.execute(
        "SELECT r.id, o.name, r.kind, r.year FROM reports r "
        "JOIN organisations o ON o.id = r.organisation_id ORDER BY o.name, r.year, r.kind"
    )
    return [(r[0], r[1], r[2], r[3]) for r in cur]


def plain_reports(
    conn: sqlite3.Connection, reports: Sequence[tuple[int, str, str, int]], batch: int = BATCH
) -> Iterator[PReport]:
    """The given reports (rows of report_list), checked in that order."""
    factories = (conn.row_factory, conn.text_factory)
    try:
        for start in range(0, len(reports), batch):
            chunk = reports[start : start + batch]
            # SQLite's own UTF-8 decoding is fast; only a damaged text needs the
            # connection's replacing decoder, and then the batch is read again with it.
            conn.row_factory, conn.text_factory = None, str
            try:
                built = _read(conn, chunk)
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc):
                    raise
                conn.text_factory = factories[1]
                built = _read(conn, chunk)
            yield from built
    finally:
        conn.row_factory, conn.text_factory = factories


def _read(conn: sqlite3.Connection, chunk: Sequence[tuple[int, str, str, int]]) -> list[PReport]:
    ids = [r[0] for r in chunk]
    marks = ", ".join(f":r{i}" for i in range(len(ids)))
    args: dict[str, Any] = {f"r{i}": rid for i, rid in enumerate(ids)}
    args["ws"] = WHITESPACE
    out = {rid: PReport(rid, org, kind, year) for rid, org, kind, year in chunk}

    goals: dict[int, PGoal] = {}
    # Analys and section texts stay UTF-8 bytes: only sammanfattning-mot-mal reads
    # them, and it decodes the few that may state a count (counts.Tree.check_text).
    for gid, rid, parent, level, code, title, assessment, filled, analys, marked in conn.execute(
        "SELECT id, report_id, parent_id, level, code, title, assessment, "
        f"{_FILLED.format('analys')}, CAST(analys AS BLOB), unreviewed "
        f"FROM goals WHERE report_id IN ({marks}) ORDER BY report_id, level, position, id",
        args,
    ):
        g = PGoal(gid, level, code, title, assessment, bool(filled), analys)
        g.unreviewed = _marks(marked)
        goals[gid] = g
        above = goals.get(parent) if parent is not None else None
        (above.children if above else out[rid].goals).append(g)

    for row in conn.execute(
        "SELECT i.goal_id, i.id, i.name, i.outcome, i.outcome_men, i.outcome_women, "
        "i.previous, i.forecast, i.target, i.kf_target, i.period, i.unit, i.direction, "
        f"{_FILLED.format('i.analys')}, i.unreviewed FROM indicators i "
        "JOIN goals g ON g.id = i.goal_id "
        f"WHERE g.report_id IN ({marks}) ORDER BY i.goal_id, i.position, i.id",
        args,
    ):
        ind = PIndicator(*row[1:13], has_analys=bool(row[13]), unreviewed=_marks(row[14]))
        goals[row[0]].indicators.append(ind)

    for goal_id, aid, text, deviation, filled, marked in conn.execute(
        f"SELECT a.goal_id, a.id, a.text, a.deviation, {_FILLED.format('a.analys')}, "
        "a.unreviewed "
        "FROM activities a JOIN goals g ON g.id = a.goal_id "
        f"WHERE g.report_id IN ({marks}) ORDER BY a.goal_id, a.position, a.id",
        args,
    ):
        act = PActivity(aid, text, bool(deviation), bool(filled), _marks(marked))
        goals[goal_id].activities.append(act)

    sections: dict[int, PSection] = {}
    placed: list[tuple[PSection, int, int | None]] = []
    for sid, rid, parent, title, body, kind, marked in conn.execute(
        "SELECT id, report_id, parent_id, title, CAST(body AS BLOB), kind, unreviewed "
        f"FROM sections WHERE report_id IN ({marks}) ORDER BY report_id, position, id",
        args,
    ):
        sections[sid] = s = PSection(sid, title, body, kind, unreviewed=_marks(marked))
        placed.append((s, rid, parent))
    # A child may come before its parent in position order: attach once all are read.
    for s, rid, parent in placed:
        above = sections.get(parent) if parent is not None else None
        (above.children if above else out[rid].sections).append(s)

    tables: dict[int, PTable] = {}
    for tid, section_id, key, title, columns in conn.execute(
        "SELECT t.id, t.section_id, t.key, t.title, t.columns FROM economy_tables t "
        f"JOIN sections s ON s.id = t.section_id WHERE s.report_id IN ({marks}) "
        "ORDER BY s.position, t.position, t.id",
        args,
    ):
        t = PTable(tid, key, title, json.loads(columns))
        tables[tid] = t
        sections[section_id].tables.append(t)
    for rid_, table_id, label, cells, total in conn.execute(
        "SELECT er.id, er.table_id, er.label, er.cells, er.is_total FROM economy_rows er "
        "JOIN economy_tables t ON t.id = er.table_id JOIN sections s ON s.id = t.section_id "
        f"WHERE s.report_id IN ({marks}) ORDER BY er.table_id, er.position, er.id",
        args,
    ):
        tables[table_id].rows.append(PRow(rid_, label, json.loads(cells), bool(total)))
    return [out[rid] for rid in ids]
