"""Room on a small terminal (issue 15, item 5): `w` widens or hides the tree, remembered in
the file; `o` opens a row's fields one under the other, each editable, with the previous
report's value beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    read,
    sample_db,
    sync,
)
from tui.dialogs.cell_editor import CellEditor
from tui.dialogs.conflict import ConflictDialog
from tui.dialogs.row_view import FieldLine, RowView
from tui.screens.main import STATE_REPORT
from tui.widgets.panes import STATE_TREE
from tui.widgets.report_tree import Ref

SMALL = (80, 24)


def _carried_report(path: Path) -> tuple[int, int, int]:
    """A VB carried from the sample's T2, opened next; (report, goal, indicator) of its
    first carried indicator whose T2 outcome is known."""
    with read(path) as s:
        vb = s.new_report("Servicenämnden", "VB", 2023, from_report=1)
        s.set_state(STATE_REPORT, str(vb))
        previous = s.previous_values(vb)
        ind_id = next(i for i, o in previous.items() if o.item.outcome == "87")
        ind = s.get("indicator", ind_id)
        return vb, ind.goal_id, ind_id


async def _table_on(app, pilot, goal: int, entity: str, row_id: int):  # noqa: ANN001, ANN202
    app.screen.go_to(Ref("goal", goal))
    await pilot.pause()
    table = app.screen.detail.indicator_table if entity == "indicator" else None
    table = table or app.screen.detail.activity_table
    table.move_to(row_id, "name" if entity == "indicator" else "text")
    table.focus()
    await pilot.pause()
    return table


@sync
async def test_w_widens_then_hides_the_tree_and_the_file_remembers(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tree, pane = app.screen.tree, app.screen.detail
        normal = tree.region.width
        await pilot.press("w")
        await pilot.pause()
        assert tree.region.width > normal + 10 and app.focused is tree
        await pilot.press("w")
        await pilot.pause()
        assert not tree.region and pane.region.width == 80
        assert app.focused is not None and pane in app.focused.ancestors_with_self
    with read(sample_db) as s:
        assert s.state(STATE_TREE) == "hidden"
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:  # opened again: still hidden
        await pilot.pause()
        assert not app.screen.tree.region and app.screen.detail.region.width == 80
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.tree.region.width == normal
    with read(sample_db) as s:
        assert s.state(STATE_TREE) == "normal"


@sync
async def test_o_shows_every_field_with_the_previous_reports_value(sample_db: Path) -> None:  # noqa: F811
    vb, goal, ind = _carried_report(sample_db)
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.screen.report_id == vb
        table = await _table_on(app, pilot, goal, "indicator", ind)
        await pilot.press("o")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, RowView)
        lines = {line.spec.field: line for line in view.query(FieldLine)}
        assert list(lines) == [*table.columns_by_field, "unit", "direction", "analys", "to_check"]
        outcome = str(lines["outcome"].render())
        assert "Periodens utfall" in outcome and "T2 2023: 87" in outcome
        assert app.focused is lines["name"]
        await pilot.press("down", "e")  # the outcome, in the cell editor
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        await pilot.press(*"91", "enter")  # the value was selected: typed over
        await pilot.pause()
        assert app.screen is view and app.focused is lines["outcome"]
        assert "91" in str(lines["outcome"].render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is table
        assert str(table.get_cell(str(ind), "outcome")) == "91"
    with read(sample_db) as s:
        assert s.get("indicator", ind).outcome == "91"


async def _edit_line(pilot, view, field: str) -> None:  # noqa: ANN001
    """From the row view's first line down to `field`'s, and its editor opened."""
    fields = [f.spec.field for f in view.query(FieldLine)]
    await pilot.press(*["down"] * fields.index(field), "enter")
    await pilot.pause()


@sync
async def test_o_shows_and_edits_the_direction_beside_the_previous_reports(
    sample_db: Path,  # noqa: F811
) -> None:
    """Riktning (is higher or lower better) is a line of the row view: the T2's value
    beside it, typed as a word, a word that is no direction refused where it was typed."""
    vb, goal, ind = _carried_report(sample_db)
    with read(sample_db) as s:
        origin = s.previous_values(vb)[ind].item.id
        s.update("indicator", origin, "direction", "lower")  # the T2 said: lower is better
        s.update("indicator", ind, "direction", None)
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await _table_on(app, pilot, goal, "indicator", ind)
        await pilot.press("o")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, RowView)
        line = view.line("direction")
        shown = str(line.render())
        assert "Riktning" in shown and "T2 2023: lägre är bättre" in shown and "(tom)" in shown
        await _edit_line(pilot, view, "direction")
        assert isinstance(app.screen, CellEditor)
        assert "Riktning (högre, lägre eller tomt)" in str(
            app.screen.query_one(".dialog-title").render()
        )
        await pilot.press(*"bättre", "enter")  # no direction: refused, nothing written
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        assert "skriv högre" in str(app.screen.query_one("#cell-error").render())
        with read(sample_db) as s:
            assert s.get("indicator", ind).direction is None
        app.screen.query_one("#cell-input").value = "hög"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is view and app.focused is line
        assert "högre är bättre" in str(line.render())
        with read(sample_db) as s:
            assert s.get("indicator", ind).direction == "higher"
            assert s.get("indicator", origin).direction == "lower"  # the T2 as it was
        await pilot.press("enter")  # again, from the shown "högre är bättre"
        await pilot.pause()
        app.screen.query_one("#cell-input").value = "lägre"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is view
    with read(sample_db) as s:
        assert s.get("indicator", ind).direction == "lower"
        last = s.field_history("indicator", ind, "direction")[0]
        assert (last.old, last.new) == ("higher", "lower")


@sync
async def test_a_direction_conflict_says_the_files_value_in_words(
    sample_db: Path,  # noqa: F811
) -> None:
    """Another window set Riktning while the author typed: the question says 'högre är
    bättre', as the report does, not the stored code."""
    vb, goal, ind = _carried_report(sample_db)
    with read(sample_db) as s:
        s.update("indicator", ind, "direction", None)
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await _table_on(app, pilot, goal, "indicator", ind)
        await pilot.press("o")
        await pilot.pause()
        view = app.screen
        await _edit_line(pilot, view, "direction")
        with read(sample_db) as s:  # meanwhile, in another window
            s.update("indicator", ind, "direction", "higher")
        app.screen.query_one("#cell-input").value = "lägre"
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        values = str(dialog.query_one("#conflict-values").render())
        assert "högre är bättre" in values and "higher" not in values
        await pilot.press("m")  # Skriv mitt
        await pilot.pause()
    with read(sample_db) as s:
        assert s.get("indicator", ind).direction == "lower"


