"""A goal's number and title (or a section's heading), each in its own field; a refused
value keeps the dialog open with the reason under the field it is about."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.labels import printable

# Saves the fields' values (by field name); returns None when saved, else
# (field, reason): the field the refusal is about ("" when about all of them).
HeadingCommit = Callable[[dict[str, str]], tuple[str, str] | None]


class HeadingDialog(ModalScreen[bool]):
    """Fields as (name, label, value); enter in the last one saves, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(
        self, title: str, fields: list[tuple[str, str, str]], commit: HeadingCommit
    ) -> None:
        super().__init__()
        self.title_text, self.fields, self.commit = title, fields, commit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="heading-dialog"):
            yield Label(printable(self.title_text), classes="dialog-title", markup=False)
            for name, label, value in self.fields:
                yield Label(label, classes="heading-label")
                yield Input(value, id=f"heading-{name}", select_on_focus=False)
                yield Static("", id=f"heading-error-{name}", classes="heading-error")
            yield Label("enter sparar · tab nästa fält · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#heading-{name}", Input).value for name, _, _ in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        for error in self.query(".heading-error"):
            error.remove_class("shown")
        refused = self.commit(self.values())
        if refused is None:
            self.dismiss(True)
            return
        field, reason = refused
        name = field if field in {n for n, _, _ in self.fields} else self.fields[-1][0]
        error = self.query_one(f"#heading-error-{name}", Static)
        error.update(Text(f"✗ {reason}", style="bold red"))
        error.add_class("shown")
        self.query_one(f"#heading-{name}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(False)
