"""The Store's side of report files (issue 12): export read straight from the rows
(store/report_export.py, no models), import checked by the models (store/report_json.py,
with pydantic, imported when a file is imported: not on the way to the workbench)."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from store.report_export import export_report

if TYPE_CHECKING:
    from store.report_json import Imported, ReportFile


class ReportFileMixin:
    """The Store gives it `conn`, `_write()`, `document()`."""

    conn: sqlite3.Connection

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def export_json(self, report_id: int) -> dict[str, Any]:
        """The report as a JSON file's content (write it with `dumps`)."""
        return export_report(self.conn, report_id)

    def import_json(self, file: ReportFile, *, source: str = "import") -> Imported:
        """Add a report read with `parse` as a new report: one transaction, all or nothing.
        InvalidValue when the file already holds that organisation's report for the period."""
        from store.report_json import insert

        with self._write() as conn:
            return insert(conn, file, source=source)
