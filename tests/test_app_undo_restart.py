"""Undo and redo survive a restart (issue 15, item 2): ctrl+z after reopening steps back
through the last session's changes, from the history, with the same conflict rules."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import SIZE, make_app, read, sync
from tui.widgets.report_tree import Ref

ANALYS = "Analys av inriktningsmålet."


def _messages(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications]


async def _session(db_path: Path, *texts: str) -> int:
    """One run of the app: each text added to the first goal's Analys; its goal id."""
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gid = app.screen.goal.id
        for text in texts:
            await pilot.press("e", "end", *text, "ctrl+s")
            await pilot.pause()
        await pilot.press("q")
    return gid


def _analys(db_path: Path, gid: int) -> str:
    with read(db_path) as s:
        return s.get("goal", gid).analys


@sync
async def test_ctrl_z_after_reopening_undoes_the_last_sessions_changes(db_path: Path) -> None:
    gid = await _session(db_path, " Ett.", " Två.")
    assert _analys(db_path, gid) == f"{ANALYS} Ett. Två."
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _analys(db_path, gid) == f"{ANALYS} Ett."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _analys(db_path, gid) == ANALYS
        await pilot.press("ctrl+z")  # before that session: nothing
        await pilot.pause()
        assert _messages(app)[-1] == "Det finns inget att ångra."
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert _analys(db_path, gid) == f"{ANALYS} Ett."


@sync
async def test_only_the_last_session_that_wrote_is_undone(db_path: Path) -> None:
    gid = await _session(db_path, " Ett.")
    await _session(db_path)  # opened and closed without a change: still the last one
    await _session(db_path, " Två.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _analys(db_path, gid) == f"{ANALYS} Ett."
        assert _messages(app)[-1] == "Det finns inget att ångra."


@sync
async def test_a_change_made_since_by_another_program_is_not_undone(db_path: Path) -> None:
    gid = await _session(db_path, " Ett.")
    with read(db_path) as s:
        s.update("goal", gid, "analys", "Någon annans text.", source="import")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "har ändrats sedan dess" in _messages(app)[-1]
    assert _analys(db_path, gid) == "Någon annans text."


def _top_goals(db_path: Path) -> list[tuple[int, str | None, int]]:
    with read(db_path) as s:
        return [(g.id or 0, g.code, g.position) for g in s.goal_tree(1)]


@sync
async def test_a_compound_edit_is_one_ctrl_z_after_reopening(db_path: Path) -> None:
    """A move (every sibling renumbered: several changes) and then one edit; after a
    restart the edit is one ctrl+z and the whole move the next."""
    before = _top_goals(db_path)
    assert len(before) >= 2
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", before[0][0]), focus_tree=True)
        await pilot.pause()
        await pilot.press("J")  # the first inriktningsmål down: a compound edit
        await pilot.pause()
        moved = _top_goals(db_path)
        assert [g[0] for g in moved] == [before[1][0], before[0][0], *[g[0] for g in before[2:]]]
        await pilot.press("e", "end", *" Ett.", "ctrl+s")
        await pilot.pause()
        gid = app.screen.goal.id
        await pilot.press("q")
    with read(db_path) as s:
        positions = [c for c in s.history(1) if c.field == "position"]
        assert len(positions) >= 2 and len({c.step for c in positions}) == 1  # one step
    assert _analys(db_path, gid).endswith(" Ett.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")  # the Analys
        await pilot.pause()
        assert not _analys(db_path, gid).endswith(" Ett.")
        assert _top_goals(db_path) == moved
        await pilot.press("ctrl+z")  # the whole move, with one ctrl+z
        await pilot.pause()
        assert _top_goals(db_path) == before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _messages(app)[-1] == "Det finns inget att ångra."
