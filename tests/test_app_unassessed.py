"""`b`: the next goal still without an assessment, the moment an author hunts for it."""

from __future__ import annotations

from pathlib import Path

from store.models import Level
from store.store import Store, walk_goals
from tests.test_app_support import sync
from tui.app import TertialApp


@sync
async def test_b_finds_each_unassessed_goal_then_says_all_are_done(db_path: Path) -> None:
    with Store(db_path) as store:
        goals = list(walk_goals(store.goal_tree(1)))
        unassessed = [g for g in goals if g.assessment is None]
        assert [g.title for g in unassessed] == ["Ett nytt mål utan bedömning"]
        other = next(g for g in goals if g.level == Level.NAMNDMAL and g.assessment)
        store.update("goal", other.id, "assessment", None)
    app = TertialApp(Store(db_path))
    async with app.run_test(size=(100, 35)) as pilot:
        screen = app.screen
        await pilot.press("b")
        assert screen.tree.current.id == other.id  # first in document order
        await pilot.press("b")
        assert screen.tree.current.id == unassessed[0].id
        await pilot.press("a", "h")  # assess it: Uppfylls helt
        await pilot.pause()
        await pilot.press("b")
        assert screen.tree.current.id == other.id  # wraps round to the one left
        await pilot.press("a", "d")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert any("Alla mål har en bedömning" in str(n.message) for n in app._notifications)
    with Store(db_path) as store:
        assert {g.assessment for g in walk_goals(store.goal_tree(1))} >= {"helt", "delvis"}
        assert all(g.assessment is not None for g in walk_goals(store.goal_tree(1)))
