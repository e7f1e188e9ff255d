"""Many CSV rows written fast: each distinct cell is neutralised and quoted once.

An archive's 60,000 indicator rows hold few distinct cells (the same names, targets and
values recur in every report), so a row is written as its cells' written forms, looked
up in a table and joined, with no step in Python per cell. Each form comes from the
csv module itself (the cell written in a row of two, the empty second cell cut off), so
the bytes are exactly what csv.writer writes. Where most cells are new (free text),
the rows go to csv.writer as they are, neutralised by the caller's function.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TextIO

LINE = "\r\n"
CHUNK = 2048  # rows written at a time
MAX_FORMS = 65536  # forms remembered; beyond this many the table starts again
MAX_CACHED_LENGTH = 256  # a longer cell is formed each time, never kept
# Forming a new cell costs about four times what csv.writer spends on a cell: when more
# than this share of a chunk's cells are new, the rest go to csv.writer directly.
MOST_NEW = 0.25


def as_text(value: Any) -> str:
    """A cell as csv.writer writes a value that is not text: None empty, others as str()."""
    return value if isinstance(value, str) else "" if value is None else str(value)


class _Forms(dict[Any, str]):
    """A cell → how it is written: neutralised (`cell`), then quoted as csv quotes it."""

    def __init__(self, delimiter: str, cell: Callable[[str], str]) -> None:
        super().__init__()
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(
            self._buffer, delimiter=delimiter, lineterminator=LINE, quoting=csv.QUOTE_MINIMAL
        )
        self._tail = len(delimiter) + len(LINE)  # the empty second cell and the line end
        self._cell = cell
        self.new = 0

    def __missing__(self, value: Any) -> str:
        self.new += 1
        text = as_text(value)
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._writer.writerow((self._cell(text), ""))
        form = buffer.getvalue()[: -self._tail]
        # Only texts are kept: 1, 1.0 and True are one key to a dict.
        if isinstance(value, str) and len(value) <= MAX_CACHED_LENGTH:
            self[value] = form
        return form


def write_rows(
    out: TextIO,
    rows: Iterable[Sequence[Any]],
    delimiter: str,
    cell: Callable[[str], str],
    neutralised: Callable[[list[Sequence[Any]]], Iterator[list[Sequence[Any]]]],
) -> None:
    """Write `rows` to `out` as csv.writer (QUOTE_MINIMAL, CRLF) would after neutralising
    each cell with `cell`; `neutralised` does that to a chunk of rows for csv.writer."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator=LINE, quoting=csv.QUOTE_MINIMAL)
    forms = _Forms(delimiter, cell)
    form, join = forms.__getitem__, delimiter.join
    fast = True
    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        # csv.writer writes a row of one empty cell as "" (quoted): rows of one go to it.
        if not fast or min(map(len, chunk)) < 2:
            for part in neutralised(chunk):
                writer.writerows(part)
            continue
        before = forms.new
        lines = [join(map(form, row)) for row in chunk]
        out.write(LINE.join(lines) + LINE)
        if forms.new - before > MOST_NEW * sum(map(len, chunk)):
            fast = False
        if len(forms) > MAX_FORMS:
            forms.clear()
