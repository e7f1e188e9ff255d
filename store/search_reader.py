"""Find's own connection to the file, so a search can run in a worker thread.

The store's connection stays with the thread that writes: find's temporary index
(temp.search_report) is rebuilt in a transaction of its own, which must never meet
a write of the store's in the middle. This connection is read-only and sees each
committed change (store.search notices it through PRAGMA data_version).

One search runs at a time (a lock); a newer query interrupts the one running, so the
worker that answers is always the latest one's.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from store.db import connect
from store.search import SearchHit, search


class SearchReader:
    def __init__(self, conn: sqlite3.Connection, report_id: int | None) -> None:
        self.conn = conn
        self.report_id = report_id
        self._lock = threading.Lock()

    def __call__(self, text: str) -> list[SearchHit] | None:
        """The hits for `text`, or None when a newer query interrupted this one."""
        with self._lock:
            try:
                return search(self.conn, text, self.report_id)
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    return None
                raise

    def interrupt(self) -> None:
        """Stop the search under way, if any (a newer query is coming)."""
        self.conn.interrupt()

    def close(self) -> None:
        self.interrupt()
        with self._lock:
            self.conn.close()


def open_reader(
    path: Path, report_id: int | None, *, network: bool, read_only: bool
) -> SearchReader | None:
    """A reader of its own on `path`, or None where a second connection cannot be had.

    On a network share the store holds the file locked while open (no second reader);
    a read-only file is opened in ways a second connection would not repeat. There the
    caller searches on the store's own connection, as before.
    """
    if network or read_only:
        return None
    try:
        conn = connect(Path(path), read_only=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        return None
    return SearchReader(conn, report_id)
