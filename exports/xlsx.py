"""Tables as an Excel workbook (openpyxl): numbers as numbers, never a formula.

A value column's printed value becomes a number with a format that shows it the way
it was printed, read by store.values (the one Swedish number parser): ``98,1 %`` is
0.981 shown as ``0.0 %``, ``-5,4`` is -5.4 shown with one decimal, ``1 234`` is 1234
shown as ``#,##0`` (Swedish Excel shows "1 234"), ``4 st`` is 4 shown with " st".
Everything else — names, titles, ``+/-1 %``, ``Tas fram av nämnd/styrelse`` — is
text, and a text is always stored as text: one that starts with ``=`` is not a
formula, one that reads ``#N/A`` is not an error. Dates are dates (yyyy-mm-dd).

Each sheet: header row bold and frozen, an autofilter, column widths that fit, a
Swedish name; an economy table's spanning headings ("Budget 2023" over Intäkter and
Kostnader) as a merged row above its columns. Sheets are written in openpyxl's
write-only mode, so the whole archive streams through in little memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from exports.columns import column_kinds
from store.values import ValueKind, parse_value

if TYPE_CHECKING:
    from store.models import ReportDocument

COLUMN_GROUP_SEPARATOR = " · "  # as in exports.outline, without loading the models
MAX_WIDTH = 60  # a column no wider than this many characters; longer texts wrap in Excel
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
# XML 1.0 control characters openpyxl refuses; the store refuses them too.
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: Iterable[Sequence[str]]
    kinds: list[str]  # per column: number, date or text (exports.columns)
    totals: set[int] = field(default_factory=set)  # rows printed as sums: bold


def excel_value(text: str, kind: str) -> tuple[Any, str | None]:
    """A printed value as Excel holds it: (value, number format or None for text)."""
    if not text or not text.strip():
        return None, None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text.strip()), "yyyy-mm-dd"
        except ValueError:
            return text, None
    if kind != "number":
        return text, None
    try:
        parsed = parse_value(text)
    except ValueError:
        return text, None
    if parsed.kind != ValueKind.NUMBER or parsed.number is None:
        return text, None
    number, unit = parsed.number, parsed.unit
    decimals = max(-number.as_tuple().exponent, 0)  # type: ignore[operator]
    digits = "0." + "0" * decimals if decimals else "0"
    if unit == "%":
        return float(number / 100), f"{digits} %"
    grouped = "#,##" + digits
    if unit is None:
        return float(number), grouped
    if '"' in unit or "\\" in unit:  # cannot be quoted in a number format
        return text, None
    return float(number), f'{grouped}" {unit}"'


# --------------------------------------------------------------------------- writing


def write_sheets(sheets: Iterable[Sheet], stream: IO[bytes]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    names: set[str] = set()
    for sheet in sheets:
        _write_sheet(wb, sheet, _sheet_name(sheet.name, names))
    if not wb.worksheets:
        _write_sheet(wb, Sheet("Tom", [""], [], ["text"]), "Tom")
    wb.save(stream)


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _SHEET_NAME_BAD.sub(" ", " ".join(name.split())).strip("' ")[:31] or "Tabell"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def _write_sheet(wb: Any, sheet: Sheet, name: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    rows = iter(sheet.rows)
    first = list(islice(rows, 1000))  # enough to size the columns before streaming on
    groups = _groups(sheet.headers)
    subs = [h.rpartition(COLUMN_GROUP_SEPARATOR)[2] if groups else h for h in sheet.headers]
    widths = _widths(subs, first)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    header_rows = 2 if groups else 1
    ws.freeze_panes = f"A{header_rows + 1}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"1:{header_rows}"

    bold = Font(bold=True)
    right = Alignment(horizontal="right", vertical="bottom", wrap_text=True)
    left = Alignment(vertical="bottom", wrap_text=True)
    centre = Alignment(horizontal="center")

    def head(text: str, align: Any) -> Any:
        c = WriteOnlyCell(ws, _clean(text))
        c.data_type = "s"
        c.font, c.alignment = bold, align
        return c

    aligns = [right if k == "number" else left for k in sheet.kinds]
    if groups:
        top, col = [], 1
        for text, span in groups:
            if text:
                top.append(head(text, centre))
                top += [None] * (span - 1)
                if span > 1:
                    ws.merged_cells.add(f"{_cell(col, 1)}:{_cell(col + span - 1, 1)}")
            else:  # its own heading fills both header rows
                top.append(head(subs[col - 1], aligns[col - 1]))
                ws.merged_cells.add(f"{_cell(col, 1)}:{_cell(col, 2)}")
            col += span
        ws.append(top)
        ws.append(
            [
                head(s, a) if g else None
                for s, a, g in zip(subs, aligns, _grouped(groups), strict=True)
            ]
        )
    else:
        ws.append([head(h, a) for h, a in zip(subs, aligns, strict=True)])

    count = _write_rows(ws, sheet, _chain(first, rows))
    last = _cell(len(sheet.headers), header_rows + max(count, 0))
    ws.auto_filter.ref = f"A{header_rows}:{last}"


def _write_rows(ws: Any, sheet: Sheet, rows: Iterator[Sequence[str]]) -> int:
    """Append the rows; returns how many. Styled cells are made once per column and
    format and refilled, since openpyxl writes each row as soon as it is appended."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    kinds = sheet.kinds
    bold = Font(bold=True)
    cache: dict[tuple[str, str], tuple[Any, str | None]] = {}
    protos: dict[tuple[int, str | None, bool], Any] = {}

    def proto(col: int, fmt: str | None, strong: bool) -> Any:
        key = (col, fmt, strong)
        c = protos.get(key)
        if c is None:
            c = protos[key] = WriteOnlyCell(ws)
            if fmt:
                c.number_format = fmt
            if strong:
                c.font = bold
        return c

    count = 0
    for count, row in enumerate(rows, 1):  # noqa: B007 - the count is the result
        strong = count - 1 in sheet.totals
        out: list[Any] = []
        for col, (text, kind) in enumerate(zip(row, kinds, strict=False)):
            if not text:
                out.append(None)
                continue
            key = (text, kind)
            got = cache.get(key)
            if got is None:
                value, fmt = excel_value(text, kind)
                got = cache[key] = (_clean(value) if fmt is None else value, fmt)
            value, fmt = got
            if fmt is None and not strong and not _looks_special(value):
                out.append(value)  # plain text: openpyxl's own cell, no style
                continue
            c = proto(col, fmt, strong)
            c.value = value
            if fmt is None:
                c.data_type = "s"  # "=1+1" and "#N/A" stay text
            out.append(c)
        ws.append(out)
    return count


