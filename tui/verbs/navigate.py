"""Going somewhere: find (/) and its jump, and another report of the file (r)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.labels import goal_label
from tui.verbs.workbench import Workbench
from tui.widgets.report_tree import Ref, ReportTree

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
    """The file's reports (with one report too: `n` there makes a new one)."""
    from tui.dialogs.reports import NEW_REPORT, ReportsDialog

    store = wb.editor.store
    found = store.reports()

    def picked(report_id: int | None) -> None:
        if report_id == NEW_REPORT:
            from tui.verbs.new_report import ask

            ask(wb.app, store, wb.report, wb.open_report)
        elif report_id is not None and report_id != wb.report_id:
            wb.open_report(report_id)

    wb.app.push_screen(ReportsDialog(found, wb.report_id), picked)


def next_unassessed(wb: Workbench, tree: ReportTree) -> None:
    """The next goal (in document order, wrapping) still without an assessment."""
    refs = [ref for ref in tree.nodes if ref.kind == "goal"]
    current = tree.current
    start = refs.index(current) + 1 if current in refs else 0
    for ref in refs[start:] + refs[:start]:
        goal = tree.goals.get(ref.id)
        if goal is not None and goal.assessment is None:
            wb.go_to(Ref("goal", ref.id), focus_tree=True)
            return
    wb.notify("Alla mål har en bedömning.", title="Bedömning")
