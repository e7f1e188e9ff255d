"""Snapshots of the main screen, the find dialog and an editor at 80×24 and 120×40.

The dialogs are in test_app_snapshot_dialogs.py. All were drawn by the Textual and Rich
pinned in .ci/constraints.txt: another version draws other pictures.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
)

SIZES = [(80, 24), (120, 40)]
CONSTRAINTS = Path(__file__).resolve().parents[1] / ".ci" / "constraints.txt"


@pytest.mark.parametrize("package", ["textual", "rich"])
def test_the_snapshots_are_drawn_by_the_pinned_version(package: str) -> None:
    """An upgrade is a reviewed change: bump the pin, --snapshot-update, review the SVGs."""
    pinned = re.search(rf"^{package}==(\S+)$", CONSTRAINTS.read_text(), re.MULTILINE)
    assert pinned, f"{package} is not pinned in {CONSTRAINTS}"
    assert version(package) == pinned[1], (
        f"{package} {version(package)} is installed, the snapshots were made with {pinned[1]}"
    )


@pytest.fixture
def snap_app(sample_db: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201, F811
    monkeypatch.chdir(sample_db.parent)  # the header shows the file relative to here
    return make_app(Path(sample_db.name))


async def _settle(pilot) -> None:  # noqa: ANN001
    await pilot.app.workers.wait_for_complete()  # find's search, in a worker
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, snap_app, size) -> None:  # noqa: ANN001
    assert snap_compare(snap_app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_find_dialog(snap_compare, snap_app, size) -> None:  # noqa: ANN001
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("slash", *"sjukfrånvaro")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_cell_editor(snap_compare, snap_app, size) -> None:  # noqa: ANN001
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("slash", *"Sjukfrånvaro dag 1-14", "enter")
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.press(*"1.500")  # thousands or decimals? refused
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_text_editor(snap_compare, snap_app, size) -> None:  # noqa: ANN001
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("e")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)