def _looks_special(value: Any) -> bool:
    # openpyxl would read these strings as a formula ("=…") or an error code ("#N/A")
    return isinstance(value, str) and (value.startswith("=") or value.startswith("#"))


def _clean(value: Any) -> Any:
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value


def _chain(first: list[Sequence[str]], rest: Iterator[Sequence[str]]) -> Iterator[Sequence[str]]:
    yield from first
    yield from rest


def _cell(col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _groups(headers: Sequence[str]) -> list[tuple[str, int]] | None:
    groups: list[tuple[str, int]] = []
    for h in headers:
        g = h.rpartition(COLUMN_GROUP_SEPARATOR)[0]
        if groups and g and groups[-1][0] == g:
            groups[-1] = (g, groups[-1][1] + 1)
        else:
            groups.append((g, 1))
    return groups if any(g for g, _ in groups) else None


def _grouped(groups: list[tuple[str, int]]) -> Iterator[bool]:
    for text, span in groups:
        yield from [bool(text)] * span


def _widths(headers: Sequence[str], rows: list[Sequence[str]]) -> list[float]:
    """Characters per column: the longest value or heading word, capped; +2 for padding."""
    out = []
    for i, h in enumerate(headers):
        longest = max([len(w) for w in h.split()] or [4])
        longest = max([longest, len(h) if len(h) <= 16 else 0])
        for r in rows:
            if i < len(r) and r[i]:
                longest = max(longest, len(r[i]))
        out.append(min(longest, MAX_WIDTH) + 2)
    return out


# --------------------------------------------------------------------------- the tables


def write_xlsx(
    doc: ReportDocument,
    stream: IO[bytes],
    *,
    table: str = "report",
    goal: int | None = None,
    economy: str | None = None,
) -> None:
    """One workbook: `table` is goals, indicators, activities or economy (every economy
    table, or the one whose key is `economy`), or report: a sheet per table."""
    write_sheets(report_sheets(doc, table, goal, economy), stream)


def report_sheets(
    doc: ReportDocument, table: str, goal: int | None = None, economy: str | None = None
) -> list[Sheet]:
    from exports.tables import (
        activities_table,
        economy_table,
        goals_table,
        indicators_table,
        walk_sections,
    )

    sheets = []
    for t in (goals_table, indicators_table, activities_table):
        if table in ("report", t.__name__.removesuffix("_table")):
            tab = t(doc, goal)
            sheets.append(
                Sheet(tab.title, tab.headers, tab.rows, column_kinds(tab.key, tab.headers))
            )
    if table == "economy" or (table == "report" and goal is None):  # economy is no goal's
        for section, _ in walk_sections(doc.sections):
            for et in section.tables:
                if economy is not None and et.key != economy:
                    continue
                tab = economy_table(et)
                kinds = column_kinds(tab.key, tab.headers)
                name = et.title or section.title
                sheets.append(Sheet(name, tab.headers, tab.rows, kinds, tab.totals))
    return sheets


def write_archive_xlsx(
    headers: Sequence[str], records: Iterable[Sequence[Any]], stream: IO[bytes]
) -> None:
    """Indicators of every report in one sheet, streamed from plain rows."""
    rows = ([("" if v is None else str(v)) for v in r] for r in records)
    write_sheets(
        [Sheet("Indikatorer", list(headers), rows, column_kinds("indicators", headers))], stream
    )
