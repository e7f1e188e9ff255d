"""Snapshots of the main screen, the find dialog and an editor at 80×24 and 120×40."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
)

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def snap_app(sample_db: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201, F811
    monkeypatch.chdir(sample_db.parent)  # the header shows the file relative to here
    return make_app(Path(sample_db.name))


async def _settle(pilot) -> None:  # noqa: ANN001
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
        await pilot.press(*"1.5")
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_text_editor(snap_compare, snap_app, size) -> None:  # noqa: ANN001
    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("e")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=size, run_before=run_before)
