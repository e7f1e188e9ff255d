"""Ask before something is removed or thrown away: Ja / Nej."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tui.labels import printable


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("j,y", "answer(True)", "Ja"),
        Binding("n,escape", "answer(False)", "Nej"),
    ]

    def __init__(self, question: str, yes: str = "Ja", no: str = "Nej") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                printable(self.question, prose=True), classes="dialog-question", markup=False
            )
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (j)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
