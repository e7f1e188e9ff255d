"""Finding one's way: find names a row's goal, history marks the one current value,
a long query stays bounded, and Textual's own words are Swedish."""

from __future__ import annotations

from pathlib import Path

from store.models import Indicator
from store.search import MAX_WORDS, query_words
from tests.test_app_support import SIZE, make_app, palette_prompts, read, sync, until
from tui.dialogs.find import FindDialog
from tui.dialogs.help import HelpDialog
from tui.dialogs.history import FieldHistoryDialog

ANALYS = "Analys av inriktningsmålet."


def _two_same_name_indicators(path: Path) -> list[tuple[int, str]]:
    """'Antal ärenden' under two different goals; their ids and goal labels."""
    from tui.labels import goal_label

    with read(path) as s:
        report = s.reports()[0].id
        goals = [g for g in s.goal_tree(report)]
        targets = []
        stack = list(goals)
        while stack:
            g = stack.pop(0)
            if g.level > 1:
                targets.append(g)
            stack.extend(g.children)
        out = []
        for g in targets[:2]:
            added = s.add("indicator", Indicator(name="Antal ärenden", goal_id=g.id))
            out.append((added.entity_id, goal_label(g)))
        return out


@sync
async def test_find_names_the_goal_of_an_indicator(db_path: Path) -> None:
    pairs = _two_same_name_indicators(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Antal ärenden")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FindDialog)
        results = dialog.query_one("#find-results")
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        hits = [h for h in dialog.hits if h.title == "Antal ärenden"]
        assert len(hits) == 2
        for hit in hits:
            label = next(lbl for i, lbl in pairs if i == hit.id)
            prompt = prompts[dialog.hits.index(hit)]
            assert label[:20] in prompt, (label, prompt)
        # the two lines differ: each names its own goal
        assert prompts[dialog.hits.index(hits[0])] != prompts[dialog.hits.index(hits[1])]


@sync
async def test_history_marks_one_entry_as_now(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # A, B, A: the value now appears twice in the history, once as its newest entry.
        for extra in (" Ett.", ""):
            await pilot.press("e", "ctrl+a")
            await pilot.pause()
            app.screen.query_one("TextArea").text = ANALYS + extra
            await pilot.press("ctrl+s")
            await pilot.pause()
        app.screen.query_one("#text-analys").focus()
        await pilot.press("H")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FieldHistoryDialog)
        options = dialog.query_one("#history-options")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 3
        assert [p.count("← nu") for p in prompts] == [1, 0, 0]


def test_a_long_query_is_bounded(store) -> None:  # noqa: ANN001
    report = store.reports()[0].id
    assert query_words("och " * 400) == ["och"]
    many = " ".join(f"ord{i}" for i in range(100))
    assert len(query_words(many)) == MAX_WORDS
    assert query_words("x" * 1000 + " sist") == ["x" * 200]
    # Repeating a word finds what the word finds.
    one = [(h.kind, h.id) for h in store.search("mål", report)]
    assert one and [(h.kind, h.id) for h in store.search("mål " * 400, report)] == one


def _english_descriptions() -> set[str]:
    """Every binding description Textual's own widgets carry (English)."""
    import inspect

    import textual.command
    import textual.containers
    import textual.screen
    import textual.widgets

    found: set[str] = set()
    modules = [textual.command, textual.containers, textual.screen]
    classes = [getattr(textual.widgets, n) for n in dir(textual.widgets) if n[0].isupper()]
    for mod in modules:
        classes += [c for _, c in inspect.getmembers(mod, inspect.isclass)]
    for cls in classes:
        for b in getattr(cls, "BINDINGS", []) or []:
            desc = getattr(b, "description", None) or (
                b[2] if isinstance(b, tuple) and len(b) > 2 else ""
            )
            if desc:
                found.add(desc)
    return found


@sync
async def test_no_english_in_help_or_palette(db_path: Path) -> None:
    english = _english_descriptions()
    assert "Page Left" in english  # the guard knows what it looks for
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seen: list[str] = []
        for _ in range(4):  # the tree, the texts, the tables: each focus has its keys
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            seen += [words for _, words in app.screen.rows]
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("tab")
            await pilot.pause()
        assert seen and not (set(seen) & english), set(seen) & english
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        placeholder = palette.query_one("CommandInput").placeholder
        assert placeholder == "Sök kommandon och mål…"
        await pilot.press(*"qqqzzzxxx")
        await until(pilot, lambda: any("Inga träffar" in s for s in palette_prompts(app)))
        shown = palette_prompts(app)
        assert any("Inga träffar" in s for s in shown), shown
        assert not any("No matches" in s for s in shown)
