"""Widgets own their verbs, the palette runs them as a key would, and a change goes to the
widget that shows it: the tree is read again only when goals come or go."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import SIZE, goal_id, indicator, make_app, read, sync
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.history import FieldHistoryDialog
from tui.widgets.report_tree import Ref

SERVICE = "Servicenämnden ger god service"
CHILDREN = "Alla barn ska ges goda villkor"
SICK = "Sjukfrånvaro dag 1-14"


@sync
async def test_the_palette_runs_the_verb_of_what_is_under_the_cursor(db_path: Path) -> None:
    gid = goal_id(db_path, CHILDREN)
    with read(db_path) as s:
        (act,) = s.activities(gid)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        app.screen.detail.activity_table.focus()
        await pilot.pause()
        app.screen.run_verb("remove")  # the table's: its row, not the goal shown
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert act.text in str(app.screen.query_one(".dialog-question").render())
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one("#text-analys").focus()
        await pilot.pause()
        app.screen.run_verb("field_history")  # the text's own field
        await pilot.pause()
        assert "Ingen historik för fältet" in [n.message for n in app._notifications]
        app.screen.tree.focus()
        await pilot.pause()
        app.screen.run_verb("row_analys")  # nothing in the tree takes it: said so
        await pilot.pause()
        assert any("tabellen" in n.message for n in app._notifications)
    with read(db_path) as s:
        assert s.activities(gid) == []
        assert [g.title for g in s.goal_tree(1)[0].children[0].children][0] == SERVICE


@sync
async def test_an_edit_updates_in_place_and_a_new_goal_reads_the_tree_again(
    db_path: Path,
) -> None:
    area = goal_id(db_path, CHILDREN)
    gid = goal_id(db_path, SERVICE)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        table = app.screen.detail.indicator_table
        table.focus()
        await pilot.pause()
        nodes = dict(app.screen.tree.nodes)
        await pilot.press("down", "right", "e", *"1,9 %", "enter")  # Sjukfrånvaro's utfall
        await pilot.pause()
        assert str(table.get_cell_at(table.cursor_coordinate)) == "1,9 %"
        assert table.cursor_coordinate == (1, 1)  # where the author was
        assert app.screen.tree.nodes == nodes  # the same nodes: the tree was not read again
        await pilot.press("H")  # the cell's history, asked of the table
        await pilot.pause()
        assert isinstance(app.screen, FieldHistoryDialog)
        await pilot.press("escape")
        app.screen.select(Ref("goal", area))
        app.screen.tree.focus()
        await pilot.pause()
        await pilot.press("a", "d")  # the area goal: helt → Uppfylls delvis
        await pilot.pause()
        node = app.screen.tree.nodes[Ref("goal", area)]
        assert node is nodes[Ref("goal", area)]  # the node shows it, not a new tree
        assert app.screen.tree.goals[area].assessment == "delvis"
        assert "Områdesm. 0H 1D 0E" in str(app.screen.query_one("#report-header").render())
        await pilot.press("n", "down", "down", *"Ett tredje nämndmål", "enter")
        await pilot.pause()
        assert app.screen.tree.nodes[Ref("goal", area)] is not node  # goals came: read again
        assert app.screen.goal.title == "Ett tredje nämndmål"
    assert indicator(db_path, SICK).outcome == "1,9 %"


@sync
async def test_undo_of_a_goal_removed_meanwhile_reads_the_tree_again(db_path: Path) -> None:
    gid = goal_id(db_path, SERVICE)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        app.screen.tree.focus()
        await pilot.pause()
        await pilot.press("a", "h")
        await pilot.pause()
        with read(db_path) as other:  # another program removes the goal meanwhile
            other.delete("goal", gid)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Kunde inte ångra", True) in [
            (n.title, "hoppas över" in n.message) for n in app._notifications
        ]
        assert Ref("goal", gid) not in app.screen.tree.nodes
        assert app.screen.editor.position == 0
    with read(db_path) as s:
        assert gid not in [g.id for g in s.goal_tree(1)[0].children[0].children]
