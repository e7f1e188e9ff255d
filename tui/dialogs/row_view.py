"""The row view (`o`): every field of one indicator or activity, one under the other.

A narrow terminal shows two of an indicator's nine columns; here each field has a line
of its own, its label whole, with the previous report's value beside it where the row
was carried from one. `e`/`enter` edits the field under the cursor through the same
editors (and the same Editor) as the table; the view reads the row anew after a save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.labels import printable


class RowField(NamedTuple):
    field: str
    label: str
    prose: bool = False  # edited in the text editor (several lines)


# edit(field, value shown, done): open the field's editor; `done` runs once it closed.
EditField = Callable[[RowField, str, Callable[[Any], None]], None]


class FieldLine(Static, can_focus=True):
    """One field: its label, its value and, dimmed, the previous report's value."""

    BINDINGS = [
        Binding("e,enter", "edit", "Redigera"),
        Binding("down,j", "app.focus_next", "Nästa fält", show=False),
        Binding("up,k", "app.focus_previous", "Föregående fält", show=False),
    ]

    class Edit(Message):
        def __init__(self, line: FieldLine) -> None:
            super().__init__()
            self.line = line

    def action_edit(self) -> None:
        self.post_message(self.Edit(self))

    def __init__(self, spec: RowField, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.spec = spec
        self.value = ""

    def show(self, value: str, previous: str | None, previous_label: str) -> None:
        self.value = value
        text = Text(printable(self.spec.label), style="bold")
        if previous is not None:
            text.append(f"   {printable(previous_label)}: ", style="dim")
            text.append(printable(previous, prose=True) or "–", style="dim")
        text.append("\n")
        if value.strip():
            text.append(printable(value, prose=self.spec.prose))
        else:
            text.append("(tom)", style="dim italic")
        self.update(text)


class _Fields(VerticalScroll, can_focus=False):
    """Scrolls to the focused field; the keys move between fields, not the scroll."""


class RowView(ModalScreen[None]):
    """All fields of one row; `escape` closes, `e`/`enter` edits the field under the cursor."""

    BINDINGS = [Binding("escape,o", "close", "Stäng")]

    def __init__(
        self,
        title: str,
        fields: list[RowField],
        read: Callable[[], dict[str, str]],
        edit: EditField,
        *,
        previous: dict[str, str] | None = None,
        previous_label: str = "",
        start: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.read = read
        self.edit = edit
        self.previous = previous
        self.previous_label = previous_label
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog row-view"):
            yield Label(printable(self.title_text), classes="dialog-title", markup=False)
            if self.previous is not None:
                hint = f"Grått: värdet i {self.previous_label}"
                yield Label(printable(hint), classes="dialog-subtitle", markup=False)
            with _Fields(id="row-fields"):
                for spec in self.fields:
                    yield FieldLine(spec, id=f"field-{spec.field}")
            yield Label("e/enter redigerar · ↑↓ byter fält · escape stänger", classes="dialog-hint")

    def on_mount(self) -> None:
        self.refresh_values()
        lines = {line.spec.field: line for line in self.query(FieldLine)}
        (lines.get(self.start) or next(iter(lines.values()))).focus()

    def refresh_values(self) -> None:
        values = self.read()
        for line in self.query(FieldLine):
            field = line.spec.field
            before = None if self.previous is None else self.previous.get(field)
            line.show(values.get(field, ""), before, self.previous_label)

    def line(self, field: str) -> FieldLine:
        return self.query_one(f"#field-{field}", FieldLine)

    def on_field_line_edit(self, event: FieldLine.Edit) -> None:
        line = event.line
        self.edit(line.spec, line.value, lambda _saved: self.refresh_values())

    def action_close(self) -> None:
        self.dismiss(None)