@sync
async def test_o_on_an_activity_edits_its_text_fields_and_refuses_a_bad_date(
    sample_db: Path,  # noqa: F811
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        with read(sample_db) as s:
            act = s.activities(25)[0]
        await _table_on(app, pilot, 25, "activity", act.id)
        await pilot.press("o")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, RowView)
        fields = [line.spec.field for line in view.query(FieldLine)]
        assert fields == ["text", "start_date", "end_date", "deviation", "analys"]
        await pilot.press("down", "enter")
        await pilot.pause()
        app.screen.query_one("#cell-input").value = "2023-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        assert "februari 2023 har 28 dagar" in str(app.screen.query_one("#cell-error").render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "down", "down", "e")  # Analys, in the text editor
        await pilot.pause()
        await pilot.press("ctrl+end", *" Klart.", "ctrl+s")
        await pilot.pause()
        assert app.screen is view
        assert "Klart." in str(view.line("analys").render())
    with read(sample_db) as s:
        after = s.get("activity", act.id)
        assert after.start_date == act.start_date and after.analys.endswith(" Klart.")


@pytest.mark.parametrize("what", ["hidden_tree", "row_view"])
def test_small_terminal_snapshots(snap_compare, sample_db: Path, monkeypatch, what: str) -> None:  # noqa: ANN001, F811
    monkeypatch.chdir(sample_db.parent)
    vb, goal, ind = _carried_report(sample_db)
    app = make_app(Path(sample_db.name))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        if what == "hidden_tree":
            await pilot.press("w", "w")
        else:
            await _table_on(app, pilot, goal, "indicator", ind)
            await pilot.press("o")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


@sync
async def test_headers_at_80_columns_start_whole_beside_the_name(sample_db: Path) -> None:  # noqa: F811
    """Moving right through an indicator table at 80×24, the first column beside the
    fixed name always starts whole: its two-line heading is never cut in a word."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = await _table_on(app, pilot, 23, "indicator", 0)
        labels = list(table.columns_by_field.values())
        words = {w for label in labels for w in label.split()}
        name_width = table.ordered_columns[0].get_render_width(table)
        seen = []
        for _ in labels:
            await pilot.press("right")
            await pilot.pause()
            heading = [table.render_line(y).text[name_width:] for y in range(2)]
            first = [line.split()[0] for line in heading if line.strip()]
            assert first and all(w in words for w in first), heading
            seen.append(first[0])
        assert "Period" in seen and table.header_height == 2
