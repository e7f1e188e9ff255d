"""Undo and redo, a field's earlier values (H), and deleted things brought back (U).

All write through the Editor like every other change: recorded, and undone with ctrl+z.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.actions import verb
from tui.editor import Refused, Stepped
from tui.verbs.rows import ENTITY_WORDS
from tui.verbs.workbench import Workbench
from tui.verbs.writing import write
from tui.widgets.report_tree import Ref

if TYPE_CHECKING:
    from store.models import Change
    from tui.dialogs.history import Pick
    from tui.widgets.cursor import FieldRef


def undo(wb: Workbench) -> None:
    _stepped(wb, wb.editor.undo())


def redo(wb: Workbench) -> None:
    _stepped(wb, wb.editor.redo())


def _stepped(wb: Workbench, result: Stepped) -> None:
    if result.done:
        goal_id = result.changes[0].goal_id
        if goal_id is not None:
            wb.go_to(Ref("goal", goal_id))
        wb.notify(result.message)
    elif result.title:
        timeout = 10 if result.dropped else None
        wb.notify(result.message, title=result.title, severity="error", timeout=timeout)
    else:
        wb.notify(result.message)  # nothing to undo or redo


def field_history(wb: Workbench, target: FieldRef | None) -> None:
    if target is None:
        wb.notify(verb("field_history").missing, severity="warning")
        return
    store = wb.editor.store
    changes = store.field_history(target.entity, target.entity_id, target.field)
    if not changes:
        wb.notify("Ingen historik för fältet")
        return
    from tui.dialogs.history import FieldHistoryDialog, same
    from tui.labels import value_text

    label = changes[0].field_label

    def picked(pick: Pick | None) -> None:
        if pick is None:
            return
        if same(pick.value, target.stored):
            wb.notify(f"{label} har redan det värdet.")
            return
        # Put back as the file held it: a value an earlier tertial wrote is no new input.
        put = (target.entity, target.entity_id, target.field, pick.value, target.shown)
        if write(wb, *put, as_was=True):
            shown = value_text(target.field, pick.value)
            wb.notify(f"{label} satt till {shown!r} (ctrl+z ångrar).")

    wb.app.push_screen(FieldHistoryDialog(changes, target.stored), picked)


def restore_deleted(wb: Workbench) -> None:
    deletions = wb.editor.store.deletions(wb.report_id)
    if not deletions:
        wb.notify("Det finns inget borttaget att återställa.")
        return
    if not wb.writable():
        return
    from tui.dialogs.history import DeletionsDialog

    def picked(change: Change | None) -> None:
        if change is not None:
            _restore(wb, change)

    wb.app.push_screen(DeletionsDialog(deletions), picked)


def _restore(wb: Workbench, deletion: Change) -> None:
    try:
        wb.editor.restore(deletion)
    except Refused as exc:
        wb.notify(exc.message, title="Återställdes inte", severity="error")
        return
    if deletion.entity in ("goal", "section"):
        wb.go_to(Ref(deletion.entity, deletion.entity_id), focus_tree=True)
    elif deletion.entity == "economy_table":
        wb.go_to(Ref("table", deletion.entity_id), focus_tree=True)
    elif deletion.entity == "economy_row":
        from tui.verbs.economy import focus_grid

        table_id = wb.editor.store.get("economy_row", deletion.entity_id).table_id
        if wb.go_to(Ref("table", table_id)):
            focus_grid(wb, table_id, deletion.entity_id, None)
    elif deletion.goal_id is not None and wb.go_to(Ref("goal", deletion.goal_id)):
        field = "name" if deletion.entity == "indicator" else "text"
        wb.focus_row(deletion.entity, deletion.entity_id, field)
    word = ENTITY_WORDS.get(deletion.entity, deletion.entity)
    wb.notify(f"Återställde {word} {deletion.subject!r} (ctrl+z tar bort igen).")
