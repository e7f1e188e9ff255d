"""Table headings are never cut in a word (issue 15, item 5): at the right edge of a
table's view (and beside its fixed name column) a column is shown whole or not at all,
its heading and its values alike, at 80×24 and at 120×40."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app_support import _sample_master, make_app, read, sample_db, sync  # noqa: F401
from tui.widgets.report_tree import Ref
from tui.widgets.value_table import EconomyGrid, ValueTable

SIZES = [(80, 24), (120, 40)]
GOAL = 23  # a nämndmål of the sample whose indicators have values in most columns


def _words(text: str) -> str:
    return " ".join(text.split())


def shown_columns(table: ValueTable | EconomyGrid) -> list[tuple[str, str, str]]:
    """(full heading, heading as shown, why) for every scrolled column the view reaches,
    and (full value, value as shown, why) for each of its cells in view; read from the
    rendered lines, at the columns' places."""
    columns = table.ordered_columns
    widths = [c.get_render_width(table) for c in columns]
    fixed = sum(widths[: table.fixed_columns])
    scroll_x = round(table.scroll_x)
    lines = [table.render_line(y).text for y in range(table.size.height)]
    view = len(lines[0])
    out = []
    start = fixed
    for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
        if index < table.fixed_columns:
            continue
        begin, end = start, start + width
        start = end
        left, right = max(begin, scroll_x + fixed), min(end, scroll_x + view)
        if left >= right:
            continue  # wholly out of view
        a, b = left - scroll_x, right - scroll_x
        heading = _words(" ".join(line[a:b] for line in lines[: table.header_height]))
        out.append((_words(column.label.plain), heading, f"heading of column {index}"))
        for row in range(min(table.row_count, view)):
            y = table.header_height + row
            if y >= len(lines):
                break
            full = _words(str(table.get_cell_at((row, index))))
            out.append((full, _words(lines[y][a:b]), f"row {row}, column {index}"))
    return out


async def _walk_right(pilot, table) -> list[tuple[str, str, str]]:  # noqa: ANN001
    """Every column's place in view, moving the cursor right across the table."""
    seen = []
    for _ in range(len(table.ordered_columns) + 1):
        seen += shown_columns(table)
        await pilot.press("right")
        await pilot.pause()
    await pilot.press("home")  # and back to the first column at once
    await pilot.pause()
    return seen + shown_columns(table)


def _cut(seen: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """What was shown in part: something, but not all of it (a proper prefix, say)."""
    return [(full, shown, why) for full, shown, why in seen if shown and shown != full]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@sync
async def test_no_indicator_heading_or_value_is_shown_cut(sample_db: Path, size) -> None:  # noqa: ANN001, F811
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", GOAL))
        await pilot.pause()
        table = app.screen.detail.indicator_table
        table.focus()
        await pilot.pause()
        seen = await _walk_right(pilot, table)
        for x in (3, 7):  # scrolled sideways by the mouse: columns cut at the left edge too
            table.scroll_to(x=x, animate=False, force=True)
            await pilot.pause()
            assert round(table.scroll_x) == x
            seen += shown_columns(table)
        assert _cut(seen) == []
        headings = {full for full, shown, why in seen if why.startswith("heading") and shown}
        # Each value column was shown whole at some point of the walk.
        assert headings == {_words(c.label.plain) for c in table.ordered_columns[1:]}
        assert len(table.ordered_columns) == 9 and table.row_count >= 2


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@sync
async def test_no_economy_heading_or_value_is_shown_cut(sample_db: Path, size) -> None:  # noqa: ANN001, F811
    with read(sample_db) as s:
        first = s.economy_tables(1)[0].id
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("table", first))
        await pilot.pause()
        grid = app.screen.detail.query_one(EconomyGrid)
        grid.focus()
        await pilot.pause()
        seen = await _walk_right(pilot, grid)
        assert _cut(seen) == []
        headings = {full for full, shown, why in seen if why.startswith("heading") and shown}
        assert headings == {_words(c.label.plain) for c in grid.ordered_columns[1:]}
        # The row labels beside them are shortened with an ellipsis, never cut bare.
        name = grid.ordered_columns[0].get_render_width(grid)
        for y in range(grid.header_height, grid.header_height + grid.row_count):
            label = grid.render_line(y).text[:name].rstrip()
            full = str(grid.get_cell_at((y - grid.header_height, 0)))
            assert label.strip() == full.strip() or label.endswith("…"), (label, full)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_indicator_table_snapshot(snap_compare, sample_db: Path, monkeypatch, size) -> None:  # noqa: ANN001, F811
    """The indicator table as it opens: the last column that does not fit is left out."""
    monkeypatch.chdir(sample_db.parent)
    app = make_app(Path(sample_db.name))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        app.screen.go_to(Ref("goal", GOAL))
        await pilot.pause()
        table = app.screen.detail.indicator_table
        table.focus()
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
