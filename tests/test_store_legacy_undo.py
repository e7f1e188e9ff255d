"""Undo, redo and a pick from a field's history put back a value the file held, even one
an earlier tertial wrote that today's checks refuse as new input (issue 11). Only that
exact value: typed, it is still checked in full. Checked in the file, through sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.errors import InvalidValue
from store.store import Store
from tests.test_app_support import SIZE, goal_id, indicator, make_app, sync
from tui.dialogs.history import FieldHistoryDialog
from tui.editor import Editor, Refused
from tui.widgets.report_tree import Ref

# Values files hold that today's checks refuse (or would rewrite) as new input.
LEGACY = [
    ("outcome", "5 påsar"),  # a unit not in store/units.py
    ("outcome", "\u0661\u0660\u0660 %"),  # Arabic-Indic digits
    ("target", "\u200b5,4"),  # a zero-width space, removed from new input
    ("forecast", "5.2"),  # a decimal point, made a comma in new input
    ("outcome", "-1 %+cmd|' /C calc'!A0"),  # a formula behind a number
]


def _set(db: Path, field: str, value: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(f"UPDATE indicators SET {field} = ? WHERE id = 1", (value,))
    conn.close()


def _stored(db: Path, field: str) -> object:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT {field} FROM indicators WHERE id = 1").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(("field", "legacy"), LEGACY)
def test_undo_of_an_edit_puts_the_legacy_value_back(db_path: Path, field: str, legacy: str) -> None:
    _set(db_path, field, legacy)
    with Store(db_path) as store:
        editor = Editor(store)
        editor.edit("indicator", 1, field, "7 %", legacy)
        assert _stored(db_path, field) == "7 %"
        undone = editor.undo()
        assert undone.done, undone.message
        assert _stored(db_path, field) == legacy  # byte for byte, not normalised
        assert editor.redo().done
        assert _stored(db_path, field) == "7 %"
        assert editor.undo().done
    assert _stored(db_path, field) == legacy
    with Store(db_path) as store:  # and the history says so
        back = store.field_history("indicator", 1, field)[0]
        assert (back.old, back.new) == ("7 %", legacy)


def test_undo_after_a_restart_puts_the_legacy_value_back(db_path: Path) -> None:
    _set(db_path, "outcome", "5 påsar")
    with Store(db_path) as store:
        store.set_state("tui.session.1", "0")
        Editor(store).edit("indicator", 1, "outcome", "6 st", "5 påsar")
    with Store(db_path) as store:
        editor = Editor(store)
        editor.resume(1)  # the steps come from the history
        assert editor.undo().done
    assert _stored(db_path, "outcome") == "5 påsar"


def test_a_pick_from_the_fields_history_puts_the_legacy_value_back(db_path: Path) -> None:
    _set(db_path, "outcome", "5 påsar")
    with Store(db_path) as store:
        editor = Editor(store)
        editor.edit("indicator", 1, "outcome", "6 st", "5 påsar")
        editor.edit("indicator", 1, "outcome", "8 st", "6 st")
        editor.edit("indicator", 1, "outcome", "5 påsar", "8 st", as_was=True)
    assert _stored(db_path, "outcome") == "5 påsar"


def test_only_a_value_the_field_held_passes_as_it_was(db_path: Path) -> None:
    _set(db_path, "outcome", "5 påsar")
    with Store(db_path) as store:
        editor = Editor(store)
        editor.edit("indicator", 1, "outcome", "6 st", "5 påsar")
        # Typed, the legacy value is new input: checked in full.
        with pytest.raises(Refused, match="påsar"):
            editor.edit("indicator", 1, "outcome", "5 påsar", "6 st")
        # Another value the history never held, or one another field held, is no restore.
        with pytest.raises(Refused):
            editor.edit("indicator", 1, "outcome", "4 påsar", "6 st", as_was=True)
        with pytest.raises(InvalidValue):
            store.update("indicator", 1, "target", "5 påsar", as_was=True)
        with pytest.raises(InvalidValue):
            store.update("indicator", 2, "outcome", "5 påsar", as_was=True)
    assert _stored(db_path, "outcome") == "6 st"
    assert _stored(db_path, "target") != "5 påsar"


@sync
async def test_in_the_workbench_undo_and_a_history_pick_put_the_legacy_value_back(
    db_path: Path,
) -> None:
    sick = indicator(db_path, "Sjukfrånvaro dag 1-14")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE indicators SET outcome = '2,1 påsar' WHERE id = ?", (sick.id,))
    conn.close()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", goal_id(db_path, "Servicenämnden ger god service")))
        app.screen.detail.indicator_table.focus()
        await pilot.pause()
        await pilot.press("down", "right", "e")  # Sjukfrånvaro dag 1-14, Periodens utfall
        await pilot.pause()
        await pilot.press(*"1,9 %", "enter")
        await pilot.pause()
        assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "1,9 %"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "2,1 påsar"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "1,9 %"
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, FieldHistoryDialog)
        await pilot.press("end", "enter")  # the original value
        await pilot.pause()
        assert not isinstance(app.screen, FieldHistoryDialog)
    assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "2,1 påsar"
