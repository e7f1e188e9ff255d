"""`tertial export` and `tertial import`: no terminal needed, never a traceback.

The command-line glue lives here in tui/; exports/ itself is pure functions.
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exports import TABLES
from exports.csvfmt import DIALECTS, CsvFile, read_csv, to_csv, write_csv
from store.errors import InvalidValue, NotFound
from tui.admin import pick_report, resolve_goal
from tui.cli import EXIT_BAD_INPUT, CliError, Parser, add_db_option, open_store

# The models (pydantic) and tabulate load only on the paths that use them: an export
# of a whole archive reads plain rows and starts without them.
if TYPE_CHECKING:
    from exports.importer import Plan
    from exports.tables import Table
    from store.models import Change, ReportDocument

FORMATS = ("md", "csv", "docx", "xlsx", "json")


def export_parser() -> Parser:
    p = Parser(prog="tertial export", description="Export a table or the whole report.")
    p.add_argument("table", metavar="TABLE", choices=TABLES, help=" | ".join(TABLES))
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="md (default), csv, docx (report), xlsx, or json (report)",
    )
    add_db_option(p)
    p.add_argument(
        "--report",
        default=None,
        help="the report's id (tertial reports); indicators also take 'all'",
    )
    p.add_argument("--goal", default=None, help="a goal's number or id: it and the goals below")
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        help="write here instead of stdout; never over the --db file, a device or a read-only file",
    )
    p.add_argument("--dialect", choices=DIALECTS, default=None, help="csv: rfc4180 or excel-sv")
    p.add_argument("--table", dest="table_key", default=None, help="economy: one table's key")
    p.add_argument("--template", type=Path, default=None, help="docx: the city's Word template")
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
    if args.format in ("docx", "xlsx") or args.template is not None:
        from tui.export_docs import export_document

        number = None if args.report == "all" else report_number(args.report)
        return export_document(args, number)
    if args.report == "all":
        return export_archive(args)
    with open_store(args.db) as store:
        report_id = pick_report(store, report_number(args.report))
        goal_id = resolve_goal(store, report_id, args.goal)
        doc = store.document(report_id)
        versions = None
        if args.table == "indicators" and args.format == "csv":
            from store.versions import indicator_versions

            versions = indicator_versions(store, report_id)
        database = store.path
    text = render(
        doc, args.table, args.format, args.dialect or "rfc4180", goal_id, args.table_key, versions
    )
    write_output(text, args.output, database)
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
    from store.archive import archive_indicator_batches, archive_indicators
    from store.db import open_connection

    if args.db is None or not args.db.exists():
        with open_store(args.db) as store:  # the default file, made on first use
            records = store.archive_indicators()
            database = store.path
    elif args.format == "csv":
        # Read while written: the whole archive is never in memory.
        conn, _ = open_connection(args.db)
        try:
            rows = itertools.chain.from_iterable(archive_indicator_batches(conn))
            write_stream(
                lambda out: write_csv(
                    out, ARCHIVE_INDICATOR_HEADERS, rows, args.dialect or "rfc4180"
                ),
                args.output,
                args.db,
            )
        finally:
            conn.close()
        return 0
    else:
        database = args.db
        conn, _ = open_connection(args.db)
        try:
            records = archive_indicators(conn)
        finally:
            conn.close()
    if args.format == "md":
        from exports.markdown import table_markdown
        from exports.tables import archive_indicators_table

        text = table_markdown(archive_indicators_table(records))
        write_output(text, args.output, database)
    else:
        # Straight to the output: a whole archive is never held as one string.
        dialect = args.dialect or "rfc4180"
        write_stream(
            lambda out: write_csv(out, ARCHIVE_INDICATOR_HEADERS, records, dialect),
            args.output,
            database,
        )
    return 0


def render(
    doc: ReportDocument,
    table: str,
    fmt: str,
    dialect: str,
    goal_id: int | None,
    table_key: str | None,
    versions: Mapping[int, int] | None = None,
) -> str:
    """The export's text. `versions` (store.versions) given, an indicators CSV carries
    Rapport, Indikator-id and Version, so that importing it back can check its rows."""
    from exports.markdown import table_markdown, tables_markdown
    from exports.tables import (
        activities_table,
        find,
        goals_table,
        indicators_csv_table,
        indicators_table,
    )

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
    elif table == "indicators" and fmt == "csv" and versions is not None:
        t = indicators_csv_table(doc, versions, goal_id)
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


def write_output(text: str, output: Path | None, database: Path | None = None) -> None:
    """To stdout, or to a file completely or not at all (exports.atomic)."""
    write_stream(lambda out: out.write(text), output, database)


def write_stream(
    fill: Callable[[TextIO], object], output: Path | None, database: Path | None = None
) -> None:
    """Let `fill` write UTF-8 text to stdout, or to `output` (never over `database`)."""
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
    from exports.atomic import OutputRefused, write_atomic

    try:
        write_atomic(output, fill, [database] if database is not None else [])
    except OutputRefused as exc:
        raise CliError(str(exc), 1) from None


def import_parser() -> Parser:
    p = Parser(prog="tertial import", description="Update indicator values from a CSV.")
    p.add_argument(
        "what", choices=["indicators", "report"], metavar="WHAT", help="indicators or report"
    )
    p.add_argument("file", type=Path, metavar="FILE.csv")
    add_db_option(p)
    p.add_argument(
        "--report",
        type=int,
        default=None,
        help="the report's id (tertial reports); default: the report the CSV was exported from",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="import the CSV's own changes even where the file changed since the export",
    )
    p.add_argument(
        "--from-other-report",
        action="store_true",
        help="import a CSV exported from another report, matching rows by Mål and Indikator",
    )
    return p


def cmd_import(argv: Sequence[str]) -> int:
    if list(argv[:1]) == ["report"]:
        from tui.report_cli import cmd_import_report

        return cmd_import_report(argv[1:])
    args = import_parser().parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(
            f"kunde inte läsa {args.file}: {exc.strerror or exc}", EXIT_BAD_INPUT
        ) from None
    # Only import needs these; keeps export quick to start.
    from exports.importer import plan
    from store.versions import ChangedSince, changes_since, indicator_versions, update_if_unchanged

    try:
        csv_file = read_csv(data)
    except ValueError as exc:
        raise CliError(f"{args.file}: {exc}", 1) from None
    with open_store(args.db) as store:
        report_id = import_report(store, args.report, csv_file)
        doc = store.document(report_id)
        versions = indicator_versions(store, report_id)
        result = plan(
            doc,
            csv_file,
            versions=versions,
            history=lambda i, v: changes_since(store, i, v),
            force=args.force,
            from_other_report=args.from_other_report,
        )
        if result.errors or (result.stale and not args.force):
            refuse(args.file, result)
            return 1
        # Written only if none of the indicators written to moved since they were read.
        seen = {i: versions.get(i, 0) for i in result.touched()}
        try:
            changes = update_if_unchanged(store, report_id, result.store_edits(), seen)
        except (InvalidValue, NotFound, ChangedSince) as exc:
            raise CliError(f"{args.file}: inget ändrades: {exc}", 1) from None
    report_changes(result, changes)
    return 0


def import_report(store, wanted: int | None, csv_file: CsvFile) -> int:  # noqa: ANN001
    """The report given, else the one the CSV names (its Rapport column), else the only one."""
    from exports.importer import same_name
    from exports.tables import REPORT_COLUMN, report_name

    if wanted is None and REPORT_COLUMN in csv_file.headers:
        i = csv_file.headers.index(REPORT_COLUMN)
        named = {r.cells[i] for r in csv_file.rows if len(r.cells) > i}
        ids = [r.id for r in store.reports() if any(same_name(report_name(r), n) for n in named)]
        if len(ids) == 1:
            return ids[0]  # type: ignore[no-any-return]
    return pick_report(store, wanted)


def refuse(path: Path, result: Plan) -> None:
    print(f"tertial: {path}: inget ändrades:", file=sys.stderr)
    for e in result.errors:
        print(f"  {e}", file=sys.stderr)
    if result.stale and not result.errors:
        print(
            f"  {values(len(result.stale))} har ändrats i filen sedan CSV-filen exporterades:",
            file=sys.stderr,
        )
        for s in result.stale:
            then = f"nu {s.now!r}, vid exporten {s.exported!r}, i CSV-filen {s.csv!r}"
            what = f"--force skriver {s.csv!r}" if s.overwrites else "behålls även med --force"
            print(f"  rad {s.line}: {s.where}: {then} ({what})", file=sys.stderr)
        print(
            "  Exportera på nytt och gör ändringarna där, eller läs in med --force: då skrivs "
            "CSV-filens egna ändringar, och värden som den inte ändrat skrivs aldrig tillbaka.",
            file=sys.stderr,
        )


def values(n: int) -> str:
    return f"{n} värde" if n == 1 else f"{n} värden"


def report_changes(result: Plan, changes: list[Change]) -> None:
    from exports.tables import goal_ref

    changed = {(c.entity_id, c.field) for c in changes}
    done = [e for e in result.edits if (e.indicator.id, e.field) in changed]
    if done:
        print(f"Ändrade {values(len(done))}:")
        for e in done:
            print(f"  {goal_ref(e.goal)} › {e.indicator.name} › {e.column}: {e.old!r} → {e.new!r}")
    else:
        print("Inga ändringar.")
    kept = [s for s in result.stale if not s.overwrites]
    if kept:
        print(f"Behöll {values(len(kept))} som ändrats i filen sedan exporten:")
        for s in kept:
            print(f"  {s.where}: {s.now!r} (i CSV-filen {s.csv!r})")
    if result.unmatched:
        print(f"Rader som inte hittades i rapporten ({len(result.unmatched)}), inte importerade:")
        for u in result.unmatched:
            print(f"  {u}")
