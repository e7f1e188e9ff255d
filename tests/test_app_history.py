"""History: a field's earlier value set again (H), deleted things brought back (U, palette)."""

from __future__ import annotations

from pathlib import Path

from store.models import Assessment
from store.store import Store
from tests.test_app_support import (
    SIZE,
    goal_id,
    indicator,
    make_app,
    palette_prompts,
    read,
    sync,
    until,
)
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.conflict import ConflictDialog
from tui.dialogs.help import HelpDialog
from tui.dialogs.history import DeletionsDialog, FieldHistoryDialog
from tui.widgets.report_tree import Ref

SERVICE = "Servicenämnden ger god service"
CHILDREN = "Alla barn ska ges goda villkor"
ANALYS = "Analys av inriktningsmålet."


def _messages(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications]


async def _edit_analys(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press("e", "end", *text, "ctrl+s")
    await pilot.pause()


@sync
async def test_restore_an_earlier_analys(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gid = app.screen.goal.id
        await _edit_analys(pilot, " Ett.")
        await _edit_analys(pilot, " Två.")
        with read(db_path) as s:
            assert s.get("goal", gid).analys == f"{ANALYS} Ett. Två."
        app.screen.query_one("#text-analys").focus()
        await pilot.press("H")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FieldHistoryDialog)
        options = dialog.query_one("#history-options")
        # newest first, then the value before the first change
        assert options.option_count == 3
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        assert "← nu" in prompts[0] and f"{ANALYS} Ett. Två." in prompts[0]
        assert prompts[2].startswith("Ursprungligt värde") and ANALYS in prompts[2]
        assert options.highlighted == 1  # the value before the current one
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FieldHistoryDialog)
        with read(db_path) as s:
            assert s.get("goal", gid).analys == f"{ANALYS} Ett."
            last = s.field_history("goal", gid, "analys")[0]
            assert (last.source, last.old, last.new) == (
                "app",
                f"{ANALYS} Ett. Två.",
                f"{ANALYS} Ett.",
            )
        # The original value, from the last row; then ctrl+z undoes that like any change.
        await pilot.press("H", "end", "enter")
        await pilot.pause()
        with read(db_path) as s:
            assert s.get("goal", gid).analys == ANALYS
            assert len(s.field_history("goal", gid, "analys")) == 4
        await pilot.press("ctrl+z")
        await pilot.pause()
    with read(db_path) as s:
        assert s.get("goal", gid).analys == f"{ANALYS} Ett."


@sync
async def test_restore_an_indicator_cell(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", goal_id(db_path, SERVICE)))
        table = app.screen.detail.indicator_table
        table.focus()
        await pilot.pause()
        await pilot.press("down", "right", "e")  # Sjukfrånvaro dag 1-14, Periodens utfall
        await pilot.pause()
        await pilot.press(*"1,9 %", "enter")
        await pilot.pause()
        assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "1,9 %"
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, FieldHistoryDialog)
        await pilot.press("enter")  # the original 2,1 %
        await pilot.pause()
        assert app.focused is table and str(table.get_cell_at(table.cursor_coordinate)) == "2,1 %"
    ind = indicator(db_path, "Sjukfrånvaro dag 1-14")
    assert ind.outcome == "2,1 %"
    with read(db_path) as s:
        last = s.field_history("indicator", ind.id, "outcome")[0]
        assert (last.old, last.new, last.source) == ("1,9 %", "2,1 %", "app")


@sync
async def test_restore_assessment_from_tree_and_conflict(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gid = app.screen.goal.id
        await pilot.press("a", "e")  # helt → ej
        await pilot.pause()
        assert app.focused is app.screen.tree
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, FieldHistoryDialog)
        with Store(db_path) as other:  # another window changes it meanwhile
            other.update("goal", gid, "assessment", "delvis")
        await pilot.press("enter")  # back to helt, but the file says delvis now
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("m")
        await pilot.pause()
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.HELT


@sync
async def test_no_history_and_help(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#text-description").focus()
        await pilot.press("H")
        await pilot.pause()
        assert not isinstance(app.screen, FieldHistoryDialog)
        assert "Ingen historik för fältet" in _messages(app)
        await pilot.press("U")
        await pilot.pause()
        assert not isinstance(app.screen, DeletionsDialog)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        words = dict(app.screen.rows)
        assert words["H"] == "Historik" and words["U"] == "Återställ borttaget"


@sync
async def test_delete_activity_restore_and_undo(db_path: Path) -> None:
    from textual.command import CommandPalette

    gid = goal_id(db_path, CHILDREN)
    with read(db_path) as s:
        (act,) = s.activities(gid)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        app.screen.detail.activity_table.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        with read(db_path) as s:
            assert s.activities(gid) == []
        app.screen.tree.focus()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Återställ borttaget")
        assert await until(
            pilot, lambda: any("Återställ borttaget" in p for p in palette_prompts(app))
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeletionsDialog)
        prompt = str(app.screen.query_one("#deletion-options").get_option_at_index(0).prompt)
        assert prompt.startswith("Aktivitet") and "Utreda kolloplatser" in prompt
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            (back,) = s.activities(gid)
            assert (back.id, back.text) == (act.id, act.text)
            assert s.deletions(1) == []
        table = app.screen.detail.activity_table
        assert app.focused is table and table.current == (act.id, "text")
        await pilot.press("ctrl+z")  # the restore undone: gone again
        await pilot.pause()
        with read(db_path) as s:
            assert s.activities(gid) == []
        await pilot.press("ctrl+y")
        await pilot.pause()
    with read(db_path) as s:
        assert [a.id for a in s.activities(gid)] == [act.id]


@sync
async def test_restore_deleted_namndmal_with_key(db_path: Path) -> None:
    area = goal_id(db_path, CHILDREN)
    gid = goal_id(db_path, SERVICE)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        await pilot.press("delete", "j")
        await pilot.pause()
        assert app.screen.goal.id == area
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, DeletionsDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.goal.id == gid and app.focused is app.screen.tree
    with read(db_path) as s:
        assert [i.name for i in s.goal(gid).indicators] == [
            "Andel nöjda medborgare",
            "Sjukfrånvaro dag 1-14",
        ]
