"""What the workbench's first frame waits for (issue 15, item 10).

The figure itself is measured in tests/bench/run.py, never here. These tests guard the
shape that keeps it low: what `tertial FIL` imports before it can draw, that cyclic
garbage collection waits for the first frame (and only for it), and how often the
footer is built while the screen settles.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
    sync,
)
from tui import cli
from tui.app import EmptyScreen, TertialApp
from tui.cli_common import create_database
from tui.startup import hold_gc, release_gc
from tui.widgets.footer import FittingFooter

ROOT = Path(__file__).resolve().parents[1]

# Used only by verbs, dialogs, exports or the check engine: imported when first used.
NOT_ON_THE_PATH = (
    "docx",
    "openpyxl",
    "markdown_it",
    "tabulate",
    "sqlite_utils",
    "exports",
    "store.check.plain",
    "store.check.rules",
    "store.check.load",
    "tui.dialogs",
    "tui.commands",
    "tui.palette",
    "tui.export_cli",
    "tui.import_cli",
    "tui.check_cli",
)


def test_the_workbench_imports_no_verb_only_module_before_its_first_frame() -> None:
    # A fresh interpreter: what `tertial FIL` imports before the app runs.
    code = (
        "import sys, tui.cli, tui.file_cli, tui.app; "
        f"print([m for m in sys.modules if m.split('.')[0] in {NOT_ON_THE_PATH!r} "
        f"or any(m == p or m.startswith(p + '.') for p in {NOT_ON_THE_PATH!r})])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout


@sync
async def test_the_footer_is_built_again_only_when_its_keys_change(sample_db: Path) -> None:  # noqa: F811
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(FittingFooter)
        built = []
        compose = footer.compose

        def counted():  # noqa: ANN202
            built.append(1)
            return compose()

        footer.compose = counted  # type: ignore[method-assign]
        # Away and back within one frame: the same keys, nothing built.
        screen.detail.query_one("#text-analys").focus()
        screen.tree.focus()
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert built == []
        assert [k.description for k in footer.children][0] == "Öppna"
        # Into the text: its keys, built once for the several changes it sends.
        screen.detail.query_one("#text-analys").focus()
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(built) == 1
        keys = [k.description for k in footer.children]
        assert keys[0] == "Redigera text" and "Hjälp" in keys and keys[-1] == "Kommandon"
        # A narrower terminal: fitted again, still whole keys.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert len(built) == 2
        assert all(k.region.right <= 80 for k in footer.children)


@pytest.fixture
def gc_restored():  # noqa: ANN201
    yield
    release_gc()
    gc.enable()  # whatever a failing test left


def test_tertial_file_starts_with_collection_held_and_ends_with_it_on(
    sample_db: Path,  # noqa: F811
    gc_restored: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = []
    monkeypatch.setattr(TertialApp, "run", lambda self: seen.append(gc.isenabled()))
    assert cli.main([str(sample_db)]) == 0
    assert seen == [False]  # held from the command's start to the app
    assert gc.isenabled()  # and on again when the workbench ends


def test_a_bad_file_leaves_collection_on(tmp_path: Path, gc_restored: None) -> None:
    bad = tmp_path / "not.db"
    bad.write_text("not a database")
    assert cli.main([str(bad)]) == 2
    assert gc.isenabled()


@sync
async def test_collection_is_on_again_once_the_first_frame_is_drawn(
    sample_db: Path,  # noqa: F811
    gc_restored: None,
) -> None:
    hold_gc()
    assert not gc.isenabled()
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.isenabled()
        assert app.screen.query_one("#tree").has_focus  # the workbench, drawn


@sync
async def test_a_file_without_reports_turns_collection_on_too(
    tmp_path: Path, gc_restored: None
) -> None:
    path = tmp_path / "empty.db"
    create_database(path, sample=False)
    hold_gc()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        assert gc.isenabled()


def test_a_program_that_turned_collection_off_keeps_it_off(gc_restored: None) -> None:
    gc.disable()
    hold_gc()
    release_gc()
    assert not gc.isenabled()
