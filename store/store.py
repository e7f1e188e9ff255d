"""The Store: every read and write of a tertial file. The only code that speaks SQL."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path
from typing import Any

from store import rows
from store.archive import archive_indicators
from store.carried import CarryMixin
from store.db import open_file
from store.edits import EditsMixin
from store.entities import ENTITIES
from store.errors import (
    NotFound,
    ReadOnlyFile,
    StorageFull,
    StoreError,
)
from store.integrity import check_before_writing, remember
from store.models import (
    Activity,
    EconomyTable,
    Goal,
    Indicator,
    Level,
    Report,
    ReportDocument,
    Section,
)
from store.report_file import ReportFileMixin
from store.safety import SafetyMixin
from store.search import SearchHit, search
from store.structure import StructureMixin
from store.wal import write_stamp

_REPORT_ORDER = "ORDER BY o.name, r.year, r.kind"  # as `tertial reports` lists them


class Store(CarryMixin, ReportFileMixin, StructureMixin, EditsMixin, SafetyMixin):
    """One open tertial file. Every write is one transaction and one history record."""

    def __init__(
        self, path: Path | str, *, create: bool = False, auto_backup: bool = False
    ) -> None:
        self.path = Path(path)
        opened = open_file(self.path, create=create)
        self.conn, self.read_only = opened.conn, opened.read_only
        # Rollback journal, file locked while open (store.filesystem); the app says so.
        self.network = opened.network
        # Known sound: else checked before the first write (store.integrity).
        self._sound = opened.checked
        # The app backs the file up before its first change of the day; commands don't.
        self.auto_backup = auto_backup
        self._in_batch = False  # inside batch(): every write joins its one transaction
        self._step: int | None = None  # the open transaction's first change (its undo step)

    def close(self) -> None:
        self.conn.close()
        if self._sound and not self.read_only:
            remember(self.path)  # as it is now, after this session's own writes

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several writes as one transaction: all of them, or (if one raises) none.

        Each write inside still returns its own change; a compound edit (moving a goal,
        an import) is these changes together. Batches nest: the outermost one commits.
        """
        if self._in_batch:
            yield
            return
        with self._write():
            self._in_batch = True
            try:
                yield
            finally:
                self._in_batch = False

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self._in_batch:
            yield self.conn  # the batch's transaction: it commits or rolls back
            return
        if self.read_only:
            raise ReadOnlyFile(f"{self.path} är skrivskyddad: ändringen sparades inte")
        if not self._sound:
            check_before_writing(self.conn, self.path, network=self.network)
            self._sound = True
        if self.auto_backup and not self._backed_up_today:
            # A failed backup must not cost the author the change itself.
            with suppress(StoreError):
                self.daily_backup()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._storage_error(exc) from None
        self._step = None  # the changes of this transaction are one step (EditsMixin)
        try:
            # The file's stamp, first: how a leftover WAL or journal is told ours (store.wal).
            write_stamp(self.conn)
            stamped = self.conn.total_changes
            yield self.conn
            # One that changed nothing else writes nothing, stamp included.
            self.conn.execute("COMMIT" if self.conn.total_changes != stamped else "ROLLBACK")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise self._storage_error(exc) from None
            raise

    def _storage_error(self, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "full" in text:
            return StorageFull(f"disken är full: ändringen sparades inte ({self.path})")
        if "readonly" in text or "read-only" in text:
            return ReadOnlyFile(f"{self.path} är skrivskyddad: ändringen sparades inte")
        if "locked" in text or "busy" in text:
            return StoreError(f"{self.path} är låst av ett annat program just nu; försök igen")
        return StoreError(f"{self.path}: {text}")

    # -- reports --------------------------------------------------------------

    def reports(self) -> list[Report]:
        cur = self.conn.execute(
            "SELECT r.id, o.name AS organisation, r.kind, r.year, r.period FROM reports r "
            f"JOIN organisations o ON o.id = r.organisation_id {_REPORT_ORDER}"
        )
        return [rows.report(r) for r in cur]

    def report_ids(self) -> list[int]:
        """The reports' ids in `reports()`'s order, without reading them: which report
        the workbench opens (6 ms less than `reports()` in a 1,500-report archive)."""
        cur = self.conn.execute(
            "SELECT r.id FROM reports r "
            f"JOIN organisations o ON o.id = r.organisation_id {_REPORT_ORDER}"
        )
        return [r[0] for r in cur]

    def report(self, report_id: int) -> Report:
        row = self.conn.execute(
            "SELECT r.id, o.name AS organisation, r.kind, r.year, r.period FROM reports r "
            "JOIN organisations o ON o.id = r.organisation_id WHERE r.id = ?",
            (report_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"rapport {report_id} finns inte")
        return rows.report(row)

    def add_document(self, doc: ReportDocument, *, source: str = "import") -> int:
        from store.bulk import insert_document

        with self._write() as conn:
            return insert_document(conn, doc)

    def add_documents(
        self, docs: Iterable[ReportDocument], *, source: str = "import", batch: int = 25
    ) -> list[int]:
        """Many reports (an archive): one transaction per `batch` reports. Returns their ids."""
        from store.bulk import insert_documents

        ids: list[int] = []
        it = iter(docs)
        while chunk := list(islice(it, batch)):
            with self._write() as conn:
                ids += insert_documents(conn, chunk)
        return ids

    # -- reading --------------------------------------------------------------

    def goal_tree(self, report_id: int) -> list[Goal]:
        """The report's goals nested by level, without indicators and activities."""
        cur = self.conn.execute(
            "SELECT * FROM goals WHERE report_id = ? ORDER BY level, position, id",
            (report_id,),
        )
        by_id: dict[int, Goal] = {}
        roots: list[Goal] = []
        for row in cur:
            g = rows.goal(row)
            by_id[g.id] = g  # type: ignore[index]
            parent = by_id.get(g.parent_id) if g.parent_id else None
            (parent.children if parent else roots).append(g)
        return roots

    def goal(self, goal_id: int) -> Goal:
        """A goal with its indicators and activities (its children are not loaded)."""
        row = self.conn.execute("SELECT * FROM goals WHERE id = ?", (goal_id,)).fetchone()
        if row is None:
            raise NotFound(f"mål {goal_id} finns inte")
        # Read from the file: set without validation (an assignment would validate).
        return rows.goal(row).model_copy(
            update={"indicators": self.indicators(goal_id), "activities": self.activities(goal_id)}
        )

    def indicators(self, goal_id: int) -> list[Indicator]:
        cur = self.conn.execute(
            "SELECT * FROM indicators WHERE goal_id = ? ORDER BY position, id",
            (goal_id,),
        )
        return [rows.indicator(r) for r in cur]

    def activities(self, goal_id: int) -> list[Activity]:
        cur = self.conn.execute(
            "SELECT * FROM activities WHERE goal_id = ? ORDER BY position, id",
            (goal_id,),
        )
        return [rows.activity(r) for r in cur]

    def get(self, entity: str, entity_id: int) -> Any:
        e = ENTITIES[entity]
        row = self.conn.execute(f"SELECT * FROM {e.table} WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFound(f"{entity} {entity_id} finns inte")
        return e.read(row)

    def sections(self, report_id: int) -> list[Section]:
        """The report's prose sections, nested, each with its economy tables."""
        by_id: dict[int, Section] = {}
        roots: list[Section] = []
        cur = self.conn.execute(
            "SELECT * FROM sections WHERE report_id = ? ORDER BY position, id",
            (report_id,),
        )
        pending = [rows.section(r) for r in cur]
        for s in pending:
            by_id[s.id] = s  # type: ignore[index]
        for s in pending:
            parent = by_id.get(s.parent_id) if s.parent_id else None
            (parent.children if parent else roots).append(s)
        for t in self.economy_tables(report_id):
            by_id[t.section_id].tables.append(t)  # type: ignore[index]
        return roots

    def section(self, section_id: int) -> Section:
        """One section with its economy tables (its child sections are not loaded)."""
        row = self.conn.execute("SELECT * FROM sections WHERE id = ?", (section_id,)).fetchone()
        if row is None:
            raise NotFound(f"avsnitt {section_id} finns inte")
        return rows.section(row).model_copy(
            update={"tables": self._tables("t.section_id = ?", section_id)}
        )

    def economy_table(self, table_id: int) -> EconomyTable:
        tables = self._tables("t.id = ?", table_id)
        if not tables:
            raise NotFound(f"ekonomitabell {table_id} finns inte")
        return tables[0]

    def economy_tables(self, report_id: int) -> list[EconomyTable]:
        return self._tables("s.report_id = ?", report_id)

    def _tables(self, where: str, arg: int) -> list[EconomyTable]:
        """Economy tables with their rows; `where` is one of the fixed conditions above."""
        tables = [
            rows.economy_table(r)
            for r in self.conn.execute(
                "SELECT t.* FROM economy_tables t JOIN sections s ON s.id = t.section_id "
                f"WHERE {where} ORDER BY s.position, t.position, t.id",
                (arg,),
            )
        ]
        by_id = {t.id: t for t in tables}
        for r in self.conn.execute(
            "SELECT er.* FROM economy_rows er JOIN economy_tables t ON t.id = er.table_id "
            f"JOIN sections s ON s.id = t.section_id WHERE {where} "
            "ORDER BY er.table_id, er.position, er.id",
            (arg,),
        ):
            row = rows.economy_row(r)
            by_id[row.table_id].rows.append(row)
        return tables

    def document(self, report_id: int) -> ReportDocument:
        """The whole report: goals with their indicators and activities, and sections."""
        report = self.report(report_id)
        roots = self.goal_tree(report_id)
        goals = {g.id: g for g in walk_goals(roots)}
        for r in self.conn.execute(
            "SELECT i.* FROM indicators i JOIN goals g ON g.id = i.goal_id "
            "WHERE g.report_id = ? ORDER BY i.goal_id, i.position, i.id",
            (report_id,),
        ):
            ind = rows.indicator(r)
            goals[ind.goal_id].indicators.append(ind)
        for r in self.conn.execute(
            "SELECT a.* FROM activities a JOIN goals g ON g.id = a.goal_id "
            "WHERE g.report_id = ? ORDER BY a.goal_id, a.position, a.id",
            (report_id,),
        ):
            act = rows.activity(r)
            goals[act.goal_id].activities.append(act)
        # Read from the file: a record of records already read (no validation, no pydantic).
        return ReportDocument.trusted(report=report, sections=self.sections(report_id), goals=roots)

    def archive_indicators(self) -> list[tuple[Any, ...]]:
        """Every indicator of every report, as plain rows (see store.archive)."""
        return archive_indicators(self.conn)

    def assessment_counts(self, report_id: int) -> dict[Level, Counter[str | None]]:
        counts: dict[Level, Counter[str | None]] = {lvl: Counter() for lvl in Level}
        for r in self.conn.execute(
            "SELECT level, assessment, count(*) AS n FROM goals WHERE report_id = ? "
            "GROUP BY level, assessment",
            (report_id,),
        ):
            counts[Level(r["level"])][r["assessment"]] = r["n"]
        return counts

    def search(self, text: str, report_id: int | None = None, limit: int = 50) -> list[SearchHit]:
        """Goals, indicators, activities and sections whose words start with what was typed."""
        return search(self.conn, text, report_id, limit)

    def find_goal(self, report_id: int, code_or_id: str) -> int | None:
        """A goal by its number ("1.3") or, failing that, by its id."""
        code_or_id = code_or_id.strip()
        row = self.conn.execute(
            "SELECT id FROM goals WHERE report_id = ? AND code = ?",
            (report_id, code_or_id.rstrip(".")),
        ).fetchone()
        if row is None and code_or_id.isdigit():
            row = self.conn.execute(
                "SELECT id FROM goals WHERE report_id = ? AND id = ?", (report_id, int(code_or_id))
            ).fetchone()
        return None if row is None else int(row[0])

    def backup(self, dest: Path) -> None:
        """A consistent copy via SQLite's online backup API, even while others write."""
        tmp = dest.with_name(dest.name + ".part")
        if tmp.exists() and not tmp.is_file():
            raise StoreError(f"kunde inte skriva {dest}: {tmp} finns och är ingen vanlig fil")
        try:
            target = sqlite3.connect(tmp)
            try:
                self.conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            tmp.replace(dest)
        except sqlite3.Error as exc:
            raise self._storage_error(exc) from None
        except OSError as exc:
            raise StoreError(f"kunde inte skriva {dest}: {exc.strerror or exc}") from None
        finally:
            if tmp.is_file():  # never a folder that happened to have the name
                tmp.unlink()

    # -- app state ------------------------------------------------------------

    def state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        if self.read_only:
            return
        with self._write() as conn:
            conn.execute(
                "INSERT INTO app_state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def walk_goals(goals: list[Goal]) -> Iterator[Goal]:
    """Every goal of a tree, in document order."""
    for g in goals:
        yield g
        yield from walk_goals(g.children)
