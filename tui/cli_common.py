"""What every `tertial` subcommand shares: its errors, its parser, the file and the report.

The subcommands (tui/*_cli.py) import from here and never from tui.cli, which only
dispatches. Nothing here imports Textual or the models: a command starts quickly.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from store.locations import default_database

if TYPE_CHECKING:
    from store.store import Store

EXIT_BAD_INPUT = 2
# How a new report is made (issue 12), where a file has none.
NEW_HINT = "tertial new --db {db} --organisation NAMN --kind T1|T2|VB --year ÅÅÅÅ"
# Said once per command (and in the workbench's header and a notice).
NETWORK_NOTE = (
    "{path} ligger på en nätverksenhet: tertial skriver med återställningsjournal i stället "
    "för WAL och låser filen för andra program medan den är öppen"
)


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


def read_input(path: Path) -> bytes:
    """A file the command reads (CSV, JSON), or one plain line saying why not."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"kunde inte läsa {path}: {exc.strerror or exc}", EXIT_BAD_INPUT) from None


def open_store(path: Path | None, *, create_default: bool = True) -> Store:
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


def database_path(path: Path | None) -> Path:
    """The file a command reads with a bare connection: given, or the default one (made
    with the sample on first use, as `open_store` does)."""
    if path is None:
        path = default_database()
        if not path.exists():
            open_store(None).close()
    return path


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


def report_number(value: str | None) -> int | None:
    """--report as typed: a number, or None for the file's only report."""
    if value is None:
        return None
    if not value.isdigit():
        raise CliError(
            f"--report {value!r}: ange rapportens nummer (se tertial reports) eller all",
            EXIT_BAD_INPUT,
        )
    return int(value)


def pick_report(store: Any, wanted: int | None) -> int:
    """The report a command works on: the one given, or the file's only one.

    `store` is anything with `reports()` and `path` (a Store, or `ReportRefs`).
    """
    reports = store.reports()
    ids = [r.id for r in reports]
    if wanted is not None:
        if wanted not in ids:
            known = ", ".join(f"{r.id} ({r.organisation} {r.title})" for r in reports) or "inga"
            raise CliError(f"rapport {wanted} finns inte; rapporter i filen: {known}", 2)
        return wanted
    if len(reports) == 1:
        return reports[0].id  # type: ignore[no-any-return]
    if not reports:
        raise CliError(f"{store.path} innehåller inga rapporter", 2)
    raise CliError(
        "filen har flera rapporter; välj en med --report (se tertial reports): "
        + ", ".join(str(i) for i in ids),
        2,
    )


class ReportRefs:
    """What `pick_report` asks of a store, from a bare connection (no models)."""

    def __init__(self, conn: Any, path: Path) -> None:
        self.conn, self.path = conn, path

    def reports(self) -> list[Any]:
        from store.report_export import report_refs

        return report_refs(self.conn)


def resolve_goal(store: Store, report_id: int, wanted: str | None) -> int | None:
    """A goal by its number ("1.3") or id, or a one-line error naming the numbers there are."""
    if wanted is None:
        return None
    goal_id = store.find_goal(report_id, wanted)
    if goal_id is None:
        from store.store import walk_goals

        codes = ", ".join(g.code for g in walk_goals(store.goal_tree(report_id)) if g.code)
        raise CliError(
            f"målet {wanted!r} finns inte i rapporten; mål med nummer: {codes or 'inga'} "
            "(eller ange ett måls id)",
            2,
        )
    return goal_id


def to_stdout(fill: Callable[[IO[bytes]], object]) -> None:
    """Let `fill` write bytes to stdout; a reader that goes away (`| head`) ends it quietly."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (an embedding program): decoded, as text
        data = io.BytesIO()
        fill(data)
        sys.stdout.write(data.getvalue().decode("utf-8"))
        return
    try:
        sys.stdout.flush()
        fill(buffer)
        buffer.flush()
    except BrokenPipeError:  # `tertial export ... | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def text_to_stdout(fill: Callable[[TextIO], object]) -> None:
    """Let `fill` write text (UTF-8, newlines as given) to stdout, as it goes."""

    def binary(out: IO[bytes]) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)  # type: ignore[type-var]
        fill(text)
        text.flush()
        text.detach()

    to_stdout(binary)
