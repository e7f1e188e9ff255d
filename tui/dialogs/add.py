"""Add an indicator, an activity or a nämndmål under the selected goal."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.labels import printable

KIND_WORDS = {
    "indicator": ("Indikator", "Indikatorns namn"),
    "activity": ("Aktivitet", "Aktivitetens text"),
    "goal": ("Nämndmål", "Nämndmålets titel"),
    "omradesmal": ("Områdesmål", "Områdesmålets titel (numret sätts, t ändrar)"),
    "namndmal": ("Nämndmål direkt under inriktningsmålet", "Nämndmålets titel"),
    "inriktningsmal": ("Inriktningsmål överst", "Inriktningsmålets titel (numret sätts, t ändrar)"),
}


@dataclass(frozen=True)
class AddRequest:
    kind: str  # indicator, activity, goal
    text: str  # the name, the activity's text or the goal's title


class AddDialog(ModalScreen[AddRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Avbryt"),
        Binding("up", "kind(-1)", "Föregående slag", show=False),
        Binding("down", "kind(1)", "Nästa slag", show=False),
    ]

    def __init__(self, goal_title: str, kinds: list[str], first: str) -> None:
        super().__init__()
        self.goal_title = goal_title
        self.kinds = kinds
        self.first = first if first in kinds else kinds[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Lägg till", classes="dialog-title")
            yield Label(
                printable(f"under {self.goal_title}"), classes="dialog-subtitle", markup=False
            )
            yield OptionList(*[Option(KIND_WORDS[k][0], id=k) for k in self.kinds], id="add-kind")
            yield Input(placeholder=KIND_WORDS[self.first][1], id="add-text")
            yield Label("", id="add-error")
            yield Label(
                "↑↓ väljer slag · enter lägger till · escape avbryter", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.kinds.index(self.first)
        self.query_one(Input).focus()

    @property
    def kind(self) -> str:
        index = self.query_one(OptionList).highlighted
        return self.kinds[index or 0]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(Input).placeholder = KIND_WORDS[self.kind][1]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#add-error", Label).update(f"{KIND_WORDS[self.kind][1]} saknas.")
            return
        self.dismiss(AddRequest(self.kind, text))

    def action_kind(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.highlighted = ((options.highlighted or 0) + step) % len(self.kinds)

    def action_cancel(self) -> None:
        self.dismiss(None)
