"""The main screen: composes the header, the report tree and the detail pane, and routes.

Keys belong to the widgets that show what they act on (tui.actions); their messages come
here and go on to a verb (tui/verbs/), which writes through the Editor. What the Editor
touched goes back to the widget that shows it (`changed`): a cell, a tree node, the
header; the whole tree is read again only when goals came or went.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding

from store.errors import NotFound
from store.models import Goal, Report
from tui import actions, verbs
from tui.editor import Editor, Refused, Touched
from tui.labels import printable
from tui.screens.notices import PrintableNotices
from tui.startup import release_gc
from tui.verbs import check as checking
from tui.verbs import review
from tui.widgets.check_view import CheckView
from tui.widgets.cursor import CursorVerbs
from tui.widgets.footer import FittingFooter
from tui.widgets.goal_detail import DetailPane, TextBlock
from tui.widgets.header import ReportHeader
from tui.widgets.panes import STATE_TREE, Panes
from tui.widgets.report_tree import Ref, ReportTree
from tui.widgets.shaping import ShapeVerbs
from tui.widgets.value_table import ValueTable

if TYPE_CHECKING:
    from store.store import Store

STATE_REPORT = "tui.report"


def state_key(report_id: int) -> str:
    return f"tui.cursor.{report_id}"


class MainScreen(PrintableNotices):
    VERB_SCOPE = "screen"
    BINDINGS = actions.bindings(VERB_SCOPE)

    def __init__(self, store: Store, report_id: int) -> None:
        super().__init__()
        self.editor = Editor(store, self.changed)
        self.report_id = report_id
        self.report: Report = store.report(report_id)
        self.shown: Ref | None = None
        self.drawn = False  # its first frame written: the check may run (tui.verbs.check)
        # Asked for at every key: held, not looked up in the DOM each time.
        self._tree = ReportTree(id="tree")
        self.detail = DetailPane(id="detail")
        remember = partial(store.set_state, STATE_TREE)  # `w`'s choice, kept in the file
        self.panes = Panes(self._tree, self.detail, store.state(STATE_TREE), remember, id="panes")
        self.check_view = CheckView(id="check")

    @property
    def store(self) -> Store:
        return self.editor.store

    @property
    def goal(self) -> Goal | None:
        """The goal in the detail pane, with its indicators and activities."""
        return self.detail.goal

    @property
    def tree(self) -> ReportTree:  # type: ignore[override]
        return self._tree

    def compose(self) -> ComposeResult:
        yield ReportHeader(id="report-header")
        yield self.panes
        yield self.check_view
        yield FittingFooter()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first time its widgets were just styled as they mounted: not all again.
        event.refresh_styles = self.drawn

    def on_mount(self) -> None:
        # Before the first change of the day the store backs the file up; when it cannot,
        # the author hears it once here and the change is saved all the same.
        self.store.on_backup_failure = self.backup_failed
        self.load_report(self.report_id)
        if self.store.read_only:
            said = "Filen är skrivskyddad: du kan läsa men inte ändra."
            self.notify(said, title="Skrivskyddad", severity="warning", timeout=8)
        # Once the first frame is on screen: the check asked for by load_report, drafts
        # left from last time (a crash), collection on again (tui.startup).
        drafts = lambda: verbs.drafts.offer_drafts(self)  # noqa: E731 - imported then
        for then in (partial(checking.drawn, self), drafts, release_gc):
            self.app.after_first_frame(self, then)  # type: ignore[attr-defined]

    def backup_failed(self, reason: str) -> None:
        """The store could not make today's backup; the change itself goes on."""
        self.notify(reason, title="Ingen säkerhetskopia", severity="warning", timeout=10)

    def writable(self) -> bool:
        try:
            self.editor.check_writable()
        except Refused as exc:
            self.notify(exc.message, severity="error")
            return False
        return True

    # -- loading and showing ------------------------------------------------------

    def load_report(self, report_id: int) -> None:
        self.report_id = report_id
        self.report = self.store.report(report_id)
        self.editor.resume(report_id)  # undo reaches into the last session
        self.detail.set_carried(*review.carried(self.store, report_id))
        self.tree.load(self.store.sections(report_id), self.store.goal_tree(report_id))
        self.update_header()
        start = self._remembered() or self._first_goal()
        if start is not None:
            self.select(start)
        else:
            self.detail.show_empty()
        self.tree.focus()
        self.call_after_refresh(self.tree.show_cursor_line, True)
        checking.recheck(self)

    def open_report(self, report_id: int) -> None:
        """Another report of the file, where its author left it."""
        self.remember()
        self.shown = None
        self.load_report(report_id)

    def _remembered(self) -> Ref | None:
        saved = self.store.state(state_key(self.report_id))
        if saved and ":" in saved:
            kind, _, ident = saved.partition(":")
            ref = Ref(kind, int(ident)) if ident.isdigit() else None
            if ref in self.tree.nodes:
                return ref
        return None

    def _first_goal(self) -> Ref | None:
        return next((n.data for n in self.tree.goal_nodes()), None)

    def remember(self) -> None:
        ref = self.tree.current
        if ref is not None and not self.store.read_only:
            self.store.set_state(state_key(self.report_id), f"{ref.kind}:{ref.id}")
            self.store.set_state(STATE_REPORT, str(self.report_id))

    def update_header(self) -> None:
        r = self.report = self.store.report(self.report_id)  # its fields may have changed
        counts = self.store.assessment_counts(self.report_id)
        header = self.query_one(ReportHeader)
        header.unreviewed = len(self.store.unreviewed_items(self.report_id))
        header.show(
            r, str(self.store.path), counts, self.store.read_only, network=self.store.network
        )
        self.app.title = printable(f"{r.organisation} – {r.title}")
        self.app.sub_title = printable(str(self.store.path))

    def select(self, ref: Ref) -> None:
        """Put the tree cursor on `ref` and show it now."""
        self.tree.select_ref(ref)
        self.show(ref)

    def go_to(self, ref: Ref, *, focus_tree: bool = False) -> bool:
        if ref not in self.tree.nodes:
            return False
        self.select(ref)
        if focus_tree:
            self.tree.focus()
        return True

    def goal_in_tree(self, goal_id: int) -> Goal | None:
        return self.tree.goals.get(goal_id)

    def focus_text(self, field: str) -> None:
        self.detail.query_one(f"#text-{field}").focus()

    def focus_row(self, entity: str, entity_id: int, field: str) -> None:
        table = self.detail.indicator_table if entity == "indicator" else self.detail.activity_table
        table.move_to(entity_id, field)
        table.focus(scroll_visible=False)
        # The new rows change the pane's layout on the next refresh; scroll after it.
        self.call_after_refresh(self.call_after_refresh, self.detail.show_widget, table)

    def show(self, ref: Ref, *, force: bool = False) -> None:
        if ref == self.shown and not force:
            return
        self.shown = ref
        had_goal = self.goal is not None
        if ref.kind == "goal":
            self.detail.show_goal(self.store.goal(ref.id), self.report.year)
        elif ref.kind == "section":
            self.detail.show_section(self.store.section(ref.id))
        elif ref.kind == "table":
            self.detail.show_table(self.store.economy_table(ref.id))
        if had_goal != (self.goal is not None):
            self.refresh_bindings()  # the footer redraws only when what works changes

    # -- after a change: each to the widget that shows it --------------------------------

    def changed(self, touched: list[Touched]) -> None:
        """The Editor wrote (or found the file changed): show it where it is shown."""
        try:
            in_place = self._in_place(touched)
        except NotFound:  # gone meanwhile (another program): read it all again
            in_place = False
        if not in_place:
            self.reload()
        checking.recheck(self)
        # What was written stays in view once the pane has its new layout.
        where = [(t.entity, t.entity_id, t.field) for t in touched]
        self.call_after_refresh(self.detail.keep_in_view, where)

    def _in_place(self, touched: list[Touched]) -> bool:
        """Each change to the widget that shows it; False: the tree's shape changed."""
        if any(t.structure and t.entity in ("goal", "section") for t in touched):
            return False
        if any(t.entity not in ("goal", "indicator", "activity", "section") for t in touched):
            return False  # a kind the panes do not update in place (yet)
        goals = {t.entity_id for t in touched if t.entity == "goal"}
        for goal_id in goals:
            self.tree.set_goal(self.store.get("goal", goal_id))
        self.update_header()  # assessments; unreviewed items (an edit reviews its field)
        shown = self.goal
        if shown is not None and any(self.detail.shows(shown, t) for t in touched):
            self.detail.refresh_goal(self.store.goal(shown.id or 0))
        for t in touched:
            if t.entity == "section":
                section = self.store.section(t.entity_id)
                self.tree.set_section(section)
                if self.shown == Ref("section", t.entity_id):
                    self.detail.refresh_section(section)
        return True

    def reload(self) -> None:
        """The tree's goals, the header and the pane read again, keeping where we are."""
        expanded = self.tree.expanded_refs()
        current = self.tree.current
        focused = self.focused
        coords = {t: t.cursor_coordinate for t in self.query(ValueTable)}
        self.tree.load(self.store.sections(self.report_id), self.store.goal_tree(self.report_id))
        self.tree.restore_expanded(expanded)
        if current is not None and current in self.tree.nodes:
            self.tree.select_ref(current)
        self.update_header()
        if self.shown is not None and self.shown in self.tree.nodes:
            self.show(self.shown, force=True)
        elif self.tree.current in self.tree.nodes:  # what was shown is gone
            self.show(self.tree.current, force=True)  # type: ignore[arg-type]
        elif not self.tree.nodes:  # the last goal went (removed, or its adding undone)
            self.shown = None
            self.detail.show_empty()
        for table, coord in coords.items():
            if table.row_count:
                table.cursor_coordinate = coord
        if focused is not None and focused.is_attached and focused.display:
            focused.focus()

    # -- routing: the widgets' messages to the verbs -------------------------------------

    @on(ReportTree.Chosen)
    def _chosen(self, event: ReportTree.Chosen) -> None:
        self.show(event.ref)

    @on(ReportTree.Opened)
    def _opened(self, event: ReportTree.Opened) -> None:
        self.show(event.ref)
        node = self.tree.nodes.get(event.ref)
        if node is not None and node.allow_expand and node.is_collapsed:
            node.expand()
            return
        self.detail.focus_first()

    @on(TextBlock.Edit)
    def _edit_text(self, event: TextBlock.Edit) -> None:
        verbs.editing.edit_text(self, event.entity, event.id, event.field, event.label, event.value)

    @on(ValueTable.EditCell)
    def _edit_cell(self, event: ValueTable.EditCell) -> None:
        verbs.editing.edit_cell(self, event)

    @on(ValueTable.ToggleFlag)
    def _toggle_flag(self, event: ValueTable.ToggleFlag) -> None:
        verbs.editing.toggle_flag(self, event.table, event.id)

    @on(ValueTable.EditAnalys)
    def _edit_row_analys(self, event: ValueTable.EditAnalys) -> None:
        if event.id is None:
            self.notify(actions.verb("row_analys").missing, severity="warning")
            return
        self.detail.show_row_analys(event.table)
        block = self.detail.row_analys(event.table)
        verbs.editing.edit_text(
            self, block.entity, block.entity_id, block.field, block.label, block.value
        )

    @on(CursorVerbs.Asked)
    def _asked(self, event: CursorVerbs.Asked) -> None:
        """A verb on what is under a widget's cursor (tui.widgets.cursor)."""
        route = {
            "field_history": verbs.history.field_history,
            "remove": verbs.rows.remove,
            "add": verbs.rows.add,
            "export": verbs.export.export,
            "review": review.confirm,
            "previous_text": review.previous_text,
            "row_view": verbs.row_view.open_row_view,
        }
        route[event.action](self, event.target)

    @on(ShapeVerbs.Shape)
    def _shape(self, event: ShapeVerbs.Shape) -> None:
        """Shaping the report: moves, headings, the economy grid (tui/verbs/structure.py)."""
        verbs.structure.route(self, event.action, event.target)

    def run_verb(self, action: str) -> None:
        """A verb as its key would run it (the palette): on the focused widget, or the
        nearest one above it that has it; said when nothing here takes it."""
        chain = self.focused.ancestors_with_self if self.focused is not None else [self]
        for node in chain:
            if actions.handles(getattr(node, "VERB_SCOPE", ""), action):
                getattr(node, f"action_{action}")()
                return
        self.notify(actions.verb(action).missing or "Det går inte här.", severity="warning")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # The footer and help in the action table's order, wherever a key is bound.
        return actions.ranked(super().active_bindings)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only what works here is shown: a goal is assessed.
        return not (action == "assess" and self.goal is None)

    # -- the screen's own verbs -----------------------------------------------------------

    def action_assess(self) -> None:
        verbs.editing.assess(self)

    def action_edit(self) -> None:
        """`e` outside a text or table: the goal's Analys, or the section's text."""
        self.detail.edit_first_text()

    def action_undo(self) -> None:
        verbs.history.undo(self)

    def action_redo(self) -> None:
        verbs.history.redo(self)

    def action_check(self) -> None:
        checking.toggle(self)

    def action_next_finding(self) -> None:
        checking.next_finding(self)

    @on(CheckView.Jump)
    def _jump(self, event: CheckView.Jump) -> None:
        checking.jump(self, event.finding)

    def action_tree_width(self) -> None:
        self.panes.cycle_tree_width()

    def action_restore_deleted(self) -> None:
        verbs.history.restore_deleted(self)

    def action_find(self) -> None:
        verbs.navigate.find(self)

    def action_next_unassessed(self) -> None:
        verbs.navigate.next_unassessed(self, self.tree)

    def jump_to_goal(self, goal_id: int) -> None:
        self.go_to(Ref("goal", goal_id), focus_tree=True)

    def action_reports(self) -> None:
        verbs.navigate.reports(self)

    def action_help(self) -> None:
        from tui.dialogs.help import HelpDialog, key_name

        self.app.push_screen(HelpDialog(actions.help_rows(self.active_bindings, key_name)))

    def action_quit(self) -> None:
        self.remember()
        self.app.exit()

    def palette_commands(self) -> list[tuple[str, str, partial[None]]]:
        """(title, help, run) for the command palette, from the action table."""
        return [(v.label, v.palette, partial(self.run_verb, v.action)) for v in actions.palette()]
