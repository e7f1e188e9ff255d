"""Going somewhere: find (/) and its jump, and another report of the file (r)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.labels import goal_label
from tui.verbs.workbench import Workbench
from tui.widgets.report_tree import Ref

if TYPE_CHECKING:
    from store.search import SearchHit


def find(wb: Workbench) -> None:
    from tui.dialogs.find import FindDialog

    store = wb.editor.store

    def jump(hit: SearchHit | None) -> None:
        if hit is not None:
            jump_to(wb, hit)

    def goal_of(goal_id: int) -> str:
        goal = wb.goal_in_tree(goal_id)
        return goal_label(goal) if goal is not None else ""

    from store.search_reader import open_reader

    # Its own connection: the search runs in a worker, never on the store's connection.
    reader = open_reader(store.path, wb.report_id, network=store.network, read_only=store.read_only)
    search = FindDialog(lambda t: store.search(t, wb.report_id), goal_label=goal_of, reader=reader)
    wb.app.push_screen(search, jump)


def jump_to(wb: Workbench, hit: SearchHit) -> None:
    if hit.kind == "section":
        wb.go_to(Ref("section", hit.id))
        wb.focus_text("body")
        return
    goal_id = hit.id if hit.kind == "goal" else hit.goal_id
    if goal_id is None:
        return
    wb.go_to(Ref("goal", goal_id), focus_tree=hit.kind not in ("indicator", "activity"))
    if hit.kind in ("indicator", "activity"):
        wb.focus_row(hit.kind, hit.id, "outcome" if hit.kind == "indicator" else "text")


def reports(wb: Workbench) -> None:
    from tui.dialogs.reports import ReportsDialog

    found = wb.editor.store.reports()
    if len(found) < 2:
        wb.notify("Filen innehåller bara den här rapporten.")
        return

    def picked(report_id: int | None) -> None:
        if report_id is not None and report_id != wb.report_id:
            wb.open_report(report_id)

    wb.app.push_screen(ReportsDialog(found, wb.report_id), picked)
