"""The export formats: name → what it can export and a writer to a binary stream.

One place for the command line and the workbench to ask which formats there are, what
each can hold, and to write one. Each writer's module is imported only when it writes,
so asking costs nothing (python-docx and openpyxl load in a fraction of a second, but
not before the workbench's first frame).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.models import ReportDocument

TABLE_NAMES = ("goals", "indicators", "activities", "economy")


class TemplateError(ValueError):
    """A Word template that cannot be used; the message says why, plainly."""


@dataclass(frozen=True)
class Format:
    name: str  # as typed after --format
    label: str  # as the workbench offers it
    suffix: str
    tables: tuple[str, ...]  # what it can export: "report" and/or TABLE_NAMES
    binary: bool  # not for a terminal


FORMATS: dict[str, Format] = {
    "docx": Format("docx", "Word (.docx)", ".docx", ("report",), True),
    "xlsx": Format("xlsx", "Excel (.xlsx)", ".xlsx", ("report", *TABLE_NAMES), True),
    "md": Format("md", "Markdown (.md)", ".md", ("report", *TABLE_NAMES), False),
    "csv": Format("csv", "CSV (.csv)", ".csv", TABLE_NAMES, False),
}


def write(
    fmt: str,
    doc: ReportDocument,
    stream: IO[bytes],
    *,
    table: str = "report",
    goal: int | None = None,
    economy: str | None = None,
    template: str | Path | IO[bytes] | None = None,
    dialect: str = "rfc4180",
) -> None:
    """Write `table` of the report (or all of it) in format `fmt` to a binary stream.

    `goal` (an id) limits it to that goal and the goals below; `economy` picks one
    economy table by key; `template` is a Word template; `dialect` a CSV dialect.
    Raises ValueError for a combination the format cannot hold.
    """
    spec = FORMATS[fmt]
    if table not in spec.tables:
        raise ValueError(f"{table} går inte att exportera som {fmt}")
    if fmt == "docx":
        _module("exports.docx").write_docx(doc, stream, template=template, goal=goal)
    elif fmt == "xlsx":
        _module("exports.xlsx").write_xlsx(doc, stream, table=table, goal=goal, economy=economy)
    elif fmt == "md":
        stream.write(_markdown(doc, table, goal, economy).encode("utf-8"))
    else:
        stream.write(_csv(doc, table, goal, economy, dialect).encode("utf-8"))


def _module(name: str) -> Any:
    return import_module(name)


def _tables(doc: ReportDocument, table: str, goal: int | None, economy: str | None) -> list[Any]:
    from exports import tables as t

    if table == "economy":
        chosen = [e for e in t.economy_tables(doc) if economy is None or e.key == economy]
        if not chosen:
            raise ValueError(f"ekonomitabellen {economy!r} finns inte")
        return [t.economy_table(e) for e in chosen]
    make = {"goals": t.goals_table, "indicators": t.indicators_table}
    return [make.get(table, t.activities_table)(doc, goal)]


def _markdown(doc: ReportDocument, table: str, goal: int | None, economy: str | None) -> str:
    if table == "report":
        from exports.report import report_markdown
        from exports.tables import find

        if goal is None:
            return report_markdown(doc)
        found = find(doc, goal)
        if found is None:
            raise ValueError(f"målet {goal} finns inte i rapporten")
        return report_markdown(doc, [found])
    from exports.markdown import table_markdown, tables_markdown

    found = _tables(doc, table, goal, economy)
    return tables_markdown(found) if table == "economy" else table_markdown(found[0])


def _csv(
    doc: ReportDocument, table: str, goal: int | None, economy: str | None, dialect: str
) -> str:
    from exports.csvfmt import to_csv

    found = _tables(doc, table, goal, economy)
    if len(found) != 1:
        keys = ", ".join(t.key for t in found)
        raise ValueError(f"csv rymmer en tabell; välj en av {keys}")
    return to_csv(found[0].headers, found[0].rows, dialect)
