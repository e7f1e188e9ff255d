"""Nothing an author writes is lost in the workbench (issue 10, items 1-2).

Each test plays an author's bad day: another program writes the same cell, a save is
refused. What counts is what the file holds afterwards, read through a second
connection. Items 3-4 (undo, backups) are in test_loss_workbench_undo.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual import events

from store.models import Assessment
from store.store import Store
from tests.test_app_support import SIZE, goal_id, indicator, make_app, read, sync
from tui.dialogs.cell_editor import CellEditor
from tui.dialogs.conflict import ConflictDialog
from tui.dialogs.text_editor import TextEditor
from tui.screens.main import MainScreen
from tui.widgets.report_tree import Ref

SERVICE = "Servicenämnden ger god service"
CHILDREN = "Alla barn ska ges goda villkor"
TOP = "Ett Stockholm som håller samman"
SICK = "Sjukfrånvaro dag 1-14"
ANALYS = "Analys av inriktningsmålet."


def _messages(app: Any) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications]


def _drafts(path: Path) -> list[tuple[str, int, str, str]]:
    with read(path) as s:
        return [(d.entity, d.entity_id, d.field, d.text) for d in s.drafts()]


def _analys(path: Path, gid: int) -> str:
    with read(path) as s:
        return s.get("goal", gid).analys


async def _sick_outcome_cell(app: Any, pilot: Any, db_path: Path) -> Any:
    """The indicator table of SERVICE, the cursor on Sjukfrånvaro's Periodens utfall."""
    await pilot.pause()
    app.screen.select(Ref("goal", goal_id(db_path, SERVICE)))
    table = app.screen.detail.indicator_table
    table.focus()
    await pilot.pause()
    await pilot.press("down", "right")
    return table


def _cell(table: Any) -> str:
    return str(table.get_cell_at(table.cursor_coordinate))


async def _first_activity(app: Any, pilot: Any, gid: int) -> tuple[Any, Any]:
    """The activity table of goal `gid`, focused, and its first activity."""
    await pilot.pause()
    app.screen.select(Ref("goal", gid))
    table = app.screen.detail.activity_table
    table.focus()
    await pilot.pause()
    return table, app.screen.goal.activities[0]


# -- 1. every conflict dialog does what it says -------------------------------------


