"""Export what is under the cursor: a table as shown, or a goal with everything below it.

The dialog picks a format and a file; the registry (exports.formats) writes it, in a
thread worker, completely or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.actions import verb
from tui.verbs.workbench import Workbench

if TYPE_CHECKING:
    from exports.formats import Selection
    from tui.dialogs.export import ExportRequest
    from tui.widgets.cursor import ExportTarget

# What the dialog offers: the registry's text formats (Word and Excel come with the
# dialog that asks what to export, format by format).
OFFERED = ("md", "csv")


def export(wb: Workbench, target: ExportTarget | None) -> None:
    if target is None:
        wb.notify(verb("export").missing, severity="warning")
        return
    from exports.formats import FORMATS
    from tui.dialogs.export import ExportDialog

    store = wb.editor.store

    def chosen(req: ExportRequest | None) -> None:
        if req is not None:
            _write(wb, req, _selection(wb, target, req.fmt))

    formats = [FORMATS[name] for name in OFFERED]
    dialog = ExportDialog(target.what, target.stem, Path.cwd(), formats, protect=[store.path])
    wb.app.push_screen(dialog, chosen)


def _selection(wb: Workbench, target: ExportTarget, fmt: str) -> Selection:
    from exports.formats import Selection

    if target.table is not None:
        return Selection(tables=[target.table])
    doc = wb.editor.store.document(wb.report_id)
    # A goal: all of it in Markdown; in CSV, the goals table of it and below.
    return Selection(table="report" if fmt == "md" else "goals", doc=doc, goal=target.goal_id)


def _write(wb: Workbench, req: ExportRequest, what: Selection) -> None:
    from exports.atomic import OutputRefused
    from exports.formats import export_file

    protect = [wb.editor.store.path]

    def work() -> None:
        try:
            export_file(req.fmt, what, req.path, protect)
        except (OutputRefused, ValueError) as exc:
            reason = exc.reason if isinstance(exc, OutputRefused) else str(exc)
            wb.app.call_from_thread(
                wb.notify, f"Kunde inte skriva {req.path}: {reason}", severity="error"
            )
            return
        wb.app.call_from_thread(wb.notify, f"Skrev {req.path}", title="Exporterat")

    wb.app.run_worker(work, thread=True, exclusive=True, group="export")
