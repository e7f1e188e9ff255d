"""The `tertial` command: opens the app, or runs one of the subcommands.

Only `tertial [PATH]` imports Textual; the subcommands start without it.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from store.errors import NewerSchema, NotATertialFile, StoreError
from store.locations import default_database

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

EXIT_BAD_INPUT = 2
# How a new report is made (issue 12), where a file has none.
NEW_HINT = "tertial new --db {db} --organisation NAMN --kind T1|T2|VB --year ÅÅÅÅ"


class CliError(Exception):
    """A plain message for the user, with the exit code to leave with."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> int:
    print(f"tertial: {message}", file=sys.stderr)
    return code


class Parser(argparse.ArgumentParser):
    """argparse that says one plain line and exits 2, without the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{self.prog}: {message}", EXIT_BAD_INPUT)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, default=None, help="the tertial file (default: %(default)s)"
    )


def open_store(path: Path | None, *, create_default: bool = True):  # noqa: ANN201
    """Open the given file, or the default one (created with the sample on first use)."""
    from store.store import Store

    if path is None:
        path = default_database()
        if not path.exists() and create_default:
            create_database(path, sample=True)
            print(f"tertial: skapade {path} med exempelrapporten", file=sys.stderr)
    store = Store(path)
    if store.network and not store.read_only:
        print(f"tertial: {NETWORK_NOTE.format(path=path)}", file=sys.stderr)
    return store


# Said once per command (and in the workbench's header and a notice).
NETWORK_NOTE = (
    "{path} ligger på en nätverksenhet: tertial skriver med återställningsjournal i stället "
    "för WAL och låser filen för andra program medan den är öppen"
)


def create_database(path: Path, *, sample: bool) -> None:
    from store.store import Store
    from store.wal import refuse_leftovers, sidecars

    # Another file's WAL left beside the name would be replayed into the new file.
    refuse_leftovers(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    for own in (tmp, *sidecars(tmp)):  # a half-made file of an init that was stopped
        own.unlink(missing_ok=True)
    # Build beside the target and rename: a failed init leaves nothing half-made.
    try:
        with Store(tmp, create=True) as store:
            if sample:
                from store.sample import load_sample

                store.add_document(load_sample(), source="sample")
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.conn.execute("PRAGMA journal_mode = DELETE")
        tmp.rename(path)
    finally:
        for leftover in (tmp, *sidecars(tmp)):
            leftover.unlink(missing_ok=True)


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


# Each subcommand lives with the part it belongs to; imported only when used.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "init": ("tui.cli", "cmd_init"),
    "reports": ("tui.cli", "cmd_reports"),
    "new": ("tui.report_cli", "cmd_new"),
    "export": ("tui.export_cli", "cmd_export"),
    "import": ("tui.export_cli", "cmd_import"),
    "history": ("tui.admin", "cmd_history"),
    "backup": ("tui.admin", "cmd_backup"),
    "check": ("tui.check_cli", "cmd_check"),
}


def _command(name: str) -> Callable[[Sequence[str]], int]:
    module, func = SUBCOMMANDS[name]
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _command(argv[0])(argv[1:])
        return cmd_app(argv)
    except CliError as exc:
        return fail(str(exc), exc.code)
    except (NotATertialFile, NewerSchema) as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    except StoreError as exc:
        return fail(str(exc), 1)
    except sqlite3.DatabaseError as exc:
        # A damaged page in a large file, found where it was read.
        return fail(f"filen är skadad och kan inte läsas ({exc})", EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # As `python -m tui.cli` this file is __main__; run the importable tui.cli so that the
    # CliError the subcommands raise (tui.cli.CliError) is the one main() catches.
    from tui.cli import main as _main

    sys.exit(_main())
