"""The store's side of new and carried reports (issue 12): creating a report in one
transaction with one history entry, and what the workbench reads about carried items:
where each came from, and what is not yet reviewed. The rules themselves are in
store/carry.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store import rows
from store.carry import carry_document, check_direction, fresh_goals, new_report_model, short_title
from store.db import check_file, connect, locked_file
from store.entities import ENTITIES
from store.errors import InvalidValue, NotATertialFile, NotFound, StoreError
from store.models import Change, Goal, Report, ReportDocument, ReportKind
from store.review import marks

# -- checks that need the file ------------------------------------------------------------


def _existing(conn: sqlite3.Connection, report: Report) -> int | None:
    row = conn.execute(
        "SELECT r.id FROM reports r JOIN organisations o ON o.id = r.organisation_id "
        "WHERE o.name = ? AND r.kind = ? AND r.year = ?",
        (report.organisation, report.kind.value, report.year),
    ).fetchone()
    return None if row is None else int(row[0])


def _report(conn: sqlite3.Connection, report_id: int) -> Report | None:
    row = conn.execute(
        "SELECT r.id, o.name AS organisation, r.kind, r.year, r.period FROM reports r "
        "JOIN organisations o ON o.id = r.organisation_id WHERE r.id = ?",
        (report_id,),
    ).fetchone()
    return None if row is None else rows.report(row)


def check_new(conn: sqlite3.Connection, report: Report, from_report: int | None) -> Report | None:
    """Refuse a report that exists, or a source that does not; returns the source."""
    if (existing := _existing(conn, report)) is not None:
        raise InvalidValue(
            "Rapport",
            f"{report.organisation} {report.title} finns redan i filen (rapport {existing})",
        )
    if from_report is None:
        return None
    source = _report(conn, from_report)
    if source is None:
        known = ", ".join(
            str(r[0]) for r in conn.execute("SELECT id FROM reports ORDER BY id LIMIT 20")
        )
        raise NotFound(f"rapport {from_report} finns inte i filen; rapporter: {known or 'inga'}")
    check_direction(source, report)
    return source


def _unreadable(path: Path, exc: sqlite3.Error) -> StoreError:
    # A lock held by another program (a write under way in a rollback journal) is no damage.
    if "locked" in str(exc) or "busy" in str(exc):
        return locked_file(path)
    return NotATertialFile(f"{path} kan inte läsas som en tertial-fil ({exc})")


def check_new_in_file(path: Path, report: Report, from_report: int | None) -> Report | None:
    """`check_new` against a file opened read-only: a refusal leaves it byte for byte as it was.

    (Opening a file for writing alone changes its header: WAL mode.)
    """
    path = Path(path)
    if not path.exists():
        raise NotATertialFile(f"{path} finns inte; skapa den med tertial init {path}")
    check_file(path)
    try:
        conn = connect(path, read_only=True)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from None
    try:
        return check_new(conn, report, from_report)
    except sqlite3.OperationalError as exc:
        # A file in WAL mode in a folder SQLite may not write to cannot be read here.
        raise _unreadable(path, exc) from None
    finally:
        conn.close()


# -- the store's side -------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a carried item came from: that report, and the item as it is there now."""

    report: Report
    item: Any  # Goal, Indicator, Activity or Section

    @property
    def label(self) -> str:
        return short_title(self.report)


@dataclass(frozen=True)
class Unreviewed:
    entity: str  # goal, indicator, activity, section
    id: int
    goal_id: int | None  # the goal it belongs to (goal: itself; section: None)
    fields: frozenset[str]


