"""Each indicator's and activity's Analys: shown under its table, edited with A (or e on it)."""

from __future__ import annotations

from pathlib import Path

from store.store import Store
from tests.test_app_support import goal_id, indicator, make_app, read, sync
from tui.dialogs.text_editor import TextEditor
from tui.widgets.goal_detail import TextBlock
from tui.widgets.report_tree import Ref

SIZE = (110, 40)


def _activity(path: Path, text: str):  # noqa: ANN202
    with read(path) as s:
        hit = next(h for h in s.search(text, 1) if h.kind == "activity" and h.title == text)
        return s.get("activity", hit.id)


def _block_text(app, entity: str) -> str:  # noqa: ANN001
    block = app.screen.query_one(f"#{entity}-analys", TextBlock)
    assert block.display
    return f"{block.border_title}\n{block.render()}"


@sync
async def test_the_row_analys_follows_the_cursor(db_path: Path) -> None:
    first = indicator(db_path, "Andel nöjda medborgare")
    second = indicator(db_path, "Sjukfrånvaro dag 1-14")
    with Store(db_path) as s:
        s.update("indicator", second.id, "analys", "Frånvaron minskar.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", first.goal_id))
        await pilot.pause()
        table = app.screen.detail.indicator_table
        table.focus()
        await pilot.pause()
        shown = _block_text(app, "indicator")
        assert "Analys – Andel nöjda medborgare" in shown and "ingen analys" in shown
        await pilot.press("down")
        await pilot.pause()
        shown = _block_text(app, "indicator")
        assert "Sjukfrånvaro dag 1-14" in shown and "Frånvaron minskar." in shown


@sync
async def test_shift_a_edits_the_indicator_analys(db_path: Path) -> None:
    ind = indicator(db_path, "Sjukfrånvaro dag 1-14")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", ind.goal_id))
        await pilot.pause()
        table = app.screen.detail.indicator_table
        table.focus()
        table.move_to(ind.id, "outcome")
        await pilot.press("A")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditor)
        assert "Analys – Sjukfrånvaro dag 1-14" in editor.title_text
        await pilot.press(*"Lägre än målet.", "ctrl+s")
        await pilot.pause()
        assert "Lägre än målet." in _block_text(app, "indicator")
        assert app.focused is table and table.current == (ind.id, "outcome")
    with read(db_path) as s:
        assert s.get("indicator", ind.id).analys == "Lägre än målet."
        assert s.get("indicator", ind.id).outcome == "2,1 %"  # the cell is untouched
        change = s.history(1)[-1]
        assert (change.entity, change.field, change.new) == (
            "indicator",
            "analys",
            "Lägre än målet.",
        )


@sync
async def test_the_activity_analys_is_edited_and_undone(db_path: Path) -> None:
    act = _activity(db_path, "Utreda kolloplatser")
    with Store(db_path) as s:
        s.update("activity", act.id, "analys", "Pågår.")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", act.goal_id))
        await pilot.pause()
        table = app.screen.detail.activity_table
        table.focus()
        await pilot.pause()
        assert "Pågår." in _block_text(app, "activity")
        await pilot.press("A", "end", *" Klar i juni.", "ctrl+s")
        await pilot.pause()
        with read(db_path) as s:
            assert s.get("activity", act.id).analys == "Pågår. Klar i juni."
        await pilot.press("ctrl+z")
        await pilot.pause()
    with read(db_path) as s:
        assert s.get("activity", act.id).analys == "Pågår."


@sync
async def test_e_on_the_row_analys_edits_it(db_path: Path) -> None:
    ind = indicator(db_path, "Andel nöjda medborgare")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", ind.goal_id))
        await pilot.pause()
        block = app.screen.query_one("#indicator-analys", TextBlock)
        block.focus()
        await pilot.press("e", *"Nöjdare än väntat.", "ctrl+s")
        await pilot.pause()
    with read(db_path) as s:
        assert s.get("indicator", ind.id).analys == "Nöjdare än väntat."


@sync
async def test_row_analys_outside_a_table_says_where_to_stand(db_path: Path) -> None:
    gid = goal_id(db_path, "Servicenämnden ger god service")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", gid))
        await pilot.pause()
        app.screen.run_verb("row_analys")  # as from the palette, with the tree focused
        await pilot.pause()
        assert not isinstance(app.screen, TextEditor)
        assert any("tabellen" in n.message for n in app._notifications)
        await pilot.press("A")  # in the tree: nothing opens
        await pilot.pause()
        assert not isinstance(app.screen, TextEditor)
