"""Edit a text (Analys, Förväntat resultat, Beskrivning, a section's text) in a TextArea."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from tui.dialogs.confirm import ConfirmDialog


class TextEditor(ModalScreen[str | None]):
    """Dismisses with the new text (ctrl+s) or None (escape, after asking if changed)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", priority=True),
        Binding("escape", "cancel", "Avbryt", priority=True),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.original = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.original, id="editor", soft_wrap=True, show_line_numbers=False)
            yield Label("ctrl+s sparar · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Texten är ändrad. Kasta ändringarna?", "Kasta", "Fortsätt skriva"),
            answered,
        )
