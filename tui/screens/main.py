"""The main screen: the report tree, the detail pane, and every edit through the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer

from store.models import Goal, Report
from store.search import SearchHit
from tui.labels import goal_label, printable
from tui.screens.actions import ActionsMixin
from tui.screens.drafts import DraftsMixin
from tui.screens.editing import EditingMixin
from tui.screens.history import HistoryMixin
from tui.widgets.goal_detail import DetailPane, TextBlock
from tui.widgets.header import ReportHeader
from tui.widgets.report_tree import Ref, ReportTree
from tui.widgets.value_table import ValueTable

if TYPE_CHECKING:
    from store.store import Store
    from tui.dialogs.assessment import AssessmentChoice

STATE_REPORT = "tui.report"


def state_key(report_id: int) -> str:
    return f"tui.cursor.{report_id}"


class MainScreen(EditingMixin, HistoryMixin, ActionsMixin, DraftsMixin, Screen[None]):
    BINDINGS = [
        Binding("a", "assess", "Bedömning"),
        Binding("e", "edit", "Redigera"),
        Binding("n,insert", "add", "Lägg till"),
        Binding("delete", "remove", "Ta bort"),
        Binding("slash", "find", "Sök"),
        Binding("x", "export", "Exportera"),
        Binding("r", "reports", "Rapporter"),
        Binding("ctrl+z", "undo", "Ångra"),
        Binding("ctrl+y", "redo", "Gör om"),
        Binding("question_mark", "help", "Hjälp"),
        Binding("q", "quit", "Avsluta"),
        Binding("H", "field_history", "Historik"),
        Binding("U", "restore_deleted", "Återställ borttaget"),
        Binding("b", "next_unassessed", "Nästa utan bedömning"),
    ]

    def __init__(self, store: Store, report_id: int) -> None:
        super().__init__()
        self.store = store
        self.report_id = report_id
        self.report: Report = store.report(report_id)
        self.shown: Ref | None = None
        self.goal: Goal | None = None  # the goal in the detail pane, with indicators and activities

    def compose(self) -> ComposeResult:
        yield ReportHeader(id="report-header")
        with Horizontal(id="panes"):
            yield ReportTree(id="tree")
            yield DetailPane(id="detail")
        yield Footer()

    @property
    def tree(self) -> ReportTree:
        return self.query_one(ReportTree)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def on_mount(self) -> None:
        self.load_report(self.report_id)
        if self.store.read_only:
            self.notify(
                "Filen är skrivskyddad: du kan läsa men inte ändra.",
                title="Skrivskyddad",
                severity="warning",
                timeout=8,
            )
        # Drafts left from last time (a crash): offered once the screen is drawn.
        self.call_after_refresh(self.offer_drafts)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Messages here quote stored texts: shown printable, never read as markup."""
        super().notify(
            printable(message, prose=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- loading --------------------------------------------------------------

    def load_report(self, report_id: int) -> None:
        self.report_id = report_id
        self.report = self.store.report(report_id)
        self.history.clear()
        self.position = 0
        self.tree.load(self.store.sections(report_id), self.store.goal_tree(report_id))
        self.update_header()
        start = self._remembered() or self._first_goal()
        if start is not None:
            self.select(start)
        self.tree.focus()
        self.call_after_refresh(self.tree.show_cursor_line, True)

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
        r = self.report
        counts = self.store.assessment_counts(self.report_id)
        self.query_one(ReportHeader).show(
            r, str(self.store.path), counts, self.store.read_only, network=self.store.network
        )
        self.app.title = printable(f"{r.organisation} – {r.title}")
        self.app.sub_title = printable(str(self.store.path))

    def select(self, ref: Ref) -> None:
        """Put the tree cursor on `ref` and show it now."""
        self.tree.select_ref(ref)
        self.show(ref)

    def show(self, ref: Ref, *, force: bool = False) -> None:
        if ref == self.shown and not force:
            return
        self.shown = ref
        had_goal = self.goal is not None
        self.goal = None
        if ref.kind == "goal":
            self.goal = self.store.goal(ref.id)
            self.detail.show_goal(self.goal, self.report.year)
        elif ref.kind == "section":
            self.detail.show_section(self.store.section(ref.id))
        elif ref.kind == "table":
            self.detail.show_table(self.store.economy_table(ref.id))
        if had_goal != (self.goal is not None):
            self.refresh_bindings()  # the footer redraws only when what works changes

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer and help show only what works here: goals are assessed, and
        # things are added and removed under goals, not in prose or economy tables.
        return not (action in ("assess", "add", "remove") and self.goal is None)

    def reload(self) -> None:
        """After a change: the tree's goals, the header and the pane, keeping where we are."""
        expanded = self.tree.expanded_refs()
        current = self.tree.current
        focused = self.focused
        coords = {t: t.cursor_coordinate for t in self.query(ValueTable)}
        self.tree.load(self.store.sections(self.report_id), self.store.goal_tree(self.report_id))
        self.tree.restore_expanded(expanded)
        if current is not None and current in self.tree.nodes:
            self.tree.select_ref(current)
        self.update_header()
        if self.shown is not None:
            self.show(self.shown, force=True)
        for table, coord in coords.items():
            if table.row_count:
                table.cursor_coordinate = coord
        if focused is not None and focused.is_attached and focused.display:
            focused.focus()

    # -- tree and pane ----------------------------------------------------------

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

    # -- assessment ------------------------------------------------------------

    def action_assess(self) -> None:
        goal = self.goal
        if goal is None:
            self.notify("Välj ett mål i trädet först.", severity="warning")
            return
        if self.store.read_only:
            self.refuse_read_only()
            return
        from tui.dialogs.assessment import AssessmentDialog

        def picked(choice: AssessmentChoice | None) -> None:
            if choice is None:
                return
            value = choice.assessment.value if choice.assessment else None
            shown = goal.assessment.value if goal.assessment else None
            self.write("goal", goal.id or 0, "assessment", value, shown)

        self.app.push_screen(AssessmentDialog(goal_label(goal), goal.assessment), picked)

    # -- texts --------------------------------------------------------------------

    def action_edit(self) -> None:
        """`e` outside a text or table: the goal's Analys, or the section's text."""
        first = next((b for b in self.query(TextBlock) if b.display), None)
        if first is not None:
            first.action_edit()

    def action_row_analys(self) -> None:
        """The Analys of the indicator or activity under the table cursor (A in a table)."""
        focused = self.focused
        if isinstance(focused, ValueTable) and focused.current is not None:
            focused.action_edit_analys()
            return
        self.notify(
            "Ställ markören på en indikator eller aktivitet i tabellen först.", severity="warning"
        )

    @on(TextBlock.Edit)
    def _edit_text(self, event: TextBlock.Edit) -> None:
        self.edit_text(event.entity, event.id, event.field, event.label, event.value)

    @on(ValueTable.EditAnalys)
    def _edit_row_analys(self, event: ValueTable.EditAnalys) -> None:
        self.detail.show_row_analys(event.table)
        block = self.detail.row_analys(event.table)
        self.edit_text(block.entity, block.entity_id, block.field, block.label, block.value)

    def edit_text(self, entity: str, entity_id: int, field: str, label: str, value: str) -> None:
        """A text in the editor; ctrl+s saves it against the text shown (`value`)."""
        if self.store.read_only:
            self.refuse_read_only()
            return
        from tui.dialogs.text_editor import DraftTarget, TextEditor

        subject = goal_label(self.goal) if self.goal else ""
        title = f"{label} – {subject}" if subject else label

        def done(text: str | None) -> None:
            if text is not None and text != value:
                self.write(entity, entity_id, field, text, value)

        draft = DraftTarget(self.store, entity, entity_id, field, saved=value)
        self.app.push_screen(TextEditor(title, value, draft=draft), done)

    # -- find ---------------------------------------------------------------------

    def action_find(self) -> None:
        from tui.dialogs.find import FindDialog

        def jump(hit: SearchHit | None) -> None:
            if hit is not None:
                self.jump_to(hit)

        def goal_of(goal_id: int) -> str:
            goal = self.tree.goals.get(goal_id)
            return goal_label(goal) if goal is not None else ""

        search = FindDialog(lambda t: self.store.search(t, self.report_id), goal_label=goal_of)
        self.app.push_screen(search, jump)

    def jump_to(self, hit: SearchHit) -> None:
        if hit.kind == "section":
            self.select(Ref("section", hit.id))
            self.detail.query_one("#text-body").focus()
            return
        goal_id = hit.id if hit.kind == "goal" else hit.goal_id
        if goal_id is None:
            return
        self.select(Ref("goal", goal_id))
        if hit.kind in ("indicator", "activity"):
            indicator = hit.kind == "indicator"
            table = self.detail.indicator_table if indicator else self.detail.activity_table
            table.move_to(hit.id, "outcome" if indicator else "text")
            table.focus(scroll_visible=False)
            # The new rows change the pane's layout on the next refresh; scroll after it.
            self.call_after_refresh(self.call_after_refresh, self.detail.show_widget, table)
        else:
            self.tree.focus()

    def action_next_unassessed(self) -> None:
        """The next goal (in document order, wrapping) still without an assessment."""
        refs = [ref for ref in self.tree.nodes if ref.kind == "goal"]
        current = self.tree.current
        start = refs.index(current) + 1 if current in refs else 0
        for ref in refs[start:] + refs[:start]:
            goal = self.tree.goals.get(ref.id)
            if goal is not None and goal.assessment is None:
                self.jump_to_goal(ref.id)
                return
        self.notify("Alla mål har en bedömning.", title="Bedömning")

    def jump_to_goal(self, goal_id: int) -> None:
        self.select(Ref("goal", goal_id))
        self.tree.focus()

    # -- quitting --------------------------------------------------------------------

    def action_quit(self) -> None:
        self.remember()
        self.app.exit()
