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
    db_file,
    fail,
    open_store,
    pick_report,
    resolve_goal,
    say,
    whole_number,
)
from tui.printable import printable

USAGE = """\
tertial [FIL]                          öppna en rapportfil i arbetsbänken
tertial init FIL [--sample]            skapa en tom fil (eller en med exempelrapporten)
tertial reports [--db FIL]             lista rapporterna i en fil
tertial new --organisation NAMN --kind T1|T2|VB --year ÅÅÅÅ [--from ID | --goals FIL.csv]
                                       skapa en rapport (se tertial new --help)
tertial export TABELL --format md|csv  exportera en tabell (se tertial export --help)
tertial import indicators FIL.csv      uppdatera indikatorernas värden från en CSV-fil
tertial import report FIL.json         lägg till en rapport exporterad med --format json
tertial history [--db FIL]             lista varje sparad ändring
tertial backup MÅL [--db FIL]          skriv en hel kopia av filen
tertial check [--report ID|all]        kontrollera att en rapport är klar att lämna in
"""


def cmd_app(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial", description="Öppna en tertial-fil i arbetsbänken.", usage=USAGE)
    p.add_argument(
        "path", type=db_file, nargs="?", metavar="FIL", help="filen (utan FIL: din egen tertial.db)"
    )
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
    p = Parser(prog="tertial init", description="Skapa en ny tertial-fil.")
    p.add_argument("path", type=Path, metavar="FIL", help="den nya filen")
    p.add_argument("--sample", action="store_true", help="fyll den med exempelrapporten")
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
    say(f"Skapade {args.path} ({what}).")
    if not args.sample:
        say(f"Skapa en rapport i den: {NEW_HINT.format(db=args.path)}")
    return 0


def cmd_reports(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial reports", description="Lista rapporterna i en fil.")
    add_db_option(p)
    args = p.parse_args(argv)
    with open_store(args.db) as store:
        reports = store.reports()
        if not reports:
            say(f"{store.path} innehåller inga rapporter; skapa en med")
            say(f"  {NEW_HINT.format(db=store.path)}")
        for r in reports:
            say(f"{r.id}\t{printable(r.organisation)}\t{printable(r.title)}\t{printable(r.period)}")
    return 0


def cmd_history(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial history", description="Lista varje sparad ändring.")
    add_db_option(p)
    p.add_argument(
        "--report", type=whole_number, default=None, metavar="ID", help="rapportens nummer"
    )
    p.add_argument(
        "--goal", default=None, metavar="MÅL", help="ett måls nummer eller id: det och målen under"
    )
    args = p.parse_args(argv)
    from tui.labels import value_text  # the words the workbench's history shows

    with open_store(args.db) as store:
        report_id = pick_report(store, args.report)
        goal_id = resolve_goal(store, report_id, args.goal)
        for c in map(store.readable, store.history(report_id, goal_id)):
            head = "\t".join(printable(t) for t in (c.at, c.source, c.subject, c.field_label))
            if c.field in ("created", "deleted"):
                say(head)
            else:
                old, new = value_text(c.field, c.old), value_text(c.field, c.new)
                say(f"{head}\t{printable(old)} → {printable(new)}")
    return 0


def cmd_backup(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial backup", description="Skriv en hel kopia av filen.")
    p.add_argument("dest", type=Path, metavar="MÅL", help="kopians namn (finns inte än)")
    add_db_option(p)
    args = p.parse_args(argv)
    check_backup_target(args.dest)
    with open_store(args.db) as store:
        store.backup(args.dest)
    say(f"Säkerhetskopia skriven till {args.dest}.")
    return 0


def check_backup_target(dest: Path) -> None:
    """The copy's name is new, in a folder that exists, and its .part name is free or a file."""
    if dest.exists() or dest.is_symlink():
        raise CliError(f"{dest} finns redan; inget skrevs över")
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"mappen {folder} finns inte; kopian skrevs inte", EXIT_BAD_INPUT)
    part = dest.with_name(dest.name + ".part")
    if part.exists() and not part.is_file():
        raise CliError(
            f"{part} finns och är ingen vanlig fil; kopian skrivs där först, så ta bort den "
            "eller välj ett annat namn",
            EXIT_BAD_INPUT,
        )
