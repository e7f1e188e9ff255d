"""Shaping a report in the workbench (issue 12 §4): a goal added, renumbered and moved with
the keys, an economy cell edited; each checked in the file, each undone with one ctrl+z."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import SIZE, goal_id, make_app, read, sync
from tui.dialogs.add import AddDialog
from tui.dialogs.cell_editor import CellEditor
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.heading import HeadingDialog
from tui.dialogs.parent_picker import ParentPicker
from tui.widgets.report_tree import Ref
from tui.widgets.value_table import EconomyGrid

ROOT = "Ett Stockholm som håller samman"
GREEN = "Ett grönt Stockholm"
CHILDREN = "Alla barn ska ges goda villkor"


def _children(path: Path, parent_id: int) -> list[tuple[int, str | None, str]]:
    with read(path) as s:
        goals = {g.id: g for g in _walk(s.goal_tree(1))}
        return [(c.id or 0, c.code, c.title) for c in goals[parent_id].children]


def _walk(goals):  # noqa: ANN001, ANN202
    for g in goals:
        yield g
        yield from _walk(g.children)


@sync
async def test_a_goal_is_added_renumbered_and_moved_each_undone_in_one_step(
    db_path: Path,
) -> None:
    root, green = goal_id(db_path, ROOT), goal_id(db_path, GREEN)
    area = goal_id(db_path, CHILDREN)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", root), focus_tree=True)
        await pilot.pause()
        # n on an inriktningsmål: an områdesmål under it, numbered after its siblings.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AddDialog)
        await pilot.press(*"Trygg skola", "enter")
        await pilot.pause()
        children = _children(db_path, root)
        assert [c[1:] for c in children] == [("1.1", CHILDREN), ("1.2", "Trygg skola")]
        new = children[1][0]
        assert app.screen.tree.current == Ref("goal", new)
        # t: number and title in one dialog; a bad number is refused next to its field.
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, HeadingDialog)
        app.screen.query_one("#heading-code").value = "x1"
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#heading-error-code")
        assert "passar inte" in str(error.render()) and error.has_class("shown")
        app.screen.query_one("#heading-code").value = "1.5"
        app.screen.query_one("#heading-title").value = "Trygg och säker skola"
        app.screen.query_one("#heading-title").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HeadingDialog)
        assert _children(db_path, root)[1][1:] == ("1.5", "Trygg och säker skola")
        # K: first among its siblings.
        await pilot.press("K")
        await pilot.pause()
        assert [c[0] for c in _children(db_path, root)] == [new, area]
        assert app.screen.tree.current == Ref("goal", new)
        # M: under another inriktningsmål, picked from the valid parents.
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, ParentPicker)
        assert app.screen.choices == [(green, f"2. {GREEN}")]
        await pilot.press("enter")
        await pilot.pause()
        assert [c[0] for c in _children(db_path, green)] == [new]
        assert [c[0] for c in _children(db_path, root)] == [area]
        # One ctrl+z per compound edit, newest first.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c[0] for c in _children(db_path, root)] == [new, area]
        assert _children(db_path, green) == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c[0] for c in _children(db_path, root)] == [area, new]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _children(db_path, root)[1][1:] == ("1.2", "Trygg skola")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c[0] for c in _children(db_path, root)] == [area]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert _children(db_path, root)[1][1:] == ("1.2", "Trygg skola")


@sync
async def test_an_inriktningsmal_is_added_and_removed_saying_what_goes_with_it(
    db_path: Path,
) -> None:
    root = goal_id(db_path, ROOT)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", root), focus_tree=True)
        await pilot.pause()
        await pilot.press("n", "down", "down", *"Ett demokratiskt Stockholm", "enter")
        await pilot.pause()
        with read(db_path) as s:
            tops = [(g.code, g.title) for g in s.goal_tree(1)]
        assert tops[-1] == ("3", "Ett demokratiskt Stockholm")
        app.screen.go_to(Ref("goal", root), focus_tree=True)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-question").render())
        assert "inriktningsmålet" in question
        assert "3 mål, 2 indikatorer, 1 aktiviteter" in question
        await pilot.press("j")
        await pilot.pause()
        with read(db_path) as s:
            assert [g.title for g in s.goal_tree(1)] == [GREEN, "Ett demokratiskt Stockholm"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(db_path) as s:
            assert s.goal_tree(1)[0].title == ROOT
            assert len(list(_walk(s.goal_tree(1)))) == 6


@sync
async def test_an_economy_cell_is_edited_and_a_bad_value_refused_beside_it(
    db_path: Path,
) -> None:
    with read(db_path) as s:
        table = s.economy_tables(1)[0]
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("table", table.id or 0))
        await pilot.pause()
        grid = app.screen.query_one(EconomyGrid)
        grid.focus()
        grid.move_cursor(row=1, column=2)  # Upphandling, Kostnader
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CellEditor)
        await pilot.press(*"30.1", "enter")
        await pilot.pause()
        error = app.screen.query_one("#cell-error")
        assert error.has_class("shown") and "30.1" in str(error.render())
        with read(db_path) as s:
            assert s.economy_table(table.id).rows[1].cells == table.rows[1].cells  # type: ignore[arg-type]
        app.screen.query_one("#cell-input").value = "30,1"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CellEditor)
        with read(db_path) as s:
            assert s.economy_table(table.id).rows[1].cells == ["32,8", "30,1", "3,1"]  # type: ignore[arg-type]
        grid = app.screen.query_one(EconomyGrid)
        assert app.screen.focused is grid and grid.cursor_coordinate == (1, 2)
        assert str(grid.get_cell_at(grid.cursor_coordinate)) == "30,1"
        # A row and a column added, the row marked a total: each one ctrl+z.
        await pilot.press("n", *"Övrigt", "enter")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        with read(db_path) as s:
            rows = s.economy_table(table.id).rows  # type: ignore[arg-type]
        assert (rows[-1].label, rows[-1].is_total, rows[-1].cells) == ("Övrigt", True, [""] * 3)
        await pilot.press("N", *"Prognos", "enter")
        await pilot.pause()
        with read(db_path) as s:
            t = s.economy_table(table.id)  # type: ignore[arg-type]
        assert len(t.columns) == 4 and all(len(r.cells) == 4 for r in t.rows)
        for _ in range(4):
            await pilot.press("ctrl+z")
            await pilot.pause()
        with read(db_path) as s:
            t = s.economy_table(table.id)  # type: ignore[arg-type]
        assert t.columns == table.columns and t.rows == table.rows


@sync
async def test_an_indicator_gets_unit_and_direction_and_moves(db_path: Path) -> None:
    from tests.test_app_support import indicator

    service = goal_id(db_path, "Servicenämnden ger god service")
    first = indicator(db_path, "Andel nöjda medborgare")
    sick = indicator(db_path, "Sjukfrånvaro dag 1-14")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", service))
        table = app.screen.detail.indicator_table
        table.focus()
        await pilot.pause()
        await pilot.press("down", "t")
        await pilot.pause()
        assert isinstance(app.screen, HeadingDialog)
        assert app.screen.query_one("#heading-direction").value == "lägre"
        app.screen.query_one("#heading-unit").value = "%"
        app.screen.query_one("#heading-direction").value = "bättre"
        app.screen.query_one("#heading-direction").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "går inte" in str(app.screen.query_one("#heading-error-direction").render())
        app.screen.query_one("#heading-direction").value = "hö"
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            got = s.get("indicator", sick.id)
        assert (got.unit, got.direction) == ("%", "higher")
        await pilot.press("K")  # Sjukfrånvaro first
        await pilot.pause()
        with read(db_path) as s:
            assert [i.id for i in s.indicators(service)] == [sick.id, first.id]
        assert table.current is not None and table.current[0] == sick.id
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(db_path) as s:
            assert [i.id for i in s.indicators(service)] == [first.id, sick.id]
        await pilot.press("ctrl+z")  # unit and direction together: one step
        await pilot.pause()
        with read(db_path) as s:
            got = s.get("indicator", sick.id)
        assert (got.unit, got.direction) == ("", "lower")


def _sections(path: Path) -> list[tuple[int, str]]:
    with read(path) as s:
        return [(x.id or 0, x.title) for x in s.sections(1)]


@sync
async def test_a_section_is_added_renamed_moved_removed_and_restored(db_path: Path) -> None:
    before = _sections(db_path)
    control = before[-1][0]  # Intern kontroll
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("section", before[0][0]), focus_tree=True)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HeadingDialog)
        await pilot.press(*"Investeringar", "enter")
        await pilot.pause()
        now = _sections(db_path)
        assert [t for _, t in now] == [before[0][1], "Investeringar", *[t for _, t in before[1:]]]
        new = now[1][0]
        assert app.screen.tree.current == Ref("section", new)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#heading-title").value = "Investeringar 2023"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("J")
        await pilot.pause()
        assert [t for _, t in _sections(db_path)][2] == "Investeringar 2023"
        for _ in range(3):  # moved, renamed, added: one step each
            await pilot.press("ctrl+z")
            await pilot.pause()
        assert _sections(db_path) == before
        app.screen.go_to(Ref("section", control), focus_tree=True)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert _sections(db_path) == before[:-1]
        await pilot.press("U")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert _sections(db_path) == before


@sync
async def test_an_economy_table_is_added_and_removed(db_path: Path) -> None:
    with read(db_path) as s:
        (table,) = s.economy_tables(1)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("table", table.id or 0), focus_tree=True)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HeadingDialog)
        app.screen.query_one("#heading-title").value = "Årsprognos per område"
        app.screen.query_one("#heading-columns").value = "Budget 2023; Prognos 2023"
        app.screen.query_one("#heading-columns").focus()
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            tables = s.economy_tables(1)
        assert [(t.key, t.title, t.columns, t.rows) for t in tables[1:]] == [
            ("arsprognos-per-omrade", "Årsprognos per område", ["Budget 2023", "Prognos 2023"], [])
        ]
        assert app.screen.tree.current == Ref("table", tables[1].id or 0)
        app.screen.go_to(Ref("table", table.id or 0), focus_tree=True)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        with read(db_path) as s:
            assert [t.id for t in s.economy_tables(1)] == [tables[1].id]
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(db_path) as s:
            assert s.economy_tables(1)[0] == table


@sync
async def test_the_report_itself_is_changed_from_the_palette_and_undone(db_path: Path) -> None:
    with read(db_path) as s:
        before = s.report(1)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.tree.focus()
        app.screen.run_verb("edit_report")
        await pilot.pause()
        assert isinstance(app.screen, HeadingDialog)
        app.screen.query_one("#heading-year").value = "20x4"
        app.screen.query_one("#heading-period").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "inget årtal" in str(app.screen.query_one("#heading-error-year").render())
        app.screen.query_one("#heading-organisation").value = "Kulturnämnden"
        app.screen.query_one("#heading-kind").value = "VB"
        app.screen.query_one("#heading-year").value = "2024"
        app.screen.query_one("#heading-period").value = "januari–december"
        app.screen.query_one("#heading-period").focus()
        await pilot.press("enter")
        await pilot.pause()
        with read(db_path) as s:
            r = s.report(1)
        assert (r.organisation, r.kind, r.year, r.period) == (
            "Kulturnämnden",
            "VB",
            2024,
            "januari–december",
        )
        assert app.title == "Kulturnämnden – Verksamhetsberättelse 2024"
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(db_path) as s:
            assert s.report(1) == before
        assert app.title == f"{before.organisation} – {before.title}"
