"""Pick the goal a goal moves under: the valid parents (any goal of a higher level but its
own parent), in the tree's order."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.labels import printable


class ParentPicker(ModalScreen[int | None]):
    """Dismisses with the chosen goal's id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, title: str, choices: list[tuple[int, str]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(printable(self.title_text), classes="dialog-title", markup=False)
            yield OptionList(
                *[Option(printable(label), id=str(i)) for i, label in self.choices],
                id="parent-choices",
            )
            yield Label("enter flyttar dit · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
