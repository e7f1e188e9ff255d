"""Adding and removing: an indicator, an activity or a nämndmål, under the goal shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.actions import verb
from tui.editor import Refused
from tui.labels import goal_label
from tui.verbs.workbench import Workbench
from tui.widgets.report_tree import Ref

if TYPE_CHECKING:
    from tui.dialogs.add import AddRequest
    from tui.widgets.cursor import Addition, Removal

ENTITY_WORDS = {
    "indicator": "indikatorn",
    "activity": "aktiviteten",
    "goal": "nämndmålet",
    "section": "avsnittet",
    "economy_table": "tabellen",
    "economy_row": "raden",
}
# What `add` makes of the dialog's text: the row's own fields.
NEW_ROW = {
    "indicator": lambda text, goal: {"name": text, "goal_id": goal.id},
    "activity": lambda text, goal: {"text": text, "goal_id": goal.id},
    "goal": lambda text, goal: {"level": goal.level + 1, "title": text, "parent_id": goal.id},
    "omradesmal": lambda text, goal: {"level": 2, "title": text, "parent_id": goal.id},
    "namndmal": lambda text, goal: {"level": 3, "title": text, "parent_id": goal.id},
}
# The dialog's kinds of goal, each added as a goal.
ENTITY_OF = {"omradesmal": "goal", "namndmal": "goal", "inriktningsmal": "goal"}


def add(wb: Workbench, target: Addition | None) -> None:
    if target is None:
        wb.notify(verb("add").missing, severity="warning")
        return
    if not wb.writable():
        return
    from tui.dialogs.add import AddDialog

    goal = target.goal

    def added(req: AddRequest | None) -> None:
        if req is None:
            return
        try:
            entity = ENTITY_OF.get(req.kind, req.kind)
            if req.kind == "inriktningsmal":  # at the top of the report, last there
                fields = {"level": 1, "title": req.text, "report_id": wb.report_id}
            else:
                fields = NEW_ROW[req.kind](req.text, goal)
            change = wb.editor.add(entity, fields)
        except Refused as exc:
            wb.notify(exc.message, title="Lades inte till", severity="error")
            return
        if entity == "goal":
            wb.go_to(Ref("goal", change.entity_id), focus_tree=True)
        else:
            wb.focus_row(req.kind, change.entity_id, "name" if req.kind == "indicator" else "text")
        wb.notify(f"Lade till {req.text!r}.")

    where = goal_label(goal) if goal is not None else wb.report.title
    wb.app.push_screen(AddDialog(where, list(target.kinds), target.first), added)


def remove(wb: Workbench, target: Removal | None) -> None:
    if target is None:
        wb.notify(verb("remove").missing, severity="warning")
        return
    if not wb.writable():
        return
    from tui.dialogs.confirm import ConfirmDialog

    word = ENTITY_WORDS[target.entity]
    question = f"Ta bort {word}\n{target.name!r}?"
    if target.entity == "goal":
        from tui.verbs.structure import removal_question

        word, question = removal_question(wb, target.entity_id, target.name)
    elif target.entity == "section":
        question += "\nMed det tas också bort dess underavsnitt och tabeller."
    elif target.entity == "economy_table":
        question += "\nMed den tas också bort alla dess rader och belopp."

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            wb.editor.delete(target.entity, target.entity_id)
        except Refused as exc:
            wb.notify(exc.message, title="Togs inte bort", severity="error")
            return
        if target.then is not None and target.entity in ("goal", "indicator", "activity"):
            wb.go_to(Ref("goal", target.then))
        wb.notify(f"Tog bort {word} {target.name!r} (ctrl+z ångrar).")

    wb.app.push_screen(ConfirmDialog(question, "Ta bort", "Behåll"), answered)
