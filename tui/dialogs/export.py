"""Export: one of the registry's formats, to a path the author chooses; asks before writing
over a file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from tui.dialogs.confirm import ConfirmDialog
from tui.labels import plain, printable

if TYPE_CHECKING:
    from exports.formats import Format


@dataclass(frozen=True)
class ExportRequest:
    fmt: str  # a format's name in exports.formats
    path: Path


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(
        self,
        what: str,
        stem: str,
        folder: Path,
        formats: Sequence[Format],
        protect: Sequence[Path] = (),
    ) -> None:
        """`formats` are offered in their order, the first chosen (exports.formats)."""
        super().__init__()
        self.what, self.stem, self.folder = what, stem, folder
        self.formats = {f.name: f for f in formats}
        self.protect = list(protect)  # the tertial file: never written over

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Exportera", classes="dialog-title")
            yield Label(printable(self.what), classes="dialog-subtitle", markup=False)
            with RadioSet(id="export-format"):
                for i, f in enumerate(self.formats.values()):
                    yield RadioButton(f.label, value=i == 0, id=f.name)
            yield Input(str(self.folder / f"{self.stem}{self._first.suffix}"), id="export-path")
            yield Label("", id="export-error")
            yield Label("enter exporterar · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def _first(self) -> Format:
        return next(iter(self.formats.values()))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        fmt = self.formats.get(event.pressed.id or "", self._first)
        inp = self.query_one(Input)
        inp.value = str(Path(inp.value).with_suffix(fmt.suffix))

    @property
    def fmt(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.id if pressed else None) or self._first.name

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
