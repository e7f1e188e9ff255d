"""Start-up: the first frame imports no dialog and no export code."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from store.locations import backup_dir
from store.store import Store
from tests.test_app_support import sync
from tui.app import TertialApp

ROOT = Path(__file__).resolve().parents[1]


def test_opening_the_app_imports_no_dialog_and_no_export_code() -> None:
    code = (
        "import sys, tui.app, tui.cli\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith(('tui.dialogs', 'exports',"
        " 'tabulate', 'tui.commands')) or m == 'textual.widgets._text_area'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    assert out == [], f"imported at start: {out}"


@sync
async def test_opening_the_app_writes_nothing(db_path: Path) -> None:
    watcher = sqlite3.connect(db_path)
    before = watcher.execute("PRAGMA data_version").fetchone()[0]
    store = Store(db_path)
    store.auto_backup = True  # as `tertial FILE` opens it
    app = TertialApp(store)
    async with app.run_test(size=(100, 35)) as pilot:
        await pilot.pause()
        assert app.screen.goal.title == "Ett Stockholm som håller samman"  # the first goal
        after = watcher.execute("PRAGMA data_version").fetchone()[0]
        assert after == before  # no state, no draft, nothing committed by another connection
    assert not backup_dir(db_path).exists()  # no daily backup without a change
    watcher.close()
    store.close()
