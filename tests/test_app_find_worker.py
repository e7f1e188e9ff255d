"""Find searches off the UI thread, on a connection of its own; typing never waits (issue 11, 5)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import store.search as search_module
from store.search_reader import open_reader
from store.store import Store
from tests.test_app_support import SIZE, make_app, sync
from tui.dialogs.find import FindDialog


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Every search stops at its start until the gate opens (off the UI thread only: the
    UI thread is never held up here, so the test cannot hang whatever find does)."""
    gate = threading.Event()
    calls: list[tuple[bool, object]] = []
    original = search_module._report_index

    def report_index(conn, report_id):  # noqa: ANN001, ANN202
        on_ui = threading.current_thread() is threading.main_thread()
        calls.append((on_ui, conn))
        if not on_ui:
            gate.wait(10)
        return original(conn, report_id)

    monkeypatch.setattr(search_module, "_report_index", report_index)
    yield gate, calls
    gate.set()


@sync
async def test_typing_never_waits_for_the_search(db_path: Path, gated) -> None:  # noqa: ANN001
    gate, calls = gated
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sjuk")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FindDialog)
        # Every key reached the box while the first search is still held up.
        assert dialog.query_one("#find-input").value == "sjuk"
        assert calls and not gate.is_set()
        assert not any(on_ui for on_ui, _ in calls), "a search ran on the UI thread"
        assert all(conn is not app.store.conn for _, conn in calls)
        assert dialog.hits == []
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.shown_query == "sjuk"
        assert dialog.hits[0].title == "Sjukfrånvaro dag 1-14"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.detail.indicator_table.current[1] == "outcome"


@sync
async def test_an_older_answer_arriving_late_is_dropped(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sjukfr")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FindDialog)
        newest = list(dialog.hits)
        assert newest and dialog.shown_query == "sjukfr"
        older = app.store.search("mål", app.store.reports()[0].id)
        assert older != newest
        dialog.post_message(FindDialog.Found("mål", older))
        await pilot.pause()
        assert dialog.hits == newest and dialog.shown_query == "sjukfr"


@sync
async def test_enter_before_the_answer_jumps_to_what_was_typed(db_path: Path, gated) -> None:  # noqa: ANN001
    gate, _ = gated
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sjukfr", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FindDialog)
        table = app.screen.detail.indicator_table
        assert app.focused is table and table.current[1] == "outcome"
        gate.set()


def test_the_reader_finds_what_the_store_finds_and_sees_its_changes(db_path: Path) -> None:
    with Store(db_path) as store:
        report = store.reports()[0].id
        reader = open_reader(store.path, report, network=False, read_only=False)
        assert reader is not None and reader.conn is not store.conn
        try:
            for text in ("mål", "sjukfr", "Analys", "och " * 400):
                assert reader(text) == store.search(text, report)
            goal = store.document(report).goals[0]
            store.update("goal", goal.id, "title", "Ett ordbajsexempel")
            assert [h.id for h in reader("ordbajsexempel")] == [goal.id]
        finally:
            reader.close()


@pytest.mark.parametrize(("network", "read_only"), [(True, False), (False, True)])
def test_no_second_connection_where_the_file_allows_none(
    db_path: Path, network: bool, read_only: bool
) -> None:
    # Locked while open on a share; read-only files are opened in ways not repeated here.
    assert open_reader(db_path, 1, network=network, read_only=read_only) is None
