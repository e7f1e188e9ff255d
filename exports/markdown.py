"""GitHub-flavoured Markdown pipe tables, via tabulate, with cells that cannot break them."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from exports.columns import numeric_columns
from exports.tables import Table


def cell(text: str) -> str:
    """A cell's text made safe inside a pipe table: `|` escaped, line breaks as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\|", "\\\\|").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.split("\n")).strip()


def pipe_table(
    headers: list[str], rows: list[list[str]], right: Sequence[bool] | None = None
) -> str:
    """A pipe table; numbers are kept exactly as printed (no number parsing).

    Columns marked in `right` are right-aligned (`---:`), as numbers are printed.
    """
    right = list(right or [])
    text = tabulate(
        [[cell(c) for c in row] for row in rows],
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
        (f"## {t.title}\n\n" if t.title.strip() else "")
        + pipe_table(t.headers, t.rows, numeric_columns(t.key, t.headers))
        + "\n"
        for t in tables
    )
