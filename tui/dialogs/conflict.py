"""The value changed in the file since it was shown: keep theirs or write mine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.labels import printable

Choice = Literal["theirs", "mine"]

# An editor's save: given the typed text and the value it replaces as the author saw
# it, saves and returns None, or returns why it was refused (shown where it was typed).
# Raises store.errors.Conflict when the file holds another value by now; nothing is
# saved then, and the screen behind already shows the file's value.
Commit = Callable[[str, str], str | None]


class ConflictDialog(ModalScreen[Choice | None]):
    """Dismisses with 'mine', 'theirs', or None (escape).

    From an editor, escape goes back to what was typed (`back` says where); elsewhere
    it keeps theirs, as nothing was written.
    """

    BINDINGS = [
        Binding("t", "choose('theirs')", "Behåll deras"),
        Binding("m", "choose('mine')", "Skriv mitt"),
        Binding("escape", "back", "Avbryt"),
    ]

    def __init__(self, field: str, on_disk: str, mine: str, *, back: str | None = None) -> None:
        super().__init__()
        self.field, self.on_disk, self.mine = field, on_disk, mine
        self.back = back

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                printable(f"{self.field} har ändrats i filen"),
                classes="dialog-title",
                markup=False,
            )
            with VerticalScroll(id="conflict-scroll"):
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
            if self.back:
                hint = f"t kastar det du skrev · escape: tillbaka till {self.back}"
            else:
                hint = "escape: behåll deras"
            yield Label(hint, classes="dialog-hint", markup=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    def action_back(self) -> None:
        self.dismiss(None if self.back else "theirs")
