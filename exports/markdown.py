"""GitHub-flavoured Markdown pipe tables, via tabulate, with cells that cannot break them,
and the escaping every text written into Markdown goes through.

`escape_inline` backslash-escapes what Markdown would read as markup inside a line, so
that the document shows the text the author wrote: code spans, emphasis, links and
images, inline HTML and autolinks, entities, hard breaks, strikethrough, and pandoc's
sub- and superscript, math and citations. What a line *starts* with (headings, lists,
quotes...) is exports/report.py's `escape_line`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tabulate import tabulate

from exports.columns import numeric_columns
from exports.tables import Table

# Every backslash (CommonMark's escape, a hard break at a line's end, pandoc's raw TeX);
# characters that open inline markup wherever they stand; "@" where pandoc would read a
# citation; "&" where it starts an entity.
_INLINE = re.compile(r"[\\`*_~\[<^$]|(?<![0-9A-Za-z])@|&(?=#?[0-9A-Za-z]+;)")
_INLINE_PIPES = re.compile(_INLINE.pattern + r"|\|")


def escape_inline(text: str, *, pipes: bool = False) -> str:
    """One line of text with everything Markdown would read as inline markup escaped;
    `pipes` escapes `|` too (inside a pipe table)."""
    return (_INLINE_PIPES if pipes else _INLINE).sub(r"\\\g<0>", text)


# Markdown allows six heading levels; deeper ones (only in Word) share the sixth.
MAX_LEVEL = 6


def heading(level: int, text: str) -> str:
    """An ATX heading of one line of text, its markup escaped; a closing run of #s (which
    Markdown would drop) and pandoc's {attributes} are escaped too."""
    text = escape_inline(" ".join(text.split())).replace("{", "\\{")
    if re.search(r"(^|\s)#+$", text):
        text = re.sub(r"(#+)$", r"\\\1", text)
    return "#" * min(max(level, 1), MAX_LEVEL) + " " + text


def cell(text: str) -> str:
    """A cell's text made safe inside a pipe table: markup and `|` escaped, line breaks
    as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (escape_inline(line.strip(), pipes=True) for line in text.split("\n"))
    return "<br>".join(lines).strip()


def pipe_table(
    headers: list[str],
    rows: list[list[str]],
    right: Sequence[bool] | None = None,
    *,
    escaped: bool = False,
) -> str:
    """A pipe table; numbers are kept exactly as printed (no number parsing).

    Columns marked in `right` are right-aligned (`---:`), as numbers are printed.
    With `escaped`, the body's cells are Markdown already (made with `cell`).
    """
    right = list(right or [])
    text = tabulate(
        [list(row) if escaped else [cell(c) for c in row] for row in rows],
        headers=[cell(h) for h in headers],
        tablefmt="github",
        disable_numparse=True,
        colalign=["right" if r else "left" for r in right] or None,
    )
    if not any(right):
        return text
    lines = text.split("\n")  # the second line is the rule under the header: only dashes
    dashes = lines[1].strip("|").split("|")
    marks = [d[:-1] + ":" if r else d for d, r in zip(dashes, right, strict=False)]
    lines[1] = "|" + "|".join(marks) + "|"
    return "\n".join(lines)


def table_markdown(table: Table) -> str:
    right = numeric_columns(table.key, table.headers)
    return pipe_table(table.headers, table.rows, right) + "\n"


def tables_markdown(tables: list[Table]) -> str:
    """Several tables, each under its own heading where it has one (the economy part)."""
    return "\n".join(
        (f"{heading(2, t.title)}\n\n" if t.title.strip() else "")
        + pipe_table(t.headers, t.rows, numeric_columns(t.key, t.headers))
        + "\n"
        for t in tables
    )