@sync
async def test_cell_conflict_write_mine_saves_the_authors_value(db_path: Path) -> None:
    ind = indicator(db_path, SICK)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        table = await _sick_outcome_cell(app, pilot, db_path)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        with Store(db_path) as other:  # an import changes the cell while the author types
            other.update("indicator", ind.id, "outcome", "2,5 %", source="import")
        await pilot.press(*"1,9 %", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert _cell(table) == "2,5 %"  # behind the question: what the file holds
        await pilot.press("m")  # Skriv mitt
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert _cell(table) == "1,9 %"
    assert indicator(db_path, SICK).outcome == "1,9 %"
    with read(db_path) as s:
        last = s.field_history("indicator", ind.id, "outcome")[0]
        assert (last.source, last.old, last.new) == ("app", "2,5 %", "1,9 %")


@sync
async def test_cell_conflict_keep_theirs_shows_theirs(db_path: Path) -> None:
    ind = indicator(db_path, SICK)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        table = await _sick_outcome_cell(app, pilot, db_path)
        await pilot.press("e")
        await pilot.pause()
        with Store(db_path) as other:
            other.update("indicator", ind.id, "outcome", "2,5 %", source="import")
        await pilot.press(*"1,9 %", "enter")
        await pilot.pause()
        await pilot.press("t")  # Behåll deras
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert _cell(table) == "2,5 %"
        assert app.screen.editor.position == 0  # nothing of the author's to undo
    assert indicator(db_path, SICK).outcome == "2,5 %"
    with read(db_path) as s:
        assert [c.source for c in s.field_history("indicator", ind.id, "outcome")] == ["import"]


@sync
async def test_cell_conflict_escape_goes_back_to_the_typed_value(db_path: Path) -> None:
    ind = indicator(db_path, SICK)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await _sick_outcome_cell(app, pilot, db_path)
        await pilot.press("e")
        await pilot.pause()
        with Store(db_path) as other:
            other.update("indicator", ind.id, "outcome", "2,5 %", source="import")
        await pilot.press(*"1,9 %", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CellEditor)
        assert editor.query_one("#cell-input").value == "1,9 %"
        await pilot.press("enter", "m")  # asked again, and this time written
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert indicator(db_path, SICK).outcome == "1,9 %"


@sync
async def test_text_conflict_keep_theirs_closes_and_shows_theirs(db_path: Path) -> None:
    gid = goal_id(db_path, TOP)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "end", *" Mitt.")
        with Store(db_path) as other:
            other.update("goal", gid, "analys", "Deras text.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert "tillbaka till texten" in str(dialog.query_one(".dialog-hint").render())
        await pilot.press("escape")  # back to the text, still all there
        await pilot.pause()
        assert isinstance(app.screen, TextEditor)
        assert app.screen.text == ANALYS + " Mitt."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#text-analys").value == "Deras text."
    assert _analys(db_path, gid) == "Deras text."
    assert _drafts(db_path) == []


@sync
async def test_text_conflict_write_mine(db_path: Path) -> None:
    gid = goal_id(db_path, TOP)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "end", *" Mitt.")
        app.screen.write_draft()
        with Store(db_path) as other:
            other.update("goal", gid, "analys", "Deras text.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(_drafts(db_path)) == 1  # asked, not saved: the draft stays
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#text-analys").value == ANALYS + " Mitt."
    assert _analys(db_path, gid) == ANALYS + " Mitt."
    assert _drafts(db_path) == []
    with read(db_path) as s:
        last = s.field_history("goal", gid, "analys")[0]
        assert (last.old, last.new) == ("Deras text.", ANALYS + " Mitt.")


@pytest.mark.parametrize(("key", "expected"), [("m", Assessment.EJ), ("t", Assessment.DELVIS)])
@sync
async def test_assessment_conflict(db_path: Path, key: str, expected: Assessment) -> None:
    gid = goal_id(db_path, TOP)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        with Store(db_path) as other:  # helt → delvis in another window
            other.update("goal", gid, "assessment", "delvis")
        await pilot.press("e")  # Uppfylls ej, over a helt the file no longer holds
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        values = str(dialog.query_one("#conflict-values").render())
        assert "Uppfylls delvis" in values and "Uppfylls ej" in values
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.goal.assessment == expected  # the pane: what the file holds
        assert not [m for m in _messages(app) if m[0] == "Sparades inte"]
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == expected


@sync
async def test_deviation_toggle_conflict_write_mine(db_path: Path) -> None:
    gid = goal_id(db_path, CHILDREN)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        table, act = await _first_activity(app, pilot, gid)
        with Store(db_path) as other:  # someone marks it first
            other.update("activity", act.id, "deviation", True)
        await pilot.press("space")  # the author marks it too, from an unmarked row
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not [m for m in _messages(app) if m[0] == "Sparades inte"]
        assert app.screen.goal.activities[0].deviation is True
    with read(db_path) as s:
        assert s.get("activity", act.id).deviation is True


@sync
async def test_history_set_conflict_write_mine_on_avvikelse(db_path: Path) -> None:
    gid = goal_id(db_path, CHILDREN)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        table, act = await _first_activity(app, pilot, gid)
        await pilot.press("space", "right", "right", "right")  # marked; on the Avvikelse cell
        await pilot.pause()
        with Store(db_path) as other:  # an import unmarks it again
            other.update("activity", act.id, "deviation", False, source="import")
        await pilot.press("H")
        await pilot.pause()
        await pilot.press("enter")  # Ingen avvikelse, over the mark the file no longer holds
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert "Ingen avvikelse" in str(dialog.query_one("#conflict-values").render())
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not [m for m in _messages(app) if m[0] == "Sparades inte"]
        assert _cell(table) == ""  # the cell shows the file: no Avvikelse
    with read(db_path) as s:
        assert s.get("activity", act.id).deviation is False


# -- 2. a text whose save fails stays in the editor -----------------------------------


@sync
async def test_text_save_while_the_file_is_locked_keeps_text_and_draft(db_path: Path) -> None:
    gid = goal_id(db_path, TOP)
    app = make_app(db_path)
    app.store.conn.execute("PRAGMA busy_timeout = 50")  # wait 50 ms, not 5 s, for the lock
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "end", *" Viktigt stycke.")
        editor = app.screen
        assert isinstance(editor, TextEditor)
        editor.write_draft()
        typed = ANALYS + " Viktigt stycke."
        assert _drafts(db_path) == [("goal", gid, "analys", typed)]
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is editor  # still open, with the text and the reason
            assert editor.text == typed
            error = editor.query_one("#editor-error")
            assert error.display and "låst" in str(error.render())
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _drafts(db_path) == [("goal", gid, "analys", typed)]  # the draft is kept
        assert _analys(db_path, gid) == ANALYS
        await pilot.press("ctrl+s")  # the lock is gone: saved, then the draft goes
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#text-analys").value == typed
    assert _analys(db_path, gid) == typed
    assert _drafts(db_path) == []


@sync
async def test_restored_draft_save_refused_keeps_the_draft(db_path: Path) -> None:
    gid = goal_id(db_path, TOP)
    with Store(db_path) as s:
        s.save_draft("goal", gid, "analys", "Utkast.", saved=ANALYS)
    app = make_app(db_path)
    app.store.conn.execute("PRAGMA busy_timeout = 50")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")  # Återställ
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditor)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is editor and editor.text == "Utkast."
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _drafts(db_path) == [("goal", gid, "analys", "Utkast.")]
        await pilot.press("escape")  # the author lets it go: asked, then discarded
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _drafts(db_path) == []
    assert _analys(db_path, gid) == ANALYS


@sync
async def test_pasted_control_characters_are_removed_not_a_reason_to_lose_the_text(
    db_path: Path,
) -> None:
    gid = goal_id(db_path, TOP)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "end")
        editor = app.screen
        # Copied from a terminal and a Windows program: colours, a bell, CRLF line ends.
        # (The terminal gives a paste to the app, which passes it to the focused area.)
        app.post_message(events.Paste(" \x1b[31mRött\x1b[0m\x07 slut.\r\nNy rad\x0c."))
        await pilot.pause()
        assert editor.text == ANALYS + " Rött slut.\nNy rad."
        assert any("styrtecken" in m for _, m in _messages(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _analys(db_path, gid) == ANALYS + " Rött slut.\nNy rad."


@sync
async def test_control_characters_in_the_text_itself_are_removed_on_save(db_path: Path) -> None:
    gid = goal_id(db_path, TOP)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "end")
        editor = app.screen
        editor.query_one("#editor").insert(" Med\x00 nolltecken.")  # not through a paste
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _analys(db_path, gid) == ANALYS + " Med nolltecken."
