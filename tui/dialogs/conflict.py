"""The value changed in the file since it was shown: keep theirs or write mine."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.labels import printable

Choice = Literal["theirs", "mine"]


class ConflictDialog(ModalScreen[Choice | None]):
    BINDINGS = [
        Binding("t", "choose('theirs')", "Behåll deras"),
        Binding("m", "choose('mine')", "Skriv mitt"),
        Binding("escape", "choose('theirs')", "Avbryt (behåll deras)"),
    ]

    def __init__(self, field: str, on_disk: str, mine: str) -> None:
        super().__init__()
        self.field, self.on_disk, self.mine = field, on_disk, mine

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                printable(f"{self.field} har ändrats i filen"),
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                Text.assemble(
                    ("I filen nu: ", "bold"),
                    printable(self.on_disk, prose=True) or "(tomt)",
                    "\n",
                    ("Ditt värde: ", "bold"),
                    printable(self.mine, prose=True) or "(tomt)",
                ),
                id="conflict-values",
            )
            with Horizontal(classes="buttons"):
                yield Button("Behåll deras (t)", id="theirs")
                yield Button("Skriv mitt (m)", id="mine", variant="warning")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)
