"""Drafts and daily backups: what keeps an author's words when something goes wrong."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from pathlib import Path

from store.errors import StoreError
from store.locations import backup_dir

KEEP_BACKUPS = 7


@dataclass(frozen=True)
class Draft:
    entity: str
    entity_id: int
    field: str
    text: str  # what was typed
    saved: str  # the saved text the draft started from
    at: str


class SafetyMixin:
    """Drafts live in their own table: a draft never touches the saved text by itself."""

    conn: sqlite3.Connection
    path: Path
    read_only: bool
    _backed_up_today: bool = False
    backup_failure: str | None = None  # why today's backup could not be made
    on_backup_failure: Callable[[str], None] | None = None  # told that reason, once

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def backup(self, dest: Path) -> None:
        raise NotImplementedError

    def save_draft(self, entity: str, entity_id: int, field: str, text: str, saved: str) -> None:
        if self.read_only:
            return
        with self._write() as conn:
            conn.execute(
                "INSERT INTO drafts (entity, entity_id, field, text, saved, at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, entity_id, field) "
                "DO UPDATE SET text = excluded.text, at = excluded.at",
                (entity, entity_id, field, text, saved, _now()),
            )

    def drafts(self) -> list[Draft]:
        cur = self.conn.execute(
            "SELECT entity, entity_id, field, text, saved, at FROM drafts ORDER BY at"
        )
        return [Draft(**dict(r)) for r in cur]

    def discard_draft(self, entity: str, entity_id: int, field: str) -> None:
        if self.read_only:
            return
        with self._write() as conn:
            conn.execute(
                "DELETE FROM drafts WHERE entity = ? AND entity_id = ? AND field = ?",
                (entity, entity_id, field),
            )

    def daily_backup(self, today: dt.date | None = None) -> Path | None:
        """Before the first change of a day: a copy in <name>-backups/, the last seven kept.

        A backup that cannot be made never costs the change it comes before: the reason
        is kept in `backup_failure` and passed to `on_backup_failure` (the app says it
        once); nothing is raised and nothing printed.
        """
        if self._backed_up_today or self.read_only:
            return None
        self._backed_up_today = True
        day = (today or dt.date.today()).isoformat()
        folder = backup_dir(self.path)
        dest = folder / f"{self.path.stem}-{day}.db"
        try:
            if dest.exists():
                return None
            folder.mkdir(parents=True, exist_ok=True)
            self.backup(dest)
        except (OSError, StoreError) as exc:
            self._backup_failed(folder, exc)
            return None
        for old in sorted(folder.glob(f"{self.path.stem}-*.db"))[:-KEEP_BACKUPS]:
            with suppress(OSError):  # an old copy left behind is no reason to stop
                old.unlink()
        return dest

    def _backup_failed(self, folder: Path, exc: OSError | StoreError) -> None:
        if folder.exists() and not folder.is_dir():
            why = f"{folder.name} finns redan bredvid filen och är ingen mapp"
        elif isinstance(exc, OSError):
            why = f"{exc.strerror or exc} ({folder})"
        else:
            why = str(exc)
        self.backup_failure = f"Dagens säkerhetskopia kunde inte göras: {why}."
        if self.on_backup_failure is not None:
            self.on_backup_failure(self.backup_failure)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
