"""Carried items (issue 12): what the pane shows of where they came from, `g` to confirm
one as reviewed (through the Editor: undone with ctrl+z), `p` for its previous text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.carry import short_title
from store.errors import NotFound
from store.models import GOAL_TEXT_FIELDS
from tui.actions import verb
from tui.editor import Refused
from tui.labels import printable
from tui.verbs.workbench import Workbench

if TYPE_CHECKING:
    from store.carried import Origin
    from store.store import Store
    from tui.widgets.cursor import FieldRef, Review

ENTITY_WORDS = {"goal": "målet", "indicator": "indikatorn", "activity": "aktiviteten"}
TEXT_WORDS = {**GOAL_TEXT_FIELDS, "body": "Text"}


def carried(store: Store, report_id: int) -> tuple[str, dict[int, Origin]]:
    """For the pane: the report this one was carried from ('T2 2023', or '') and the
    indicators each of its indicators was carried from."""
    source = store.carried_from_report(report_id)
    label = short_title(source) if source is not None else ""
    return label, store.previous_values(report_id)


def confirm(wb: Workbench, target: Review | None) -> None:
    """The item under the cursor has been looked at: its marks cleared, one undo step."""
    if target is None:
        wb.notify(verb("review").missing, severity="warning")
        return
    if not wb.writable():
        return
    try:
        changes = wb.editor.apply(
            lambda s: s.confirm_reviewed(target.entity, target.entity_id, target.fields)
        )
    except Refused as exc:
        wb.notify(exc.message, title="Sparades inte", severity="error")
        return
    if not changes:
        wb.notify("Inget här är markerat som ej granskat.")
        return
    wb.notify(f"Granskad: {printable(changes[0].subject)} (ctrl+z ångrar).")


def previous_text(wb: Workbench, target: FieldRef | None) -> None:
    """The text as it is in the report it was carried from (read only): the text under
    the cursor, or the Analys of the goal or row under it."""
    if target is None:
        wb.notify(verb("previous_text").missing, severity="warning")
        return
    store = wb.editor.store
    field = target.field if target.field in TEXT_WORDS else "analys"
    if target.entity == "section":
        field = "body"
    try:
        origin = store.origin(target.entity, target.entity_id)
    except NotFound:
        origin = None
    if origin is None:
        word = ENTITY_WORDS.get(target.entity, "texten")
        wb.notify(f"Det finns ingen tidigare text: {word} fördes inte vidare från en rapport.")
        return
    from tui.dialogs.previous_text import PreviousTextDialog

    item = origin.item
    name = next(getattr(item, a) for a in ("label", "name", "text", "title") if hasattr(item, a))
    title = f"{TEXT_WORDS.get(field, 'Analys')} i {origin.label} – {name}"
    wb.app.push_screen(PreviousTextDialog(title, getattr(item, field, "") or ""))
