"""GitHub-flavoured Markdown pipe tables, via tabulate, with cells that cannot break them."""

from __future__ import annotations

from tabulate import tabulate

from exports.tables import Table


def cell(text: str) -> str:
    """A cell's text made safe inside a pipe table: `|` escaped, line breaks as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\|", "\\\\|").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.split("\n")).strip()


def pipe_table(headers: list[str], rows: list[list[str]]) -> str:
    """A pipe table; numbers are kept exactly as printed (no number parsing)."""
    return tabulate(
        [[cell(c) for c in row] for row in rows],
        headers=[cell(h) for h in headers],
        tablefmt="github",
        disable_numparse=True,
    )


def table_markdown(table: Table) -> str:
    return pipe_table(table.headers, table.rows) + "\n"


def tables_markdown(tables: list[Table]) -> str:
    """Several tables, each under its own heading (the economy part)."""
    return "\n".join(f"## {t.title}\n\n{pipe_table(t.headers, t.rows)}\n" for t in tables)
