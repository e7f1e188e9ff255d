"""After a save the author's place stays: the edited row or text in view, focus where it
was (issue 15, item 1), at 80×24 where the pane is small."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    read,
    sample_db,
    sync,
)
from tui.widgets.report_tree import Ref
from tui.widgets.value_table import ValueTable

SMALL = (80, 24)
MANY_INDICATORS = 23  # the sample's goal with ten indicators below long texts
MANY_ACTIVITIES = 25  # thirteen activities


def _row_in_view(app, table: ValueTable) -> bool:  # noqa: ANN001
    """Whether the cursor's row of `table` is on screen inside the detail pane."""
    pane = app.screen.detail
    row_y = table.region.y + table.header_height + table.cursor_row - round(table.scroll_y)
    visible = pane.content_region.intersection(table.region)
    return visible.height > 0 and visible.y <= row_y < visible.bottom


def _text_in_view(app, block) -> bool:  # noqa: ANN001
    pane = app.screen.detail
    return pane.content_region.intersection(block.region).height > 0


async def _open(app, pilot, goal: int, table: ValueTable, rows: int) -> None:  # noqa: ANN001
    app.screen.go_to(Ref("goal", goal), focus_tree=True)
    await pilot.pause()
    await pilot.press("enter")  # the pane, its first text focused
    await pilot.pause()
    while app.focused is not table:
        await pilot.press("tab")
        await pilot.pause()
    await pilot.press(*["down"] * rows)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@sync
async def test_a_cell_edit_keeps_the_row_in_view(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        table = app.screen.detail.indicator_table
        await _open(app, pilot, MANY_INDICATORS, table, 9)
        await pilot.press("right", "right")
        assert _row_in_view(app, table)
        row, ind = table.cursor_coordinate, table.current
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"12", "enter")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert app.focused is table and table.cursor_coordinate == row
        assert _row_in_view(app, table)
    assert ind is not None
    with read(sample_db) as s:
        assert getattr(s.get("indicator", ind[0]), ind[1]) == "12"


@sync
async def test_adding_a_row_shows_it_with_focus_in_the_table(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        table = app.screen.detail.activity_table
        await _open(app, pilot, MANY_ACTIVITIES, table, 12)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ny aktivitet", "enter")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.pause()
        assert app.focused is table
        assert table.current is not None
        assert table.models[table.current[0]].text == "Ny aktivitet"
        assert _row_in_view(app, table)
    with read(sample_db) as s:
        assert s.activities(MANY_ACTIVITIES)[-1].text == "Ny aktivitet"


@sync
async def test_saving_a_text_keeps_it_in_view_and_focused(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        block = app.screen.detail.query_one("#text-description")
        await _open(app, pilot, MANY_INDICATORS, block, 0)  # type: ignore[arg-type]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+end", *" Tillägg.", "ctrl+s")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert app.focused is block
        assert _text_in_view(app, block)
    with read(sample_db) as s:
        assert s.goal(MANY_INDICATORS).description.endswith(" Tillägg.")


@sync
async def test_a_rows_analys_saved_keeps_the_row_and_its_analys_in_view(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        table = app.screen.detail.indicator_table
        await _open(app, pilot, MANY_INDICATORS, table, 9)
        ind = table.current
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("ctrl+end", *" Mer.", "ctrl+s")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert app.focused is table
        assert _row_in_view(app, table)
        assert _text_in_view(app, app.screen.detail.row_analys(table))
    assert ind is not None
    with read(sample_db) as s:
        assert s.get("indicator", ind[0]).analys.endswith(" Mer.")
