"""`tertial export`: a table or the report in any of the registry's formats, never a traceback.

Here is only the command-line side: which combinations make sense, reading what the
export holds, and stdout. The formats and the file write are exports.formats' (the
same registry the workbench writes through).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exports import TABLES
from exports.csvfmt import DIALECTS
from exports.formats import FORMATS, Selection
from tui.cli_common import (
    EXIT_BAD_INPUT,
    CliError,
    Parser,
    ReportRefs,
    add_db_option,
    database_path,
    open_store,
    pick_report,
    report_number,
    resolve_goal,
    to_stdout,
)

# The exports and tabulate load only on the paths that use them; reading the report
# builds plain records, so no export loads pydantic (only an import validates).
if TYPE_CHECKING:
    from store.models import ReportDocument


def export_parser() -> Parser:
    p = Parser(prog="tertial export", description="Exportera en tabell eller hela rapporten.")
    p.add_argument("table", metavar="TABELL", choices=TABLES, help=" | ".join(TABLES))
    p.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="md",
        metavar="FORMAT",
        help="md (utan --format), csv, docx (report), xlsx eller json (report)",
    )
    add_db_option(p)
    p.add_argument(
        "--report",
        default=None,
        metavar="ID",
        help="rapportens nummer (tertial reports); indicators tar även all",
    )
    p.add_argument(
        "--goal", default=None, metavar="MÅL", help="ett måls nummer eller id: det och målen under"
    )
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FIL",
        help="skriv hit i stället för till standard ut; aldrig över --db-filen, en enhet "
        "eller en skrivskyddad fil",
    )
    p.add_argument(
        "--dialect",
        choices=DIALECTS,
        default=None,
        metavar="DIALEKT",
        help="csv: rfc4180 eller excel-sv",
    )
    p.add_argument(
        "--table",
        dest="table_key",
        default=None,
        metavar="NYCKEL",
        help="economy: en tabells nyckel",
    )
    p.add_argument(
        "--template", type=Path, default=None, metavar="MALL", help="docx: stadens Word-mall"
    )
    return p


def cmd_export(argv: Sequence[str]) -> int:
    args = export_parser().parse_args(argv)
    check_arguments(args)
    if args.format == "json":
        what, database = _json(args)
    elif args.report == "all":
        what, database = _archive(args)
    else:
        what, database = _report(args)
    write(args.format, what, args.output, database)
    return 0


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse what the formats cannot do, before anything is read or written."""
    fmt = args.format
    if fmt == "json":
        if not FORMATS[fmt].holds(args.table):
            raise CliError(
                f"{args.table} går inte att exportera som json: json rymmer en hel rapport; "
                "använd tertial export report --format json",
                EXIT_BAD_INPUT,
            )
        for option, value in (
            ("--goal", args.goal),
            ("--dialect", args.dialect),
            ("--table", args.table_key),
        ):
            if value is not None:
                raise CliError(
                    f"{option} gäller inte json: filen rymmer hela rapporten", EXIT_BAD_INPUT
                )
        if args.report == "all":
            raise CliError(
                "--report all gäller bara indicators; json rymmer en rapport", EXIT_BAD_INPUT
            )
        return
    if fmt == "csv" and not FORMATS[fmt].holds(args.table):
        raise CliError(
            "report går inte att exportera som csv: hela rapporten är ett dokument; "
            "använd --format md",
            EXIT_BAD_INPUT,
        )
    if args.dialect and fmt != "csv":
        raise CliError(f"--dialect {args.dialect} gäller bara --format csv", EXIT_BAD_INPUT)
    if args.table_key and args.table != "economy":
        raise CliError(f"--table {args.table_key} gäller bara economy", EXIT_BAD_INPUT)
    if args.template is not None and fmt != "docx":
        raise CliError(f"--template gäller bara --format docx (fick {fmt})", EXIT_BAD_INPUT)
    if fmt == "docx" and not FORMATS[fmt].holds(args.table):
        raise CliError(
            f"{args.table} går inte att exportera som docx: Word-dokumentet är hela rapporten "
            "(report); tabeller går som xlsx",
            EXIT_BAD_INPUT,
        )
    if FORMATS[fmt].binary and args.output is None and sys.stdout.isatty():
        raise CliError(f"{fmt} skrivs till en fil: ange --output FIL.{fmt}", EXIT_BAD_INPUT)
    if args.report == "all" and (args.table != "indicators" or args.goal is not None):
        raise CliError("--report all gäller bara indicators, utan --goal", EXIT_BAD_INPUT)


