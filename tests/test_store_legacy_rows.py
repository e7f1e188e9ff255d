"""A row holding a value an earlier tertial wrote, which the newer checks refuse:
editing another of its fields is checked on that field alone (issue 15, wave 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.errors import Conflict, InvalidValue
from store.limits import MAX_TEXT_LENGTH
from store.store import Store


def _legacy(db_path: Path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(sql, args)
    conn.close()


def _column(db_path: Path, table: str, column: str, row_id: int) -> object:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
    finally:
        conn.close()


def test_another_field_of_a_row_with_a_legacy_value_can_be_edited(db_path: Path) -> None:
    _legacy(db_path, "UPDATE indicators SET outcome = '5 påsar', target = '\u200b5' WHERE id = 1")
    with Store(db_path) as store:
        assert store.update("indicator", 1, "analys", "Ny analys") is not None
        assert store.update("indicator", 1, "forecast", "7,5 %", expected="") is not None
        assert store.update("indicator", 1, "name", "Nytt namn") is not None
    assert _column(db_path, "indicators", "analys", 1) == "Ny analys"
    assert _column(db_path, "indicators", "forecast", 1) == "7,5 %"
    # The legacy values stay as the file held them, untouched by the edits.
    assert _column(db_path, "indicators", "outcome", 1) == "5 påsar"
    assert _column(db_path, "indicators", "target", 1) == "\u200b5"


def test_the_field_written_is_still_checked_in_full(db_path: Path) -> None:
    _legacy(db_path, "UPDATE indicators SET outcome = '5 påsar' WHERE id = 1")
    with Store(db_path) as store:
        with pytest.raises(InvalidValue) as exc:
            store.update("indicator", 1, "forecast", "3 kassar")
        # The reason is the written field's, not the legacy outcome's.
        assert exc.value.field == "Prognos helår" and "'kassar'" in exc.value.reason
        with pytest.raises(InvalidValue):
            store.update("indicator", 1, "outcome", "6 påsar")
        store.update("indicator", 1, "outcome", "5 st")
    assert _column(db_path, "indicators", "outcome", 1) == "5 st"
    assert _column(db_path, "indicators", "forecast", 1) == ""


def test_a_conflict_is_still_seen_on_a_row_with_a_legacy_value(db_path: Path) -> None:
    _legacy(db_path, "UPDATE indicators SET outcome = '5 påsar', forecast = '9' WHERE id = 1")
    with Store(db_path) as store, pytest.raises(Conflict):
        store.update("indicator", 1, "forecast", "10", expected="8")
    assert _column(db_path, "indicators", "forecast", 1) == "9"


def test_goals_and_sections_with_legacy_texts_take_edits_of_other_fields(db_path: Path) -> None:
    _legacy(db_path, "UPDATE goals SET title = '\u00a0' WHERE id = 3")
    _legacy(db_path, "UPDATE sections SET body = ? WHERE id = 1", "x" * (MAX_TEXT_LENGTH + 5))
    with Store(db_path) as store:
        store.update("goal", 3, "assessment", "Uppfylls helt")
        store.update("goal", 3, "analys", "Bra gjort")
        store.update("section", 1, "title", "Ny rubrik")
        with pytest.raises(InvalidValue):
            store.update("goal", 3, "title", " ")
    assert _column(db_path, "goals", "assessment", 3) == "helt"
    assert _column(db_path, "sections", "title", 1) == "Ny rubrik"
    assert len(str(_column(db_path, "sections", "body", 1))) == MAX_TEXT_LENGTH + 5


def test_an_activitys_dates_are_still_checked_together(db_path: Path) -> None:
    with Store(db_path) as store:
        store.update("activity", 1, "start_date", "2023-05-01")
        with pytest.raises(InvalidValue) as exc:
            store.update("activity", 1, "end_date", "2023-04-01")
    assert "före" in exc.value.reason
