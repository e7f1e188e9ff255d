"""The main screen's writes: every change through the store at once, with undo and redo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.errors import Conflict, InvalidValue, NotFound, ReadOnlyFile, StoreError
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

    def save(self, entity: str, entity_id: int, field: str, value: Any, shown: Any) -> str | None:
        """Save one value against the value the author was shown (an editor's `Commit`).

        Returns None when saved (or unchanged), or why it was not, for the author to read
        where it was typed. Raises Conflict when the file holds another value by now:
        nothing is written, and the pane shows the file's value before the question.
        """
        try:
            change = self.store.update(entity, entity_id, field, value, expected=shown)
        except InvalidValue as exc:
            return exc.reason
        except Conflict:
            self.reload()
            raise
        except ReadOnlyFile:
            return "Filen är skrivskyddad: ändringen sparades inte."
        except StoreError as exc:
            return str(exc)
        self.saved(change)
        return None

    def write(self, entity: str, entity_id: int, field: str, value: Any, shown: Any) -> bool:
        """A change made without an editor (a toggle, a pick): refusals as a message.

        Returns True when the value is in the file now. On a conflict the author is
        asked, and the answer written, after this returns False.
        """
        try:
            reason = self.save(entity, entity_id, field, value, shown)
        except Conflict as exc:
            # Queued on this screen, so the dialog's answer comes back here whatever
            # dialog or handler this write came from.
            self.call_later(self._conflict, entity, entity_id, field, value, exc)
            return False
        if reason is not None:
            self.notify(reason, title="Sparades inte", severity="error")
            return False
        return True

    def saved(self, change: Change | None) -> None:
        if change is None:
            return
        del self.history[self.position :]
        self.history.append(change)
        self.position = len(self.history)
        self.reload()

    def refuse_read_only(self) -> None:
        self.notify("Filen är skrivskyddad: ändringen sparades inte.", severity="error")

    def backup_failed(self, reason: str) -> None:
        """The store could not make today's backup; the change itself goes on."""
        self.notify(reason, title="Ingen säkerhetskopia", severity="warning", timeout=10)

    def _conflict(self, entity: str, entity_id: int, field: str, mine: Any, exc: Conflict) -> None:
        from tui.dialogs.conflict import ConflictDialog
        from tui.dialogs.history import value_text

        def chosen(choice: str | None) -> None:
            if choice == "mine":  # against what the file held when asked; may ask again
                self.write(entity, entity_id, field, mine, exc.on_disk)
            # theirs: nothing to write; the pane shows theirs since the conflict

        # Said as the report says it: "Uppfylls helt", "Avvikelse", not "helt", "1".
        theirs = value_text(field, exc.on_disk)
        ours = value_text(field, None if mine is None else str(mine))
        self.app.push_screen(ConflictDialog(exc.field, theirs, ours), chosen)

    # -- table cells ---------------------------------------------------------------

    def on_value_table_edit_cell(self, event: ValueTable.EditCell) -> None:
        if self.store.read_only:
            self.refuse_read_only()
            return
        from tui.dialogs.cell_editor import CellEditor

        def commit(text: str, shown: str) -> str | None:
            return self.save(event.entity, event.id, event.field, text, shown)

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
            change = self.store.add(req.kind, model)
        except (InvalidValue, ValueError) as exc:
            self.notify(str(exc), title="Lades inte till", severity="error")
            return
        except StoreError as exc:
            self.notify(str(exc), title="Lades inte till", severity="error")
            return
        self.saved(change)
        if req.kind == "goal":
            self.select(Ref("goal", change.entity_id))
            self.tree.focus()
        else:
            table = (
                self.detail.indicator_table
                if req.kind == "indicator"
                else self.detail.activity_table
            )
            table.move_to(change.entity_id, "name" if req.kind == "indicator" else "text")
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
        index = self.position - 1
        done = self._step(self.store.revert, self.history[index], "Ångrade", "ångra")
        if done is None:
            return  # not now (the file is locked): the same step on the next ctrl+z
        if not done:
            del self.history[index]  # never possible now: the older steps stay reachable
        self.position -= 1

    def action_redo(self) -> None:
        if self.position >= len(self.history):
            self.notify("Det finns inget att göra om.")
            return
        done = self._step(self.store.reapply, self.history[self.position], "Gjorde om", "göra om")
        if done:
            self.position += 1
        elif done is not None:
            del self.history[self.position]

    def _step(self, step: Any, change: Change, verb: str, infinitive: str) -> bool | None:
        """Undo or redo one change. True when done; False when it never can be, as the
        file moved on (the caller drops the step, with this message); None when it
        cannot be now (the file locked, a full disk) and may be tried again."""
        from tui.dialogs.history import value_text

        try:
            step(change)
        except (Conflict, NotFound, InvalidValue) as exc:
            if isinstance(exc, Conflict):
                now = value_text(change.field, exc.on_disk)
                was = value_text(change.field, exc.shown)
                why = f"{exc.field} har ändrats sedan dess: i filen nu {now!r}, väntat {was!r}."
            else:
                why = f"{exc}."
            key = "ctrl+z ångrar det som kom före" if verb == "Ångrade" else "ctrl+y tar nästa"
            self.notify(
                f"{why} Inget ändrades, och steget hoppas över: {key}.",
                title=f"Kunde inte {infinitive}",
                severity="error",
                timeout=10,
            )
            self.reload()  # the pane shows what the file holds
            return False
        except StoreError as exc:
            self.notify(f"{exc}", title=f"Kunde inte {infinitive}", severity="error")
            return None
        if change.field in ("created", "deleted") and change.entity == "goal":
            self.shown = None
        self.reload()
        if change.goal_id is not None and Ref("goal", change.goal_id) in self.tree.nodes:
            self.select(Ref("goal", change.goal_id))
        self.notify(f"{verb}: {change.subject} – {change.field_label}")
        return True
