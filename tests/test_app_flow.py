"""Undo and redo, find and jump, export, the report picker, help and the palette."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.models import Assessment
from store.store import Store
from tests.factories import small_document
from tests.test_app_support import (  # noqa: F401 - fixtures
    SIZE,
    _sample_master,
    indicator,
    make_app,
    palette_prompts,
    read,
    sample_db,
    sync,
    until,
)
from tui.dialogs.find import FindDialog
from tui.dialogs.help import HelpDialog
from tui.dialogs.reports import ReportsDialog
from tui.screens.main import MainScreen
from tui.widgets.report_tree import Ref


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


def _place(hit) -> Ref:  # noqa: ANN001
    """Where the workbench goes for a hit: a section, or the goal (of a row)."""
    return Ref("section", hit.id) if hit.kind == "section" else Ref("goal", hit.goal_id or hit.id)


@sync
async def test_find_ranks_titles_first_and_picks_with_arrows(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"mål")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.hits
        assert hits[0].in_title and not hits[-1].in_title


@pytest.mark.parametrize("downs", [1, 2])
@sync
async def test_find_enter_opens_the_highlighted_hit(db_path: Path, downs: int) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"stockholm")
        await pilot.pause()
        hits = list(app.screen.hits)
        assert len({_place(h) for h in hits}) == 3  # three places to tell apart
        await pilot.press("down")  # from the input to the results, the first highlighted
        await pilot.press(*["down"] * downs, "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.shown == _place(hits[downs]) != _place(hits[0])
        assert app.screen.tree.current == _place(hits[downs])


@sync
async def test_find_enter_in_the_input_opens_the_first_hit(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"stockholm")
        await pilot.pause()
        first = app.screen.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.shown == _place(first) == Ref("goal", 5)


# In the small document, only outside goal 1 and everything below it.
OUTSIDE_GOAL_1 = [
    "Ett grönt Stockholm",  # goal 2
    "Sammanfattande analys",  # the sections
    "Nämnden bidrar till målen.",
    "Fem nämndmål.",
    "Resultat per verksamhetsområde",  # the economy table
    "Resultat före bokslutsdisposition",
    "52,6",
    "Intern kontroll",
    "Inga väsentliga avvikelser.",
]
# Goal 1, its area goal 1.1, the nämndmål below and their indicators and activities.
INSIDE_GOAL_1 = [
    "Analys av inriktningsmålet.",
    "Alla barn ska ges goda villkor",
    "Utreda kolloplatser",
    "Servicenämnden ger god service",
    "Nöjda medborgare.",
    "Sjukfrånvaro dag 1-14",
    "Ett nytt mål utan bedömning",
]


# The export dialog offers a goal "with everything below it" as a document (md, docx);
# in CSV a goal's tables are offered one by one (tests/test_app_export_dialog.py).
@pytest.mark.parametrize("fmt", ["md"])
@sync
async def test_export_goal_is_that_goal_and_what_is_below_it(
    db_path: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"mal.{fmt}"
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.goal.title == "Ett Stockholm som håller samman"  # goal 1, in the tree
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one(f"#{fmt}").value = True
        await pilot.pause()
        app.screen.query_one("#export-folder").value = str(tmp_path)
        app.screen.query_one("#export-name").value = out.name
        app.screen.query_one("#export-name").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = out.read_text(encoding="utf-8")
    for inside in INSIDE_GOAL_1 if fmt == "md" else INSIDE_GOAL_1[1:2] + INSIDE_GOAL_1[3:4]:
        assert inside in text, inside
    for outside in OUTSIDE_GOAL_1:
        assert outside not in text, outside
    if fmt == "md":
        assert text.count("Ett Stockholm som håller samman") == 1  # the goal, not the section


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
        with read(db_path) as s:
            other = next(r for r in s.reports() if r.organisation != start)
            first = s.goal_tree(other.id)[0]
        assert app.screen.report.id == other.id
        assert app.screen.tree.current == Ref("goal", first.id)  # its first goal, shown
        assert app.screen.goal.id == first.id


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
        assert await until(pilot, lambda: any("nytt mål utan" in p for p in palette_prompts(app)))
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
