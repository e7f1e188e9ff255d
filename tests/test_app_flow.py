"""Undo and redo, find and jump, export, the report picker, help and the palette."""

from __future__ import annotations

from pathlib import Path

from store.models import Assessment
from store.store import Store
from tests.factories import small_document
from tests.test_app_support import (  # noqa: F401 - fixtures
    SIZE,
    _sample_master,
    indicator,
    make_app,
    needs_sample,
    read,
    sample_db,
    sync,
)
from tui.dialogs.find import FindDialog
from tui.dialogs.help import HelpDialog
from tui.dialogs.reports import ReportsDialog


@sync
async def test_undo_and_redo_every_change(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gid = app.screen.goal.id
        await pilot.press("a", "e")  # helt → ej
        await pilot.pause()
        await pilot.press("e", "end", *" Ny.", "ctrl+s")  # edit the Analys
        await pilot.pause()
        with read(db_path) as s:
            g = s.get("goal", gid)
            assert (g.assessment, g.analys) == (Assessment.EJ, "Analys av inriktningsmålet. Ny.")
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(db_path) as s:
            assert s.get("goal", gid).analys == "Analys av inriktningsmålet."
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(db_path) as s:
            assert s.get("goal", gid).assessment == Assessment.HELT
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
    with read(db_path) as s:
        g = s.get("goal", gid)
        assert (g.assessment, g.analys) == (Assessment.EJ, "Analys av inriktningsmålet. Ny.")


@sync
async def test_undo_conflict_is_shown(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gid = app.screen.goal.id
        await pilot.press("a", "d")
        await pilot.pause()
        with Store(db_path) as other:  # another window changes it meanwhile
            other.update("goal", gid, "assessment", "ej")
        await pilot.press("ctrl+z")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("ändrats" in m for m in messages)
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.EJ


@sync
async def test_conflict_dialog_write_mine(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gid = app.screen.goal.id
        with Store(db_path) as other:
            other.update("goal", gid, "assessment", "ej")
        await pilot.press("a", "d")  # shown was helt: the file says ej now
        await pilot.pause()
        assert "I filen nu" in str(app.screen.query_one("#conflict-values").render())
        await pilot.press("m")
        await pilot.pause()
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.DELVIS


@sync
async def test_find_jumps_to_indicator_outcome(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, FindDialog)
        await pilot.press(*"sjukfr")
        await app.workers.wait_for_complete()  # find searches in a worker
        await pilot.pause()
        assert app.screen.hits[0].title == "Sjukfrånvaro dag 1-14"
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.detail.indicator_table
        assert app.focused is table
        assert table.current == (indicator(db_path, "Sjukfrånvaro dag 1-14").id, "outcome")


@sync
async def test_find_ranks_titles_first_and_picks_with_arrows(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"mål")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.hits
        assert hits[0].in_title and not hits[-1].in_title
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen.shown is not None


@sync
async def test_export_goal_markdown(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "mal.md"
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#md").value = True
        await pilot.pause()
        app.screen.query_one("#export-folder").value = str(tmp_path)
        app.screen.query_one("#export-name").value = out.name
        app.screen.query_one("#export-name").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = out.read_text(encoding="utf-8")
    assert "Ett Stockholm som håller samman" in text and "Sjukfrånvaro dag 1-14" in text


@sync
async def test_export_indicator_table_csv(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ind.csv"
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sjukfr", "enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#csv").value = True
        await pilot.pause()
        app.screen.query_one("#export-folder").value = str(tmp_path)
        app.screen.query_one("#export-name").value = out.name
        app.screen.query_one("#export-name").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    # The goal's indicators, in the Swedish-Excel dialect the workbench writes by default.
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Mål;Indikator;Periodens utfall") and "Utfall VB 2022" in lines[0]
    assert len(lines) == 3


@sync
async def test_report_picker(db_path: Path) -> None:
    with Store(db_path) as s:
        s.add_document(small_document("Andra nämnden", 2024))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen.report.organisation
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportsDialog)
        other = "down" if app.screen.query_one("OptionList").highlighted == 0 else "up"
        await pilot.press(other, "enter")
        await pilot.pause()
        assert app.screen.report.organisation != start
        assert app.screen.tree.current is not None


@sync
async def test_help_lists_keys_of_context(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        words = dict(app.screen.rows)
        assert words["a"] == "Bedömning" and words["ctrl+z"] == "Ångra"
        await pilot.press("escape")
        await pilot.pause()
        app.screen.detail.indicator_table.focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Redigera cell" in dict(app.screen.rows).values()


@needs_sample
@sync
async def test_new_user_story(sample_db: Path) -> None:  # noqa: F811
    """Find the goal, assess it, update Sjukfrånvaro dag 1-14, quit: both in the file."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"ekonomi i balans")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        goal = app.screen.goal
        assert goal.title == "Servicenämnden har en ekonomi i balans"
        await pilot.press("a", "h")
        await pilot.pause()
        await pilot.press("slash", *"Sjukfrånvaro dag 1-14", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"3,1 %", "enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    with read(sample_db) as s:
        assert s.get("goal", goal.id).assessment == Assessment.HELT
    assert indicator(sample_db, "Sjukfrånvaro dag 1-14").outcome == "3,1 %"


@sync
async def test_palette_jumps_to_goal(db_path: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"nytt mål utan")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.goal.title == "Ett nytt mål utan bedömning"


@sync
async def test_resize_keeps_place(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        where = app.screen.tree.current
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.tree.current == where and app.focused is app.screen.tree


@sync
async def test_read_only_file_refuses_edits(db_path: Path) -> None:
    from tui.app import TertialApp

    store = Store(db_path)
    store.read_only = True  # as when the file cannot be written
    app = TertialApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("skrivskyddad" in n.message for n in app._notifications)
        gid = app.screen.goal.id
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog) and app.screen.goal is not None
        assert sum("skrivskyddad" in n.message for n in app._notifications) >= 2
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.HELT
