"""Edit one table cell beside the cell: the value selected, `enter` commits, `escape` cancels.

A refused value keeps the editor open with the reason under it; nothing is saved.
A value changed in the file meanwhile is asked about here, while the editor still
holds what was typed: write mine, keep theirs, or go back to the value.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store.errors import Conflict
from tui.dialogs.conflict import Commit, ConflictDialog
from tui.labels import printable, value_text


class CellEditor(ModalScreen[str | None]):
    """Dismisses with the saved value, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", priority=True)]

    def __init__(
        self,
        label: str,
        value: str,
        commit: Commit,
        near: Region | None = None,
        *,
        field: str = "",
    ) -> None:
        super().__init__()
        self.label, self.value, self.commit = label, value, commit
        self.field = field  # the stored field, so a conflict says the file's value in words
        self.near = near
        self.shown = value  # what the file held as far as the author knows

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
        if event.value == self.value:
            self.dismiss(None)  # nothing changed: nothing to write
            return
        self.save(event.value)

    def save(self, text: str) -> None:
        try:
            reason = self.commit(text, self.shown)
        except Conflict as exc:
            self.ask(exc, text)
            return
        if reason is None:
            self.dismiss(text)
            return
        error = self.query_one("#cell-error", Static)
        error.update(Text(f"✗ {reason}", style="bold red"))
        error.add_class("shown")

    def ask(self, exc: Conflict, text: str) -> None:
        """Pushed from here, so the answer comes back to this editor."""

        def answered(choice: str | None) -> None:
            if choice == "mine":
                self.shown = exc.on_disk
                self.save(text)
            elif choice == "theirs":
                self.dismiss(None)

        theirs = value_text(self.field, exc.on_disk)  # "lägre är bättre", not "lower"
        dialog = ConflictDialog(exc.field, theirs, text, back="värdet")
        self.app.push_screen(dialog, answered)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#cell-error", Static).remove_class("shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
