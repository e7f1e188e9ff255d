"""Export from where the cursor is: the goal and everything below it, one of its tables,
the economy table in focus, or the whole report (tui.export_choices), in one of the
registry's formats (exports.formats), to a file in the author's export folder.

The dialog picks; the registry writes in a thread worker, completely or not at all; the
folder written to is remembered for the next export and the next session
(store.settings). Success and failure are each one line naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from tui.verbs.workbench import Workbench

if TYPE_CHECKING:
    from store.models import ReportDocument
    from tui.dialogs.export import ExportRequest
    from tui.widgets.cursor import ExportTarget


def export(wb: Workbench, target: ExportTarget | None) -> None:
    """`x`: with nothing under the cursor (a section) the whole report is still offered."""
    from store import settings
    from tui.dialogs.export import ExportDialog
    from tui.export_choices import choices, first_choice

    store = wb.editor.store
    doc = store.document(wb.report_id)
    found = choices(doc, target)

    def chosen(req: ExportRequest | None) -> None:
        if req is not None:
            write(wb, req, doc)

    dialog = ExportDialog(
        doc.report,
        found,
        first_choice(found, target),
        settings.export_folder(),
        protect=[store.path],
    )
    wb.app.push_screen(dialog, chosen)


def write(wb: Workbench, req: ExportRequest, doc: ReportDocument) -> None:
    from exports.atomic import OutputRefused
    from exports.formats import export_file

    protect = [wb.editor.store.path]
    what = req.choice.selection(doc, req.dialect)

    def work() -> None:
        try:
            export_file(req.fmt, what, req.path, protect)
        except OutputRefused as exc:  # the file as it was (exports.atomic)
            _failed(wb, req.path, exc.reason)
            return
        except Exception as exc:  # noqa: BLE001 - a writer's own failure: one line, no crash
            _failed(wb, req.path, str(exc) or type(exc).__name__)
            return
        remembered = _remember(req.path.parent)
        wb.app.call_from_thread(wb.notify, f"Skrev {req.path}{remembered}", title="Exporterat")

    wb.app.run_worker(work, thread=True, exclusive=True, group="export")


def _failed(wb: Workbench, path: Path, reason: str) -> None:
    line = " ".join(f"Kunde inte skriva {path}: {reason}".split())  # one plain line
    wb.app.call_from_thread(wb.notify, line, severity="error")


def _remember(folder: Path) -> str:
    """Keep the folder for the next export; said (not raised) when it cannot be kept."""
    from store import settings

    try:
        # Absolute but not resolved: a mapped drive (Z:) stays Z:, not its UNC path.
        settings.remember_export_folder(Path(os.path.abspath(folder)))
    except OSError:
        return " (mappen kunde inte sparas till nästa gång)"
    return ""
