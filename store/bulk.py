"""Writing whole reports at once: the sample, imports of documents, the benchmark archive.

Rows are numbered here (past each table's current maximum id) and written table by
table with one prepared statement each, parents before children, so many reports
cost a few statements rather than one per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from store import rows
from store.errors import StoreError
from store.models import Goal, ReportDocument, Section

# Parents before children: foreign keys are checked row by row.
_TABLES = {
    "sections": rows.SECTION_COLUMNS,
    "economy_tables": rows.TABLE_COLUMNS,
    "economy_rows": rows.ROW_COLUMNS,
    "goals": rows.GOAL_COLUMNS,
    "indicators": rows.INDICATOR_COLUMNS,
    "activities": rows.ACTIVITY_COLUMNS,
}


class _Batch:
    """Rows of one or more reports, numbered and waiting to be written."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _TABLES}
        self.next: dict[str, int] = {}
        for table in _TABLES:
            (top,) = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
            # AUTOINCREMENT tables also remember ids handed out and since deleted.
            seq = conn.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
            ).fetchone()
            self.next[table] = max(int(top), int(seq[0]) if seq else 0) + 1

    def add(self, table: str, model: Any, **fields: Any) -> int:
        row_id = self.next[table]
        self.next[table] += 1
        values = rows.to_row(model, _TABLES[table])
        values.update(fields, id=row_id)
        self.rows[table].append(tuple(values[c] for c in _TABLES[table]))
        return row_id

    def add_document(self, doc: ReportDocument) -> int:
        r = self.conn
        rep = doc.report
        r.execute("INSERT OR IGNORE INTO organisations (name) VALUES (?)", (rep.organisation,))
        (org_id,) = r.execute(
            "SELECT id FROM organisations WHERE name = ?", (rep.organisation,)
        ).fetchone()
        try:
            cur = r.execute(
                "INSERT INTO reports (organisation_id, kind, year, period) VALUES (?, ?, ?, ?)",
                (org_id, rep.kind.value, rep.year, rep.period),
            )
        except sqlite3.IntegrityError:
            raise StoreError(f"{rep.organisation} {rep.title} finns redan i filen") from None
        report_id = int(cur.lastrowid or 0)
        self._sections(doc.sections, report_id, None)
        self._goals(doc.goals, report_id, None)
        return report_id

    def _sections(self, sections: list[Section], report_id: int, parent: int | None) -> None:
        for pos, s in enumerate(sections):
            sid = self.add("sections", s, report_id=report_id, parent_id=parent, position=pos)
            for tpos, t in enumerate(s.tables):
                tid = self.add("economy_tables", t, section_id=sid, position=tpos)
                for rpos, row in enumerate(t.rows):
                    self.add("economy_rows", row, table_id=tid, position=rpos)
            self._sections(s.children, report_id, sid)

    def _goals(self, goals: list[Goal], report_id: int, parent: int | None) -> None:
        # Goals are read by level, then position: under an inriktningsmål its nämndmål
        # stand after its områdesmål, so they are placed in that order here too.
        for pos, g in enumerate(sorted(goals, key=lambda g: g.level)):
            gid = self.add("goals", g, report_id=report_id, parent_id=parent, position=pos)
            for ipos, ind in enumerate(g.indicators):
                self.add("indicators", ind, goal_id=gid, position=ipos)
            for apos, act in enumerate(g.activities):
                self.add("activities", act, goal_id=gid, position=apos)
            self._goals(g.children, report_id, gid)

    def write(self) -> None:
        for table, columns in _TABLES.items():
            records = self.rows[table]
            if records:
                marks = ", ".join("?" * len(columns))
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", records
                )
                records.clear()


def insert_document(conn: sqlite3.Connection, doc: ReportDocument) -> int:
    """Insert one report with everything in it; the caller holds the transaction."""
    return insert_documents(conn, [doc])[0]


def insert_documents(conn: sqlite3.Connection, docs: Iterable[ReportDocument]) -> list[int]:
    """Insert several reports; the caller holds the transaction. Returns their ids."""
    batch = _Batch(conn)
    ids = [batch.add_document(doc) for doc in docs]
    batch.write()
    return ids
