"""A draft left from last time (a crash, a closed terminal): restore it or throw it away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.labels import printable

DraftChoice = Literal["restore", "discard"]

PREVIEW_CHARS = 400
PREVIEW_LINES = 6


@dataclass(frozen=True)
class DraftInfo:
    """What the dialog says about one draft."""

    field: str  # the field's label: "Analys", "Text"
    subject: str  # what it belongs to: "1.1 Goal title", a section's title
    text: str  # the draft
    at: str  # when it was written, as stored
    exists: bool = True  # False when what it belongs to is gone from the file
    changed: bool = False  # the saved text changed since the draft was begun


def local_time(at: str) -> str:
    """A stored UTC time as the author's clock shows it: '2024-05-02 14:03'."""
    try:
        return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


def preview(text: str) -> str:
    """The start of the draft: a few lines, a few hundred characters."""
    lines = text.strip().splitlines()
    shown = "\n".join(lines[:PREVIEW_LINES])
    cut = len(lines) > PREVIEW_LINES
    if len(shown) > PREVIEW_CHARS:
        shown, cut = shown[:PREVIEW_CHARS].rstrip(), True
    return shown + (" …" if cut else "") if shown else "(tomt utkast)"


class DraftDialog(ModalScreen[DraftChoice | None]):
    """Dismisses with 'restore', 'discard' or None (ask again at the next start)."""

    BINDINGS = [
        Binding("å,a", "choose('restore')", "Återställ"),
        Binding("s", "choose('discard')", "Släng"),
        Binding("escape", "later", "Fråga nästa gång"),
    ]

    def __init__(self, info: DraftInfo, number: int = 1, count: int = 1) -> None:
        super().__init__()
        self.info, self.number, self.count = info, number, count

    def compose(self) -> ComposeResult:
        info = self.info
        of = f" ({self.number} av {self.count})" if self.count > 1 else ""
        with Vertical(classes="dialog draft"):
            yield Label(f"Osparat utkast{of}", classes="dialog-title")
            yield Static(
                Text.assemble((info.field, "bold"), " – ", printable(info.subject)),
                id="draft-subject",
                classes="dialog-subtitle",
            )
            yield Static(Text(printable(preview(info.text), prose=True)), id="draft-text")
            notes = [f"Skrevs {local_time(info.at)}."]
            if not info.exists:
                notes.append("Det som utkastet hör till finns inte längre i filen.")
            elif info.changed:
                notes.append("Texten i filen har ändrats sedan utkastet började skrivas.")
            yield Static("\n".join(notes), id="draft-notes", classes="dialog-hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    "Återställ (å)", id="restore", variant="primary", disabled=not info.exists
                )
                yield Button("Släng (s)", id="discard", variant="error")
                yield Button("Senare (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#restore" if self.info.exists else "#later", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "later":
            self.dismiss(None)
        else:
            self.action_choose(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: DraftChoice) -> None:
        if choice == "restore" and not self.info.exists:
            return
        self.dismiss(choice)

    def action_later(self) -> None:
        self.dismiss(None)
