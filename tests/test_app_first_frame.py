"""What the workbench's first frame waits for (issue 15, item 10).

The figure itself is measured in tests/bench/run.py, never here. These tests guard the
shape that keeps it low: what `tertial FIL` imports before it can draw, and that cyclic
garbage collection waits for the first frame (and only for it).
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

ROOT = Path(__file__).resolve().parents[1]

# Used only by verbs, dialogs, exports or the check engine: imported when first used.
# pydantic validates what is written or imported (store/validation.py), never a read.
NOT_ON_THE_PATH = (
    "pydantic",
    "pydantic_core",
    "store.validation",
    "store.report_json",
    "docx",
    "openpyxl",
    "markdown_it",
    "tabulate",
    "sqlite_utils",
    "exports",
    "store.check",  # the check runs after the first frame; its findings' types too
    "tui.dialogs",
    "tui.commands",
    "tui.palette",
    "tui.export_cli",
    "tui.import_cli",
    "tui.check_cli",
    "tui.verbs.drafts",
    "tui.verbs.economy",
    "tui.verbs.editing",
    "tui.verbs.export",
    "tui.verbs.history",
    "tui.verbs.navigate",
    "tui.verbs.new_report",
    "tui.verbs.row_view",
    "tui.verbs.rows",
    "tui.verbs.structure",
    "tui.verbs.writing",
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


# `tertial FIL` in a fresh interpreter, headless, with PILOT run once it has started;
# what PILOT appends to `seen` is printed.
_START = """
import sys
from tui import cli
from tui.app import TertialApp, WARM_AFTER

seen = []
run = TertialApp.run


async def pilot(pilot):
    await pilot.pause()
    await pilot.pause()  # the first frame is drawn
PILOT
    pilot.app.exit()


TertialApp.run = lambda self: run(self, headless=True, size=(120, 40), auto_pilot=pilot)
assert cli.main([sys.argv[1]]) == 0
print(seen)
"""


def _started(db: Path, *lines: str) -> list:
    code = _START.replace("PILOT", "\n".join(f"    {line}" for line in lines))
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return eval(out.stdout.strip())


def test_the_workbench_draws_its_first_frame_without_pydantic(sample_db: Path) -> None:  # noqa: F811
    # Reading the report (rows, history for undo, previous values) builds records without
    # validating; only a write, an import or a new report loads the models' twins.
    names = ("store.validation", "store.report_json")
    focused, imported = _started(
        sample_db,
        "seen.append(pilot.app.focused.id)",
        "seen.append(sorted(m for m in sys.modules"
        f" if m.split('.')[0] == 'pydantic' or m in {names!r}))",
    )
    assert (focused, imported) == ("tree", [])


def test_once_drawn_and_idle_the_first_writes_validation_is_made_ready(
    sample_db: Path,  # noqa: F811
) -> None:
    # The first write would pay ~80 ms importing pydantic and building the twins; the
    # workbench does it after its first frame, while the author reads it.
    before, built = _started(
        sample_db,
        "seen.append('store.validation' in sys.modules)",
        "await pilot.pause(WARM_AFTER + 0.5)",
        "from store.validation import _TWINS",
        "seen.append(sorted(record.__name__ for record in _TWINS))",
    )
    assert before is False
    assert {"Goal", "Indicator", "Activity", "Section", "Change"} <= set(built), built


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
