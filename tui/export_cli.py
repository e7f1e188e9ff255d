"""`tertial export` and `tertial import`: no terminal needed, never a traceback.

The command-line glue lives here in tui/; exports/ itself is pure functions.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exports import TABLES
from exports.csvfmt import DIALECTS, read_csv, to_csv, write_csv
from store.errors import InvalidValue, NotFound
from tui.admin import pick_report, resolve_goal
from tui.cli import EXIT_BAD_INPUT, CliError, Parser, add_db_option, open_store

# The models (pydantic) and tabulate load only on the paths that use them: an export
# of a whole archive reads plain rows and starts without them.
if TYPE_CHECKING:
    from exports.tables import Table
    from store.models import ReportDocument

FORMATS = ("md", "csv", "json")


def export_parser() -> Parser:
    p = Parser(prog="tertial export", description="Export a table or the whole report.")
    p.add_argument("table", metavar="TABLE", choices=TABLES, help=" | ".join(TABLES))
    p.add_argument(
        "--format", choices=FORMATS, default="md", help="md (default), csv, or json (report)"
    )
    add_db_option(p)
    p.add_argument(
        "--report",
        default=None,
        help="the report's id (tertial reports); indicators also take 'all'",
    )
    p.add_argument("--goal", default=None, help="a goal's number or id: it and the goals below")
    p.add_argument("--output", type=Path, default=None, help="write here instead of stdout")
    p.add_argument("--dialect", choices=DIALECTS, default=None, help="csv: rfc4180 or excel-sv")
    p.add_argument("--table", dest="table_key", default=None, help="economy: one table's key")
    return p


def cmd_export(argv: Sequence[str]) -> int:
    args = export_parser().parse_args(argv)
    if args.format == "json":
        from tui.report_cli import export_json

        return export_json(args)
    if args.format == "csv" and args.table == "report":
        raise CliError(
            "report går inte att exportera som csv: hela rapporten är ett dokument; "
            "använd --format md",
            EXIT_BAD_INPUT,
        )
    if args.dialect and args.format != "csv":
        raise CliError(f"--dialect {args.dialect} gäller bara --format csv", EXIT_BAD_INPUT)
    if args.table_key and args.table != "economy":
        raise CliError(f"--table {args.table_key} gäller bara economy", EXIT_BAD_INPUT)
    if args.report == "all":
        return export_archive(args)
    with open_store(args.db) as store:
        report_id = pick_report(store, report_number(args.report))
        goal_id = resolve_goal(store, report_id, args.goal)
        doc = store.document(report_id)
    text = render(doc, args.table, args.format, args.dialect or "rfc4180", goal_id, args.table_key)
    write_output(text, args.output)
    return 0


def report_number(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise CliError(
            f"--report {value!r}: ange rapportens nummer (se tertial reports) eller all",
            EXIT_BAD_INPUT,
        )
    return int(value)


def export_archive(args: argparse.Namespace) -> int:
    """`--report all`: the indicators of every report in the file, as one table."""
    if args.table != "indicators" or args.goal is not None:
        raise CliError("--report all gäller bara indicators, utan --goal", EXIT_BAD_INPUT)
    from exports.archive import ARCHIVE_INDICATOR_HEADERS
    from store.archive import archive_indicators
    from store.db import open_connection

    if args.db is None or not args.db.exists():
        with open_store(args.db) as store:  # the default file, made on first use
            records = store.archive_indicators()
    else:
        conn, _ = open_connection(args.db)
        try:
            records = archive_indicators(conn)
        finally:
            conn.close()
    if args.format == "md":
        from exports.markdown import table_markdown
        from exports.tables import archive_indicators_table

        text = table_markdown(archive_indicators_table(records))
        write_output(text, args.output)
    else:
        # Straight to the output: a whole archive is never held as one string.
        dialect = args.dialect or "rfc4180"
        write_stream(
            lambda out: write_csv(out, ARCHIVE_INDICATOR_HEADERS, records, dialect),
            args.output,
        )
    return 0


def render(
    doc: ReportDocument,
    table: str,
    fmt: str,
    dialect: str,
    goal_id: int | None,
    table_key: str | None,
) -> str:
    from exports.markdown import table_markdown, tables_markdown
    from exports.tables import activities_table, find, goals_table, indicators_table

    if table == "report":
        from exports.report import report_markdown

        goals = None if goal_id is None else [find(doc, goal_id)]
        return report_markdown(doc, goals)  # type: ignore[arg-type]
    if table == "economy":
        tables = pick_economy(doc, table_key)
        if fmt == "md":
            return tables_markdown(tables)
        if len(tables) != 1:
            keys = ", ".join(t.key for t in tables) or "inga"
            raise CliError(f"csv rymmer en tabell; välj en med --table: {keys}", EXIT_BAD_INPUT)
        t = tables[0]
    else:
        t = {"goals": goals_table, "indicators": indicators_table, "activities": activities_table}[
            table
        ](doc, goal_id)
    if fmt == "md":
        return table_markdown(t)
    return to_csv(t.headers, t.rows, dialect)


def pick_economy(doc: ReportDocument, key: str | None) -> list[Table]:
    from exports.tables import economy_table, economy_tables

    tables = economy_tables(doc)
    if key is None:
        return [economy_table(t) for t in tables]
    for t in tables:
        if t.key == key:
            return [economy_table(t)]
    keys = ", ".join(t.key for t in tables) or "inga"
    raise CliError(f"ekonomitabellen {key!r} finns inte; tabeller: {keys}", EXIT_BAD_INPUT)


def write_output(text: str, output: Path | None) -> None:
    """To stdout, or to a file via a temporary file in the same folder and a rename."""
    write_stream(lambda out: out.write(text), output)


def write_stream(fill: Callable[[TextIO], object], output: Path | None) -> None:
    """Let `fill` write UTF-8 text to stdout, or to a file completely or not at all."""
    if output is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            fill(sys.stdout)
            return
        try:
            sys.stdout.flush()
            out = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=False)
            fill(out)
            out.flush()
            out.detach()
        except BrokenPipeError:  # `tertial export ... | head`: the reader has gone
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    folder = output.parent if str(output.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fill(fh)
        os.replace(tmp, output)
        tmp = None
    except OSError as exc:
        raise CliError(f"kunde inte skriva {output}: {exc.strerror or exc}", 1) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def cmd_import(argv: Sequence[str]) -> int:
    if list(argv[:1]) == ["report"]:
        from tui.report_cli import cmd_import_report

        return cmd_import_report(argv[1:])
    p = Parser(prog="tertial import", description="Update indicator values from a CSV.")
    p.add_argument(
        "what", choices=["indicators", "report"], metavar="WHAT", help="indicators or report"
    )
    p.add_argument("file", type=Path, metavar="FILE.csv")
    add_db_option(p)
    p.add_argument("--report", type=int, default=None, help="the report's id (tertial reports)")
    args = p.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(
            f"kunde inte läsa {args.file}: {exc.strerror or exc}", EXIT_BAD_INPUT
        ) from None
    from exports.importer import plan  # only import needs it; keeps export quick to start

    try:
        csv_file = read_csv(data)
    except ValueError as exc:
        raise CliError(f"{args.file}: {exc}", 1) from None
    with open_store(args.db) as store:
        report_id = pick_report(store, args.report)
        doc = store.document(report_id)
        result = plan(doc, csv_file)
        if result.errors:
            print(f"tertial: {args.file}: inget ändrades:", file=sys.stderr)
            for e in result.errors:
                print(f"  {e}", file=sys.stderr)
            return 1
        try:
            changes = store.update_many(result.store_edits(), source="import")
        except (InvalidValue, NotFound) as exc:
            raise CliError(f"{args.file}: inget ändrades: {exc}", 1) from None
    from exports.tables import goal_ref

    changed = {(c.entity_id, c.field) for c in changes}
    done = [e for e in result.edits if (e.indicator.id, e.field) in changed]
    if done:
        print(f"Ändrade {len(done)} värden:")
        for e in done:
            print(f"  {goal_ref(e.goal)} › {e.indicator.name} › {e.column}: {e.old!r} → {e.new!r}")
    else:
        print("Inga ändringar.")
    if result.unmatched:
        print(f"Rader som inte hittades i rapporten ({len(result.unmatched)}), inte importerade:")
        for u in result.unmatched:
            print(f"  {u}")
    return 0
