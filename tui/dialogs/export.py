"""Export (`x`): format first, then what, then where; asks before writing over a file.

Formats come from the registry (exports.formats.WORKBENCH, in its order); what may be
exported from where the cursor is comes from tui.export_choices: a choice a format
cannot hold is not offered with it. The file name is built from the report and the
choice until the author types their own; the folder is the one remembered (the verb
keeps it, tui.verbs.export).

Word holds a goal with everything below it, or the whole report: a single table in
Word would be a document with no heading, text or assessment around it, and the same
table is in the goal's document (under its goal, as printed). A table alone goes to
Excel, CSV or Markdown, as on the command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option

from exports import REPORT
from exports.formats import FORMATS, WORKBENCH
from tui.dialogs.confirm import ConfirmDialog
from tui.export_choices import Choice, file_name
from tui.labels import plain, printable

if TYPE_CHECKING:
    from store.models import Report

SPREADSHEET_DIALECT = "excel-sv"  # what Swedish Excel opens by double-click
PLAIN_DIALECT = "rfc4180"


@dataclass(frozen=True)
class ExportRequest:
    fmt: str  # a format's name in exports.formats
    choice: Choice
    path: Path
    dialect: str  # csv


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(
        self,
        report: Report,
        choices: list[Choice],
        first: Choice,
        folder: Path,
        protect: list[Path] | None = None,
    ) -> None:
        super().__init__()
        self.report = report
        self.choices = {c.key: c for c in choices}
        self.first = first
        self.folder = folder
        self.protect = protect or []  # the tertial file: never written over
        # The first format that holds what is in focus: Word for a goal or the report,
        # Excel for a table.
        self.start_fmt = next(n for n in WORKBENCH if FORMATS[n].holds(first.table))
        self.offered = ""  # the file name last offered; a typed one is kept

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Exportera", classes="dialog-title")
            with Horizontal(classes="export-row export-choice"):
                yield Label("Format", classes="export-key")
                with RadioSet(id="export-format", compact=True):
                    for name in WORKBENCH:
                        label = FORMATS[name].label.split(" (")[0]
                        yield RadioButton(label, value=name == self.start_fmt, id=name)
            with Horizontal(classes="export-row export-choice"):
                yield Label("Vad", classes="export-key")
                # The chosen line is the highlighted one: arrows choose, as in a menu.
                yield OptionList(id="export-what", compact=True)
            yield Label("", id="export-note", markup=False)
            with Horizontal(classes="export-row"):
                yield Label("Mapp", classes="export-key")
                yield Input(str(self.folder), id="export-folder", compact=True)
            with Horizontal(classes="export-row"):
                yield Label("Fil", classes="export-key")
                yield Input("", id="export-name", compact=True)
            with Horizontal(classes="export-row", id="export-csv-row"):
                yield Label("", classes="export-key")
                yield Checkbox(
                    "För svenska Excel (semikolon, UTF-8 med BOM)",
                    value=True,
                    id="export-excel-sv",
                    compact=True,
                )
            yield Label("", id="export-error", markup=False)
            yield Label(
                "enter väljer · tab nästa fält · enter i Fil exporterar · escape avbryter",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._format_changed()
        self.query_one("#export-format", RadioSet).focus()

    # -- what is chosen ------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return (pressed.id if pressed else None) or self.start_fmt

    @property
    def choice(self) -> Choice:
        option = self.query_one("#export-what", OptionList).highlighted_option
        return self.choices.get(option.id or "", self.first) if option else self.first

    def pick(self, key: str) -> None:
        """Choose what to export (the format must hold it)."""
        what = self.query_one("#export-what", OptionList)
        what.highlighted = what.get_option_index(key)

    @property
    def dialect(self) -> str:
        excel = self.query_one("#export-excel-sv", Checkbox).value
        return SPREADSHEET_DIALECT if excel else PLAIN_DIALECT

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._format_changed()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._mark_choice()
        self._offer_name()

    def _mark_choice(self) -> None:
        """A mark on the chosen line, seen without colour too (as a radio button's)."""
        what = self.query_one("#export-what", OptionList)
        for i in range(what.option_count):
            option = what.get_option_at_index(i)
            chosen = self.choices[option.id or ""]
            mark = "● " if i == what.highlighted else "○ "
            what.replace_option_prompt_at_index(i, mark + printable(chosen.label))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter on a choice: on to where
        self.focus_next()

    def _format_changed(self) -> None:
        """Offer what this format holds; the choice moves only when it cannot hold it."""
        spec = FORMATS[self.fmt]
        what = self.query_one("#export-what", OptionList)
        current = self.choice if what.option_count else self.first
        held = [c for c in self.choices.values() if spec.holds(c.table)]
        what.set_options(Option(printable(c.label), id=c.key) for c in held)
        if current not in held:
            current = next((c for c in held if c.key == "goal"), held[0])
        what.highlighted = held.index(current)
        note = self.query_one("#export-note", Label)
        single = self.first.table != REPORT and not spec.holds(self.first.table)
        note.update(
            "En enskild tabell går till Excel, CSV eller Markdown; i Word följer den med sitt mål."
            if single
            else ""
        )
        note.display = single
        self.query_one("#export-csv-row").display = self.fmt == "csv"
        self._offer_name()

    def _offer_name(self) -> None:
        """The built name for the choice; a name the author typed keeps its stem."""
        inp = self.query_one("#export-name", Input)
        suffix = FORMATS[self.fmt].suffix
        built = file_name(self.report, self.choice, suffix)
        typed = inp.value.strip()
        if typed and typed != self.offered:
            inp.value = str(Path(typed).with_suffix(suffix))
        else:
            inp.value = self.offered = built

    # -- where, and writing --------------------------------------------------------------

    def path(self) -> Path | None:
        folder = self.query_one("#export-folder", Input).value.strip()
        name = self.query_one("#export-name", Input).value.strip()
        if not name:
            return None
        path = Path(folder or ".").expanduser() / Path(name).expanduser()
        return path if path.suffix else path.with_suffix(FORMATS[self.fmt].suffix)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from exports.atomic import OutputRefused, check_target

        event.stop()
        error = self.query_one("#export-error", Label)
        path = self.path()
        if path is None:
            error.update("Ange ett filnamn.")
            self.query_one("#export-name", Input).focus()
            return
        try:
            check_target(path, self.protect)
        except OutputRefused as exc:
            error.update(plain(f"{exc.reason[:1].upper()}{exc.reason[1:]}."))
            return
        error.update("")
        request = ExportRequest(self.fmt, self.choice, path, self.dialect)
        if not os.path.lexists(path):
            self.dismiss(request)
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.dismiss(request)
            else:
                error.update("Filen skrevs inte över; ange ett annat namn.")
                self.query_one("#export-name", Input).focus()

        self.app.push_screen(
            ConfirmDialog(f"{path} finns redan. Skriva över den?", yes="Skriv över", no="Avbryt"),
            answered,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