def _report(args: argparse.Namespace) -> tuple[Selection, Path]:
    """One report (or one goal and below): its table, or all of it."""
    with open_store(args.db) as store:
        report_id = pick_report(store, report_number(args.report))
        goal_id = resolve_goal(store, report_id, args.goal)
        doc = store.document(report_id)
        versions = None
        if args.table == "indicators" and args.format == "csv":
            # Rapport, Indikator-id and Version: an import can then check each row.
            from store.versions import indicator_versions

            versions = indicator_versions(store, report_id)
        database = store.path
    if args.table == "economy":
        _check_economy(doc, args.table_key, args.format)
    what = Selection(
        table=args.table,
        doc=doc,
        goal=goal_id,
        economy=args.table_key,
        versions=versions,
        template=args.template,
        dialect=args.dialect or "rfc4180",
    )
    return what, database


def _check_economy(doc: ReportDocument, key: str | None, fmt: str) -> None:
    from exports.tables import economy_tables

    keys = [t.key for t in economy_tables(doc)]
    if fmt in ("docx", "xlsx") and not keys:
        raise CliError("rapporten har inga ekonomitabeller", EXIT_BAD_INPUT)
    if key is not None and key not in keys:
        raise CliError(
            f"ekonomitabellen {key!r} finns inte; tabeller: {', '.join(keys) or 'inga'}",
            EXIT_BAD_INPUT,
        )
    if fmt == "csv" and key is None and len(keys) != 1:
        raise CliError(
            f"csv rymmer en tabell; välj en med --table: {', '.join(keys) or 'inga'}",
            EXIT_BAD_INPUT,
        )


def _archive(args: argparse.Namespace) -> tuple[Selection, Path]:
    """`--report all`: the indicators of every report in the file, as one table."""
    from store.archive import archive_indicators
    from store.db import open_connection

    if args.db is None or not args.db.exists():
        with open_store(args.db) as store:  # the default file, made on first use
            records: Any = store.archive_indicators()
            database = store.path
    else:
        database = args.db
        conn, _ = open_connection(args.db)
        try:
            records = archive_indicators(conn)
        finally:
            conn.close()
    return Selection(table="indicators", records=records, dialect=args.dialect or "rfc4180"), (
        database
    )


def _json(args: argparse.Namespace) -> tuple[Selection, Path]:
    """The whole report, losslessly, read from the rows without the models (store/report_export.py)."""
    wanted = report_number(args.report)
    path = database_path(args.db)
    from store.db import open_connection
    from store.report_export import export_report

    conn, _ = open_connection(path)
    try:
        report_id = pick_report(ReportRefs(conn, path), wanted)
        data = export_report(conn, report_id)
    finally:
        conn.close()
    return Selection(data=data), path


def write(fmt: str, what: Selection, output: Path | None, database: Path) -> None:
    """To stdout, or through the registry to a file, completely or not at all."""
    from exports.atomic import OutputRefused
    from exports.formats import TemplateError, export_file
    from exports.formats import write as write_to

    try:
        if output is None:
            to_stdout(lambda out: write_to(fmt, what, out))
        else:
            export_file(fmt, what, output, [database])
    except OutputRefused as exc:
        raise CliError(str(exc), 1) from None
    except TemplateError as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
    except ValueError as exc:  # what the format cannot hold, found while writing
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
