"""Shaping a report: moving rows among their siblings, a goal under another parent, a
goal's number and title together, and an economy table's cells, rows and columns.

Each method is a compound edit: plain field changes (`position`, `parent_id`, `code`,
`cells`, `columns`, ...) written through `update` inside one `batch()`, so each is
recorded in the history and undone and redone by the ordinary revert and reapply. The
Store gives this mixin `conn`, `batch()`, `update()` and `get()`.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from store import rows
from store.entities import ENTITIES, POSITION_LABEL, row
from store.errors import Conflict, InvalidValue
from store.models import Change, EconomyRow, EconomyTable, Goal, Level
from store.numbering import NumberingMixin
from store.terms import ReportKind
from store.values import parse_value

# The SQL condition that picks a row's siblings, per entity (the row's own column).
_SIBLINGS = {
    # A nämndmål directly under an inriktningsmål stands after its områdesmål (the tree
    # reads goals by level, then position): goals move among those of their own level.
    "goal": ("report_id = ? AND parent_id IS ? AND level = ?", ("report_id", "parent_id", "level")),
    "indicator": ("goal_id = ?", ("goal_id",)),
    "activity": ("goal_id = ?", ("goal_id",)),
    "section": ("report_id = ? AND parent_id IS ?", ("report_id", "parent_id")),
    "economy_row": ("table_id = ?", ("table_id",)),
    "economy_table": ("section_id = ?", ("section_id",)),
}

# A goal's level as a noun in running text ("ett områdesmål kan bara ligga under ...").
LEVEL_NOUNS = {
    Level.INRIKTNINGSMAL: "inriktningsmål",
    Level.OMRADESMAL: "områdesmål",
    Level.NAMNDMAL: "nämndmål",
}


class StructureMixin(NumberingMixin):
    conn: sqlite3.Connection

    if TYPE_CHECKING:  # the Store's own (store/edits.py)

        def batch(self) -> AbstractContextManager[None]: ...

        def update(
            self, entity: str, entity_id: int, field: str, value: Any, **kw: Any
        ) -> Change | None: ...

        def add(self, entity: str, model: Any) -> Change: ...

        def goal_and_descendants(self, goal_id: int) -> list[int]: ...

        def goal_tree(self, report_id: int) -> list[Goal]: ...

    # -- order -----------------------------------------------------------------

    def siblings(self, entity: str, entity_id: int) -> list[int]:
        """The ids of a row and its siblings, in the order shown."""
        e = ENTITIES[entity]
        found = row(self.conn, e.table, entity_id, entity)
        where, columns = _SIBLINGS[entity]
        cur = self.conn.execute(
            f"SELECT id FROM {e.table} WHERE {where} ORDER BY position, id",
            tuple(found[c] for c in columns),
        )
        return [r[0] for r in cur]

    def move(self, entity: str, entity_id: int, step: int) -> list[Change]:
        """Move a row `step` places among its siblings (-1 up, +1 down); [] at the end.

        The siblings are numbered 0, 1, 2 ... afresh, so positions that were equal or
        had gaps (an import) come out in the order shown. A goal's number and its
        siblings' follow the new order where they were automatic (store/numbering.py)."""
        before = self.siblings(entity, entity_id)
        ids = list(before)
        at = ids.index(entity_id)
        to = at + step
        if not 0 <= to < len(ids):
            return []
        ids.insert(to, ids.pop(at))
        with self.batch():
            changes = self._renumber(entity, ids)
            if entity == "goal":
                changes += self.follow_order(before, ids, self._goal(entity_id).parent_id)
        return changes

    def place(self, entity: str, ids: list[int]) -> list[Change]:
        """Siblings put in the order of `ids` (all of them, as `siblings` gives them)."""
        if sorted(ids) != sorted(self.siblings(entity, ids[0])):
            raise InvalidValue(POSITION_LABEL, "ordningen måste ta med alla syskon")
        return self._renumber(entity, ids)

    def _renumber(self, entity: str, ids: list[int]) -> list[Change]:
        changes: list[Change] = []
        with self.batch():
            for position, row_id in enumerate(ids):
                change = self.update(entity, row_id, "position", position)
                if change is not None:
                    changes.append(change)
        return changes

    # -- goals ------------------------------------------------------------------

    def parent_choices(self, goal_id: int) -> list[Goal]:
        """The goals a goal may move under, in the report's order: for an områdesmål every
        other inriktningsmål; for a nämndmål every områdesmål and inriktningsmål but its own."""
        goal = self._goal(goal_id)
        if goal.level == Level.INRIKTNINGSMAL:
            return []
        out: list[Goal] = []
        stack = list(reversed(self.goal_tree(goal.report_id or 0)))
        while stack:
            g = stack.pop()
            if g.level < goal.level and g.id != goal.parent_id:
                out.append(g.model_copy(update={"children": []}))
            stack += reversed(g.children)
        return out

    def goal_contents(self, goal_id: int) -> tuple[int, int, int]:
        """(goals, indicators, activities) under a goal: what goes with it when removed."""
        ids = self.goal_and_descendants(goal_id)
        marks = ", ".join("?" * len(ids))
        counts = [
            self.conn.execute(
                f"SELECT count(*) FROM {t} WHERE goal_id IN ({marks})", ids
            ).fetchone()[0]
            for t in ("indicators", "activities")
        ]
        return len(ids) - 1, counts[0], counts[1]

    def reparent_goal(self, goal_id: int, parent_id: int) -> list[Change]:
        """Move a goal (with all under it) under another goal of a higher level, last among
        those of its level there. Numbers follow: the old siblings' close up and the goal
        takes the next number under its new parent, where they were automatic."""
        goal = self._goal(goal_id)
        parent = self._goal(parent_id)
        if goal.level == Level.INRIKTNINGSMAL:
            raise InvalidValue("Överordnat mål", "ett inriktningsmål ligger alltid överst")
        if parent.report_id != goal.report_id or parent.level >= goal.level:
            above = "ett inriktningsmål"
            if goal.level == Level.NAMNDMAL:
                above = "ett områdesmål eller ett inriktningsmål"
            raise InvalidValue(
                "Överordnat mål", f"ett {LEVEL_NOUNS[goal.level]} kan bara ligga under {above}"
            )
        if parent_id == goal.parent_id:
            return []
        (last,) = self.conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM goals WHERE parent_id = ?", (parent_id,)
        ).fetchone()
        new_siblings = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM goals WHERE parent_id = ? AND level = ? ORDER BY position, id",
                (parent_id, goal.level),
            )
        ]
        with self.batch():
            before = self.siblings("goal", goal_id)
            old_siblings = [i for i in before if i != goal_id]
            code = self.number_under(goal_id, parent_id, new_siblings)
            # The old siblings' numbers close up first, read while the goal still has its own.
            changes: list[Change | None] = [
                *self.follow_order(before, old_siblings, goal.parent_id)
            ]
            changes.append(self.update("goal", goal_id, "parent_id", parent_id))
            changes.append(self.update("goal", goal_id, "position", last))
            changes += self.renumber_goal(goal_id, code)
            changes += self._renumber("goal", old_siblings)
        return [c for c in changes if c is not None]

    def set_goal_heading(self, goal_id: int, code: str | None, title: str) -> list[Change]:
        """A goal's number and title together; a number its siblings have is refused."""
        goal = self._goal(goal_id)
        code = (code or "").strip() or None
        if goal.level == Level.NAMNDMAL and code:
            raise InvalidValue("Nummer", "ett nämndmål har inget nummer")
        if code is not None:
            taken = self.conn.execute(
                "SELECT 1 FROM goals WHERE report_id = ? AND level = ? AND code = ? AND id != ?",
                (goal.report_id, goal.level, code, goal_id),
            ).fetchone()
            if taken:
                raise InvalidValue("Nummer", f"{code} finns redan i rapporten")
        with self.batch():
            changes = [
                self.update("goal", goal_id, "code", code),
                self.update("goal", goal_id, "title", title),
            ]
        return [c for c in changes if c is not None]

    # -- the report itself ----------------------------------------------------------

    def set_report(
        self, report_id: int, organisation: str, kind: str, year: int | str, period: str
    ) -> list[Change]:
        """The report's organisation, kind, year and period text, in one step. Another
        report of the file with the same organisation, kind and year is refused."""
        organisation = organisation.strip()
        if not organisation or "\n" in organisation:
            raise InvalidValue("Organisation", "skriv organisationens namn på en rad")
        try:
            kind_ = ReportKind(kind.strip().upper())
        except ValueError:
            raise InvalidValue("Rapport", f"{kind!r} går inte: T1, T2 eller VB") from None
        try:
            year_ = int(str(year).strip())
        except ValueError:
            raise InvalidValue("År", f"{year!r} är inget årtal") from None
        with self.batch():
            found = self.conn.execute(
                "SELECT id FROM organisations WHERE name = ?", (organisation,)
            ).fetchone()
            org_id = found[0] if found else None
            if org_id is None:
                cur = self.conn.execute(
                    "INSERT INTO organisations (name) VALUES (?)", (organisation,)
                )
                org_id = cur.lastrowid
            clash = self.conn.execute(
                "SELECT 1 FROM reports WHERE organisation_id = ? AND kind = ? AND year = ? "
                "AND id != ?",
                (org_id, kind_.value, year_, report_id),
            ).fetchone()
            if clash:
                raise InvalidValue(
                    "Rapport",
                    f"filen har redan {kind_.label} {year_} för {organisation}",
                )
            changes = [
                self.update("report", report_id, field, value)
                for field, value in (
                    ("organisation_id", org_id),
                    ("kind", kind_.value),
                    ("year", year_),
                    ("period", period),
                )
            ]
        return [c for c in changes if c is not None]

    # -- economy tables -------------------------------------------------------------

    def _table(self, table_id: int) -> tuple[EconomyTable, list[EconomyRow]]:
        table = rows.economy_table(row(self.conn, "economy_tables", table_id, "tabell"))
        cur = self.conn.execute(
            "SELECT * FROM economy_rows WHERE table_id = ? ORDER BY position, id", (table_id,)
        )
        return table, [rows.economy_row(r) for r in cur]

    def set_cell(self, row_id: int, column: int, value: str, shown: Any = None) -> Change | None:
        """One cell of an economy row, read as a Swedish number (store/values.py)."""
        found = rows.economy_row(row(self.conn, "economy_rows", row_id, "rad"))
        table, _ = self._table(found.table_id or 0)
        if not 0 <= column < len(table.columns):
            raise InvalidValue("Belopp", f"tabellen har ingen kolumn {column + 1}")
        value = value.strip()
        try:
            parse_value(value)
        except ValueError as exc:
            raise InvalidValue(table.columns[column], str(exc)) from None
        cells = list(found.cells) or [""] * len(table.columns)
        if shown is not None and cells[column] != shown:
            raise Conflict(table.columns[column], shown, cells[column])
        cells[column] = value
        return self.update("economy_row", row_id, "cells", cells)

    def add_economy_row(self, table_id: int, label: str, *, is_total: bool = False) -> Change:
        table, _ = self._table(table_id)
        model = EconomyRow(
            table_id=table_id, label=label, cells=[""] * len(table.columns), is_total=is_total
        )
        return self.add("economy_row", model)

    def add_column(self, table_id: int, heading: str, at: int | None = None) -> list[Change]:
        """A column (empty in every row) at index `at` (None: last)."""
        heading = heading.strip()
        if not heading:
            raise InvalidValue("Kolumn", "en kolumn behöver en rubrik")
        table, rows_ = self._table(table_id)
        at = len(table.columns) if at is None else max(0, min(at, len(table.columns)))
        columns = [*table.columns[:at], heading, *table.columns[at:]]
        with self.batch():
            changes = [self.update("economy_table", table_id, "columns", columns)]
            for r in rows_:
                cells = list(r.cells) or [""] * len(table.columns)
                cells.insert(at, "")
                changes.append(self.update("economy_row", r.id or 0, "cells", cells))
        return [c for c in changes if c is not None]

    def remove_column(self, table_id: int, at: int) -> list[Change]:
        """A column and its value in every row (undone like any change)."""
        table, rows_ = self._table(table_id)
        if not 0 <= at < len(table.columns):
            raise InvalidValue("Kolumn", f"tabellen har ingen kolumn {at + 1}")
        if len(table.columns) == 1:
            raise InvalidValue("Kolumn", "en tabell behöver minst en kolumn")
        columns = [c for i, c in enumerate(table.columns) if i != at]
        with self.batch():
            changes = [self.update("economy_table", table_id, "columns", columns)]
            for r in rows_:
                if r.cells:
                    cells = [c for i, c in enumerate(r.cells) if i != at]
                    changes.append(self.update("economy_row", r.id or 0, "cells", cells))
        return [c for c in changes if c is not None]

    def rename_column(self, table_id: int, at: int, heading: str) -> Change | None:
        heading = heading.strip()
        if not heading:
            raise InvalidValue("Kolumn", "en kolumn behöver en rubrik")
        table, _ = self._table(table_id)
        if not 0 <= at < len(table.columns):
            raise InvalidValue("Kolumn", f"tabellen har ingen kolumn {at + 1}")
        columns = list(table.columns)
        columns[at] = heading
        return self.update("economy_table", table_id, "columns", columns)
