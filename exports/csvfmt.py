"""CSV in two dialects, with spreadsheet formula injection neutralised both ways.

- ``rfc4180``: comma, UTF-8 without BOM, header row, CRLF line endings (RFC 4180).
- ``excel-sv``: what Swedish Excel opens by double-click: semicolon, UTF-8 with BOM.
  Values are already printed Swedish style (decimal comma) and are kept as they are.

A cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return (or whose
first visible character is one of them) and is not a plain number gets a leading single
quote (OWASP), so it can never run as a formula. A plain number is what store/values.py
reads as one: Swedish digits 0-9 with an optional unit from store/units.py, nothing
else (``-1 %+cmd|' /C calc'!A0`` is not one). `unneutralise` undoes exactly that, so
export → import round-trips.

Reading streams: `read_csv` checks the whole file once (encoding, quoting, sizes) and
returns its header; the rows are read from the file again, one at a time, each time
they are iterated, so a file of any size takes the same memory. A field may be as long
as the store's longest text (store/limits.py), and no longer.
"""

from __future__ import annotations

import csv
import io
import operator
import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, islice
from typing import BinaryIO, TextIO

from exports.csv_rows import as_text, write_rows
from store.limits import MAX_TEXT_LENGTH
from store.values import INVISIBLE_CHARS, ValueKind, parse_value, without_invisible

DIALECTS = ("rfc4180", "excel-sv")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _is_number(text: str) -> bool:
    try:
        return parse_value(text).kind == ValueKind.NUMBER
    except ValueError:
        return False


# A cell may need a prefix only when it starts with one of these (a formula character,
# a quote, or space or an invisible character that may hide a formula character).
_MAYBE = re.escape("".join(DANGEROUS) + "'") + r"\s" + INVISIBLE_CHARS


