"""CSV in two dialects, with spreadsheet formula injection neutralised both ways.

- ``rfc4180``: comma, UTF-8 without BOM, header row, CRLF line endings (RFC 4180).
- ``excel-sv``: what Swedish Excel opens by double-click: semicolon, UTF-8 with BOM.
  Values are already printed Swedish style (decimal comma) and are kept as they are.

A cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return and is not a
number gets a leading single quote (OWASP), so it can never run as a formula.
`unneutralise` undoes exactly that, so export → import round-trips.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from store.values import ValueKind, parse_value

DIALECTS = ("rfc4180", "excel-sv")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _is_number(text: str) -> bool:
    try:
        return parse_value(text).kind == ValueKind.NUMBER
    except ValueError:
        return False


def needs_quote(text: str) -> bool:
    """Whether a cell must be prefixed; a cell that already looks neutralised is too,
    so that `unneutralise(neutralise(x)) == x` for every text."""
    if not text or (text[0] not in DANGEROUS and text[0] != "'"):
        return False  # the common case, decided without parsing
    if text[0] in DANGEROUS:
        return not _is_number(text)
    return text[0] == "'" and needs_quote(text[1:])


def neutralise(text: str) -> str:
    return "'" + text if needs_quote(text) else text


def unneutralise(text: str) -> str:
    return text[1:] if text.startswith("'") and needs_quote(text[1:]) else text


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[str]], dialect: str = "rfc4180") -> str:
    """The table as CSV text (a BOM included for excel-sv); encode it as UTF-8."""
    buf = io.StringIO(newline="")
    write_csv(buf, headers, rows, dialect)
    return buf.getvalue()


def write_csv(
    out: TextIO,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    dialect: str = "rfc4180",
) -> None:
    """Write the table as CSV to a text stream opened with newline="" (large exports)."""
    if dialect not in DIALECTS:
        raise ValueError(f"okänd dialekt {dialect!r}")
    if dialect == "excel-sv":
        out.write(BOM)
    delimiter = ";" if dialect == "excel-sv" else ","
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(c) for c in headers])
    writer.writerows(_neutralised(rows))


# A cell that may need a prefix starts with one of these; a row joined with NUL shows
# at a glance (in C) whether any cell does, so most rows pass through untouched.
_RISKY = re.compile("\x00[" + re.escape("".join(DANGEROUS) + "'") + "]")


def _neutralised(rows: Iterable[Sequence[str]]) -> Iterator[Sequence[str]]:
    for row in rows:
        joined = "\x00" + "\x00".join(row)
        if _RISKY.search(joined):
            yield [neutralise(c) for c in row]
        else:
            yield row


@dataclass
class CsvRow:
    line: int  # the file's line number where the row starts (the header is line 1)
    cells: list[str]


@dataclass
class CsvFile:
    dialect: str
    headers: list[str]
    rows: list[CsvRow]


def read_csv(data: bytes) -> CsvFile:
    """Read a CSV in either dialect: a BOM or a semicolon-separated header means excel-sv.

    Neutralising quotes are removed. Raises ValueError with a plain reason.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Swedish Excel's "CSV (semikolonavgränsad)" saves Windows-1252.
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    semicolon = first.count(";") > first.count(",") or (
        data.startswith(BOM.encode()) and "," not in first
    )
    dialect, delimiter = ("excel-sv", ";") if semicolon else ("rfc4180", ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[CsvRow] = []
    headers: list[str] | None = None
    start = 1
    try:
        for record in reader:
            cells = [unneutralise(c) for c in record]
            if headers is None:
                headers = [c.strip() for c in cells]
            elif any(c.strip() for c in cells):
                rows.append(CsvRow(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValueError(f"rad {start}: {exc}") from None
    if headers is None:
        raise ValueError("filen är tom")
    return CsvFile(dialect, headers, rows)
