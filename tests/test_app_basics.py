"""The workbench opens on the report tree, shows details, sets assessments and edits texts."""

from __future__ import annotations

from pathlib import Path

from store.models import Assessment, Level
from tests.test_app_support import (  # noqa: F401 - fixtures
    SIZE,
    _sample_master,
    goal_id,
    make_app,
    read,
    sample_db,
    sync,
)
from tui.dialogs.assessment import AssessmentDialog
from tui.dialogs.text_editor import TextEditor
from tui.widgets.report_tree import Ref


@sync
async def test_opens_on_first_inriktningsmal(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.tree
        goal = screen.tree.goals[screen.tree.current.id]
        assert goal.level == Level.INRIKTNINGSMAL and goal.code == "1"
        title = str(screen.query_one("#detail-title").render())
        assert "Ett Stockholm som håller samman" in title


@sync
async def test_tree_moves_and_shows_details(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "l", "j")  # 1.1, open it, its first nämndmål
        await pilot.pause()
        screen = app.screen
        assert screen.goal is not None and screen.goal.title == "Servicenämnden ger god service"
        table = screen.detail.indicator_table
        assert table.row_count == 2
        headings = [" ".join(str(c.label).split()) for c in table.columns.values()]
        assert "Utfall VB 2022" in headings and len(headings) == 9


@sync
async def test_set_assessment_with_letter(db_path: Path) -> None:
    gid = goal_id(db_path, "Ett nytt mål utan bedömning")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", gid))
        await pilot.press("a")
        assert isinstance(app.screen, AssessmentDialog)
        await pilot.press("d")
        await pilot.pause()
        assert "Nämndmål: 0 helt · 2 delvis" in str(app.screen.query_one("#report-header").render())
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.DELVIS


@sync
async def test_set_assessment_with_arrows(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "down", "down", "enter")  # helt → delvis → ej
        await pilot.pause()
        gid = app.screen.goal.id
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.EJ


@sync
async def test_edit_text_saves_with_ctrl_s(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, TextEditor)
        await pilot.press("end", *" Mer text.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        gid = app.screen.goal.id
    with read(db_path) as s:
        assert s.get("goal", gid).analys == "Analys av inriktningsmålet. Mer text."


@sync
async def test_edit_text_escape_asks_then_discards(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "x", "escape")
        await pilot.pause()
        assert "Kasta" in str(app.screen.query_one(".dialog-question").render())
        await pilot.press("j")  # yes, throw it away
        await pilot.pause()
        assert not isinstance(app.screen, TextEditor)
        gid = app.screen.goal.id
    with read(db_path) as s:
        assert s.get("goal", gid).analys == "Analys av inriktningsmålet."


@sync
async def test_quit_with_q_remembers_place(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        where = app.screen.tree.current
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.tree.current == where
