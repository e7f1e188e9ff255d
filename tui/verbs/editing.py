"""Editing what is shown: a goal's assessment, a text, a table cell, Avvikelse, a row's Analys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.models import Activity
from tui.labels import goal_label
from tui.verbs.workbench import Workbench
from tui.verbs.writing import save, write

if TYPE_CHECKING:
    from tui.dialogs.assessment import AssessmentChoice
    from tui.widgets.value_table import ValueTable


def assess(wb: Workbench) -> None:
    goal = wb.goal
    if goal is None:
        wb.notify("Välj ett mål i trädet först.", severity="warning")
        return
    if not wb.writable():
        return
    from tui.dialogs.assessment import AssessmentDialog

    def picked(choice: AssessmentChoice | None) -> None:
        if choice is None:
            return
        value = choice.assessment.value if choice.assessment else None
        shown = goal.assessment.value if goal.assessment else None
        write(wb, "goal", goal.id or 0, "assessment", value, shown)

    wb.app.push_screen(AssessmentDialog(goal_label(goal), goal.assessment), picked)


def edit_text(
    wb: Workbench, entity: str, entity_id: int, field: str, label: str, value: str
) -> None:
    """A text in the editor; ctrl+s saves it against the text shown (`value`)."""
    if not wb.writable():
        return
    from tui.dialogs.text_editor import DraftTarget, TextEditor

    subject = goal_label(wb.goal) if wb.goal else ""
    title = f"{label} – {subject}" if subject else label

    def commit(text: str, shown: str) -> str | None:
        return save(wb, entity, entity_id, field, text, shown)

    draft = DraftTarget(wb.editor.store, entity, entity_id, field, saved=value)
    wb.app.push_screen(TextEditor(title, value, commit, draft=draft))


def edit_cell(wb: Workbench, event: ValueTable.EditCell) -> None:
    if not wb.writable():
        return
    from tui.dialogs.cell_editor import CellEditor

    def commit(text: str, shown: str) -> str | None:
        return save(wb, event.entity, event.id, event.field, text, shown)

    wb.app.push_screen(
        CellEditor(event.label, event.value, commit, event.region, field=event.field)
    )


def toggle_flag(wb: Workbench, table: ValueTable, entity_id: int) -> None:
    act = table.models.get(entity_id)
    if isinstance(act, Activity):
        write(wb, "activity", entity_id, "deviation", not act.deviation, act.deviation)
