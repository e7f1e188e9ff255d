"""The main screen's writes: every change through the store at once, with undo and redo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.errors import Conflict, InvalidValue, ReadOnlyFile, StoreError
from store.models import Activity, Change, Goal, Indicator, Level
from tui.labels import goal_label
from tui.widgets.report_tree import Ref
from tui.widgets.value_table import ValueTable

# The dialogs are imported where they open: the first frame needs none of them.
if TYPE_CHECKING:
    from tui.dialogs.add import AddRequest
    from tui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

ENTITY_WORDS = {"indicator": "indikatorn", "activity": "aktiviteten", "goal": "nämndmålet"}


class EditingMixin(_Base):
    """Needs `store`, `report_id`, `goal`, `reload()` and `select()` from the screen."""

    history: list[Change]
    position: int  # how many of `history` are applied; the rest can be redone

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.history = []
        self.position = 0

    # -- one write ----------------------------------------------------------------

    def try_write(
        self, entity: str, entity_id: int, field: str, value: Any, shown: Any
    ) -> str | None:
        """Save one value. Returns the reason when the model refuses it (nothing saved)."""
        try:
            change = self.store.update(entity, entity_id, field, value, expected=shown)
        except InvalidValue as exc:
            return exc.reason
        except Conflict as exc:
            self.call_after_refresh(self._conflict, entity, entity_id, field, value, exc)
            return None
        except ReadOnlyFile:
            self.refuse_read_only()
            return None
        except StoreError as exc:
            self.notify(str(exc), title="Sparades inte", severity="error")
            return None
        self.saved(change)
        return None

    def write(self, entity: str, entity_id: int, field: str, value: Any, shown: Any) -> None:
        reason = self.try_write(entity, entity_id, field, value, shown)
        if reason is not None:
            self.notify(reason, title="Sparades inte", severity="error")

    def saved(self, change: Change | None) -> None:
        if change is None:
            return
        del self.history[self.position :]
        self.history.append(change)
        self.position = len(self.history)
        self.reload()

    def refuse_read_only(self) -> None:
        self.notify("Filen är skrivskyddad: ändringen sparades inte.", severity="error")

    def _conflict(self, entity: str, entity_id: int, field: str, mine: Any, exc: Conflict) -> None:
        from tui.dialogs.conflict import ConflictDialog

        def chosen(choice: str | None) -> None:
            if choice == "mine":
                try:
                    change = self.store.update(entity, entity_id, field, mine, expected=exc.on_disk)
                except StoreError as err:
                    self.notify(str(err), title="Sparades inte", severity="error")
                    change = None
                self.saved(change)
            self.reload()

        shown_mine = "" if mine is None else str(mine)
        self.app.push_screen(ConflictDialog(exc.field, exc.on_disk, shown_mine), chosen)

    # -- table cells ---------------------------------------------------------------

    def on_value_table_edit_cell(self, event: ValueTable.EditCell) -> None:
        if self.store.read_only:
            self.refuse_read_only()
            return
        from tui.dialogs.cell_editor import CellEditor

        def commit(text: str) -> str | None:
            return self.try_write(event.entity, event.id, event.field, text, event.value)

        self.app.push_screen(CellEditor(event.label, event.value, commit, event.region))

    def on_value_table_toggle_flag(self, event: ValueTable.ToggleFlag) -> None:
        act = event.table.models.get(event.id)
        if isinstance(act, Activity):
            self.write("activity", event.id, "deviation", not act.deviation, act.deviation)

    # -- add and remove -------------------------------------------------------------

    def action_add(self) -> None:
        goal = self.goal
        if goal is None or goal.level == Level.INRIKTNINGSMAL:
            self.notify(
                "Välj ett områdesmål eller nämndmål: där läggs indikatorer, aktiviteter och "
                "nämndmål till.",
                severity="warning",
            )
            return
        if self.store.read_only:
            self.refuse_read_only()
            return
        from tui.dialogs.add import AddDialog

        kinds = ["indicator", "activity"]
        if goal.level == Level.OMRADESMAL:
            kinds.append("goal")
        focused = self.focused
        first = focused.entity if isinstance(focused, ValueTable) else kinds[0]

        def added(req: AddRequest | None) -> None:
            if req is not None:
                self._add(goal, req)

        self.app.push_screen(AddDialog(goal_label(goal), kinds, first), added)

    def _add(self, goal: Goal, req: AddRequest) -> None:
        try:
            if req.kind == "indicator":
                model: Any = Indicator(name=req.text, goal_id=goal.id)
            elif req.kind == "activity":
                model = Activity(text=req.text, goal_id=goal.id)
            else:
                model = Goal(level=Level.NAMNDMAL, title=req.text, parent_id=goal.id)
            added = self.store.add(req.kind, model)
        except (InvalidValue, ValueError) as exc:
            self.notify(str(exc), title="Lades inte till", severity="error")
            return
        except StoreError as exc:
            self.notify(str(exc), title="Lades inte till", severity="error")
            return
        change = self.store.history(self.report_id)[-1]
        self.saved(change)
        if req.kind == "goal":
            self.select(Ref("goal", added.id))
            self.tree.focus()
        else:
            table = (
                self.detail.indicator_table
                if req.kind == "indicator"
                else self.detail.activity_table
            )
            table.move_to(added.id, "name" if req.kind == "indicator" else "text")
            table.focus()
        self.notify(f"Lade till {req.text!r}.")

    def action_remove(self) -> None:
        focused = self.focused
        if isinstance(focused, ValueTable) and focused.current is not None:
            entity, entity_id = focused.entity, focused.current[0]
            model = focused.models[entity_id]
            name = model.name if isinstance(model, Indicator) else model.text
        elif self.goal is not None and self.goal.level == Level.NAMNDMAL:
            entity, entity_id, name = "goal", self.goal.id or 0, self.goal.title
        else:
            self.notify(
                "Ställ markören på en indikator, en aktivitet eller ett nämndmål för att ta bort.",
                severity="warning",
            )
            return
        if self.store.read_only:
            self.refuse_read_only()
            return
        parent = self.goal.parent_id if entity == "goal" and self.goal else None
        from tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                change = self.store.delete(entity, entity_id)
            except StoreError as exc:
                self.notify(str(exc), title="Togs inte bort", severity="error")
                return
            if parent is not None:
                self.shown = None
                self.saved(change)
                self.select(Ref("goal", parent))
            else:
                self.saved(change)
            self.notify(f"Tog bort {ENTITY_WORDS[entity]} {name!r} (ctrl+z ångrar).")

        question = f"Ta bort {ENTITY_WORDS[entity]}\n{name!r}?"
        if entity == "goal":
            question += "\nIndikatorer och aktiviteter under det tas också bort."
        self.app.push_screen(ConfirmDialog(question, "Ta bort", "Behåll"), answered)

    # -- undo and redo -----------------------------------------------------------------

    def action_undo(self) -> None:
        if self.position == 0:
            self.notify("Det finns inget att ångra.")
            return
        change = self.history[self.position - 1]
        if self._step(self.store.revert, change, "Ångrade"):
            self.position -= 1

    def action_redo(self) -> None:
        if self.position >= len(self.history):
            self.notify("Det finns inget att göra om.")
            return
        change = self.history[self.position]
        if self._step(self.store.reapply, change, "Gjorde om"):
            self.position += 1

    def _step(self, step: Any, change: Change, verb: str) -> bool:
        try:
            step(change)
        except Conflict as exc:
            self.notify(
                f"{exc.field} har ändrats sedan dess: i filen nu {exc.on_disk!r}, "
                f"väntat {exc.shown!r}. Inget ändrades.",
                title=f"Kunde inte {verb.lower()}",
                severity="error",
                timeout=10,
            )
            return False
        except StoreError as exc:
            self.notify(str(exc), title="Sparades inte", severity="error")
            return False
        if change.field in ("created", "deleted") and change.entity == "goal":
            self.shown = None
        self.reload()
        if change.goal_id is not None and Ref("goal", change.goal_id) in self.tree.nodes:
            self.select(Ref("goal", change.goal_id))
        self.notify(f"{verb}: {change.subject} – {change.field_label}")
        return True
