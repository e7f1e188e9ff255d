"""Choose a goal's assessment: Uppfylls helt / delvis / ej / Ej bedömd."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.models import Assessment
from tui.labels import mark_long, printable

CHOICES: list[tuple[str, Assessment | None]] = [
    ("h", Assessment.HELT),
    ("d", Assessment.DELVIS),
    ("e", Assessment.EJ),
    ("n", None),
]


@dataclass(frozen=True)
class AssessmentChoice:
    """What the author picked; `assessment` None means Ej bedömd."""

    assessment: Assessment | None


class AssessmentDialog(ModalScreen[AssessmentChoice | None]):
    BINDINGS = [
        Binding("h", "pick('h')", "Uppfylls helt"),
        Binding("d", "pick('d')", "Uppfylls delvis"),
        Binding("e", "pick('e')", "Uppfylls ej"),
        Binding("n", "pick('n')", "Ej bedömd"),
        Binding("escape", "cancel", "Avbryt"),
    ]

    def __init__(self, title: str, current: Assessment | None) -> None:
        super().__init__()
        self.goal_title = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Bedömning", classes="dialog-title")
            yield Label(printable(self.goal_title), classes="dialog-subtitle", markup=False)
            options = []
            for key, value in CHOICES:
                prompt = mark_long(value)
                prompt.append(f"  ({key})", style="dim")
                options.append(Option(prompt, id=key))
            yield OptionList(*options, id="assessment-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next(i for i, (_, v) in enumerate(CHOICES) if v == self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option.id or "n")

    def action_pick(self, key: str) -> None:
        self.dismiss(AssessmentChoice(dict(CHOICES)[key]))

    def action_cancel(self) -> None:
        self.dismiss(None)
