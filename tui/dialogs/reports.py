"""Pick a report when the file holds more than one: organisation, kind and year."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.models import Report
from tui.labels import plain


class ReportsDialog(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, reports: list[Report], current: int) -> None:
        super().__init__()
        self.reports, self.current = reports, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Rapporter i filen", classes="dialog-title")
            yield OptionList(
                *[
                    Option(plain(f"{r.organisation} · {r.kind.label} · {r.year}"), id=str(r.id))
                    for r in self.reports
                ],
                id="report-options",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [r.id for r in self.reports]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