class CarryMixin:
    """New reports and carried items. The Store gives it `conn`, `_write()`, `document()`,
    `get()` and `update()`."""

    conn: sqlite3.Connection

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def new_report(
        self,
        organisation: str,
        kind: ReportKind | str,
        year: int,
        *,
        from_report: int | None = None,
        goals: list[Goal] | None = None,
        source: str = "app",
    ) -> int:
        """Create a report; returns its id. One transaction, one history entry.

        Start from an earlier report of the file (`from_report`, carried by the rules of
        issue 12), from a goal tree (`goals`: the city's goals, a goals CSV), or empty.
        The period text follows the kind. InvalidValue names what was refused: the
        organisation, kind or year, a report that exists, or a step backwards;
        NotFound a `from_report` not in the file.
        """
        from store.bulk import insert_document

        report = new_report_model(organisation, kind, year)
        if from_report is not None and goals is not None:
            raise InvalidValue("Starta från", "välj en rapport eller ett målträd, inte båda")
        with self._write() as conn:
            src = check_new(conn, report, from_report)
            if src is not None:
                doc = carry_document(self.document(from_report), report)  # type: ignore[attr-defined,arg-type]
                how = f"förd vidare från {src.organisation} {src.title}"
            else:
                from pydantic import ValidationError

                try:
                    doc = ReportDocument(report=report, sections=[], goals=fresh_goals(goals or []))
                except ValidationError as exc:
                    raise InvalidValue("Mål", str(exc.errors()[0]["msg"])) from None
                how = f"med {_count(doc.goals)} mål" if goals else "tom"
            report_id = insert_document(conn, doc)
            if src is not None:
                conn.execute(
                    "UPDATE reports SET carried_from = ? WHERE id = ?", (src.id, report_id)
                )
            record_created(conn, report, report_id, how, source)
        return report_id

    def carried_from_report(self, report_id: int) -> Report | None:
        """The report this one was carried forward from, if it still exists."""
        row = self.conn.execute(
            "SELECT carried_from FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"rapport {report_id} finns inte")
        return None if row[0] is None else _report(self.conn, row[0])

    def origin(self, entity: str, entity_id: int) -> Origin | None:
        """The item a goal, indicator, activity or section was carried from (its previous
        text, its previous values), or None: not carried, or that item is gone."""
        e = ENTITIES[entity]
        table = e.table
        row = self.conn.execute(
            f"SELECT carried_from FROM {table} WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"{entity} {entity_id} finns inte")
        if row[0] is None:
            return None
        found = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row[0],)).fetchone()
        if found is None:
            return None
        item = e.read(found)
        report = _report(self.conn, e.owner(self.conn, item)[1])
        return None if report is None else Origin(report, item)

    def previous_values(self, report_id: int) -> dict[int, Origin]:
        """For each carried indicator of the report (by its id): the indicator it was
        carried from, with that report ("T2 2023: 87"). One query."""
        out: dict[int, Origin] = {}
        reports: dict[int, Report] = {}
        for r in self.conn.execute(
            "SELECT i.id AS carried_to, sg.report_id AS source_report, s.* "
            "FROM indicators i JOIN goals g ON g.id = i.goal_id "
            "JOIN indicators s ON s.id = i.carried_from JOIN goals sg ON sg.id = s.goal_id "
            "WHERE g.report_id = ? AND i.carried_from IS NOT NULL",
            (report_id,),
        ):
            d = dict(r)
            to, rid = d.pop("carried_to"), d.pop("source_report")
            if rid not in reports:
                reports[rid] = _report(self.conn, rid)  # type: ignore[assignment]
            out[to] = Origin(reports[rid], rows.indicator(d))
        return out

    def unreviewed_items(self, report_id: int) -> list[Unreviewed]:
        """Everything in the report with a carried field not yet reviewed (the header's
        count is its length)."""
        out: list[Unreviewed] = []
        for entity, goal_col, sql in _UNREVIEWED_SQL:
            for r in self.conn.execute(sql, (report_id,)):
                goal_id = r[goal_col] if goal_col else None
                out.append(Unreviewed(entity, r["id"], goal_id, marks(r["unreviewed"])))
        return out

    def confirm_reviewed(
        self,
        entity: str,
        entity_id: int,
        fields: Iterable[str] | None = None,
        *,
        source: str = "app",
    ) -> Change | None:
        """The author has looked at the item: clear its marks (all, or `fields`).

        A change like any other (the field `unreviewed`): in the history, undone and
        redone with `revert` / `reapply`. None when nothing was marked.
        """
        item = self.get(entity, entity_id)  # type: ignore[attr-defined]
        left = frozenset() if fields is None else item.unreviewed - set(fields)
        if left == item.unreviewed:
            return None
        return self.update(  # type: ignore[attr-defined,no-any-return]
            entity, entity_id, "unreviewed", left, expected=item.unreviewed, source=source
        )


_UNREVIEWED_SQL = (
    (
        "goal",
        "id",
        "SELECT id, unreviewed FROM goals WHERE report_id = ? AND unreviewed != '' "
        "ORDER BY level, position, id",
    ),
    (
        "indicator",
        "goal_id",
        "SELECT i.id, i.goal_id, i.unreviewed FROM indicators i JOIN goals g ON g.id = i.goal_id "
        "WHERE g.report_id = ? AND i.unreviewed != '' ORDER BY i.goal_id, i.position, i.id",
    ),
    (
        "activity",
        "goal_id",
        "SELECT a.id, a.goal_id, a.unreviewed FROM activities a JOIN goals g ON g.id = a.goal_id "
        "WHERE g.report_id = ? AND a.unreviewed != '' ORDER BY a.goal_id, a.position, a.id",
    ),
    (
        "section",
        None,
        "SELECT id, unreviewed FROM sections WHERE report_id = ? AND unreviewed != '' "
        "ORDER BY position, id",
    ),
)


def _count(goals: list[Goal]) -> int:
    return sum(1 + _count(g.children) for g in goals)


def record_created(
    conn: sqlite3.Connection, report: Report, report_id: int, how: str, source: str
) -> None:
    """The report's creation as one entry in its history (a report is not undone)."""
    change = Change(
        report_id=report_id,
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        source=source,
        entity="report",
        entity_id=report_id,
        subject=f"{report.organisation} {report.title}",
        field="created",
        field_label=f"Ny rapport, {how}",
        new=f"{report.organisation} {report.title} ({report.period})",
    )
    data = change.model_dump(exclude={"id"})
    conn.execute(
        f"INSERT INTO changes ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
        tuple(data.values()),
    )
