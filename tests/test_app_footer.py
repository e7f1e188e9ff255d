"""The footer is one line drawn by one widget (issue 15, item 10): the keys that fit,
drawn again when the focus or the width changes, and a click on a key presses it."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
    sync,
)
from tui.dialogs.help import HelpDialog
from tui.widgets.footer import FittingFooter


def _line(footer: FittingFooter) -> str:
    return footer.render().plain


@sync
async def test_the_footer_is_drawn_again_when_the_width_changes(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(FittingFooter)
        assert not footer.children  # one widget, not one per key
        wide = [k.description for k in footer.keys]
        assert _line(footer).rstrip().endswith("^p Kommandon")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        narrow = [k.description for k in footer.keys]
        assert len(narrow) < len(wide)
        assert narrow[-2:] == ["Hjälp", "Kommandon"]
        assert narrow[:-2] == wide[: len(narrow) - 2]  # the most important, in order
        assert all(k.right <= 80 for k in footer.keys)
        line = _line(footer)
        assert len(line) == 80 and line.endswith("▏^p Kommandon ")
        for key in footer.keys[:-1]:
            assert line[key.x : key.right] == f" {key.key_display} {key.description} "


@sync
async def test_the_footer_follows_the_focus(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(FittingFooter)
        assert footer.keys[0].description == "Öppna"
        assert "Öppna" in _line(footer)
        app.screen.detail.indicator_table.focus()
        await pilot.pause()
        await pilot.pause()
        assert footer.keys[0].description == "Redigera cell"
        assert "Redigera cell" in _line(footer) and "Öppna" not in _line(footer)


@sync
async def test_a_click_on_a_key_presses_it(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(FittingFooter)
        help_key = next(k for k in footer.keys if k.description == "Hjälp")
        await pilot.click(FittingFooter, offset=(help_key.x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        await pilot.pause()
        gap = footer.keys[-2].right + 1  # between Hjälp and the palette's key: nothing
        await pilot.click(FittingFooter, offset=(gap, 0))
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)
        palette = footer.keys[-1]
        await pilot.click(FittingFooter, offset=(palette.x + 1, 0))
        await pilot.pause()
        assert app.screen.id == "--command-palette"


@sync
async def test_the_key_under_the_mouse_is_lit(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(FittingFooter)
        key = footer.keys[1]
        hover = footer.get_component_rich_style("footer-key--hover")

        def lit() -> set[int]:
            line = footer.render()
            return {
                x
                for span in line.spans
                if span.style == hover or getattr(span.style, "bgcolor", None) == hover.bgcolor
                for x in range(span.start, span.end)
            }

        assert not lit()
        await pilot.hover(FittingFooter, offset=(key.x + 1, 0))
        await pilot.pause()
        assert lit() == set(range(key.x, key.right))
        await pilot.hover(app.screen.tree, offset=(2, 2))  # away: none lit
        await pilot.pause()
        assert not lit()
