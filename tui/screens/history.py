"""The main screen's history: a field's earlier values, and deleted things brought back.

Both write through the store like every other change: recorded, and undone with ctrl+z.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.errors import StoreError
from store.models import Change
from store.rows import db_value
from tui.screens.editing import ENTITY_WORDS
from tui.widgets.goal_detail import TextBlock
from tui.widgets.report_tree import Ref, ReportTree
from tui.widgets.value_table import ValueTable, cell_text

if TYPE_CHECKING:
    from tui.dialogs.history import Pick
    from tui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


@dataclass(frozen=True)
class Field:
    """One field under the cursor, with the value the author sees (the write's `expected`)."""

    entity: str
    entity_id: int
    field: str
    shown: Any

    @property
    def stored(self) -> str | None:
        """The shown value as history records it."""
        value = db_value(self.shown)
        return None if value is None else str(value)


class HistoryMixin(_Base):
    # -- one field's history --------------------------------------------------------

    def field_under_cursor(self) -> Field | None:
        """The table cell, the text, or (on the tree) the goal's assessment or section text."""
        focused = self.focused
        if isinstance(focused, ValueTable):
            if focused.current is None:
                return None
            entity_id, field = focused.current
            model = focused.models[entity_id]
            shown = model.deviation if field == "deviation" else cell_text(model, field)
            return Field(focused.entity, entity_id, field, shown)
        if isinstance(focused, TextBlock):
            return Field(focused.entity, focused.entity_id, focused.field, focused.value)
        if focused is not None and not isinstance(focused, ReportTree):
            return None
        if self.shown is not None and self.shown.kind == "goal" and self.goal is not None:
            assessment = self.goal.assessment
            return Field("goal", self.goal.id or 0, "assessment", assessment)
        if self.shown is not None and self.shown.kind == "section":
            section = self.store.section(self.shown.id)
            if section.kind != "goals":
                return Field("section", self.shown.id, "body", section.body)
        return None

    def action_field_history(self) -> None:
        target = self.field_under_cursor()
        if target is None:
            self.notify(
                "Ställ markören på en text, en cell i tabellen eller ett mål i trädet "
                "(dess bedömning).",
                severity="warning",
            )
            return
        changes = self.store.field_history(target.entity, target.entity_id, target.field)
        if not changes:
            self.notify("Ingen historik för fältet")
            return
        from tui.dialogs.history import FieldHistoryDialog, same, value_text

        label = changes[0].field_label

        def picked(pick: Pick | None) -> None:
            if pick is None:
                return
            if same(pick.value, target.stored):
                self.notify(f"{label} har redan det värdet.")
                return
            if self.write(target.entity, target.entity_id, target.field, pick.value, target.shown):
                shown = value_text(target.field, pick.value)
                self.notify(f"{label} satt till {shown!r} (ctrl+z ångrar).")

        self.app.push_screen(FieldHistoryDialog(changes, target.stored), picked)

    # -- deleted things ----------------------------------------------------------------

    def action_restore_deleted(self) -> None:
        deletions = self.store.deletions(self.report_id)
        if not deletions:
            self.notify("Det finns inget borttaget att återställa.")
            return
        if self.store.read_only:
            self.refuse_read_only()
            return
        from tui.dialogs.history import DeletionsDialog

        def picked(change: Change | None) -> None:
            if change is not None:
                self.restore_deleted(change)

        self.app.push_screen(DeletionsDialog(deletions), picked)

    def restore_deleted(self, deletion: Change) -> None:
        try:
            restored = self.store.restore(deletion)
        except StoreError as exc:
            self.notify(str(exc), title="Återställdes inte", severity="error")
            return
        if deletion.entity == "goal":
            self.shown = None
        self.saved(restored)
        self.show_restored(deletion)
        word = ENTITY_WORDS.get(deletion.entity, deletion.entity)
        self.notify(f"Återställde {word} {deletion.subject!r} (ctrl+z tar bort igen).")

    def show_restored(self, change: Change) -> None:
        if change.entity == "goal":
            self.select(Ref("goal", change.entity_id))
            self.tree.focus()
            return
        if change.goal_id is None or Ref("goal", change.goal_id) not in self.tree.nodes:
            return
        self.select(Ref("goal", change.goal_id))
        indicator = change.entity == "indicator"
        table = self.detail.indicator_table if indicator else self.detail.activity_table
        table.move_to(change.entity_id, "name" if indicator else "text")
        table.focus(scroll_visible=False)
        # The rows change the pane's layout on the next refresh; scroll after it.
        self.call_after_refresh(self.call_after_refresh, self.detail.show_widget, table)
