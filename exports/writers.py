"""The registry's writers (exports.formats): a Selection → bytes on a stream, per format.

Each lays out what the table and report functions give it; none reads a file or the
store. Text formats are UTF-8, newlines as the format writes them.
"""

from __future__ import annotations

import io
from typing import IO, TYPE_CHECKING, Any

from exports.formats import REPORT, Selection

if TYPE_CHECKING:
    from exports.tables import Table


def _text(stream: IO[bytes], text: str) -> None:
    stream.write(text.encode("utf-8"))


def _archive_headers() -> list[str]:
    from exports.archive import ARCHIVE_INDICATOR_HEADERS

    return ARCHIVE_INDICATOR_HEADERS


def _document(what: Selection) -> Any:
    if what.doc is None:
        raise ValueError("ingen rapport att exportera")
    return what.doc


def tables(what: Selection) -> list[Table]:
    """The tables a selection holds: the caller's, or one (economy: each) of the report."""
    from exports import tables as t

    if what.tables:
        return list(what.tables)
    doc = _document(what)
    if what.table == "economy":
        chosen = [e for e in t.economy_tables(doc) if what.economy in (None, e.key)]
        if not chosen:
            raise ValueError(f"ekonomitabellen {what.economy!r} finns inte")
        return [t.economy_table(e) for e in chosen]
    if what.table == "indicators" and what.versions is not None:
        return [t.indicators_csv_table(doc, what.versions, what.goal)]
    make = {"goals": t.goals_table, "indicators": t.indicators_table}
    return [make.get(what.table, t.activities_table)(doc, what.goal)]


def _goals(what: Selection) -> Any:
    """The goals a report export covers: all (None), or the one asked for and below."""
    if what.goal is None:
        return None
    from exports.tables import find

    found = find(_document(what), what.goal)
    if found is None:
        raise ValueError(f"målet {what.goal} finns inte i rapporten")
    return [found]


def write_markdown(what: Selection, stream: IO[bytes]) -> None:
    from exports.markdown import table_markdown, tables_markdown

    if what.records is not None:
        from exports.tables import archive_indicators_table

        _text(stream, table_markdown(archive_indicators_table(what.records)))
    elif what.table == REPORT and not what.tables:
        from exports.report import report_markdown

        _text(stream, report_markdown(_document(what), _goals(what)))
    else:
        found = tables(what)
        several = what.table == "economy" and not what.tables
        _text(stream, tables_markdown(found) if several else table_markdown(found[0]))


def write_csv(what: Selection, stream: IO[bytes]) -> None:
    from exports.csvfmt import write_csv as csv_rows

    if what.records is not None:
        headers, rows = _archive_headers(), what.records
    else:
        found = tables(what)
        if len(found) != 1:
            keys = ", ".join(t.key for t in found)
            raise ValueError(f"csv rymmer en tabell; välj en av {keys}")
        headers, rows = found[0].headers, found[0].rows
    # Straight to the stream: a whole archive is never held as one string.
    out = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=False)
    try:
        csv_rows(out, headers, rows, what.dialect)
        out.flush()
    finally:
        out.detach()


def write_word(what: Selection, stream: IO[bytes]) -> None:
    from exports.docx import write_docx

    write_docx(_document(what), stream, template=what.template, goal=what.goal)


def write_excel(what: Selection, stream: IO[bytes]) -> None:
    from exports.xlsx import Sheet, write_archive_xlsx, write_sheets, write_xlsx

    if what.records is not None:
        write_archive_xlsx(_archive_headers(), what.records, stream)
    elif what.tables:
        from exports.columns import column_kinds

        sheets = [
            Sheet(t.title, t.headers, t.rows, column_kinds(t.key, t.headers), t.totals)
            for t in what.tables
        ]
        write_sheets(sheets, stream)
    else:
        write_xlsx(_document(what), stream, table=what.table, goal=what.goal, economy=what.economy)


def write_json(what: Selection, stream: IO[bytes]) -> None:
    """The whole report, losslessly (store.report_export reads it without the models)."""
    from store.report_export import dumps

    if what.data is None:
        raise ValueError("json rymmer en hel rapport, läst med store.report_export")
    _text(stream, dumps(dict(what.data)))
