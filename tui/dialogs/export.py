"""Export: Markdown or CSV, to a path the author chooses; asks before writing over a file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from tui.dialogs.confirm import ConfirmDialog
from tui.labels import plain, printable

FORMATS = {"md": "Markdown (.md)", "csv": "CSV (.csv)"}


@dataclass(frozen=True)
class ExportRequest:
    fmt: str  # md, csv
    path: Path


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(
        self,
        what: str,
        stem: str,
        folder: Path,
        csv_ok: bool = True,
        protect: Sequence[Path] = (),
    ) -> None:
        super().__init__()
        self.what, self.stem, self.folder, self.csv_ok = what, stem, folder, csv_ok
        self.protect = list(protect)  # the tertial file: never written over

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Exportera", classes="dialog-title")
            yield Label(printable(self.what), classes="dialog-subtitle", markup=False)
            with RadioSet(id="export-format"):
                yield RadioButton(FORMATS["md"], value=True, id="md")
                yield RadioButton(FORMATS["csv"], id="csv", disabled=not self.csv_ok)
            yield Input(str(self.folder / f"{self.stem}.md"), id="export-path")
            yield Label("", id="export-error")
            yield Label("enter exporterar · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        fmt = event.pressed.id or "md"
        inp = self.query_one(Input)
        inp.value = str(Path(inp.value).with_suffix(f".{fmt}"))

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id if pressed else None) or "md"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from exports.atomic import OutputRefused, check_target

        event.stop()
        path = Path(event.value.strip()).expanduser()
        error = self.query_one("#export-error", Label)
        if not event.value.strip():
            error.update("Ange en fil att skriva till.")
            return
        try:
            check_target(path, self.protect)
        except OutputRefused as exc:
            error.update(plain(f"{exc.reason[:1].upper()}{exc.reason[1:]}."))
            return
        error.update("")
        request = ExportRequest(self.fmt, path)
        if not os.path.lexists(path):
            self.dismiss(request)
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.dismiss(request)
            else:
                error.update("Filen skrevs inte över; ange ett annat namn.")
                self.query_one(Input).focus()

        self.app.push_screen(
            ConfirmDialog(f"{path} finns redan. Skriva över den?", yes="Skriv över", no="Avbryt"),
            answered,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
