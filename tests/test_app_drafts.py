"""Drafts: what is typed is kept apart from the saved text; the next start offers it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.store import Store
from tests.test_app_support import SIZE, goal_id, make_app, read, sync, until
from tui.dialogs import text_editor
from tui.dialogs.conflict import ConflictDialog
from tui.dialogs.draft import DraftDialog
from tui.dialogs.text_editor import TextEditor
from tui.screens.main import MainScreen

GOAL = "Ett Stockholm som håller samman"
SAVED = "Analys av inriktningsmålet."


def _drafts(path: Path) -> list[tuple[str, int, str, str, str]]:
    with read(path) as s:
        return [(d.entity, d.entity_id, d.field, d.text, d.saved) for d in s.drafts()]


def _analys(path: Path, gid: int) -> str:
    with read(path) as s:
        return s.get("goal", gid).analys


def _leave_draft(path: Path, text: str) -> int:
    gid = goal_id(path, GOAL)
    with Store(path) as s:
        s.save_draft("goal", gid, "analys", text, saved=SAVED)
    return gid


@sync
async def test_typing_writes_a_draft_not_the_saved_text(db_path: Path) -> None:
    gid = goal_id(db_path, GOAL)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", *" Nytt stycke")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditor)
        assert _drafts(db_path) == []  # nothing before the interval
        editor.write_draft()  # what the timer calls every few seconds
        typed = SAVED + " Nytt stycke"
        assert _drafts(db_path) == [("goal", gid, "analys", typed, SAVED)]
        assert _analys(db_path, gid) == SAVED  # the saved text is untouched
        await pilot.press(*" till")
        editor.write_draft()
        assert _drafts(db_path)[0][3] == typed + " till"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert _analys(db_path, gid) == typed + " till"
    assert _drafts(db_path) == []  # saving throws the draft away


class Clock:
    """A clock the test moves by hand (tui.dialogs.text_editor.clock)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@sync
async def test_a_draft_is_written_three_seconds_after_typing_by_the_clock(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real interval (3 s) on an injected clock; the editor's own timer looks at it."""
    clock = Clock()
    monkeypatch.setattr(text_editor, "clock", clock)
    gid = goal_id(db_path, GOAL)
    writes: list[str] = []
    save_draft = Store.save_draft

    def counting(self: Store, *args: object, **kwargs: object) -> None:
        writes.append(str(args[3]))
        save_draft(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "save_draft", counting)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditor)
        clock.now += 10
        editor.draft_due()
        assert writes == []  # unchanged text: no draft, however long
        await pilot.press("X")
        clock.now += 2.9
        editor.draft_due()
        assert writes == []  # typed, but not three seconds since the last look
        clock.now += 0.1
        # Three seconds on: the editor's own timer writes it (no call from the test).
        assert await until(pilot, lambda: writes == [SAVED + "X"]), writes
        assert _drafts(db_path) == [("goal", gid, "analys", SAVED + "X", SAVED)]
        assert _analys(db_path, gid) == SAVED
        clock.now += 30
        editor.draft_due()
        assert writes == [SAVED + "X"]  # once: the text did not change since
        await pilot.press("Y")
        clock.now += 2.9
        editor.draft_due()
        assert writes == [SAVED + "X"]
        clock.now += 0.1
        editor.draft_due()
        assert writes == [SAVED + "X", SAVED + "XY"]


@sync
async def test_cancel_after_confirming_discards_the_draft(db_path: Path) -> None:
    gid = goal_id(db_path, GOAL)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *"abc")
        app.screen.write_draft()
        assert len(_drafts(db_path)) == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # Fortsätt skriva: the draft stays
        await pilot.pause()
        assert isinstance(app.screen, TextEditor) and len(_drafts(db_path)) == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j")  # Kasta
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _drafts(db_path) == []
    assert _analys(db_path, gid) == SAVED


@sync
async def test_quitting_while_typing_keeps_a_draft(db_path: Path) -> None:
    gid = goal_id(db_path, GOAL)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", *" Halvfärdigt")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert _drafts(db_path) == [("goal", gid, "analys", SAVED + " Halvfärdigt", SAVED)]
    assert _analys(db_path, gid) == SAVED


@sync
async def test_a_draft_is_offered_and_restored_with_ctrl_s(db_path: Path) -> None:
    gid = _leave_draft(db_path, "Utkast från förra gången.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DraftDialog)
        assert str(dialog.query_one("#draft-subject").render()) == f"Analys – 1. {GOAL}"
        assert "Utkast från förra gången." in str(dialog.query_one("#draft-text").render())
        assert _analys(db_path, gid) == SAVED  # offered, not written
        await pilot.press("a")  # Återställ
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditor)
        assert editor.text == "Utkast från förra gången."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _analys(db_path, gid) == "Utkast från förra gången."
    assert _drafts(db_path) == []
    with read(db_path) as s:
        change = s.history(s.reports()[0].id)[-1]
        assert (change.field, change.old, change.new) == (
            "analys",
            SAVED,
            "Utkast från förra gången.",
        )


@sync
async def test_a_draft_can_be_discarded(db_path: Path) -> None:
    gid = _leave_draft(db_path, "Skräp.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftDialog)
        await pilot.press("s")  # Släng
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _drafts(db_path) == []
    assert _analys(db_path, gid) == SAVED


@sync
async def test_later_keeps_the_draft_for_next_start(db_path: Path) -> None:
    gid = _leave_draft(db_path, "Sparas till sen.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert _drafts(db_path) == [("goal", gid, "analys", "Sparas till sen.", SAVED)]
    assert _analys(db_path, gid) == SAVED


@sync
async def test_each_draft_is_offered_in_turn(db_path: Path) -> None:
    gid = _leave_draft(db_path, "Första.")
    with Store(db_path) as s:
        section = next(h.id for h in s.search("Intern kontroll", 1) if h.kind == "section")
        s.save_draft("section", section, "body", "Andra.", saved="Inga väsentliga avvikelser.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 av 2" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DraftDialog)
        assert str(dialog.query_one("#draft-subject").render()) == "Text – Intern kontroll"
        await pilot.press("a", "end", *" Mer.", "ctrl+s")
        await pilot.pause()
        assert app.screen.shown.kind == "section"  # the restored text's place is shown
    assert _drafts(db_path) == []
    assert _analys(db_path, gid) == SAVED
    with read(db_path) as s:
        assert s.get("section", section).body == "Andra. Mer."


@sync
async def test_restoring_a_draft_over_a_changed_text_asks(db_path: Path) -> None:
    gid = _leave_draft(db_path, "Mitt utkast.")
    with Store(db_path) as other:  # someone saved another text since the draft began
        other.update("goal", gid, "analys", "Deras text.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notes = str(app.screen.query_one("#draft-notes").render())
        assert "har ändrats" in notes
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert _analys(db_path, gid) == "Deras text."  # nothing written over theirs
        await pilot.press("m")  # Skriv mitt
        await pilot.pause()
    assert _analys(db_path, gid) == "Mitt utkast."
    assert _drafts(db_path) == []
