"""Writing: every change validated by the model, one transaction, one history record."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from store import rows
from store.errors import Conflict, InvalidValue, NotFound
from store.models import (
    ACTIVITY_FIELDS,
    GOAL_TEXT_FIELDS,
    INDICATOR_VALUE_FIELDS,
    Activity,
    Change,
    Goal,
    Indicator,
    Level,
    Section,
)
from store.review import UNREVIEWED_LABEL, clear_mark


@dataclass(frozen=True)
class Entity:
    table: str
    model: type[BaseModel]
    columns: list[str]
    labels: dict[str, str]  # the editable fields, with the report's label for each


ENTITIES: dict[str, Entity] = {
    "goal": Entity(
        "goals",
        Goal,
        rows.GOAL_COLUMNS,
        {
            "title": "Mål",
            "code": "Nummer",
            "assessment": "Bedömning",
            **GOAL_TEXT_FIELDS,
        },
    ),
    "indicator": Entity(
        "indicators",
        Indicator,
        rows.INDICATOR_COLUMNS,
        {
            "name": "Indikator",
            **INDICATOR_VALUE_FIELDS,
            "unit": "Enhet",
            "direction": "Riktning",
            "analys": "Analys",
            "to_check": "Att kontrollera",
        },
    ),
    "activity": Entity("activities", Activity, rows.ACTIVITY_COLUMNS, dict(ACTIVITY_FIELDS)),
    "section": Entity(
        "sections", Section, rows.SECTION_COLUMNS, {"title": "Rubrik", "body": "Text"}
    ),
}

# A carried item's review marks change like any field: recorded, undone, redone.
for _entity in ENTITIES.values():
    _entity.labels["unreviewed"] = UNREVIEWED_LABEL

_UNSET: Any = object()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return str(err["msg"]).removeprefix("Value error, ")


class EditsMixin:
    """The Store's writes. The Store gives it `conn`, `path` and `_write()`."""

    conn: sqlite3.Connection
    path: Path

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
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
    ) -> Change | None:
        """Set one field, validated by the model; one transaction, one history record.

        `expected` is the value the author was shown: if the file holds another one
        now (another window, an import), nothing is written and Conflict says both.
        Returns None when the value is unchanged.
        """
        with self._write() as conn:
            return self._apply(conn, entity, entity_id, field, value, expected, source)

    def update_many(
        self, edits: list[tuple[str, int, str, Any]], *, source: str = "import"
    ) -> list[Change]:
        """Several (entity, id, field, value) edits, all or nothing, in one transaction."""
        with self._write() as conn:
            changes = [self._apply(conn, *edit, _UNSET, source) for edit in edits]
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
    ) -> Change | None:
        e = ENTITIES[entity]
        if field not in e.labels:
            raise InvalidValue(field, "fältet går inte att ändra")
        label = e.labels[field]
        row = conn.execute(f"SELECT * FROM {e.table} WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFound(f"{entity} {entity_id} finns inte (borttagen?)")
        current = getattr(rows, entity)(row)
        try:
            updated = e.model.model_validate({**current.model_dump(), field: value})
        except ValidationError as exc:
            raise InvalidValue(label, _first_error(exc)) from None
        old = row[field]
        new = rows.db_value(getattr(updated, field))
        if expected is not _UNSET:
            shown = rows.db_value(expected)
            if shown != old and not (shown in ("", None) and old in ("", None)):
                raise Conflict(label, _text(shown), _text(old))
        if new == old:
            return None
        conn.execute(f"UPDATE {e.table} SET {field} = ? WHERE id = ?", (new, entity_id))
        clear_mark(conn, e.table, row, field)
        return self._record(conn, entity, current, field, label, old, new, source)

    def add(self, entity: str, model: Any, *, source: str = "app") -> Any:
        """Add a goal (under `parent_id`), an indicator or an activity (under `goal_id`), last."""
        e = ENTITIES[entity]
        with self._write() as conn:
            if entity == "goal":
                parent = rows.goal(self._row(conn, "goals", model.parent_id, "överordnat mål"))
                if parent.level == Level.NAMNDMAL:
                    raise InvalidValue("Mål", "under ett nämndmål kan inga mål läggas")
                if model.level != parent.level + 1:
                    raise InvalidValue(
                        "Nivå",
                        f"under {parent.level.label} kan bara {Level(parent.level + 1).label} ligga",
                    )
                model = model.model_copy(update={"report_id": parent.report_id})
                where, key = "parent_id", model.parent_id
            elif entity in ("indicator", "activity"):
                goal = rows.goal(self._row(conn, "goals", model.goal_id, "mål"))
                if goal.level == Level.INRIKTNINGSMAL:
                    raise InvalidValue(
                        "Mål",
                        "indikatorer och aktiviteter hör till områdesmål och nämndmål",
                    )
                where, key = "goal_id", model.goal_id
            else:
                raise InvalidValue(entity, "kan inte läggas till här")
            (pos,) = conn.execute(
                f"SELECT coalesce(max(position), -1) + 1 FROM {e.table} WHERE {where} = ?",
                (key,),
            ).fetchone()
            data = rows.to_row(model, e.columns)
            data.pop("id")
            data["position"] = pos
            cur = conn.execute(
                f"INSERT INTO {e.table} ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
                tuple(data.values()),
            )
            added = model.model_copy(update={"id": cur.lastrowid, "position": pos})
            self._record(
                conn,
                entity,
                added,
                "created",
                "Tillagd",
                None,
                self._snapshot(conn, entity, added),
                source,
            )
            return added

    def delete(self, entity: str, entity_id: int, *, source: str = "app") -> Change:
        """Remove a goal (with everything below it), an indicator or an activity.

        The history keeps a snapshot, so `restore` brings it back with the same ids.
        """
        e = ENTITIES[entity]
        with self._write() as conn:
            model = getattr(rows, entity)(self._row(conn, e.table, entity_id, entity))
            snap = self._snapshot(conn, entity, model)
            change = self._record(conn, entity, model, "deleted", "Borttagen", snap, None, source)
            conn.execute(f"DELETE FROM {e.table} WHERE id = ?", (entity_id,))
            return change

    def restore(self, change: Change, *, source: str = "app") -> Change:
        """Bring back what a 'deleted' change removed, with its ids, as a new change."""
        if change.field != "deleted" or change.old is None:
            raise InvalidValue("Historik", "bara borttagna saker kan återställas")
        snap = json.loads(change.old)
        with self._write() as conn:
            for table, records in snap["rows"].items():
                for rec in records:
                    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (rec["id"],)).fetchone():
                        raise Conflict("Historik", "borttagen", "finns redan")
                    conn.execute(
                        f"INSERT INTO {table} ({', '.join(rec)}) VALUES ({', '.join('?' * len(rec))})",
                        tuple(rec.values()),
                    )
            model = getattr(rows, change.entity)(
                self._row(conn, ENTITIES[change.entity].table, change.entity_id, change.entity)
            )
            return self._record(
                conn,
                change.entity,
                model,
                "created",
                "Återställd",
                None,
                change.old,
                source,
            )

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
        )

    def _last_deletion(self, change: Change) -> Change:
        row = self.conn.execute(
            "SELECT * FROM changes WHERE entity = ? AND entity_id = ? AND field = 'deleted' "
            "ORDER BY id DESC LIMIT 1",
            (change.entity, change.entity_id),
        ).fetchone()
        if row is None:
            raise NotFound("det finns inget borttaget att återställa")
        return Change.model_validate(dict(row))

    def _row(
        self, conn: sqlite3.Connection, table: str, row_id: int | None, what: str
    ) -> sqlite3.Row:
        row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise NotFound(f"{what} {row_id} finns inte")
        return row

    def _snapshot(self, conn: sqlite3.Connection, entity: str, model: Any) -> str:
        """Every row that goes with the entity, parents first: enough to put it back."""
        e = ENTITIES[entity]
        out: dict[str, list[dict[str, Any]]] = {}
        if entity == "goal":
            ids = [
                r[0]
                for r in conn.execute(
                    "WITH RECURSIVE t(id, depth) AS (SELECT ?, 0 UNION ALL "
                    "SELECT g.id, t.depth + 1 FROM goals g JOIN t ON g.parent_id = t.id) "
                    "SELECT id FROM t ORDER BY depth",
                    (model.id,),
                )
            ]
            marks = ", ".join("?" * len(ids))
            goals = {
                r["id"]: dict(r)
                for r in conn.execute(f"SELECT * FROM goals WHERE id IN ({marks})", ids)
            }
            out["goals"] = [goals[i] for i in ids]
            for table in ("indicators", "activities"):
                out[table] = [
                    dict(r)
                    for r in conn.execute(f"SELECT * FROM {table} WHERE goal_id IN ({marks})", ids)
                ]
        else:
            out[e.table] = [dict(self._row(conn, e.table, model.id, entity))]
        return json.dumps({"rows": out}, ensure_ascii=False)

    def _record(
        self,
        conn: sqlite3.Connection,
        entity: str,
        model: Any,
        field: str,
        label: str,
        old: Any,
        new: Any,
        source: str = "app",
    ) -> Change:
        goal_id, report_id = self._owner(conn, entity, model)
        change = Change(
            report_id=report_id,
            at=_now(),
            source=source,
            entity=entity,
            entity_id=model.id,
            goal_id=goal_id,
            subject=_subject(entity, model),
            field=field,
            field_label=label,
            old=None if old is None else str(old),
            new=None if new is None else str(new),
        )
        data = change.model_dump(exclude={"id"})
        cur = conn.execute(
            f"INSERT INTO changes ({', '.join(data)}) VALUES ({', '.join('?' * len(data))})",
            tuple(data.values()),
        )
        change.id = cur.lastrowid
        return change

    def _owner(self, conn: sqlite3.Connection, entity: str, model: Any) -> tuple[int | None, int]:
        if entity == "goal":
            return model.id, model.report_id
        if entity == "section":
            return None, model.report_id
        row = conn.execute("SELECT report_id FROM goals WHERE id = ?", (model.goal_id,)).fetchone()
        return model.goal_id, row["report_id"]


def _subject(entity: str, model: Any) -> str:
    if entity == "goal":
        return str(model.label)
    if entity == "indicator":
        return str(model.name)
    if entity == "activity":
        text = str(model.text)
        return text if len(text) <= 80 else text[:79] + "…"
    return str(model.title)


def _text(value: Any) -> str:
    return "" if value is None else str(value)
