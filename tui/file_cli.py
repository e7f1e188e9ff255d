"""The commands about the file itself: open it in the workbench, init, reports, history, backup."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from store.errors import NotATertialFile
from tui.cli_common import (
    EXIT_BAD_INPUT,
    NEW_HINT,
    CliError,
    Parser,
    add_db_option,
    create_database,
    fail,
    open_store,
    pick_report,
    resolve_goal,
)

USAGE = """\
tertial [PATH]                         open a report file in the workbench
tertial init PATH [--sample]           create an empty file (or one holding the sample report)
tertial reports [--db PATH]            list the reports in a file
tertial new --organisation NAME --kind T1|T2|VB --year YYYY [--from ID | --goals FILE.csv]
                                       create a report (see tertial new --help)
tertial export TABLE --format md|csv   export a table (see tertial export --help)
tertial import indicators FILE.csv     update indicator values from a CSV
tertial import report FILE.json        add a report exported with --format json
tertial history [--db PATH]            list every recorded change
tertial backup DEST [--db PATH]        write a consistent copy of the file
tertial check [--report ID|all]        check that a report is ready to submit
"""


def cmd_app(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial", description="Open a tertial file in the workbench.", usage=USAGE)
    p.add_argument("path", type=Path, nargs="?", help="the file (default: your own tertial.db)")
    args = p.parse_args(argv)
    store = open_store(args.path)
    store.auto_backup = True  # a copy before the first change of each day
    if args.path is None:
        print(f"tertial: öppnar {store.path}", file=sys.stderr)
    from tui.app import TertialApp

    TertialApp(store).run()
    store.close()
    if args.path is None:  # said again after the app, whose screen hid the first line
        print(f"tertial: din fil är {store.path}", file=sys.stderr)
    return 0


def cmd_init(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial init", description="Create a new tertial file.")
    p.add_argument("path", type=Path)
    p.add_argument("--sample", action="store_true", help="fill it with the sample report")
    args = p.parse_args(argv)
    if args.path.exists():
        return fail(f"{args.path} finns redan; inget skrevs över")
    if not args.path.parent.is_dir():
        return fail(f"mappen {args.path.parent} finns inte")
    try:
        create_database(args.path, sample=args.sample)
    except NotATertialFile as exc:  # what lies beside the name
        return fail(str(exc), EXIT_BAD_INPUT)
    except OSError as exc:
        return fail(f"kunde inte skapa {args.path}: {exc.strerror or exc}")
    what = "med exempelrapporten" if args.sample else "tom"
    print(f"Skapade {args.path} ({what}).")
    if not args.sample:
        print(f"Skapa en rapport i den: {NEW_HINT.format(db=args.path)}")
    return 0


def cmd_reports(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial reports", description="List the reports in a file.")
    add_db_option(p)
    args = p.parse_args(argv)
    with open_store(args.db) as store:
        reports = store.reports()
        if not reports:
            print(f"{store.path} innehåller inga rapporter; skapa en med")
            print(f"  {NEW_HINT.format(db=store.path)}")
        for r in reports:
            print(f"{r.id}\t{r.organisation}\t{r.title}\t{r.period}")
    return 0


def cmd_history(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial history", description="List every recorded change.")
    add_db_option(p)
    p.add_argument("--report", type=int, default=None)
    p.add_argument("--goal", default=None, help="a goal's number or id: it and the goals below")
    args = p.parse_args(argv)
    with open_store(args.db) as store:
        report_id = pick_report(store, args.report)
        goal_id = resolve_goal(store, report_id, args.goal)
        for c in store.history(report_id, goal_id):
            old = "" if c.old is None else c.old
            new = "" if c.new is None else c.new
            if c.field in ("created", "deleted"):
                print(f"{c.at}\t{c.source}\t{c.subject}\t{c.field_label}")
            else:
                print(f"{c.at}\t{c.source}\t{c.subject}\t{c.field_label}\t{old!r} → {new!r}")
    return 0


def cmd_backup(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial backup", description="Write a consistent copy of the file.")
    p.add_argument("dest", type=Path)
    add_db_option(p)
    args = p.parse_args(argv)
    if args.dest.exists():
        raise CliError(f"{args.dest} finns redan; inget skrevs över")
    with open_store(args.db) as store:
        store.backup(args.dest)
    print(f"Säkerhetskopia skriven till {args.dest}.")
    return 0
