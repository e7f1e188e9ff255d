"""Shaping a report in the workbench, the rest of issue 12 §4: a nämndmål directly under an
inriktningsmål (n, M), the first goal of an empty report, the report's own fields on `R`,
economy rows and tables brought back with `U`, and the organisation named in the
history. Each checked in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.models import Goal
from store.store import Store
from tests.test_app_support import SIZE, goal_id, make_app, read, sync
from tui import actions
from tui.cli import main
from tui.dialogs.add import AddDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.heading import HeadingDialog
from tui.dialogs.help import key_name
from tui.dialogs.history import DeletionsDialog
from tui.dialogs.parent_picker import ParentPicker
from tui.widgets.goal_detail import TextBlock
from tui.widgets.report_tree import Ref
from tui.widgets.value_table import EconomyGrid

ROOT = "Ett Stockholm som håller samman"
GREEN = "Ett grönt Stockholm"
CHILDREN = "Alla barn ska ges goda villkor"


def _goal(path: Path, title: str) -> Goal:
    with read(path) as s:
        return s.get("goal", goal_id(path, title))


@sync
async def test_n_on_an_inriktningsmal_adds_a_namndmal_directly_under_it_and_m_moves_it(
    db_path: Path,
) -> None:
    root, green, area = (goal_id(db_path, t) for t in (ROOT, GREEN, CHILDREN))
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", root), focus_tree=True)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AddDialog)
        assert app.screen.kinds == ["omradesmal", "namndmal", "inriktningsmal"]
        await pilot.press("down", *"Nämnden har öppna data", "enter")
        await pilot.pause()
        new = _goal(db_path, "Nämnden har öppna data")
        assert (new.level, new.parent_id, new.code) == (3, root, None)
        assert app.screen.tree.current == Ref("goal", new.id or 0)
        # M: a nämndmål may go under an områdesmål or another inriktningsmål.
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, ParentPicker)
        assert app.screen.choices == [(area, f"  1.1 {CHILDREN}"), (green, f"2. {GREEN}")]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert _goal(db_path, "Nämnden har öppna data").parent_id == green
        assert app.screen.tree.current == Ref("goal", new.id or 0)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _goal(db_path, "Nämnden har öppna data").parent_id == root


@sync
async def test_an_empty_report_gets_its_first_inriktningsmal_with_n(tmp_path: Path) -> None:
    path = tmp_path / "tom.db"
    with Store(path, create=True) as store:
        report = store.new_report("Kulturnämnden", "T1", 2024)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        assert tree.nodes == {} and tree.has_focus
        assert _empty_pane_says_what_to_do(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AddDialog)
        assert app.screen.kinds == ["inriktningsmal"]
        await pilot.press(*"Ett Stockholm som håller samman", "enter")
        await pilot.pause()
        with read(path) as s:
            (top,) = s.goal_tree(report)
        assert (top.level, top.code, top.title) == (1, "1", "Ett Stockholm som håller samman")
        assert app.screen.tree.current == Ref("goal", top.id or 0)
        # On it, n goes on: an områdesmål under it, numbered.
        await pilot.press("n", *"Alla barn", "enter")
        await pilot.pause()
        with read(path) as s:
            assert [(g.code, g.title) for g in s.goal_tree(report)[0].children] == [
                ("1.1", "Alla barn")
            ]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        with read(path) as s:
            assert s.goal_tree(report) == []
        assert app.screen.tree.nodes == {}
        assert _empty_pane_says_what_to_do(app)


def _empty_pane_says_what_to_do(app: Any) -> bool:
    """No goal: the pane names the first step instead of showing empty boxes."""
    detail = app.screen.detail
    title = str(detail.query_one("#detail-title").render())
    shown = [b for b in detail.query(TextBlock) if b.display]
    return "inga mål" in title and shown == [] and detail.goal is None


@sync
async def test_r_edits_the_reports_own_fields_and_renames_a_column_in_a_grid(
    db_path: Path,
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.tree.focus()
        await pilot.pause()
        rows = dict(actions.help_rows(app.screen.active_bindings, key_name))
        assert rows["R"] == "Rapportens uppgifter"
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, HeadingDialog)
        app.screen.query_one("#heading-organisation").value = "Kulturnämnden"
        app.screen.query_one("#heading-period").focus()
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            assert s.report(1).organisation == "Kulturnämnden"
        # In an economy grid R keeps its meaning there: the column's heading.
        with read(db_path) as s:
            table = s.economy_tables(1)[0]
        app.screen.go_to(Ref("table", table.id or 0))
        await pilot.pause()
        grid = app.screen.query_one(EconomyGrid)
        grid.focus()
        grid.move_cursor(row=0, column=1)
        await pilot.press("R")
        await pilot.pause()
        assert not app.screen.query("#heading-organisation")
        await pilot.press("escape")


@sync
async def test_u_brings_back_a_removed_economy_row_and_table(db_path: Path) -> None:
    with read(db_path) as s:
        (table,) = s.economy_tables(1)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("table", table.id or 0))
        await pilot.pause()
        grid = app.screen.query_one(EconomyGrid)
        grid.focus()
        grid.move_cursor(row=1, column=1)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        with read(db_path) as s:
            assert [r.label for r in s.economy_table(table.id).rows] == [  # type: ignore[arg-type]
                "Ekonomi",
                "Resultat före bokslutsdisposition",
            ]
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, DeletionsDialog)
        assert [d.entity for d in app.screen.deletions] == ["economy_row"]
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            assert s.economy_table(table.id) == table  # type: ignore[arg-type]
        # The whole table, with its rows.
        app.screen.go_to(Ref("table", table.id or 0), focus_tree=True)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        with read(db_path) as s:
            assert s.economy_tables(1) == []
        await pilot.press("U")
        await pilot.pause()
        assert app.screen.deletions[0].entity == "economy_table"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            assert s.economy_tables(1) == [table]
        assert app.screen.tree.current == Ref("table", table.id or 0)


def test_history_names_the_organisation_not_its_id(db_path: Path, capsys) -> None:  # noqa: ANN001
    with Store(db_path) as store:
        before = store.report(1)
        store.set_report(1, "Kulturnämnden", "T2", 2023, before.period)
    capsys.readouterr()
    assert main(["history", "--db", str(db_path)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "\tOrganisation\t" in line]
    assert len(lines) == 1 and lines[0].endswith("Testnämnden → Kulturnämnden")


@sync
async def test_a_report_from_the_city_goals_shows_them_in_the_tree(tmp_path: Path) -> None:
    from store.sample import load_city_goals

    path = tmp_path / "kf.db"
    with Store(path, create=True) as store:
        report = store.new_report("Kulturnämnden", "T1", 2024, goals=load_city_goals(2023))
        tops = [g.id for g in store.goal_tree(report)]
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [ref.id for ref in app.screen.tree.nodes if ref.kind == "goal"]
        assert len(shown) > len(tops) and set(tops) <= set(shown)
        assert app.screen.tree.current == Ref("goal", tops[0])


@sync
async def test_k_renumbers_the_inriktningsmal_and_what_is_under_them_one_ctrl_z_undoes_it(
    db_path: Path,
) -> None:
    green = goal_id(db_path, GREEN)
    with Store(db_path) as store:
        store.add("goal", Goal(level=2, title="Klimat", parent_id=green))  # numbered 2.1

    def codes() -> list[tuple[str | None, str]]:
        with read(db_path) as s:
            return [(g.code, g.title) for t in s.goal_tree(1) for g in (t, *t.children)]

    before = codes()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", green), focus_tree=True)
        await pilot.pause()
        await pilot.press("K")
        await pilot.pause()
        assert codes() == [("1", GREEN), ("1.1", "Klimat"), ("2", ROOT), ("2.1", CHILDREN)]
        assert app.screen.tree.current == Ref("goal", green)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert codes() == before


def test_a_removed_economy_row_is_offered_back_only_while_its_table_has_its_width(
    store: Store,
) -> None:
    (table,) = store.economy_tables(1)
    row = table.rows[1]
    store.delete("economy_row", row.id or 0)
    assert [(d.entity, d.entity_id) for d in store.deletions(1)] == [("economy_row", row.id)]
    store.add_column(table.id or 0, "Prognos")
    assert store.deletions(1) == []


@sync
async def test_the_reports_fields_fit_an_80x24_terminal_whole(db_path: Path) -> None:
    """Four fields and the hint, each whole inside the dialog on the screen."""
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HeadingDialog)
        inputs = list(dialog.query("Input"))
        hint = dialog.query_one(".dialog-hint")
        assert len(inputs) == 4
        box = dialog.query_one("#heading-dialog").region  # what the dialog shows of itself
        assert box.bottom <= 24
        for widget in [*inputs, hint]:
            assert box.contains_region(widget.region), (widget, widget.region, box)
