"""A carried text as it is in the report it came from: read only, escape closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.labels import plain, printable


class PreviousTextDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Stäng"),
        Binding("p", "close", "Stäng", show=False),
        Binding("q", "close", "Stäng", show=False),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog previous-text"):
            yield Label(printable(self.title_text), classes="dialog-title", markup=False)
            with VerticalScroll(id="previous-scroll"):
                body = plain(self.text, prose=True) if self.text.strip() else Text("(tom)", "dim")
                yield Static(body, id="previous-body")
            yield Label("escape stänger · texten ändras inte här", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#previous-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
