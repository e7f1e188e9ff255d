"""One value written: from an editor (`save`, its commit) or without one (`write`), and the
question when the file holds another value than the one shown."""

from __future__ import annotations

from typing import Any

from store.errors import Conflict
from tui.editor import Refused
from tui.verbs.workbench import Workbench


def save(
    wb: Workbench,
    entity: str,
    entity_id: int,
    field: str,
    value: Any,
    shown: Any,
    *,
    as_was: bool = False,
) -> str | None:
    """Save one value against the value the author was shown (an editor's `Commit`).

    Returns None when saved (or unchanged), or why it was not, for the author to read
    where it was typed. Raises Conflict when the file holds another value by now:
    nothing is written, and the pane shows the file's value before the question.
    """
    try:
        wb.editor.edit(entity, entity_id, field, value, shown, as_was=as_was)
    except Refused as exc:
        return exc.reason
    return None


def write(
    wb: Workbench,
    entity: str,
    entity_id: int,
    field: str,
    value: Any,
    shown: Any,
    *,
    as_was: bool = False,
) -> bool:
    """A change made without an editor (a toggle, a pick): refusals as a message.

    Returns True when the value is in the file now. On a conflict the author is
    asked, and the answer written, after this returns False. `as_was`: a value from
    the field's history, put back as the file held it (store `update`).
    """
    try:
        reason = save(wb, entity, entity_id, field, value, shown, as_was=as_was)
    except Conflict as exc:
        # Queued on the screen, so the dialog's answer comes back there whatever
        # dialog or handler this write came from.
        wb.call_later(_ask, wb, entity, entity_id, field, value, exc, as_was)
        return False
    if reason is not None:
        wb.notify(reason, title="Sparades inte", severity="error")
        return False
    return True


def _ask(
    wb: Workbench,
    entity: str,
    entity_id: int,
    field: str,
    mine: Any,
    exc: Conflict,
    as_was: bool = False,
) -> None:
    from tui.dialogs.conflict import ConflictDialog
    from tui.labels import value_text

    def chosen(choice: str | None) -> None:
        if choice == "mine":  # against what the file held when asked; may ask again
            write(wb, entity, entity_id, field, mine, exc.on_disk, as_was=as_was)
        # theirs: nothing to write; the pane shows theirs since the conflict

    # Said as the report says it: "Uppfylls helt", "Avvikelse", not "helt", "1".
    theirs = value_text(field, exc.on_disk)
    ours = value_text(field, None if mine is None else str(mine))
    wb.app.push_screen(ConflictDialog(exc.field, theirs, ours), chosen)


def add_after(wb: Workbench, entity: str, fields: dict[str, Any], after_id: int) -> int:
    """A new row of `entity` placed right after `after_id` among its siblings, as one undo
    step; its id. Raises Refused (nothing written) when the store refuses it."""
    with wb.editor.compound():
        change = wb.editor.add(entity, fields)
        ids = wb.editor.store.siblings(entity, change.entity_id)
        ids.remove(change.entity_id)
        ids.insert(ids.index(after_id) + 1, change.entity_id)
        wb.editor.apply(lambda s: s.place(entity, ids))
    return change.entity_id
