"""Every key of the current context, generated from the bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "space": "mellanslag",
    "enter": "enter",
    "escape": "escape",
    "delete": "delete",
    "insert": "insert",
    "tab": "tab",
    "shift+tab": "shift+tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def key_name(key: str) -> str:
    return KEY_NAMES.get(key, key)


class _Keys(VerticalScroll):
    """The list of keys; says on the dialog whether more of it lies above or below."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.call_after_refresh(self.say_where)

    def on_resize(self) -> None:
        self.call_after_refresh(self.say_where)

    def say_where(self) -> None:
        if not self.is_attached:
            return
        hint = self.screen.query_one("#help-more", Label)
        below = self.scroll_y < self.max_scroll_y
        above = self.scroll_y > 0
        words = {
            (True, False): "▼ fler tangenter nedanför: ↓ eller pgdn rullar",
            (True, True): "▲▼ fler tangenter ovanför och nedanför: ↑↓ rullar",
            (False, True): "▲ fler tangenter ovanför: ↑ eller pgup rullar",
        }
        hint.update(words.get((below, above), ""))
        hint.display = below or above


class HelpDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Stäng")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, description in self.rows:
            table.add_row(keys, description)
        with Vertical(classes="dialog help"):
            yield Label("Tangenter här", classes="dialog-title")
            with _Keys(id="help-keys"):
                yield Static(table)
            yield Label("", id="help-more", classes="dialog-hint")
            yield Label("escape stänger · ctrl+p visar alla kommandon", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
