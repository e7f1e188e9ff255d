"""No control character reaches the terminal raw; no stored text is read as markup."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from store.store import Store
from tests.test_app_support import (
    goal_id,
    indicator,
    make_app,
    palette_prompts,
    read,
    sync,
    until,
)
from tui.dialogs.text_editor import TextEditor
from tui.labels import printable
from tui.widgets.report_tree import Ref

SIZE = (120, 40)
C1 = "\x9b"  # CSI without ESC
RLO = "\u202e"
ODD = f"före {C1}31m {RLO}omvänd\u202c [b]fet[/b] [/] slut"
UNSAFE = [chr(c) for c in range(0x80, 0xA0)] + [chr(c) for c in range(0x202A, 0x202F)]
UNSAFE += [chr(c) for c in range(0x2066, 0x206A)] + ["\x1b", "\x07", "\x08", "\r", "\x7f"]


def test_printable_replaces_controls_and_bidi_visibly() -> None:
    assert printable("vanlig text, å ä ö – ok") == "vanlig text, å ä ö – ok"
    assert printable(f"a{C1}31m") == "a\\x9b31m"
    assert printable(f"{RLO}abc\u202c") == "⟨RLO⟩abc⟨PDF⟩"
    assert printable("\u2066x\u2069") == "⟨LRI⟩x⟨PDI⟩"
    assert printable("rad ett\nrad två\tslut") == "rad ett rad två slut"
    assert printable("rad ett\nrad två\tslut", prose=True) == "rad ett\nrad två    slut"
    assert printable("\x00\x1b\x7f\x85") == "\\x00\\x1b\\x7f\\x85"
    for char in UNSAFE:
        assert not any(c in UNSAFE for c in printable(f"x{char}y", prose=True))


def _screen(app) -> str:  # noqa: ANN001
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def _assert_clean(text: str) -> None:
    raw = sorted({f"U+{ord(c):04X}" for c in text if c in UNSAFE})
    assert raw == [], f"raw on screen: {raw}"


@pytest.fixture
def odd_db(db_path: Path) -> Path:
    gid = goal_id(db_path, "Ett Stockholm som håller samman")
    ind = indicator(db_path, "Andel nöjda medborgare")
    with Store(db_path) as s:
        report = s.reports()[0].id
        section = next(h.id for h in s.search("Intern kontroll", report) if h.kind == "section")
        s.update("goal", gid, "title", f"Mål {ODD}")
        s.update("goal", gid, "analys", f"Analys {ODD}\nandra raden {ODD}")
        s.update("indicator", ind.id, "name", f"Indikator {ODD}")
        s.update("indicator", ind.id, "unit", "")  # no unit: words may stand for a number
        s.update("indicator", ind.id, "outcome", f"[red]87{C1}")
        s.update("indicator", ind.id, "to_check", f"Kontrollera {ODD}")
        s.update("section", section, "title", f"Avsnitt {ODD}")
        s.update("section", section, "body", f"Text {ODD}")
    return db_path


@sync
async def test_no_raw_control_in_tree_pane_table_dialogs_and_palette(odd_db: Path) -> None:
    gid = goal_id(odd_db, f"Mål {ODD}")
    ind = indicator(odd_db, f"Indikator {ODD}")
    app = make_app(odd_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        shown = _screen(app)
        _assert_clean(shown)
        assert "\\x9b31m ⟨RLO⟩omvänd⟨PDF⟩ [b]fet[/b] [/] slut" in shown  # as text, not markup
        # The goal's Analys: prose keeps its line break.
        body = str(screen.query_one("#text-analys").render())
        assert "andra raden" in body and "\n" in body
        # The indicator's row, cells and note.
        screen.select(Ref("goal", ind.goal_id))
        await pilot.pause()
        shown = _screen(app)
        _assert_clean(shown)
        assert "[red]87\\x9b" in shown and "Kontrollera" in shown
        # A section, its title in the tree.
        await pilot.press("slash", *"Avsnitt")
        await app.workers.wait_for_complete()
        await pilot.pause()
        _assert_clean(_screen(app))  # find results
        await pilot.press("enter")
        await pilot.pause()
        _assert_clean(_screen(app))
        # The assessment dialog names the goal.
        screen.select(Ref("goal", gid))
        await pilot.press("a")
        await pilot.pause()
        shown = _screen(app)
        _assert_clean(shown)
        assert "[b]fet[/b]" in shown
        await pilot.press("escape")
        # The palette's goal list.
        await pilot.press("ctrl+p", *"Gå till mål: Mål")
        await until(pilot, lambda: any("fet" in p for p in palette_prompts(app)))
        shown = _screen(app)
        _assert_clean(shown)
        assert "[b]fet[/b]" in shown
        await pilot.press("escape")
        await pilot.pause()


@sync
async def test_the_editor_keeps_the_real_text(odd_db: Path) -> None:
    gid = goal_id(odd_db, f"Mål {ODD}")
    app = make_app(odd_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TextEditor)
        assert editor.text == f"Analys {ODD}\nandra raden {ODD}"
        _assert_clean(str(editor.query_one(".dialog-title").render()))
        await pilot.press("end", *" ny", "ctrl+s")
        await pilot.pause()
        # The notification of the saved change is printable too.
        await pilot.press("ctrl+z")
        await pilot.pause()
        _assert_clean(_screen(app))
    with read(odd_db) as s:
        assert s.get("goal", gid).analys == f"Analys {ODD}\nandra raden {ODD}"
        assert s.get("goal", gid).title == f"Mål {ODD}"  # the store keeps the text as is


@sync
async def test_removing_a_row_with_an_odd_name_asks_in_plain_text(odd_db: Path) -> None:
    ind = indicator(odd_db, f"Indikator {ODD}")
    app = make_app(odd_db)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.select(Ref("goal", ind.goal_id))
        await pilot.pause()
        table = app.screen.detail.indicator_table
        table.focus()
        table.move_to(ind.id, "name")
        await pilot.press("delete")
        await pilot.pause()
        _assert_clean(_screen(app))
        await pilot.press("j")
        await pilot.pause()
        _assert_clean(_screen(app))  # the notification that it was removed
    with read(odd_db) as s:
        assert all(i.id != ind.id for i in s.indicators(ind.goal_id))
