"""The main screen's other actions: export (in a worker), the report picker and help."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from tui.labels import goal_label
from tui.widgets.value_table import EconomyGrid, ValueTable

# The export code (tabulate, ~30 ms) and the dialogs are imported by the actions that
# use them: the first frame needs none of them.
if TYPE_CHECKING:
    from exports.tables import Table
    from tui.dialogs.export import ExportRequest
    from tui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object

# Swedish words for Textual's own bindings, shown in help.
ACTION_WORDS = {
    "cursor_up": "Upp",
    "cursor_down": "Ned",
    "cursor_left": "Vänster",
    "cursor_right": "Höger",
    "page_up": "Sida upp",
    "page_down": "Sida ned",
    "page_left": "Sida vänster",
    "scroll_up": "Rulla upp",
    "scroll_down": "Rulla ned",
    "scroll_left": "Rulla vänster",
    "scroll_right": "Rulla höger",
    "page_right": "Sida höger",
    "scroll_home": "Till början",
    "scroll_end": "Till slutet",
    "scroll_top": "Överst",
    "scroll_bottom": "Nederst",
    "select_cursor": "Välj",
    "toggle_node": "Fäll ut/ihop",
    "toggle_expand_all": "Fäll ut/ihop allt",
    "cursor_parent": "Till överordnat",
    "cursor_parent_next_sibling": "Till nästa överordnade",
    "cursor_previous_sibling": "Föregående på samma nivå",
    "cursor_next_sibling": "Nästa på samma nivå",
    "app.focus_next": "Nästa ruta",
    "app.focus_previous": "Föregående ruta",
    "screen.copy_text": "Kopiera markerad text",
    "quit": "Avsluta",
    "command_palette": "Kommandon (alla åtgärder, gå till mål)",
}

ACTIVITY_HEADERS = ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"]


def slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-") or "export"


class ActionsMixin(_Base):
    # -- export -----------------------------------------------------------------------

    def action_export(self) -> None:
        from exports.tables import (
            Table,
            activity_cells,
            economy_table,
            indicator_cells,
            indicator_headers,
        )
        from tui.dialogs.export import ExportDialog

        focused = self.focused
        year = self.report.year
        table: Table | None = None
        if isinstance(focused, ValueTable) and self.goal is not None:
            if focused.entity == "indicator":
                rows = [[i.name, *indicator_cells(i)] for i in self.goal.indicators]
                table = Table(["Indikator", *indicator_headers(year)], rows, title="Indikatorer")
            else:
                rows = [activity_cells(a) for a in self.goal.activities]
                table = Table(ACTIVITY_HEADERS, rows, title="Aktiviteter")
            what = f"{table.title} – {goal_label(self.goal)}"
            stem = f"{slug(table.title)}-{slug(self.goal.title, 30)}"
        elif isinstance(focused, EconomyGrid):
            table = economy_table(focused.table)
            what, stem = table.title, slug(focused.table.title)
        elif self.goal is not None:
            what = f"{goal_label(self.goal)} med allt under"
            stem = slug(goal_label(self.goal))
        else:
            self.notify("Välj ett mål eller ställ markören i en tabell.", severity="warning")
            return
        goal_id = self.goal.id if self.goal is not None else None

        def chosen(req: ExportRequest | None) -> None:
            if req is not None:
                self.export(req, table, goal_id)

        dialog = ExportDialog(what, stem, Path.cwd(), protect=[self.store.path])
        self.app.push_screen(dialog, chosen)

    def export(self, req: ExportRequest, table: Table | None, goal_id: int | None) -> None:
        doc = None if table is not None else self.store.document(self.report_id)
        self._export_worker(req, table, doc, goal_id)

    @work(thread=True, exclusive=True, group="export")
    def _export_worker(
        self, req: ExportRequest, table: Table | None, doc: Any, goal_id: int | None
    ) -> None:
        from exports.atomic import OutputRefused, write_text_atomic

        try:
            text = render(req.fmt, table, doc, goal_id)
            write_text_atomic(req.path, text, [self.store.path])
        except OutputRefused as exc:
            self.app.call_from_thread(
                self.notify, f"Kunde inte skriva {req.path}: {exc.reason}", severity="error"
            )
            return
        self.app.call_from_thread(self.notify, f"Skrev {req.path}", title="Exporterat")

    # -- reports ------------------------------------------------------------------------

    def action_reports(self) -> None:
        from tui.dialogs.reports import ReportsDialog

        reports = self.store.reports()
        if len(reports) < 2:
            self.notify("Filen innehåller bara den här rapporten.")
            return

        def picked(report_id: int | None) -> None:
            if report_id is not None and report_id != self.report_id:
                self.remember()
                self.shown = None
                self.load_report(report_id)

        self.app.push_screen(ReportsDialog(reports, self.report_id), picked)

    # -- help ---------------------------------------------------------------------------

    def help_rows(self) -> list[tuple[str, str]]:
        from tui.dialogs.help import key_name

        by_action: dict[tuple[int, str], tuple[list[str], str]] = {}
        for key, active in self.active_bindings.items():
            b = active.binding
            words = ACTION_WORDS.get(b.action) or b.description
            if not words:
                continue
            slot = by_action.setdefault((id(active.node), b.action), ([], words))
            slot[0].append(key_name(key))
        rows = [(" ".join(keys), words) for keys, words in by_action.values()]
        rows.append(("ctrl+q", "Avsluta"))
        return list(dict.fromkeys(rows))

    def action_help(self) -> None:
        from tui.dialogs.help import HelpDialog

        self.app.push_screen(HelpDialog(self.help_rows()))


def render(fmt: str, table: Table | None, doc: Any, goal_id: int | None) -> str:
    """The export's text: one table, or a goal with everything below it."""
    from exports.csvfmt import to_csv
    from exports.markdown import table_markdown
    from exports.report import report_markdown
    from exports.tables import find, goals_table

    if table is not None:
        return table_markdown(table) if fmt == "md" else to_csv(table.headers, table.rows)
    if fmt == "md":
        goal = find(doc, goal_id) if goal_id is not None else None
        return report_markdown(doc, [goal] if goal is not None else None)
    t = goals_table(doc, goal_id)
    return to_csv(t.headers, t.rows)
