"""`tertial new`, `tertial export report --format json` and `tertial import report`.

Every argument and file is checked before the tertial file is opened for writing
(opening alone changes its header), so a refusal leaves it byte for byte as it was:
one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from store.errors import InvalidValue, NotFound
from store.locations import default_database
from tui.admin import pick_report
from tui.cli import EXIT_BAD_INPUT, CliError, Parser, add_db_option, open_store

KINDS = ("T1", "T2", "VB")


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget år") from None
    if not 1900 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"{year} går inte: ett år mellan 1900 och 2200")
    return year


def _id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: ange rapportens nummer (se tertial reports)")
    return int(text)


def _bad(exc: Exception) -> CliError:
    return CliError(str(exc), EXIT_BAD_INPUT)


def new_parser() -> Parser:
    p = Parser(
        prog="tertial new",
        description="Create a report: empty, carried forward from an earlier one, or from goals.",
    )
    add_db_option(p)
    p.add_argument("--organisation", required=True, help="the nämnd or styrelse")
    p.add_argument("--kind", required=True, type=str.upper, choices=KINDS, help="T1, T2 or VB")
    p.add_argument("--year", required=True, type=_year, help="1900–2200")
    start = p.add_mutually_exclusive_group()
    start.add_argument(
        "--from",
        dest="from_report",
        type=_id,
        metavar="REPORT_ID",
        help="carry this report forward",
    )
    start.add_argument(
        "--goals", type=Path, metavar="FILE.csv", help="goals in the goals export's format"
    )
    start.add_argument(
        "--kf-goals", type=int, metavar="YEAR", help="Kommunfullmäktiges mål for a year"
    )
    return p


def cmd_new(argv: Sequence[str]) -> int:
    args = new_parser().parse_args(argv)
    from store.carried import check_new_in_file
    from store.carry import new_report_model

    try:
        report = new_report_model(args.organisation, args.kind, args.year)
    except InvalidValue as exc:
        raise _bad(exc) from None
    goals, start = None, ""
    if args.goals is not None:
        from exports.goals_csv import GoalsFileError, read_goals

        try:
            goals = read_goals(args.goals.read_bytes())
        except OSError as exc:
            raise CliError(
                f"kunde inte läsa {args.goals}: {exc.strerror or exc}", EXIT_BAD_INPUT
            ) from None
        except GoalsFileError as exc:
            raise CliError(f"{args.goals}: {exc}; ingen rapport skapades", EXIT_BAD_INPUT) from None
        start = f", med målen i {args.goals}"
    elif args.kf_goals is not None:
        from store.sample import CITY_GOALS, city_goals_name, load_city_goals

        if args.kf_goals not in CITY_GOALS:
            years = ", ".join(str(y) for y in sorted(CITY_GOALS))
            raise CliError(
                f"--kf-goals {args.kf_goals}: kommunfullmäktiges mål finns för {years}; "
                "ange ett av dem eller använd --goals FILE.csv",
                EXIT_BAD_INPUT,
            )
        goals = load_city_goals(args.kf_goals)
        start = f", med {city_goals_name(args.kf_goals)}"
    path = args.db or default_database()
    if args.db is not None or path.exists():
        try:
            check_new_in_file(path, report, args.from_report)
        except (InvalidValue, NotFound) as exc:
            raise _bad(exc) from None
    with open_store(args.db) as store:
        try:
            report_id = store.new_report(
                report.organisation,
                report.kind,
                report.year,
                from_report=args.from_report,
                goals=goals,
                source="cli",
            )
        except (InvalidValue, NotFound) as exc:  # changed since the check: nothing written
            raise _bad(exc) from None
        source = store.carried_from_report(report_id)
    if source is not None:
        start = f", förd vidare från rapport {source.id} ({source.title})"
    print(
        f"Skapade rapport {report_id}: {report.organisation} {report.title} ({report.period}){start}."
    )
    return 0


def export_json(args: argparse.Namespace) -> int:
    """`tertial export report --format json`: the whole report, losslessly.

    Read from the rows without the models (store/report_export.py): it starts quickly.
    """
    from tui.export_cli import report_number, write_output

    if args.table != "report":
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
    wanted = report_number(args.report)
    path = args.db or default_database()
    if args.db is None and not path.exists():
        open_store(None).close()  # the default file, made on first use
    from store.db import open_connection
    from store.report_export import dumps, export_report

    conn, _ = open_connection(path)
    try:
        report_id = pick_report(_Reports(conn, path), wanted)
        text = dumps(export_report(conn, report_id))
    finally:
        conn.close()
    write_output(text, args.output)
    return 0


class _Reports:
    """What `pick_report` asks of a store, from a bare connection."""

    def __init__(self, conn, path: Path) -> None:  # noqa: ANN001
        self.conn, self.path = conn, path

    def reports(self):  # noqa: ANN201
        from store.report_export import report_refs

        return report_refs(self.conn)


def cmd_import_report(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial import report", description="Add a report from a JSON file.")
    p.add_argument("file", type=Path, metavar="FILE.json")
    add_db_option(p)
    args = p.parse_args(argv)
    from store.carried import check_new_in_file
    from store.report_json import ReportFileError, parse

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(
            f"kunde inte läsa {args.file}: {exc.strerror or exc}", EXIT_BAD_INPUT
        ) from None
    try:
        file = parse(data, str(args.file))
    except ReportFileError as exc:
        raise CliError(f"{exc}; inget importerades", EXIT_BAD_INPUT) from None
    path = args.db or default_database()
    if args.db is not None or path.exists():
        try:
            check_new_in_file(path, file.doc.report, None)
        except InvalidValue as exc:
            raise CliError(f"{args.file}: {exc}; inget importerades", EXIT_BAD_INPUT) from None
    with open_store(args.db) as store:
        try:
            result = store.import_json(file)
        except InvalidValue as exc:
            raise CliError(f"{args.file}: {exc}; inget importerades", EXIT_BAD_INPUT) from None
    r = result.report
    links = ""
    if result.links or result.dropped:
        links = f"; {result.links} kopplingar till tidigare rapporter knöts"
        if result.dropped:
            links += (
                f", {result.dropped} kunde inte knytas (rapporten de pekar på finns inte i filen)"
            )
    print(
        f"Importerade rapport {result.report_id}: {r.organisation} {r.title} ({r.period}){links}."
    )
    return 0
