"""Writing a whole report at once: the sample, imports of documents, the benchmark archive."""

from __future__ import annotations

import sqlite3
from typing import Any

from store import rows
from store.errors import StoreError
from store.models import Goal, ReportDocument, Section


class _Ids:
    """Hands out ids past the table's current maximum, so rows can be batched."""

    def __init__(self, conn: sqlite3.Connection, table: str) -> None:
        (top,) = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        self.next = int(top) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def insert_document(conn: sqlite3.Connection, doc: ReportDocument) -> int:
    """Insert one report with everything in it; the caller holds the transaction."""
    import sqlite_utils  # only the bulk path needs it

    db = sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)
    r = doc.report
    conn.execute("INSERT OR IGNORE INTO organisations (name) VALUES (?)", (r.organisation,))
    (org_id,) = conn.execute(
        "SELECT id FROM organisations WHERE name = ?", (r.organisation,)
    ).fetchone()
    try:
        cur = conn.execute(
            "INSERT INTO reports (organisation_id, kind, year, period) VALUES (?, ?, ?, ?)",
            (org_id, r.kind.value, r.year, r.period),
        )
    except sqlite3.IntegrityError:
        raise StoreError(f"{r.organisation} {r.title} finns redan i filen") from None
    report_id = int(cur.lastrowid or 0)

    batch: dict[str, list[dict[str, Any]]] = {
        t: []
        for t in (
            "sections",
            "economy_tables",
            "economy_rows",
            "goals",
            "indicators",
            "activities",
        )
    }
    ids = {t: _Ids(conn, t) for t in batch}

    def add_sections(sections: list[Section], parent: int | None) -> None:
        for pos, s in enumerate(sections):
            sid = ids["sections"].take()
            batch["sections"].append(
                {
                    **rows.to_row(s, rows.SECTION_COLUMNS),
                    "id": sid,
                    "report_id": report_id,
                    "parent_id": parent,
                    "position": pos,
                }
            )
            for tpos, t in enumerate(s.tables):
                tid = ids["economy_tables"].take()
                batch["economy_tables"].append(
                    {
                        **rows.to_row(t, rows.TABLE_COLUMNS),
                        "id": tid,
                        "section_id": sid,
                        "position": tpos,
                    }
                )
                for rpos, row in enumerate(t.rows):
                    batch["economy_rows"].append(
                        {
                            **rows.to_row(row, rows.ROW_COLUMNS),
                            "id": ids["economy_rows"].take(),
                            "table_id": tid,
                            "position": rpos,
                        }
                    )
            add_sections(s.children, sid)

    def add_goals(goals: list[Goal], parent: int | None) -> None:
        for pos, g in enumerate(goals):
            gid = ids["goals"].take()
            batch["goals"].append(
                {
                    **rows.to_row(g, rows.GOAL_COLUMNS),
                    "id": gid,
                    "report_id": report_id,
                    "parent_id": parent,
                    "position": pos,
                }
            )
            for ipos, ind in enumerate(g.indicators):
                batch["indicators"].append(
                    {
                        **rows.to_row(ind, rows.INDICATOR_COLUMNS),
                        "id": ids["indicators"].take(),
                        "goal_id": gid,
                        "position": ipos,
                    }
                )
            for apos, act in enumerate(g.activities):
                batch["activities"].append(
                    {
                        **rows.to_row(act, rows.ACTIVITY_COLUMNS),
                        "id": ids["activities"].take(),
                        "goal_id": gid,
                        "position": apos,
                    }
                )
            add_goals(g.children, gid)

    add_sections(doc.sections, None)
    add_goals(doc.goals, None)
    # Parents before children: foreign keys are checked row by row.
    for table, records in batch.items():
        if records:
            db.table(table).insert_all(records, batch_size=500)
    return report_id
