"""Pick a report of the file (organisation, kind and year), or `n`: a new one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.models import Report
from tui.labels import plain

# Dismissed with this instead of a report's id: the author asked for a new report.
NEW_REPORT = -1


class ReportsDialog(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt"), Binding("n", "new", "Ny rapport")]

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
            yield Label("enter öppnar · n ny rapport · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [r.id for r in self.reports]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_new(self) -> None:
        self.dismiss(NEW_REPORT)

    def action_cancel(self) -> None:
        self.dismiss(None)
