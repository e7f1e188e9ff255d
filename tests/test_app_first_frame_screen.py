"""The workbench's screen on the way to its first frame (issue 15, item 10): composed
once, not styled twice, drawn with what it shows; the figure itself is measured in
tests/bench/run.py, never here."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._compositor import Compositor

from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
    sync,
)
from tui.screens.main import MainScreen
from tui.widgets.footer import FittingFooter


def _until_first_frame(app, seen: list[str]) -> None:  # noqa: ANN001
    """`seen` gets 'frame' when the workbench's first frame is written (not one composed
    inside a batch, which Textual drops)."""
    display = app._display

    def recording(screen, renderable) -> None:  # noqa: ANN001
        if renderable is not None and isinstance(screen, MainScreen) and not app._batch_count:
            seen.append("frame")
        display(screen, renderable)

    app._display = recording


@sync
async def test_the_workbench_is_composed_once_and_styled_once_before_its_first_frame(
    sample_db: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    render_update = Compositor.render_update
    restyle = MainScreen.update_node_styles

    def composed(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append("composed")
        return render_update(self, *args, **kwargs)

    def restyled(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append("restyled")
        return restyle(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", composed)
    monkeypatch.setattr(MainScreen, "update_node_styles", restyled)
    app = make_app(sample_db)
    _until_first_frame(app, seen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        first = seen.index("frame")
        # Composed once (not first inside the app's mount batch, for nothing), its
        # widgets styled as they mounted and not all again when it is shown.
        assert seen[:first] == ["composed"], seen
        footer = app.screen.query_one(FittingFooter)
        assert [k.description for k in footer.keys][:1] == ["Öppna"]  # drawn with it
