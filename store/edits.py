"""Writing: every change validated by the model, one transaction, one history record.

The rules of each kind of row (its parent, owner, subject, what goes with it) are
store/entities.py's; here is how any of them is changed, added, removed and put back.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from store import rows
from store.edit_values import as_text as _text
from store.edit_values import held as _held
from store.edit_values import same as _same
from store.edit_values import with_field as _with
from store.entities import CHILD_TABLES, ENTITIES, Entity, row
from store.errors import Conflict, InvalidValue, NotFound
from store.models import Change
from store.review import clear_mark
from store.textchecks import as_stored

# What U (restore deleted) offers: every kind of row the author may remove.
RESTORABLE = ("goal", "indicator", "activity", "section", "economy_table", "economy_row")

_UNSET: Any = object()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _first_error(exc: Any) -> str:  # pydantic's ValidationError
    err = exc.errors()[0]
    return str(err["msg"]).removeprefix("Value error, ")


class EditsMixin:
    """The Store's writes. The Store gives it `conn`, `path`, `_write()`, `batch()` and
    `_step` (the open transaction's undo step)."""

    conn: sqlite3.Connection
    path: Path
    _step: int | None

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def batch(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def update(
        self,
        entity: str,
        entity_id: int,
        field: str,
        value: Any,
        *,
        expected: Any = _UNSET,
        source: str = "app",
        as_was: bool = False,
    ) -> Change | None:
        """Set one field, validated by the model; one transaction, one history record.

        `expected` is the value the author was shown: if the file holds another one
        now (another window, an import), nothing is written and Conflict says both.
        `as_was`: the value is put back (undo, redo, a pick from the field's history).
        A value the history records this field holding goes back exactly as the file
        held it, even one an earlier tertial wrote that today's checks refuse; any
        other value is checked in full. Returns None when the value is unchanged.
        """
        with self._write() as conn:
            return self._apply(conn, entity, entity_id, field, value, expected, source, as_was)

    def update_many(
        self, edits: list[tuple[str, int, str, Any]], *, source: str = "import"
    ) -> list[Change]:
        """Several (entity, id, field, value) edits, all or nothing, in one transaction."""
        with self.batch():
            changes = [self.update(*edit, source=source) for edit in edits]
        return [c for c in changes if c is not None]

    def _apply(
        self,
        conn: sqlite3.Connection,
        entity: str,
        entity_id: int,
        field: str,
        value: Any,
        expected: Any,
        source: str,
        as_was: bool = False,
    ) -> Change | None:
        e = ENTITIES[entity]
        if field not in e.labels:
            raise InvalidValue(field, "fältet går inte att ändra")
        label = e.labels[field]
        found = conn.execute(f"SELECT * FROM {e.table} WHERE id = ?", (entity_id,)).fetchone()
        if found is None:
            raise NotFound(f"{entity} {entity_id} finns inte (borttagen?)")
        current = e.read(found)
        from pydantic import ValidationError  # a write: validated (store/validation.py)

        try:
            if as_was and _held(conn, e, entity_id, field, value):
                with as_stored():  # as the file held it: not new input
                    updated = _with(e, current, field, value)
            else:
                updated = _with(e, current, field, value)
        except ValidationError as exc:
            raise InvalidValue(label, _first_error(exc)) from None
        old = found[field]
        new = rows.db_value(getattr(updated, field))
        if expected is not _UNSET and not _same(e, current, field, expected):
            raise Conflict(label, _text(rows.db_value(expected)), _text(old))
        if new == old:
            return None
        conn.execute(f"UPDATE {e.table} SET {field} = ? WHERE id = ?", (new, entity_id))
        if e.reviewable:
            clear_mark(conn, e.table, found, field)
        return self._record(conn, e, current, field, label, old, new, source)

    def add(self, entity: str, model: Any, *, source: str = "app") -> Change:
        """Add a row where its entity allows (a goal under `parent_id`, an indicator or an
        activity under `goal_id`, ...), last among its siblings. Returns the change; the
        new row's id is its `entity_id`."""
        e = ENTITIES[entity]
        if e.place is None:
            raise InvalidValue(entity, "kan inte läggas till här")
        with self._write() as conn:
            model, siblings, args = e.place(conn, model)
            (pos,) = conn.execute(
                f"SELECT coalesce(max(position), -1) + 1 FROM {e.table} WHERE {siblings}", args
            ).fetchone()
            data = rows.to_row(model, e.columns)
            data.pop("id")
            data["position"] = pos
            cur = conn.execute(
                f"INSERT INTO {e.table} ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
                tuple(data.values()),
            )
            added = model.model_copy(update={"id": cur.lastrowid, "position": pos})
            snap = self._snapshot(conn, e, added.id)
            return self._record(conn, e, added, "created", "Tillagd", None, snap, source)

    def delete(self, entity: str, entity_id: int, *, source: str = "app") -> Change:
        """Remove a row with everything that goes with it (a goal's goals, indicators and
        activities). The history keeps a snapshot, so `restore` brings it back with the
        same ids."""
        e = ENTITIES[entity]
        with self._write() as conn:
            model = e.read(row(conn, e.table, entity_id, entity))
            snap = self._snapshot(conn, e, entity_id)
            change = self._record(conn, e, model, "deleted", "Borttagen", snap, None, source)
            conn.execute(f"DELETE FROM {e.table} WHERE id = ?", (entity_id,))
            return change

    def restore(self, change: Change, *, source: str = "app") -> Change:
        """Bring back what a 'deleted' change removed, with its ids, as a new change."""
        if change.field != "deleted" or change.old is None:
            raise InvalidValue("Historik", "bara borttagna saker kan återställas")
        snap = json.loads(change.old)
        e = ENTITIES[change.entity]
        with self._write() as conn:
            if change.entity == "economy_row" and not self._fits(snap["rows"][e.table][0]):
                raise InvalidValue(
                    "Belopp", "tabellen har fått andra kolumner sedan raden togs bort"
                )
            for table, records in snap["rows"].items():
                for rec in records:
                    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (rec["id"],)).fetchone():
                        raise Conflict("Historik", "borttagen", "finns redan")
                    conn.execute(
                        f"INSERT INTO {table} ({', '.join(rec)}) VALUES ({', '.join('?' * len(rec))})",
                        tuple(rec.values()),
                    )
            model = e.read(row(conn, e.table, change.entity_id, change.entity))
            return self._record(conn, e, model, "created", "Återställd", None, change.old, source)

    def revert(self, change: Change, *, source: str = "app") -> Change | None:
        """Undo one change; the undo is itself saved and recorded."""
        if change.field == "created":
            return self.delete(change.entity, change.entity_id, source=source)
        if change.field == "deleted":
            return self.restore(change, source=source)
        return self.update(
            change.entity,
            change.entity_id,
            change.field,
            change.old,
            expected=change.new,
            source=source,
            as_was=True,
        )

    def reapply(self, change: Change, *, source: str = "app") -> Change | None:
        """Redo a change that was reverted."""
        if change.field == "created":
            return self.restore(self._last_deletion(change), source=source)
        if change.field == "deleted":
            return self.delete(change.entity, change.entity_id, source=source)
        return self.update(
            change.entity,
            change.entity_id,
            change.field,
            change.new,
            expected=change.old,
            source=source,
            as_was=True,
        )

    # -- the recorded changes ---------------------------------------------------

    def history(
        self, report_id: int, goal_id: int | None = None, *, since: int = 0
    ) -> list[Change]:
        """The report's recorded changes, oldest first; `since`: only those after that id."""
        sql, args = "SELECT * FROM changes WHERE report_id = ? AND id > ?", [report_id, since]
        if goal_id is not None:
            ids = self.goal_and_descendants(goal_id)
            sql += f" AND goal_id IN ({', '.join('?' * len(ids))})"
            args += ids
        return [rows.change(r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def readable(self, change: Change) -> Change:
        """A change as the author reads it: a report's organisation by its name (the
        change itself keeps the id, for undo)."""
        if (change.entity, change.field) != ("report", "organisation_id"):
            return change
        names = {
            str(i): name
            for i, name in self.conn.execute(
                "SELECT id, name FROM organisations WHERE id IN (?, ?)", (change.old, change.new)
            )
        }
        return change.model_copy(
            update={
                "old": names.get(str(change.old), change.old),
                "new": names.get(str(change.new), change.new),
            }
        )

    def field_history(self, entity: str, entity_id: int, field: str) -> list[Change]:
        """Every recorded change of one field, newest first."""
        cur = self.conn.execute(
            "SELECT * FROM changes WHERE entity = ? AND entity_id = ? AND field = ? "
            "ORDER BY id DESC",
            (entity, entity_id, field),
        )
        return [rows.change(r) for r in cur]

    def deletions(self, report_id: int) -> list[Change]:
        """What can be brought back: the latest deletion of each goal, indicator, activity,
        section, economy table or economy row that is gone now and whose parent is still
        there (a row: with as many columns as its table has now), newest first."""
        out: list[Change] = []
        seen: set[tuple[str, int]] = set()
        for r in self.conn.execute(
            "SELECT * FROM changes WHERE report_id = ? AND field = 'deleted' ORDER BY id DESC",
            (report_id,),
        ):
            change = rows.change(r)
            key = (change.entity, change.entity_id)
            if key in seen or change.entity not in RESTORABLE:
                continue
            seen.add(key)
            e = ENTITIES[change.entity]
            if self._exists(e.table, change.entity_id):
                continue  # restored, or never gone
            # The row it belonged under must be there to put it back under.
            snap = json.loads(change.old or "{}").get("rows", {}).get(e.table) or [{}]
            column, table = e.parent or ("", "")
            parent = snap[0].get(column)
            there = parent is None or self._exists(table, parent)
            if there and (change.entity != "economy_row" or self._fits(snap[0])):
                out.append(change)
        return out

    def _fits(self, record: dict[str, Any]) -> bool:
        """Whether a removed economy row still has its table's width (columns may have
        been added or removed since)."""
        found = self.conn.execute(
            "SELECT columns FROM economy_tables WHERE id = ?", (record.get("table_id"),)
        ).fetchone()
        cells = record.get("cells") or "[]"
        cells = json.loads(cells) if isinstance(cells, str) else cells
        return found is not None and (not cells or len(cells) == len(json.loads(found[0])))

    def _exists(self, table: str, row_id: int) -> bool:
        sql = f"SELECT 1 FROM {table} WHERE id = ?"
        return self.conn.execute(sql, (row_id,)).fetchone() is not None

    def goal_and_descendants(self, goal_id: int) -> list[int]:
        cur = self.conn.execute(
            "WITH RECURSIVE t(id) AS (SELECT ? UNION ALL "
            "SELECT g.id FROM goals g JOIN t ON g.parent_id = t.id) SELECT id FROM t",
            (goal_id,),
        )
        return [r[0] for r in cur]

    def _last_deletion(self, change: Change) -> Change:
        found = self.conn.execute(
            "SELECT * FROM changes WHERE entity = ? AND entity_id = ? AND field = 'deleted' "
            "ORDER BY id DESC LIMIT 1",
            (change.entity, change.entity_id),
        ).fetchone()
        if found is None:
            raise NotFound("det finns inget borttaget att återställa")
        return rows.change(found)

    def _snapshot(self, conn: sqlite3.Connection, e: Entity, row_id: int) -> str:
        """The row and every row that goes with it, parents first: enough to put it back."""
        out: dict[str, list[dict[str, Any]]] = {}
        pending: list[tuple[str, list[int]]] = [(e.table, [row_id])]
        while pending:
            table, ids = pending.pop(0)
            if not ids:
                continue
            marks = ", ".join("?" * len(ids))
            found = conn.execute(f"SELECT * FROM {table} WHERE id IN ({marks})", ids)
            out.setdefault(table, []).extend(dict(r) for r in found)
            for child, fk in CHILD_TABLES.get(table, ()):
                cur = conn.execute(f"SELECT id FROM {child} WHERE {fk} IN ({marks})", ids)
                pending.append((child, [r[0] for r in cur]))
        return json.dumps({"rows": out}, ensure_ascii=False)

    def _record(
        self,
        conn: sqlite3.Connection,
        e: Entity,
        model: Any,
        field: str,
        label: str,
        old: Any,
        new: Any,
        source: str = "app",
    ) -> Change:
        goal_id, report_id = e.owner(conn, model)
        change = Change(
            report_id=report_id,
            at=_now(),
            source=source,
            entity=e.name,
            entity_id=model.id,
            goal_id=goal_id,
            subject=e.subject(model),
            field=field,
            field_label=label,
            old=None if old is None else str(old),
            new=None if new is None else str(new),
        )
        return self._insert_change(conn, change)

    def _insert_change(self, conn: sqlite3.Connection, change: Change) -> Change:
        """Record one change as part of the transaction's undo step: the step is named by
        the transaction's first change (so one compound edit is one step after a restart)."""
        change.step = self._step
        data = change.model_dump(exclude={"id"})
        cur = conn.execute(
            f"INSERT INTO changes ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
            tuple(data.values()),
        )
        change.id = cur.lastrowid
        if self._step is None:
            self._step = change.step = change.id
            conn.execute("UPDATE changes SET step = id WHERE id = ?", (change.id,))
        return change
