"""What every `tertial` subcommand shares: its errors, its parser, the file and the report.

The subcommands (tui/*_cli.py) import from here and never from tui.cli, which only
dispatches. Nothing here imports Textual or the models: a command starts quickly.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from store.locations import default_database
from tui.cli_parser import (  # noqa: F401
    EXIT_BAD_INPUT,
    EXIT_CLOSED_PIPE,
    CliError,
    Parser,
    whole_number,
)
from tui.printable import PrintableWriter, printable

if TYPE_CHECKING:
    from store.store import Store

# How a new report is made (issue 12), where a file has none.
NEW_HINT = "tertial new --db {db} --organisation NAMN --kind T1|T2|VB --year ÅÅÅÅ"
# Said once per command (and in the workbench's header and a notice).
NETWORK_NOTE = (
    "{path} ligger på en nätverksenhet: tertial skriver med återställningsjournal i stället "
    "för WAL och låser filen för andra program medan den är öppen"
)


def fail(message: str, code: int = 1, prog: str = "tertial") -> int:
    """One line on stderr, printable: a message may quote a file's or the database's text."""
    print(f"{prog}: {printable(message)}", file=sys.stderr)
    return code


def say(text: str = "") -> None:
    """A line on stdout; what came from a file or the database is made printable here.

    Tabs (between columns) and line breaks stay; every other control shows as an escape.
    """
    print("\t".join(printable(part, prose=True) for part in text.split("\t")))


def db_file(text: str) -> Path:
    """--db as typed: refused at once when it names something other than a plain file.

    Checked with os.stat before SQLite opens it: a FIFO would block the open for ever,
    a device or a folder is no tertial file. A name that does not exist passes (the
    command says so, or makes it).
    """
    path = Path(text)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"{text}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise argparse.ArgumentTypeError(f"{text} är en mapp, inte en tertial-fil")
    if not stat.S_ISREG(st.st_mode):
        raise argparse.ArgumentTypeError(
            f"{text} är ingen vanlig fil (en FIFO, en enhet eller liknande) och öppnas inte"
        )
    return path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=db_file,
        default=None,
        metavar="FIL",
        help="tertial-filen (utan --db: din egen tertial.db)",
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
        path = own_database()
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
        path = own_database()
        if not path.exists():
            open_store(None).close()
    return path


def own_database() -> Path:
    """The default file, or one line saying why its folder (TERTIAL_DATA_DIR) cannot hold it."""
    path = default_database()
    folder = path.parent
    try:
        st = os.stat(path)
    except FileNotFoundError:
        pass
    except NotADirectoryError:
        raise CliError(f"datamappen {folder} är en fil, inte en mapp", EXIT_BAD_INPUT) from None
    except OSError as exc:
        raise CliError(f"datamappen {folder}: {why(exc)}", EXIT_BAD_INPUT) from None
    else:
        if not stat.S_ISREG(st.st_mode):
            raise CliError(f"{path} är ingen vanlig fil och öppnas inte", EXIT_BAD_INPUT)
    return path


def create_database(path: Path, *, sample: bool) -> None:
    from store.store import Store
    from store.wal import refuse_leftovers, sidecars

    # Another file's WAL left beside the name would be replayed into the new file.
    refuse_leftovers(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CliError(f"mappen {folder} är en fil, inte en mapp", EXIT_BAD_INPUT) from None
    except OSError as exc:
        raise CliError(f"mappen {folder} kunde inte skapas: {why(exc)}", EXIT_BAD_INPUT) from None
    tmp = path.with_name(path.name + ".new")
    try:
        for own in (tmp, *sidecars(tmp)):  # a half-made file of an init that was stopped
            own.unlink(missing_ok=True)
        # Tried first: a folder the user may not write is named as such, not reported
        # as a damaged file by SQLite.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        tmp.unlink()
    except OSError as exc:
        raise CliError(
            f"mappen {folder} går inte att skriva i: {why(exc)}", EXIT_BAD_INPUT
        ) from None
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
            raise CliError(f"rapport {wanted} finns inte; {known_reports(reports)}", 2)
        return wanted
    if len(reports) == 1:
        return reports[0].id  # type: ignore[no-any-return]
    if not reports:
        raise CliError(f"{store.path} innehåller inga rapporter", 2)
    raise CliError(f"filen har flera rapporter; välj en med --report ({known_reports(reports)})", 2)


# An archive holds thousands of reports: a message names a few and the count.
NAMED_REPORTS = 5


def known_reports(reports: Sequence[Any]) -> str:
    """'rapporter i filen: 1 (Nämnd Tertial 1 2023), … (1 500 rapporter; se tertial reports)'."""
    if not reports:
        return "filen har inga rapporter"
    named = ", ".join(f"{r.id} ({r.organisation} {r.title})" for r in reports[:NAMED_REPORTS])
    if len(reports) <= NAMED_REPORTS:
        return f"rapporter i filen: {named}"
    return f"rapporter i filen: {named}, … ({len(reports)} rapporter; se tertial reports)"


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
    """Let `fill` write bytes to stdout (a failing stdout is `run`'s to handle).

    To a terminal the text is made printable (an escape sequence in a name must not
    drive it); to a file or a pipe it goes byte for byte: it is that file's data.
    """
    if sys.stdout.isatty():
        shown = PrintableWriter(sys.stdout)
        fill(shown)  # type: ignore[arg-type]
        shown.finish()
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (an embedding program): decoded, as text
        data = io.BytesIO()
        fill(data)
        sys.stdout.write(data.getvalue().decode("utf-8"))
        return
    sys.stdout.flush()
    fill(buffer)
    buffer.flush()


def text_to_stdout(fill: Callable[[TextIO], object]) -> None:
    """Let `fill` write text (UTF-8, newlines as given) to stdout, as it goes."""

    def binary(out: IO[bytes]) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)  # type: ignore[type-var]
        try:
            fill(text)
            text.flush()
        finally:
            text.detach()  # a failed write must not close stdout along with the wrapper

    to_stdout(binary)


# -- stdout that fails: a full disk, a reader gone ---------------------------------------


class StdoutFailed(Exception):
    """Writing to stdout failed (not an OSError, so no file-writing code takes it as its own)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _GuardedStdout(io.RawIOBase):
    """Stdout's file descriptor, whose write errors are told apart from every other OSError."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return False

    def write(self, data: Any) -> int:
        try:
            return os.write(self.fd, data)
        except OSError as exc:
            raise StdoutFailed(exc) from None


def _guard_stdout() -> TextIO | None:
    """Put stdout behind the guard; returns the stdout to put back (None: left as it was).

    A terminal is left alone (on Windows its console writer is what shows Unicode); it
    is files, pipes and devices that fill up or go away.
    """
    original = sys.stdout
    try:
        fd = original.fileno()
        if os.isatty(fd):
            return None
    except (AttributeError, OSError, ValueError):  # no descriptor: an embedding program
        return None
    original.flush()
    buffered = io.BufferedWriter(_GuardedStdout(fd))
    sys.stdout = io.TextIOWrapper(
        buffered, encoding=original.encoding or "utf-8", errors=original.errors, newline=None
    )
    return original


def _silence_stdout() -> None:
    # What is still buffered goes nowhere, not to an error at the interpreter's exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, (sys.__stdout__ or sys.stdout).fileno())
    os.close(devnull)


def run(command: Callable[[], int]) -> int:
    """Run a subcommand with stdout guarded: the one place where its failures end.

    A reader that goes away (`| head -1`) ends the command quietly, as Unix tools end:
    nothing on stderr, exit 141 (128 + SIGPIPE); a full disk or another write error on
    stdout is one line on stderr and exit 2.
    """
    original = _guard_stdout()
    try:
        code = command()
        sys.stdout.flush()
        return code
    except StdoutFailed as exc:
        _silence_stdout()
        if exc.error.errno == errno.EPIPE:
            return EXIT_CLOSED_PIPE
        return fail(f"kunde inte skriva till standard ut: {why(exc.error)}", EXIT_BAD_INPUT)
    finally:
        if original is not None:
            try:
                sys.stdout.flush()
            except StdoutFailed:
                _silence_stdout()
            except ValueError:  # closed along with a writer that failed: nothing to flush
                pass
            sys.stdout = original


def why(exc: OSError) -> str:
    """An OSError in Swedish words, for a one-line message."""
    if isinstance(exc, PermissionError):
        return "saknar behörighet"
    if isinstance(exc, FileNotFoundError):
        return "finns inte"
    if exc.errno == errno.ENOSPC:
        return "disken är full"
    if exc.errno == errno.EPIPE:
        return "mottagaren har stängt"
    return exc.strerror or str(exc)
