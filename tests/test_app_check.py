"""The check in the workbench (issue 13): `c` lists the findings, `enter` and `F` go to
them, the author fixes one and it goes from the view, the tree and the header."""

from __future__ import annotations

from pathlib import Path

from store.check import check_stored
from store.models import Level
from store.store import Store, walk_goals
from tests.test_app_support import (  # noqa: F401 - fixtures
    SIZE,
    _sample_master,
    make_app,
    read,
    sample_db,
    sync,
)
from tui.dialogs.cell_editor import CellEditor
from tui.screens.main import MainScreen
from tui.widgets.check_view import CheckView, finding_key
from tui.widgets.goal_detail import TextBlock
from tui.widgets.report_tree import ReportTree
from tui.widgets.value_table import EconomyGrid, ValueTable


def _findings(path: Path):  # noqa: ANN202
    with read(path) as s:
        r = s.reports()[0]
        return check_stored(s.conn, (r.id, r.organisation, r.kind.value, r.year))


def _quiet_namndmal(path: Path):  # noqa: ANN202
    """A nämndmål assessed helt that has no finding in the sample."""
    flagged = {f.goal_id for f in _findings(path)[0]}
    with read(path) as s:
        goals = walk_goals(s.goal_tree(s.reports()[0].id))
        return next(
            g
            for g in goals
            if g.level == Level.NAMNDMAL and g.assessment == "helt" and g.id not in flagged
        )


def _view_text(view: CheckView) -> str:
    return "\n".join(str(o.prompt) for o in view.options.options)


async def _settle(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.pause()


@sync
async def test_fix_a_finding_from_the_check_view(sample_db: Path) -> None:  # noqa: F811
    goal = _quiet_namndmal(sample_db)
    with Store(sample_db) as s:
        s.update("goal", goal.id, "assessment", None)
    findings, share = _findings(sample_db)
    [missing] = [f for f in findings if f.rule == "saknar-bedomning"]
    assert missing.goal_id == goal.id
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        screen = app.screen
        view = screen.query_one(CheckView)
        tree = screen.query_one(ReportTree)
        assert not view.display
        await pilot.press("c")
        await _settle(pilot)
        assert view.display and view.options.has_focus
        text = _view_text(view)
        assert "✗ fel" in text and "saknar bedömning" in text  # a symbol and a word
        assert goal.title in text  # grouped under its goal's heading
        assert str(tree.marks[goal.id]) == "✗"  # the tree marks the goal
        # To the finding in the view, and enter: the goal in the tree, focus there.
        while view.current is None or view.current.rule != "saknar-bedomning":
            await pilot.press("j")
        await pilot.press("enter")
        await _settle(pilot)
        assert tree.current.id == goal.id and tree.has_focus
        await pilot.press("a", "h")  # Uppfylls helt
        await _settle(pilot)
        # Gone from the view (still open), the tree's mark gone, the header's klart up.
        assert view.display
        assert "saknar bedömning" not in _view_text(view)
        assert all(f.rule != "saknar-bedomning" for f in view.findings)
        assert goal.id not in tree.marks
        assert view.current is not None  # the cursor on the finding that took its place
        assert view.share == (share[0] + 1, share[1])
    with read(sample_db) as s:
        assert s.get("goal", goal.id).assessment == "helt"
    assert not [f for f in _findings(sample_db)[0] if f.rule == "saknar-bedomning"]


@sync
async def test_F_walks_the_findings_in_report_order_and_wraps(sample_db: Path) -> None:  # noqa: F811
    findings, _ = _findings(sample_db)
    assert len(findings) >= 3
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        screen = app.screen
        view = screen.query_one(CheckView)
        first_goal = next(iter(screen.tree.goal_nodes())).data
        screen.go_to(first_goal, focus_tree=True)
        visited = []
        for _ in range(len(findings) + 1):
            await pilot.press("F")
            await _settle(pilot)
            visited.append(view.last)
            f = findings[len(visited) - 1] if len(visited) <= len(findings) else findings[0]
            assert screen.tree.current.id == f.goal_id
            if f.kind == "indicator":  # the cell where it is fixed, in focus
                table = screen.focused
                assert isinstance(table, ValueTable)
                assert table.current == (f.item_id, f.field)
            elif f.field == "assessment":
                assert screen.tree.has_focus
        keys = [finding_key(f) for f in findings]
        assert visited == [*keys, keys[0]]  # in report order, then round again
        # From a goal further down (no finding jumped to), F goes to that goal's first.
        later = findings[-1]
        screen.go_to(next(r for r in screen.tree.nodes if r.id == later.goal_id), focus_tree=True)
        view.last = None
        await pilot.press("F")
        await _settle(pilot)
        assert (
            view.last == keys[next(i for i, f in enumerate(findings) if f.goal_id == later.goal_id)]
        )


@sync
async def test_F_says_when_there_is_nothing_to_find(sample_db: Path) -> None:  # noqa: F811
    # Fill in what the sample's findings ask for, in the file.
    findings, _ = _findings(sample_db)
    with Store(sample_db) as s:
        for f in findings:
            if f.rule == "saknar-prognos":  # forecast to reach the target: the goal's
                ind = s.get("indicator", f.item_id)  # helt then agrees with it too
                s.update("indicator", f.item_id, "forecast", ind.target or ind.kf_target)
            elif f.rule == "saknar-utfall":
                s.update("indicator", f.item_id, "analys", "Mäts vid årets slut.")
    left = _findings(sample_db)[0]
    assert [f.rule for f in left] == []
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        before = app.screen.tree.current
        await pilot.press("F")
        await _settle(pilot)
        assert app.screen.tree.current == before
        assert any("Inga fynd" in str(n.message) for n in app._notifications)
        assert app.screen.query_one(CheckView).findings == []
        assert app.screen.query_one("ReportHeader").klart == 100


@sync
async def test_header_klart_rises_when_an_outcome_is_filled(sample_db: Path) -> None:  # noqa: F811
    findings, share = _findings(sample_db)
    target = next(f for f in findings if f.rule == "saknar-prognos")
    with Store(sample_db) as s:
        s.update("indicator", target.item_id, "outcome", "")
        s.update("indicator", target.item_id, "forecast", "")
    findings, share = _findings(sample_db)
    [outcome] = [f for f in findings if f.rule == "saknar-utfall" and f.item_id == target.item_id]
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        header = app.screen.query_one("ReportHeader")
        assert header.klart == share[0] * 100 // share[1]
        assert f"klart {header.klart} %" in str(header.render())
        await pilot.press("c")
        await _settle(pilot)
        view = app.screen.query_one(CheckView)
        while view.current is None or finding_key(view.current) != finding_key(outcome):
            await pilot.press("j")
        await pilot.press("enter")
        await _settle(pilot)
        table = app.screen.focused
        assert isinstance(table, ValueTable) and table.current == (target.item_id, "outcome")
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, CellEditor)
        await pilot.press(*"3 st", "enter")
        await _settle(pilot)
        assert header.klart == (share[0] + 1) * 100 // share[1]
        assert finding_key(outcome) not in {finding_key(f) for f in view.findings}
    with read(sample_db) as s:
        assert s.get("indicator", target.item_id).outcome == "3 st"


