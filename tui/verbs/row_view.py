"""The row view (`o`) of an indicator or an activity: its fields, the previous report's
values beside them, each edited through the Editor like a table cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.models import ACTIVITY_FIELDS, Indicator
from tui.actions import verb
from tui.labels import DIRECTION_LABELS
from tui.verbs.workbench import Workbench
from tui.verbs.writing import save
from tui.widgets.value_table import cell_text, indicator_columns

if TYPE_CHECKING:
    from tui.dialogs.row_view import RowField
    from tui.widgets.cursor import FieldRef

PROSE = ("analys", "to_check")
DIRECTION_HINT = " (högre, lägre eller tomt)"  # what the direction's editor takes


def row_fields(entity: str, year: int) -> list[RowField]:
    """The fields of the row view, in the report's order, each labelled as the report does."""
    from tui.dialogs.row_view import RowField

    if entity == "indicator":
        labels = {**indicator_columns(year), "unit": "Enhet", "direction": "Riktning"}
        labels |= {"analys": "Analys", "to_check": "Att kontrollera"}
    else:
        labels = dict(ACTIVITY_FIELDS)
    return [RowField(f, label, f in PROSE) for f, label in labels.items()]


def field_text(model: Any, field: str) -> str:
    """A field's value as the row view shows it (and its editor starts from)."""
    if field == "direction":
        return DIRECTION_LABELS.get(str(getattr(model.direction, "value", "")), "")
    return cell_text(model, field)


def direction_value(text: str) -> str | None:
    """A typed direction as stored: 'higher', 'lower' or None (blank). The first word
    is read, so the shown "högre är bättre" and a short "h" both mean higher."""
    word = (text.split() or [""])[0].lower()
    if word in DIRECTION_LABELS:  # as stored: the file's value in a conflict
        return word
    for value, label in DIRECTION_LABELS.items():
        if word and label.split()[0].startswith(word):
            return value
    if word:
        raise ValueError(
            f"{text.strip()!r} går inte: skriv högre (högre är bättre), lägre eller lämna tomt"
        )
    return None


def _commit_direction(text: str, shown: str) -> tuple[str | None, str | None]:
    """(value to write, value shown) for the Editor; raises ValueError with the reason."""
    try:
        expected = direction_value(shown)
    except ValueError:
        expected = shown  # not a direction: compared as given (a conflict, then)
    return direction_value(text), expected


def open_row_view(wb: Workbench, target: FieldRef | None) -> None:
    if target is None or target.entity not in ("indicator", "activity"):
        wb.notify(verb("row_view").missing, severity="warning")
        return
    store = wb.editor.store
    entity, entity_id = target.entity, target.entity_id
    fields = row_fields(entity, wb.report.year)

    def read() -> dict[str, str]:
        model = store.get(entity, entity_id)
        return {f.field: field_text(model, f.field) for f in fields}

    def edit(spec: RowField, value: str, done: Callable[[Any], None]) -> None:
        if not wb.writable():
            return

        def commit(text: str, shown: str) -> str | None:
            value: Any = text
            if spec.field == "direction":
                try:
                    value, shown = _commit_direction(text, shown)
                except ValueError as exc:
                    return str(exc)
            return save(wb, entity, entity_id, spec.field, value, shown)

        if spec.prose:
            from tui.dialogs.text_editor import TextEditor

            wb.app.push_screen(TextEditor(f"{spec.label} – {title}", value, commit), done)
        else:
            from tui.dialogs.cell_editor import CellEditor

            label = f"{spec.label}{DIRECTION_HINT if spec.field == 'direction' else ''}"
            editor = CellEditor(f"{label} – {title}", value, commit, field=spec.field)
            wb.app.push_screen(editor, done)

    model = store.get(entity, entity_id)
    title = model.name if isinstance(model, Indicator) else model.text
    origin = store.previous_values(wb.report_id).get(entity_id) if entity == "indicator" else None
    previous = None
    if origin is not None:
        # The name is the row's own (the same as before, nearly always): not repeated.
        previous = {f.field: field_text(origin.item, f.field) for f in fields[1:]}
    from tui.dialogs.row_view import RowView

    wb.app.push_screen(
        RowView(
            title,
            fields,
            read,
            edit,
            previous=previous,
            previous_label=origin.label if origin else "",
            start=target.field,
        )
    )
