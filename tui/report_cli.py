"""`tertial new`: a report, empty, carried forward from an earlier one, or from goals.

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
from tui.cli_common import (
    EXIT_BAD_INPUT,
    CliError,
    Parser,
    add_db_option,
    open_store,
    read_input,
    say,
)

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
        description="Skapa en rapport: tom, förd vidare från en tidigare eller med mål ur en fil.",
    )
    add_db_option(p)
    p.add_argument("--organisation", required=True, metavar="NAMN", help="nämnden eller styrelsen")
    p.add_argument(
        "--kind",
        required=True,
        type=str.upper,
        choices=KINDS,
        metavar="SLAG",
        help="T1, T2 eller VB",
    )
    p.add_argument("--year", required=True, type=_year, metavar="ÅR", help="1900–2200")
    start = p.add_mutually_exclusive_group()
    start.add_argument(
        "--from",
        dest="from_report",
        type=_id,
        metavar="ID",
        help="för den här rapporten vidare",
    )
    start.add_argument(
        "--goals", type=Path, metavar="FIL.csv", help="mål i samma form som målexporten"
    )
    start.add_argument(
        "--kf-goals", type=_year, metavar="ÅR", help="kommunfullmäktiges mål för ett år"
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

        data = read_input(args.goals)
        try:
            goals = read_goals(data)
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
    say(
        f"Skapade rapport {report_id}: {report.organisation} {report.title} ({report.period}){start}."
    )
    return 0