@sync
async def test_enter_goes_to_the_text_and_to_the_economy_row(sample_db: Path) -> None:  # noqa: F811
    with Store(sample_db) as s:
        rid = s.reports()[0].id
        delvis = next(g for g in walk_goals(s.goal_tree(rid)) if g.assessment == "delvis")
        s.update("goal", delvis.id, "analys", "")
        for ind in s.indicators(delvis.id):
            s.update("indicator", ind.id, "analys", "")
        table = s.economy_tables(rid)[0]
        row = next(r for r in table.rows if not r.is_total and r.cells and r.cells[0])
        s.update("economy_row", row.id, "cells", ["999,9", *row.cells[1:]])
    findings, _ = _findings(sample_db)
    analys = next(f for f in findings if f.rule == "saknar-analys" and f.goal_id == delvis.id)
    summa = next(f for f in findings if f.rule == "ekonomi-summa")
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        screen = app.screen
        view = screen.query_one(CheckView)
        await pilot.press("c")
        await _settle(pilot)
        for wanted in (analys, summa):
            screen.query_one(CheckView).open()
            while view.current is None or finding_key(view.current) != finding_key(wanted):
                await pilot.press("j")
            await pilot.press("enter")
            await _settle(pilot)
            if wanted is analys:
                assert screen.tree.current.id == delvis.id
                assert isinstance(screen.focused, TextBlock)
                assert screen.focused.field == "analys"
            else:
                grid = screen.focused
                assert isinstance(grid, EconomyGrid)
                assert grid.table.rows[grid.cursor_row].id == summa.item_id


def test_check_view_snapshot(snap_compare, sample_db: Path, monkeypatch) -> None:  # noqa: ANN001, F811
    monkeypatch.chdir(sample_db.parent)  # the header shows the file relative to here
    app = make_app(Path(sample_db.name))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await _settle(pilot)
        await pilot.press("c")
        await pilot.wait_for_scheduled_animations()
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@sync
async def test_the_check_runs_after_the_first_frame(sample_db: Path, monkeypatch) -> None:  # noqa: ANN001, F811
    """Startup is not slowed by the check: it runs once the first frame is on screen."""
    import tui.verbs.check as check

    app = make_app(sample_db)
    frames: list[int] = []
    checks: list[int] = []
    display = app._display

    def recording(screen, renderable) -> None:  # noqa: ANN001
        # The workbench's own frame as written (not the blank default screen before
        # it, nor one composed inside a batch, which Textual does not write).
        if renderable is not None and isinstance(screen, MainScreen) and not app._batch_count:
            frames.append(1)
        display(screen, renderable)

    real_run = check.run

    def counted(wb):  # noqa: ANN001, ANN202
        checks.append(len(frames))
        return real_run(wb)

    app._display = recording
    monkeypatch.setattr(check, "run", counted)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert checks and checks[0] >= 1  # a frame was shown before the first check
        assert checks == [checks[0]]  # once, without a key
        assert app.screen.query_one("ReportHeader").klart == 96
