"""The export registry: a format's name → what it can hold and a writer to a binary stream.

The one place the command line (`tertial export`) and the workbench ask which formats
there are, what each can hold, and write one; `export_file` is the one way an export
reaches a file (exports.atomic: completely or not at all). A new format is one more
entry in FORMATS and one writer function; nothing else lists the formats.

Each writer's module is imported only when it writes, so asking costs nothing
(python-docx and openpyxl load in a fraction of a second, but not before the
workbench's first frame, and the models not before an archive's export).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from exports import REPORT, TABLE_NAMES

if TYPE_CHECKING:
    from exports.tables import Table
    from store.models import ReportDocument


class TemplateError(ValueError):
    """A Word template that cannot be used; the message says why, plainly."""


@dataclass
class Selection:
    """What one export holds, read by the caller before it is written.

    Either a report (`doc`; all of it, one of its tables, or `goal` and the goals below
    it), tables made by the caller (`tables`: the workbench's view of one goal's rows),
    a report's lossless data (`data`, store.report_export) or many reports' indicators
    as plain rows (`records`, store.archive).
    """

    table: str = REPORT
    doc: ReportDocument | None = None
    goal: int | None = None
    economy: str | None = None  # one economy table by key (None: all of them)
    tables: Sequence[Table] = ()
    data: Mapping[str, Any] | None = None
    records: Iterable[Sequence[Any]] | None = None
    versions: Mapping[int, int] | None = None  # indicators CSV: the columns an import checks
    template: str | Path | IO[bytes] | None = None  # docx: the city's Word template
    dialect: str = "rfc4180"  # csv


@dataclass(frozen=True)
class Format:
    name: str  # as typed after --format
    label: str  # as the workbench offers it
    suffix: str
    tables: tuple[str, ...]  # what it can hold: REPORT and/or TABLE_NAMES
    binary: bool  # not for a terminal
    writer: str  # "module:function(selection, stream)", imported when it writes

    def holds(self, table: str) -> bool:
        return table in self.tables


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "md",
            "Markdown (.md)",
            ".md",
            (REPORT, *TABLE_NAMES),
            False,
            "exports.writers:write_markdown",
        ),
        Format("csv", "CSV (.csv)", ".csv", TABLE_NAMES, False, "exports.writers:write_csv"),
        Format("docx", "Word (.docx)", ".docx", (REPORT,), True, "exports.writers:write_word"),
        Format(
            "xlsx",
            "Excel (.xlsx)",
            ".xlsx",
            (REPORT, *TABLE_NAMES),
            True,
            "exports.writers:write_excel",
        ),
        Format("json", "JSON (.json)", ".json", (REPORT,), False, "exports.writers:write_json"),
    )
}


# What the workbench's export dialog offers, in its order: the report's own document
# first, then its tables for Excel, then the plain formats (json is the command line's).
WORKBENCH = ("docx", "xlsx", "md", "csv")


def write(fmt: str, what: Selection, stream: IO[bytes]) -> None:
    """Write `what` in format `fmt` to a binary stream.

    Raises ValueError for what the format cannot hold (TemplateError for a template).
    """
    spec = FORMATS[fmt]
    if not what.tables and not spec.holds(what.table):
        raise ValueError(f"{what.table} går inte att exportera som {fmt}")
    module, _, function = spec.writer.partition(":")
    getattr(import_module(module), function)(what, stream)


def export_file(fmt: str, what: Selection, path: Path, protect: Iterable[Path] = ()) -> Path:
    """Write `what` to `path`, completely or not at all, never over a file in `protect`.

    Returns the file written; raises exports.atomic.OutputRefused (the target as it was)
    or what `write` raises.
    """
    from exports.atomic import write_atomic

    return write_atomic(path, lambda out: write(fmt, what, out), protect)
