"""History: one field's earlier values to set again, and deleted things to bring back."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.models import Change
from tui.labels import local_time, plain, printable, shorten, value_text

SOURCE_WORDS = {"app": "i tertial", "import": "import", "cli": "kommandoraden"}
KIND_WORDS = {
    "goal": "Mål",
    "indicator": "Indikator",
    "activity": "Aktivitet",
    "section": "Avsnitt",
    "economy_table": "Tabell",
    "economy_row": "Rad",
}
ORIGINAL = "original"


@dataclass(frozen=True)
class Pick:
    """The value chosen in a field's history (None: no value, as for 'Ej bedömd')."""

    value: str | None


def source_word(source: str) -> str:
    return SOURCE_WORDS.get(source) or printable(source)


def same(a: str | None, b: str | None) -> bool:
    """Two stored values alike; no value and an empty text are alike (as the store has it)."""
    return (a or "") == (b or "")


def _prompt(head: str, value: str, before: str | None, now: bool, width: int) -> Text:
    text = Text(head, style="italic cyan")
    if now:
        text.append("  ← nu", style="bold")
    text.append("\n")
    text.append(shorten(value, width))
    if before is not None:
        text.append("\n")
        text.append(shorten(f"före: {before}", width), style="dim")
    return text


class FieldHistoryDialog(ModalScreen[Pick | None]):
    """One field's changes, newest first; `enter` sets the field to the value on the row."""

    BINDINGS = [Binding("escape", "cancel", "Stäng")]

    def __init__(self, changes: list[Change], current: str | None) -> None:
        super().__init__()
        self.changes = changes  # newest first, at least one
        self.current = current

    def compose(self) -> ComposeResult:
        newest, oldest = self.changes[0], self.changes[-1]
        field = newest.field
        width = max(20, min(70, int(self.app.size.width * 0.95)) - 8)
        options: list[Option | None] = []
        values = [c.new for c in self.changes] + [oldest.old]
        # The file holds one value now: the newest entry that has it, not every entry alike.
        now_at = next((i for i, v in enumerate(values) if same(v, self.current)), None)
        for i, c in enumerate(self.changes):
            head = f"{local_time(c.at)} · {source_word(c.source)}"
            now = i == now_at
            before = value_text(field, c.old)
            options.append(
                Option(_prompt(head, value_text(field, c.new), before, now, width), str(i))
            )
        head = f"Ursprungligt värde (före {local_time(oldest.at)})"
        now = now_at == len(self.changes)
        options.append(
            Option(_prompt(head, value_text(field, oldest.old), None, now, width), ORIGINAL)
        )
        with Vertical(classes="dialog history"):
            yield Label(plain(f"Historik – {newest.field_label}"), classes="dialog-title")
            yield Label(plain(newest.subject), classes="dialog-subtitle")
            yield OptionList(*options, id="history-options")
            yield Label(
                "enter sätter radens värde (ctrl+z ångrar) · escape stänger",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [c.new for c in self.changes] + [self.changes[-1].old]
        # The value before the current one is the likely pick.
        first = next((i for i, v in enumerate(values) if not same(v, self.current)), 0)
        options.highlighted = first
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key == ORIGINAL:
            self.dismiss(Pick(self.changes[-1].old))
        else:
            self.dismiss(Pick(self.changes[int(key)].new))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DeletionsDialog(ModalScreen[Change | None]):
    """Deleted goals, indicators, activities, sections, economy tables and rows, newest
    first; `enter` brings one back."""

    BINDINGS = [Binding("escape", "cancel", "Stäng")]

    def __init__(self, deletions: list[Change]) -> None:
        super().__init__()
        self.deletions = deletions

    def compose(self) -> ComposeResult:
        width = max(20, min(70, int(self.app.size.width * 0.95)) - 8)
        options = []
        for i, c in enumerate(self.deletions):
            text = Text(f"{KIND_WORDS.get(c.entity, c.entity):<10}", style="italic cyan")
            text.append(shorten(c.subject, width - 10), style="bold")
            extra = " · med allt under" if c.entity in ("goal", "section", "economy_table") else ""
            text.append(f"\nborttagen {local_time(c.at)} · {source_word(c.source)}{extra}", "dim")
            options.append(Option(text, str(i)))
        with Vertical(classes="dialog history"):
            yield Label("Återställ borttaget", classes="dialog-title")
            yield OptionList(*options, id="deletion-options")
            yield Label(
                "enter återställer (ctrl+z tar bort igen) · escape stänger", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.deletions[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