def _formula_start(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula: it starts with a formula
    character, or its first visible character is one."""
    if text[0] in DANGEROUS:
        return True
    visible = without_invisible(text).lstrip()
    return bool(visible) and visible[0] in DANGEROUS


def needs_quote(text: str) -> bool:
    """Whether a cell must be prefixed; a cell that already looks neutralised is too,
    so that `unneutralise(neutralise(x)) == x` for every text."""
    if not text:
        return False
    if text[0] == "'":
        return needs_quote(text[1:])
    return _formula_start(text) and not _is_number(text)


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
    write_rows(out, rows, delimiter, _cell, _neutralised)


# A cell that may need a prefix starts with one of these; cells joined with NUL show at
# a glance (in C) whether any cell does, so most rows pass through untouched.
_START = re.compile(f"[{_MAYBE}]")
_RISKY = re.compile(f"\x00[{_MAYBE}]")
_JOIN = "\x00".join
# Rows looked at together: one search over a chunk's cells finds the few rows that need
# a closer look, without a step in Python for each row (an archive has 60,000).
CHUNK = 2048
# Cells this short are neutralised once per distinct text (a target such as "+/-1 %"
# recurs in every report); a longer one each time, so the cache stays small.
_CACHED_LENGTH = 64


@lru_cache(maxsize=4096)
def _neutralise_short(text: str) -> str:
    return neutralise(text)


def _cell(text: str) -> str:
    if not _START.match(text):
        return text
    return _neutralise_short(text) if len(text) <= _CACHED_LENGTH else neutralise(text)


def _neutralised(rows: Iterable[Sequence[str]]) -> Iterator[list[Sequence[str]]]:
    """The rows, a chunk at a time, each cell that needs it neutralised."""
    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        try:
            joined = list(map(_JOIN, chunk))
        except TypeError:  # a cell that is not text (None, a number): as csv.writer has it
            chunk = [[as_text(c) for c in row] for row in chunk]
            joined = list(map(_JOIN, chunk))
        text = "\x00" + "\x00".join(joined)
        if _RISKY.search(text) is None:
            yield chunk
            continue
        # Where each row starts in `text` (the NUL before its first cell).
        starts = list(
            map(operator.add, accumulate(map(len, joined), initial=0), range(len(chunk) + 1))
        )
        for k in {bisect_right(starts, m.start()) - 1 for m in _RISKY.finditer(text)}:
            chunk[k] = [_cell(c) for c in chunk[k]]
        yield chunk


@dataclass
class CsvRow:
    line: int  # the file's line number where the row starts (the header is line 1)
    cells: list[str]


class CsvError(ValueError):
    """The file cannot be read as CSV; the message names the line and says why."""


# The longest field read, in characters after unquoting: the store's longest text, its
# neutralising quote, and the Rapport column's " – Tertialrapport 2 2023" after a name.
FIELD_LIMIT = MAX_TEXT_LENGTH + 1024
# The longest record as written: room for a longest field of nothing but quotes (each
# doubled) beside the other cells of a row. Bounds the memory one record takes.
RECORD_LIMIT = 4 * FIELD_LIMIT

_limit_lock = threading.Lock()
_limit_users = 0
_limit_before = 0


@contextmanager
def _field_limit() -> Iterator[None]:
    """csv's field limit (a process-wide setting) raised while a file is read here, and
    put back as it was when no reader here needs it any more."""
    global _limit_users, _limit_before
    with _limit_lock:
        if _limit_users == 0:
            _limit_before = csv.field_size_limit()
            csv.field_size_limit(max(_limit_before, FIELD_LIMIT))
        _limit_users += 1
    try:
        yield
    finally:
        with _limit_lock:
            _limit_users -= 1
            if _limit_users == 0:
                csv.field_size_limit(_limit_before)


class _TooLong(Exception):
    pass


def _reason(exc: csv.Error) -> str:
    text = str(exc)
    if text.startswith("field larger than field limit"):
        return f"ett fält är längre än {MAX_TEXT_LENGTH} tecken, det längsta en text kan vara"
    if text == "unexpected end of data":
        return 'filen slutar inne i ett fält inom citattecken (ett avslutande " saknas)'
    if text.endswith("expected after '\"'"):
        return 'efter ett avslutande " ska en avgränsare eller ett radslut stå'
    if "NUL" in text:
        return "raden innehåller ett NUL-tecken"
    return text


@dataclass(frozen=True)
class _Source:
    stream: BinaryIO
    encoding: str
    delimiter: str

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of every record from the start of the file, header included."""
        self.stream.seek(0)
        text = io.TextIOWrapper(
            self.stream,
            encoding=self.encoding,
            errors="replace" if self.encoding == "cp1252" else "strict",
            newline="",
        )
        budget = RECORD_LIMIT

        def lines() -> Iterator[str]:
            nonlocal budget
            while line := text.readline(budget + 1):
                budget -= len(line)
                if budget < 0:
                    raise _TooLong
                yield line

        reader = csv.reader(lines(), delimiter=self.delimiter, strict=True)
        start = 1
        try:
            with _field_limit():
                while True:
                    budget = RECORD_LIMIT
                    try:
                        record = next(reader)
                    except StopIteration:
                        return
                    except csv.Error as exc:
                        raise CsvError(f"rad {start}: {_reason(exc)}") from None
                    except _TooLong:
                        raise CsvError(
                            f"rad {start}: raden är längre än {RECORD_LIMIT} tecken"
                        ) from None
                    yield start, record
                    start = reader.line_num + 1
        finally:
            text.detach()  # the stream stays open: it is the caller's


class CsvRows:
    """A CSV file's data rows, read from the file anew, one at a time, on each iteration.

    Neutralising quotes are removed; blank rows are left out. Raises CsvError where the
    file can no longer be read (it changed since `read_csv` checked it).
    """

    def __init__(self, source: _Source) -> None:
        self._source = source
        self._reading = False

    def __iter__(self) -> Iterator[CsvRow]:
        if self._reading:  # one position in one stream: one reader at a time
            raise RuntimeError("the CSV rows are already being read")
        self._reading = True
        try:
            records = self._source.records()
            next(records, None)  # the header
            for line, record in records:
                if not "".join(record).strip():
                    continue  # a blank row
                if "\x00'" in "\x00" + "\x00".join(record):  # a cell may be neutralised
                    record = [unneutralise(c) for c in record]
                yield CsvRow(line, record)
        finally:
            self._reading = False

    def __getitem__(self, index: int) -> CsvRow:
        row = next(islice(self, index, None), None)
        if row is None:
            raise IndexError(index)
        return row


@dataclass
class CsvFile:
    dialect: str
    headers: list[str]
    rows: Iterable[CsvRow]


def read_csv(data: bytes | BinaryIO) -> CsvFile:
    """Read a CSV in either dialect: a BOM or a semicolon-separated header means excel-sv.

    `data` is the file's bytes or the file opened for reading in binary (it must allow
    seeking; it is read again for each pass over the rows and is not closed here).
    UTF-8, or Windows-1252 (what Swedish Excel's "CSV (semikolonavgränsad)" saves) where
    the file is not UTF-8. Raises CsvError (a ValueError) with a plain reason.
    """
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    if not stream.seekable():  # a pipe: read once, kept in memory
        stream = io.BytesIO(stream.read())
    try:
        try:
            return _checked(stream, "utf-8-sig")
        except UnicodeDecodeError:
            return _checked(stream, "cp1252")
    except OSError as exc:  # a network drive gone mid-read
        raise CsvError(f"kunde inte läsa filen: {exc.strerror or exc}") from None


def _checked(stream: BinaryIO, encoding: str) -> CsvFile:
    """The file's header, after reading every record once so that its rows can be read."""
    stream.seek(0)
    bom = stream.read(len(BOM.encode())) == BOM.encode()
    stream.seek(0)
    first = _first_line(stream, encoding)
    semicolon = first.count(";") > first.count(",") or (bom and "," not in first)
    dialect, delimiter = ("excel-sv", ";") if semicolon else ("rfc4180", ",")
    source = _Source(stream, encoding, delimiter)
    headers: list[str] | None = None
    for _, record in source.records():
        if headers is None:
            # A stray BOM or zero-width space (a spreadsheet's) does not hide a heading.
            headers = [without_invisible(unneutralise(c)).strip() for c in record]
    if headers is None:
        raise CsvError("filen är tom")
    return CsvFile(dialect, headers, CsvRows(source))


def _first_line(stream: BinaryIO, encoding: str) -> str:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        return text.readline(RECORD_LIMIT).split("\n", 1)[0]
    finally:
        text.detach()
