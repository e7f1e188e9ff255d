"""Indicator and activity tables: edit cells (valid and refused), toggle Avvikelse, add, remove."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import SIZE, goal_id, indicator, make_app, read, sync
from tui.dialogs.cell_editor import CellEditor
from tui.dialogs.confirm import ConfirmDialog
from tui.widgets.report_tree import Ref

SERVICE = "Servicenämnden ger god service"


async def _open_indicators(app, pilot, title: str = SERVICE):  # noqa: ANN001, ANN202
    await pilot.pause()
    app.screen.select(Ref("goal", app.screen.tree.goals and _id(app, title)))
    table = app.screen.detail.indicator_table
    table.focus()
    await pilot.pause()
    return table


def _id(app, title: str) -> int:  # noqa: ANN001
    return next(g.id for g in app.screen.tree.goals.values() if g.title == title)


@sync
async def test_edit_indicator_cell_valid(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_indicators(app, pilot)
        await pilot.press("down", "right")  # Sjukfrånvaro dag 1-14, Periodens utfall
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        assert app.screen.query_one("#cell-input").selected_text == "2,1 %"
        await pilot.press(*"1,9 %", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CellEditor)
        assert str(table.get_cell_at(table.cursor_coordinate)) == "1,9 %"
    assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "1,9 %"


@sync
async def test_edit_indicator_cell_refused(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_indicators(app, pilot)
        await pilot.press("down", "right", "enter")
        await pilot.pause()
        await pilot.press(*"1.900 %", "enter")  # thousands or decimals?
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)  # still open, with the reason
        error = app.screen.query_one("#cell-error")
        assert error.display
        assert "decimalkomma" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CellEditor)
    assert indicator(db_path, "Sjukfrånvaro dag 1-14").outcome == "2,1 %"


@sync
async def test_toggle_deviation_and_edit_date(db_path: Path) -> None:
    gid = goal_id(db_path, "Alla barn ska ges goda villkor")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        app.screen.detail.activity_table.focus()
        await pilot.press("space")
        await pilot.pause()
        with read(db_path) as s:
            assert s.activities(gid)[0].deviation is True
        await pilot.press("right", "right", "e")
        await pilot.pause()
        await pilot.press(*"2023-13-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        assert "datum" in str(app.screen.query_one("#cell-error").render())
        await pilot.press("home", "shift+end", *"2023-12-31", "enter")
        await pilot.pause()
    with read(db_path) as s:
        act = s.activities(gid)[0]
        assert act.deviation is True and act.end_date.isoformat() == "2023-12-31"


@sync
async def test_add_and_remove_indicator(db_path: Path) -> None:
    gid = goal_id(db_path, SERVICE)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_indicators(app, pilot)
        await pilot.press("n", *"Antal besök", "enter")
        await pilot.pause()
        with read(db_path) as s:
            assert [i.name for i in s.indicators(gid)][-1] == "Antal besök"
        table = app.screen.detail.indicator_table
        assert app.focused is table and table.cursor_row == 2
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
    with read(db_path) as s:
        assert [i.name for i in s.indicators(gid)] == [
            "Andel nöjda medborgare",
            "Sjukfrånvaro dag 1-14",
        ]


@sync
async def test_add_and_remove_namndmal(db_path: Path) -> None:
    area = goal_id(db_path, "Alla barn ska ges goda villkor")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", area))
        await pilot.press("n", "down", "down", *"Ett tredje nämndmål", "enter")
        await pilot.pause()
        with read(db_path) as s:
            titles = [g.title for g in s.goal_tree(1)[0].children[0].children]
        assert titles[-1] == "Ett tredje nämndmål"
        assert app.screen.goal.title == "Ett tredje nämndmål"
        await pilot.press("delete", "n")  # asked, and kept
        await pilot.pause()
        with read(db_path) as s:
            assert len(s.goal_tree(1)[0].children[0].children) == 3
        await pilot.press("delete", "j")
        await pilot.pause()
        assert app.screen.goal.id == area
    with read(db_path) as s:
        assert len(s.goal_tree(1)[0].children[0].children) == 2
