"""Export: Markdown or CSV, to a path the author chooses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from tui.labels import plain, printable

FORMATS = {"md": "Markdown (.md)", "csv": "CSV (.csv)"}


@dataclass(frozen=True)
class ExportRequest:
    fmt: str  # md, csv
    path: Path


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, what: str, stem: str, folder: Path, csv_ok: bool = True) -> None:
        super().__init__()
        self.what, self.stem, self.folder, self.csv_ok = what, stem, folder, csv_ok

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
        event.stop()
        path = Path(event.value.strip()).expanduser()
        error = self.query_one("#export-error", Label)
        if not event.value.strip():
            error.update("Ange en fil att skriva till.")
            return
        if not path.parent.is_dir():
            error.update(plain(f"Mappen {path.parent} finns inte."))
            return
        if path.is_dir():
            error.update(plain(f"{path} är en mapp; ange ett filnamn."))
            return
        self.dismiss(ExportRequest(self.fmt, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
