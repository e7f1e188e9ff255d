"""The footer fits 80 columns with the keys of the context first, help says when it
scrolls (issue 15, item 6), and the mouse does what it points at (item 7)."""

from __future__ import annotations

from pathlib import Path

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    read,
    sample_db,
    sync,
)
from tui.dialogs.assessment import AssessmentDialog
from tui.dialogs.help import HelpDialog
from tui.dialogs.text_editor import TextEditor
from tui.widgets.footer import FittingFooter
from tui.widgets.report_tree import Ref

SMALL = (80, 24)


def _footer(app) -> list[tuple[str, str, int, int]]:  # noqa: ANN001
    footer = app.screen.query_one(FittingFooter)
    x = footer.region.x
    return [(k.key_display, k.description, x + k.x, x + k.right) for k in footer.keys]


@sync
async def test_the_footer_fits_80_columns_with_the_contexts_keys_first(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        seen = {}
        screen.go_to(Ref("goal", 25))
        for what, widget in (
            ("tree", screen.tree),
            ("text", screen.detail.query_one("#text-analys")),
            ("table", screen.detail.indicator_table),
            ("activities", screen.detail.activity_table),
        ):
            widget.focus()
            await pilot.pause()
            await pilot.pause()
            keys = _footer(app)
            seen[what] = [d for _, d, _, _ in keys]
            assert all(right <= 80 for _, _, _, right in keys), keys
            starts = [x for _, _, x, _ in keys]
            ends = [r for _, _, _, r in keys]
            assert all(e <= s for e, s in zip(ends, starts[1:], strict=False)), (
                keys
            )  # none overlaps
            assert "Hjälp" in seen[what] and "Kommandon" in seen[what]
        assert seen["tree"][0] == "Öppna"
        assert seen["text"][0] == "Redigera text"
        assert seen["table"][:3] == ["Redigera cell", "Radvy", "Analys för raden"]
        assert seen["activities"][:3] == ["Redigera cell", "Radvy", "Avvikelse av/på"]
        await pilot.press("question_mark")  # all the keys, whatever the footer left out
        await pilot.pause()
        help_keys = " ".join(words for _, words in app.screen.rows)
        assert "Ta bort" in help_keys and "Exportera" in help_keys and "Radvy" in help_keys


@sync
async def test_help_says_when_more_keys_lie_below_or_above(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.detail.indicator_table.focus()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HelpDialog)
        more = dialog.query_one("#help-more")
        assert more.display and "nedanför" in str(more.render())
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        assert "ovanför" in str(more.render()) and "nedanför" not in str(more.render())
    async with make_app(sample_db).run_test(size=(120, 60)) as pilot:  # all in view: no hint
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        assert not pilot.app.screen.query_one("#help-more").display


@sync
async def test_clicking_a_goals_triangle_expands_it(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tree = app.screen.tree
        node = tree.nodes[Ref("goal", 2)]  # 1.1, collapsed, with a nämndmål under it
        assert node.allow_expand and node.is_collapsed
        line = node.line - int(tree.scroll_y)
        text = tree.render_line(line).text
        assert "1.1" in text
        offset = (1 + text.index("▶"), 1 + line)  # past the border, on the ▶
        await pilot.click(tree, offset=offset)
        await pilot.pause()
        assert node.is_expanded
        await pilot.click(tree, offset=offset)  # and again: collapsed
        await pilot.pause()
        assert node.is_collapsed


@sync
async def test_clicking_the_assessment_line_and_a_text(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.go_to(Ref("goal", 3))
        await pilot.pause()
        meta = app.screen.detail.query_one("#detail-meta")
        await pilot.click(meta, offset=(2, 1))  # "Bedömning: …"
        await pilot.pause()
        assert isinstance(app.screen, AssessmentDialog)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(meta, offset=(2, 0))  # the level: nothing to choose
        await pilot.pause()
        assert not isinstance(app.screen, AssessmentDialog)
        block = app.screen.detail.query_one("#text-expected_result")
        await pilot.click(block, offset=(3, 1))
        await pilot.pause()
        assert isinstance(app.screen, TextEditor)
        await pilot.press("ctrl+end", *" Klickat.", "ctrl+s")
        await pilot.pause()
    with read(sample_db) as s:
        assert s.goal(3).expected_result.endswith(" Klickat.")


@sync
async def test_help_lists_the_reports_keys_before_the_lists_own_moves(sample_db: Path) -> None:  # noqa: F811
    """On the tree, `?` starts with what an author does (Öppna, Bedömning, Redigera …);
    Textual's page and home/end moves come after."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.tree.focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        words = [w for _, w in app.screen.rows]
        assert words[0] == "Öppna"
        for verb in ("Bedömning", "Redigera", "Lägg till", "Sök", "Exportera"):
            for move in ("Till början", "Sida upp", "Sida ned"):
                assert words.index(verb) < words.index(move), (verb, move, words)
