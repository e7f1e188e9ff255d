"""Ready to submit? The check in the workbench (issue 13): `c`, `F`, the tree's marks, klart.

After every change the screen calls `recheck()`, which runs the check once the screen
has been drawn (never before the first frame; a few milliseconds for the sample) and
hands the result to the check view (its state), the tree (a mark by each goal with
findings, computed here once per change, not per key) and the header ("klart NN %").
`jump` goes to a finding's item with the focus where the author fixes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.models import GOAL_TEXT_FIELDS
from tui.verbs.workbench import Workbench
from tui.widgets.check_view import CheckView, severity_mark
from tui.widgets.header import ReportHeader
from tui.widgets.report_tree import Ref
from tui.widgets.value_table import EconomyGrid

NONE_FOUND = "Inga fynd: allt som kontrolleras är ifyllt och stämmer."


if TYPE_CHECKING:
    from store.check import Finding, Severity


def run(wb: Workbench) -> tuple[list[Finding], tuple[int, int]]:
    from store.check import check_stored  # after the first frame, as every check

    r = wb.report
    return check_stored(wb.editor.store.conn, (r.id or 0, r.organisation, r.kind.value, r.year))


def goal_marks(findings: list[Finding]) -> dict[int, Severity]:
    """Each goal with findings (its own or its items'), and the worst of them."""
    marks: dict[int, Severity] = {}
    for f in findings:
        if f.goal_id is not None:
            worst = marks.get(f.goal_id)
            if worst is None or f.severity.rank < worst.rank:
                marks[f.goal_id] = f.severity
    return marks


def place(tree: Any, f: Finding) -> Ref | None:
    """The tree node a finding is shown under: its goal, section or economy table."""
    if f.goal_id is not None:
        return Ref("goal", f.goal_id)
    if f.kind == "section" and f.item_id is not None:
        return Ref("section", f.item_id)
    if f.kind == "economy_row":
        for section in tree.sections.values():
            for table in section.tables:
                if any(row.id == f.item_id for row in table.rows):
                    return Ref("table", table.id or 0)
    return None


def recheck(wb: Any) -> None:
    """The report changed (or another was opened): check again after the next frame
    (the first: once it is written), once for however many changes came before it."""
    if not wb.check_view.due:
        wb.check_view.due = True
        if wb.drawn:  # else `drawn` runs it, once the first frame is written
            wb.call_after_refresh(run_check, wb)


def drawn(wb: Any) -> None:
    """The screen's first frame is written: the check asked for before it runs now."""
    wb.drawn = True
    if wb.check_view.due:
        run_check(wb)


def run_check(wb: Any) -> None:
    view: CheckView = wb.check_view
    view.due = False
    if not wb.is_attached:
        return
    findings, share = run(wb)
    view.show(findings, share)
    wb.tree.set_marks({g: severity_mark(s) for g, s in goal_marks(findings).items()})
    wb.query_one(ReportHeader).show_klart(share)


def _current(wb: Any) -> CheckView:
    """The check view with the findings of the report as it is now."""
    view: CheckView = wb.check_view
    if view.findings is None or view.due:
        run_check(wb)
    return view


def toggle(wb: Any) -> None:
    """`c`: open the check view (and go into it); in it, close it."""
    _current(wb).toggle()


def next_finding(wb: Any) -> None:
    """`F`: the next finding from the cursor, in report order, wrapping round."""
    view = _current(wb)
    findings = view.findings or []
    if not findings:
        wb.notify(NONE_FOUND, title="Granskning")
        return
    jump(wb, next_from(wb, findings, view.last))


def next_from(wb: Any, findings: list[Finding], last: tuple[object, ...] | None) -> Finding:
    """The finding after the one last jumped to when the cursor is still at its place,
    else the first at or after the cursor's node in the tree; wrapping round."""
    from tui.widgets.check_view import finding_key

    tree = wb.tree
    order = {ref: i for i, ref in enumerate(tree.nodes)}
    current = tree.current
    here = order.get(current, -1)
    keys = [finding_key(f) for f in findings]
    if last in keys:
        i = keys.index(last)
        if place(tree, findings[i]) == current:
            return findings[(i + 1) % len(findings)]
    for f in findings:
        ref = place(tree, f)
        if ref is not None and order.get(ref, -1) >= here:
            return f
    return findings[0]


def jump(wb: Any, f: Finding) -> None:
    """Go to a finding's item with the focus where it is fixed: the goal in the tree (its
    assessment, `a`), its text, the indicator's or activity's cell or Analys, a section's
    text, the economy table's row."""
    wb.check_view.highlight(f)
    ref = place(wb.tree, f)
    if ref is None or not wb.go_to(ref, focus_tree=ref.kind == "goal"):
        wb.notify("Det som fyndet gäller finns inte längre i trädet.", severity="warning")
        return
    if f.kind == "goal" and f.field in GOAL_TEXT_FIELDS:
        wb.focus_text(f.field)
    elif f.kind == "section":
        wb.focus_text("body")
    elif f.kind in ("indicator", "activity") and f.item_id is not None:
        table = wb.detail.indicator_table if f.kind == "indicator" else wb.detail.activity_table
        field = f.field if f.field in table.columns_by_field else next(iter(table.columns_by_field))
        wb.focus_row(f.kind, f.item_id, field)
        if f.field not in table.columns_by_field:  # its Analys: the text under the table
            wb.detail.show_row_analys(table)
            wb.detail.row_analys(table).focus()
    elif f.kind == "economy_row":
        wb.call_after_refresh(_economy_row, wb, f)


def _economy_row(wb: Any, f: Finding) -> None:
    """The grid is mounted with the table: put its cursor on the row (and cell) then."""
    for grid in wb.detail.query(EconomyGrid):
        rows = [row.id for row in grid.table.rows]
        if f.item_id in rows:
            column = (f.column or 0) + 1  # after the row labels
            grid.move_cursor(row=rows.index(f.item_id), column=column, animate=False)
            grid.focus()
            wb.detail.show_widget(grid)
            return
