"""Drafts left from last time (a crash): offered one by one at start; restored or discarded."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.entities import ENTITIES
from store.errors import NotFound, StoreError
from store.safety import Draft
from tui.labels import goal_label
from tui.verbs.workbench import Workbench
from tui.verbs.writing import save
from tui.widgets.report_tree import Ref

if TYPE_CHECKING:
    from tui.dialogs.draft import DraftInfo


def offer_drafts(wb: Workbench) -> None:
    """At start: each draft in the file, oldest first, in its own small dialog."""
    try:
        drafts = wb.editor.store.drafts()
    except StoreError:
        return
    if not drafts:
        return
    if wb.editor.read_only:
        wb.notify(
            f"Filen har {len(drafts)} osparade utkast, men är skrivskyddad: "
            "de kan inte återställas här.",
            severity="warning",
            timeout=8,
        )
        return
    _offer(wb, sorted(drafts, key=lambda d: (d.at, d.entity, d.entity_id, d.field)), 0)


def _offer(wb: Workbench, drafts: list[Draft], index: int) -> None:
    if index >= len(drafts):
        return
    from tui.dialogs.draft import DraftDialog

    draft = drafts[index]
    info, where = draft_info(wb, draft)

    def next_one() -> None:
        _offer(wb, drafts, index + 1)

    def answered(choice: str | None) -> None:
        if choice == "restore":
            _restore(wb, draft, info, where, next_one)
            return
        if choice == "discard":
            try:
                wb.editor.store.discard_draft(draft.entity, draft.entity_id, draft.field)
            except StoreError as exc:
                wb.notify(str(exc), title="Utkastet togs inte bort", severity="error")
            else:
                wb.notify(f"Slängde utkastet till {info.field} – {info.subject}.")
        next_one()

    wb.app.push_screen(DraftDialog(info, index + 1, len(drafts)), answered)


def draft_info(wb: Workbench, draft: Draft) -> tuple[DraftInfo, tuple[int, Ref] | None]:
    """What the draft belongs to, and where that is (report, tree node) if it exists."""
    from tui.dialogs.draft import DraftInfo

    store = wb.editor.store
    entity = ENTITIES.get(draft.entity)
    field = entity.labels.get(draft.field, draft.field) if entity else draft.field
    try:
        model = store.get(draft.entity, draft.entity_id)
    except (KeyError, NotFound, StoreError):
        model = None
    if model is None:
        subject = f"{draft.entity} {draft.entity_id}"
        return DraftInfo(field, subject, draft.text, draft.at, exists=False), None
    where: tuple[int, Ref] | None = None
    goal: Any = None
    if draft.entity == "goal":
        goal = model
        subject = goal_label(model)
    elif draft.entity == "section":
        subject = model.title
        where = (model.report_id, Ref("section", model.id))
    else:
        name = model.name if draft.entity == "indicator" else model.text
        try:
            goal = store.get("goal", model.goal_id)
        except (NotFound, StoreError):
            goal = None
        subject = f"{name} ({goal_label(goal)})" if goal is not None else name
    if goal is not None:
        where = (goal.report_id, Ref("goal", goal.id))
    current = getattr(model, draft.field, "")
    changed = (current or "") != draft.saved
    return DraftInfo(field, subject, draft.text, draft.at, changed=changed), where


def _restore(
    wb: Workbench,
    draft: Draft,
    info: DraftInfo,
    where: tuple[int, Ref] | None,
    then: Callable[[], None],
) -> None:
    """The draft in the editor; ctrl+s saves it as any edit, against the text it began from."""
    from tui.dialogs.text_editor import DraftTarget, TextEditor

    if where is not None:
        report_id, ref = where
        if report_id != wb.report_id:
            wb.open_report(report_id)
        wb.go_to(ref)
    target = DraftTarget(
        wb.editor.store, draft.entity, draft.entity_id, draft.field, saved=draft.saved
    )

    def commit(text: str, shown: str) -> str | None:
        return save(wb, draft.entity, draft.entity_id, draft.field, text, shown)

    def done(_: str | None) -> None:
        then()

    title = f"{info.field} – {info.subject} (återställt utkast)"
    editor = TextEditor(title, draft.text, commit, saved=draft.saved, draft=target)
    wb.app.push_screen(editor, done)
