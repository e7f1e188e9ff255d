"""Edit one table cell beside the cell: the value selected, `enter` commits, `escape` cancels.

A refused value keeps the editor open with the reason under it; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.labels import printable

# Given the typed text, saves it and returns None, or returns why it was refused.
Commit = Callable[[str], str | None]


class CellEditor(ModalScreen[str | None]):
    """Dismisses with the saved value, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", priority=True)]

    def __init__(self, label: str, value: str, commit: Commit, near: Region | None = None) -> None:
        super().__init__()
        self.label, self.value, self.commit = label, value, commit
        self.near = near

    def compose(self) -> ComposeResult:
        with Vertical(id="cell-editor", classes="cell-editor"):
            yield Label(printable(self.label), classes="dialog-title", markup=False)
            yield Input(self.value, id="cell-input", select_on_focus=True)
            yield Static("", id="cell-error")
            yield Label("enter sparar · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        box = self.query_one("#cell-editor")
        if self.near is not None and self.near.width:
            width, height = max(46, self.near.width + 4), 11
            x = max(0, min(self.near.x - 2, self.size.width - width))
            y = self.near.bottom
            if y + height > self.size.height:
                y = max(0, self.near.y - height)
            box.styles.width = width
            box.styles.offset = (x, y)
        inp = self.query_one(Input)
        inp.focus()
        inp.select_all()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = self.commit(event.value)
        if reason is None:
            self.dismiss(event.value)
            return
        error = self.query_one("#cell-error", Static)
        error.update(Text(f"✗ {reason}", style="bold red"))
        error.add_class("shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#cell-error", Static).remove_class("shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
