"""Ny rapport: organisation, kind, year and what to start from (issue 12 §1).

The dialog only asks; `create` (tui/verbs/new_report.py) writes. A refused value keeps
the dialog open with the reason under the field it belongs to; nothing is created.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from store.models import ReportKind

# Where a refusal is said: the field's key in this dialog.
FIELDS = ("organisation", "kind", "year", "start", "path")
START_EMPTY = "empty"
START_FILE = "file"


@dataclass(frozen=True)
class NewReportRequest:
    organisation: str
    kind: str  # T1, T2, VB
    year: str  # as typed
    start: str  # empty, file, report:<id>, kf:<year>
    path: str = ""  # the goals CSV, when start is "file"


@dataclass(frozen=True)
class Refusal:
    field: str  # one of FIELDS
    reason: str


Create = Callable[[NewReportRequest], "int | Refusal"]


class NewReportDialog(ModalScreen[int | None]):
    """Dismisses with the new report's id, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", priority=True),
        Binding("ctrl+s", "create", "Skapa", priority=True),
    ]

    def __init__(
        self,
        create: Create,
        starts: list[tuple[str, str]],
        *,
        organisation: str = "",
        kind: str = "T1",
        year: int,
        start: str = START_EMPTY,
    ) -> None:
        super().__init__()
        self.create = create
        self.starts = starts
        self.first = NewReportRequest(organisation, kind, str(year), start)

    def compose(self) -> ComposeResult:
        first = self.first
        kinds = [(k.label, k.value) for k in ReportKind]
        with Vertical(classes="dialog new-report", id="new-report"):
            yield Label("Ny rapport", classes="dialog-title")
            yield from self._row("Organisation", Input(first.organisation, id="nr-organisation"))
            yield from self._row(
                "Typ", Select(kinds, value=first.kind, allow_blank=False, id="nr-kind")
            )
            yield from self._row("År", Input(first.year, id="nr-year", max_length=6))
            yield from self._row(
                "Starta från",
                Select(self.starts, value=first.start, allow_blank=False, id="nr-start"),
            )
            yield from self._row(
                "Målfil (CSV)", Input(placeholder="sökväg till en CSV med mål", id="nr-path")
            )
            yield Label("enter/ctrl+s skapar och öppnar · escape avbryter", classes="dialog-hint")

    def _row(self, label: str, widget: Input | Select[str]) -> ComposeResult:
        key = (widget.id or "").removeprefix("nr-")
        widget.compact = True
        with Horizontal(classes="nr-row", id=f"nr-row-{key}"):
            yield Label(label, classes="nr-label")
            yield widget
        yield Label("", id=f"nr-error-{key}", classes="nr-error", markup=False)

    def on_mount(self) -> None:
        self._show_path()
        self.query_one("#nr-organisation", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "nr-start":
            self._show_path()

    def _show_path(self) -> None:
        on = self.query_one("#nr-start", Select).value == START_FILE
        self.query_one("#nr-row-path").display = on
        if not on:
            self._say("path", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def request(self) -> NewReportRequest:
        return NewReportRequest(
            organisation=self.query_one("#nr-organisation", Input).value,
            kind=str(self.query_one("#nr-kind", Select).value),
            year=self.query_one("#nr-year", Input).value,
            start=str(self.query_one("#nr-start", Select).value),
            path=self.query_one("#nr-path", Input).value,
        )

    def _say(self, field: str, reason: str) -> None:
        error = self.query_one(f"#nr-error-{field}", Label)
        error.update(reason)
        error.set_class(bool(reason), "shown")

    def action_create(self) -> None:
        for field in FIELDS:
            self._say(field, "")
        result = self.create(self.request())
        if isinstance(result, Refusal):
            self._say(result.field, result.reason)
            widget = self.query_one(f"#nr-{result.field}")
            widget.focus()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
