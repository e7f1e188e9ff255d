"""Ny rapport in the workbench, and carried items there (issue 12 §1, §2): unreviewed
marks, `g` to confirm one (undone with ctrl+z), previous values and `p`.

Checked in the database, not only on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from store.models import ReportKind
from store.store import Store
from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    read,
    sample_db,
    sync,
)
from tui.dialogs.new_report import NewReportDialog
from tui.dialogs.previous_text import PreviousTextDialog
from tui.screens.main import STATE_REPORT, MainScreen
from tui.widgets.goal_detail import TextBlock
from tui.widgets.header import ReportHeader
from tui.widgets.report_tree import Ref

SIZE = (100, 35)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    Store(path, create=True).close()
    return path


@pytest.fixture
def vb_db(sample_db: Path) -> tuple[Path, int, int]:  # noqa: F811
    """The sample carried to VB 2023 (as the picker does it), opened first."""
    with Store(sample_db) as s:
        (t2,) = s.reports()
        vb = s.new_report(t2.organisation, "VB", 2023, from_report=t2.id)
        s.set_state(STATE_REPORT, str(vb))
    return sample_db, t2.id or 0, vb


def error(app, field: str) -> str:  # noqa: ANN001
    label = app.screen.query_one(f"#nr-error-{field}", Static)
    return str(label.render()) if label.has_class("shown") else ""


def header_text(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one(ReportHeader).render())


def goal_with(store: Store, report_id: int, has) -> int:  # noqa: ANN001
    """The first goal of the report (document order) for which `has(goal)` holds."""

    def walk(goals):  # noqa: ANN001, ANN202
        for g in goals:
            yield g
            yield from walk(g.children)

    return next(g.id for g in walk(store.goal_tree(report_id)) if has(store.goal(g.id)))


@sync
async def test_empty_file_new_report_opens_at_once(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "inga rapporter" in str(app.screen.query_one(Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewReportDialog)
        await pilot.press(*"Kulturnämnden", "tab")  # to Typ
        await pilot.press("enter", "down", "enter")  # Tertialrapport 2
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"2024", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        with read(empty_db) as s:
            (report,) = s.reports()
            history = s.history(report.id)
        assert (report.organisation, report.kind, report.year, report.period) == (
            "Kulturnämnden",
            ReportKind.T2,
            2024,
            "januari–augusti",
        )
        assert app.screen.report_id == report.id
        assert "Kulturnämnden · Tertialrapport 2 2024" in header_text(app)
        # One history entry, and nothing to undo: a report is not undone.
        assert [(c.entity, c.field) for c in history] == [("report", "created")]
        assert app.screen.editor.steps == []
        await pilot.press("ctrl+z")
        await pilot.pause()
    with read(empty_db) as s:
        assert len(s.reports()) == 1


@sync
async def test_refused_values_say_why_next_to_the_field(sample_db: Path) -> None:  # noqa: F811
    with read(sample_db) as s:
        before = s.history(1)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r", "n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewReportDialog)
        year = dialog.query_one("#nr-year", Input)
        year.value = "1800"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "mellan 1900 och 2200" in error(app, "year")
        year.value = "tjugo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "är inget år" in error(app, "year")
        # The sample itself: Servicenämnden T2 2023 exists already.
        year.value = "2023"
        dialog.query_one("#nr-kind").value = "T2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "finns redan" in error(app, "year")
        dialog.query_one("#nr-kind").value = "VB"
        dialog.query_one("#nr-start").value = "file"
        await pilot.pause()
        dialog.query_one("#nr-path", Input).value = str(sample_db.parent / "saknas.csv")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "finns inte" in error(app, "path")
        assert error(app, "year") == ""  # the earlier reason is gone
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.pause()
    with read(sample_db) as s:  # nothing created, nothing recorded
        assert len(s.reports()) == 1
        assert s.history(1) == before


@sync
async def test_goals_csv_and_city_goals_from_the_dialog(sample_db: Path, tmp_path: Path) -> None:  # noqa: F811
    from exports.csvfmt import to_csv
    from exports.tables import goals_table

    with read(sample_db) as s:
        table = goals_table(s.document(s.reports()[0].id))
    goals_file = tmp_path / "mal.csv"
    goals_file.write_text(to_csv(table.headers, table.rows), encoding="utf-8", newline="")
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for organisation, start in (("Kulturnämnden", "file"), ("Idrottsnämnden", "kf:2023")):
            await pilot.press("r", "n")
            await pilot.pause()
            dialog = app.screen
            dialog.query_one("#nr-organisation", Input).value = organisation
            dialog.query_one("#nr-start").value = start
            await pilot.pause()
            dialog.query_one("#nr-path", Input).value = str(goals_file)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), error(app, "path")
    with read(sample_db) as s:
        reports = {r.organisation: r for r in s.reports()}
        from_file = s.goal_tree(reports["Kulturnämnden"].id)
        city = s.goal_tree(reports["Idrottsnämnden"].id)
        assert reports["Kulturnämnden"].kind == ReportKind.VB  # after the T2: the VB
        assert [g.title for g in from_file] == [g.title for g in s.goal_tree(1)]
        assert len(city) == 3 and all(g.level == 1 for g in city)
        assert s.carried_from_report(reports["Kulturnämnden"].id) is None


@sync
async def test_carry_the_sample_to_vb_from_the_picker(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r", "n")
        await pilot.pause()
        # The defaults follow the open report: Servicenämnden, VB, 2023, carried from it.
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        with read(sample_db) as s:
            t2, vb = s.reports()
            unreviewed = s.unreviewed_items(vb.id)
            assert (vb.kind, vb.year, vb.period) == (ReportKind.VB, 2023, "januari–december")
            assert s.carried_from_report(vb.id).id == t2.id
        assert screen.report_id == vb.id
        assert len(unreviewed) > 10
        assert f"{len(unreviewed)} ej granskade" in header_text(app)
        goal = next(u for u in unreviewed if u.entity == "goal")
        node = screen.tree.nodes[Ref("goal", goal.id)]
        assert "◇" in screen.tree.render_label(node, app.console.get_style("none"), "").plain
        assert "från T2 2023 · ej granskad" in str(screen.query_one("#detail-meta").render())


@sync
async def test_g_on_the_analys_clears_its_mark_and_ctrl_z_restores_it(vb_db) -> None:  # noqa: ANN001
    path, _, vb = vb_db
    with read(path) as s:
        gid = goal_with(s, vb, lambda g: {"analys", "assessment"} <= g.unreviewed)
        count = len(s.unreviewed_items(vb))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go_to(Ref("goal", gid))
        await pilot.pause()
        block = screen.query_one("#text-analys", TextBlock)
        assert "från T2 2023 · ej granskad" in str(block.border_subtitle)
        screen.focus_text("analys")
        await pilot.press("g")
        await pilot.pause()
        with read(path) as s:
            marks = s.get("goal", gid).unreviewed
            assert "analys" not in marks and "assessment" in marks
            assert len(s.unreviewed_items(vb)) == count  # the goal's assessment is left
        assert not block.border_subtitle
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(path) as s:
            assert "analys" in s.get("goal", gid).unreviewed
        assert "ej granskad" in str(block.border_subtitle)
        # On the tree, g takes the goal's assessment; the header counts what is left.
        screen.tree.focus()
        await pilot.press("g")
        await pilot.pause()
        with read(path) as s:
            marks = s.get("goal", gid).unreviewed
            assert "assessment" not in marks and "analys" in marks
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(path) as s:
            assert "assessment" in s.get("goal", gid).unreviewed


@sync
async def test_editing_a_marked_text_reviews_it_and_the_header_follows(vb_db) -> None:  # noqa: ANN001
    path, _, vb = vb_db
    with read(path) as s:
        gid = goal_with(s, vb, lambda g: "analys" in g.unreviewed)
        s.confirm_reviewed("goal", gid, s.get("goal", gid).unreviewed - {"analys"})
        count = len(s.unreviewed_items(vb))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", gid))
        app.screen.focus_text("analys")
        await pilot.press("e", "end", *" Ny.", "ctrl+s")
        await pilot.pause()
        with read(path) as s:
            assert s.get("goal", gid).unreviewed == frozenset()
            assert len(s.unreviewed_items(vb)) == count - 1
        assert f"{count - 1} ej granskade" in header_text(app)


@sync
async def test_indicator_row_previous_value_and_g(vb_db) -> None:  # noqa: ANN001
    path, _, vb = vb_db
    with read(path) as s:
        previous = s.previous_values(vb)
        gid = goal_with(
            s, vb, lambda g: any(i.unreviewed and previous[i.id].item.outcome for i in g.indicators)
        )
        ind = next(
            i for i in s.goal(gid).indicators if i.unreviewed and previous[i.id].item.outcome
        )
        source = previous[ind.id].item
        assert ind.outcome == ""  # emptied in the new period: shown beside it instead
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go_to(Ref("goal", gid))
        screen.focus_row("indicator", ind.id, "outcome")
        await pilot.pause()
        line = str(screen.query_one("#indicator-previous", Static).render())
        assert f"T2 2023: {source.outcome}" in line
        assert "ej granskad" in line
        await pilot.press("g")
        await pilot.pause()
        with read(path) as s:
            assert s.get("indicator", ind.id).unreviewed == frozenset()
        assert "ej granskad" not in str(screen.query_one("#indicator-previous", Static).render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        with read(path) as s:
            assert s.get("indicator", ind.id).unreviewed == ind.unreviewed


@sync
async def test_p_shows_the_previous_text(vb_db) -> None:  # noqa: ANN001
    path, t2, vb = vb_db
    with read(path) as s:
        gid = goal_with(s, vb, lambda g: bool(g.analys))
        old = s.goal(gid).analys
        s.update("goal", gid, "analys", "Ny analys för helåret.")  # the VB's own text now
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go_to(Ref("goal", gid))
        screen.focus_text("analys")
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PreviousTextDialog)
        assert "T2 2023" in dialog.title_text
        assert str(dialog.query_one("#previous-body", Static).render()).strip() == old.strip()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # The T2 itself was carried from nothing: said, no dialog.
        screen.open_report(t2)
        await pilot.pause()
        screen.focus_text("analys")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is screen
        assert any("fördes inte vidare" in n.message for n in app._notifications)


def test_new_report_dialog_snapshot(snap_compare, sample_db: Path, monkeypatch) -> None:  # noqa: ANN001, F811
    """The dialog from the picker at 80×24: the defaults follow the open report."""
    monkeypatch.chdir(sample_db.parent)  # the header shows the file relative to here
    app = make_app(Path(sample_db.name))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await pilot.press("r", "n")
        await pilot.pause()
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
