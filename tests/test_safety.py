"""Drafts, backups, storage errors: the file is never made worse."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from store.errors import StorageFull
from store.locations import backup_dir
from store.store import Store


def test_drafts_kept_apart_from_saved_text(db_path: Path) -> None:
    with Store(db_path) as store:
        goal = store.goal_tree(1)[0]
        store.save_draft("goal", goal.id, "analys", "Halvskriven ana", goal.analys)
        store.save_draft("goal", goal.id, "analys", "Halvskriven analys", goal.analys)
    # A crash later: the next start finds the draft, the saved text untouched.
    with Store(db_path) as store:
        (draft,) = store.drafts()
        assert (draft.text, draft.saved) == ("Halvskriven analys", goal.analys)
        assert store.goal(goal.id).analys == goal.analys
        store.discard_draft("goal", goal.id, "analys")
        assert store.drafts() == []


def test_daily_backup_keeps_seven(db_path: Path) -> None:
    with Store(db_path, auto_backup=True) as store:
        goal = store.goal_tree(1)[0]
        store.update("goal", goal.id, "analys", "Dag ett")
        store.update("goal", goal.id, "analys", "Dag ett, igen")
        (first,) = backup_dir(db_path).iterdir()
        with Store(first) as copy:  # taken before the day's first change
            assert copy.goal(goal.id).analys == "Analys av inriktningsmålet."
        for day in range(1, 12):
            store._backed_up_today = False
            store.daily_backup(dt.date(2030, 1, day))
    names = sorted(p.name for p in backup_dir(db_path).iterdir())
    assert len(names) == 7 and names[-1] == "report-2030-01-11.db"


def test_full_disk_refused_and_file_intact(db_path: Path) -> None:
    with Store(db_path) as store:
        goal = store.goal_tree(1)[0]
        (pages,) = store.conn.execute("PRAGMA page_count").fetchone()
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
        with pytest.raises(StorageFull):
            store.update("goal", goal.id, "analys", "x" * 100_000)
        assert store.goal(goal.id).analys == "Analys av inriktningsmålet."
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
