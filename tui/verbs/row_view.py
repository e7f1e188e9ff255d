"""The row view (`o`) of an indicator or an activity: its fields, the previous report's
values beside them, each edited through the Editor like a table cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.models import ACTIVITY_FIELDS, Indicator
from tui.actions import verb
from tui.verbs.workbench import Workbench
from tui.verbs.writing import save
from tui.widgets.value_table import cell_text, indicator_columns

if TYPE_CHECKING:
    from tui.dialogs.row_view import RowField
    from tui.widgets.cursor import FieldRef

PROSE = ("analys", "to_check")


def row_fields(entity: str, year: int) -> list[RowField]:
    """The fields of the row view, in the report's order, each labelled as the report does."""
    from tui.dialogs.row_view import RowField

    if entity == "indicator":
        labels = {**indicator_columns(year), "unit": "Enhet", "analys": "Analys"}
        labels["to_check"] = "Att kontrollera"
    else:
        labels = dict(ACTIVITY_FIELDS)
    return [RowField(f, label, f in PROSE) for f, label in labels.items()]


def open_row_view(wb: Workbench, target: FieldRef | None) -> None:
    if target is None or target.entity not in ("indicator", "activity"):
        wb.notify(verb("row_view").missing, severity="warning")
        return
    store = wb.editor.store
    entity, entity_id = target.entity, target.entity_id
    fields = row_fields(entity, wb.report.year)

    def read() -> dict[str, str]:
        model = store.get(entity, entity_id)
        return {f.field: cell_text(model, f.field) for f in fields}

    def edit(spec: RowField, value: str, done: Callable[[Any], None]) -> None:
        if not wb.writable():
            return

        def commit(text: str, shown: str) -> str | None:
            return save(wb, entity, entity_id, spec.field, text, shown)

        if spec.prose:
            from tui.dialogs.text_editor import TextEditor

            wb.app.push_screen(TextEditor(f"{spec.label} – {title}", value, commit), done)
        else:
            from tui.dialogs.cell_editor import CellEditor

            wb.app.push_screen(CellEditor(f"{spec.label} – {title}", value, commit), done)

    model = store.get(entity, entity_id)
    title = model.name if isinstance(model, Indicator) else model.text
    origin = store.previous_values(wb.report_id).get(entity_id) if entity == "indicator" else None
    previous = None
    if origin is not None:
        # The name is the row's own (the same as before, nearly always): not repeated.
        previous = {f.field: cell_text(origin.item, f.field) for f in fields[1:]}
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
