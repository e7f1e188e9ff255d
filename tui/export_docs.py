"""`tertial export … --format docx|xlsx`: documents written to a file, whole or not at all.

The writers are exports.formats'; here is the command-line side: which combinations
make sense, the template, and a binary file written via a temporary file and a rename
(a refused template or a full disk leaves an existing file as it was).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from tui.admin import pick_report, resolve_goal
from tui.cli import EXIT_BAD_INPUT, CliError, open_store

BINARY_FORMATS = ("docx", "xlsx")


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse what the formats cannot do, before anything is read or written."""
    if args.template is not None and args.format != "docx":
        raise CliError(f"--template gäller bara --format docx (fick {args.format})", EXIT_BAD_INPUT)
    if args.format == "docx" and args.table != "report":
        raise CliError(
            f"{args.table} går inte att exportera som docx: Word-dokumentet är hela rapporten "
            "(report); tabeller går som xlsx",
            EXIT_BAD_INPUT,
        )
    if args.format in BINARY_FORMATS and args.output is None and sys.stdout.isatty():
        raise CliError(
            f"{args.format} skrivs till en fil: ange --output FIL.{args.format}", EXIT_BAD_INPUT
        )


def export_document(args: argparse.Namespace, report: int | None) -> int:
    """Export as docx or xlsx; `report` is the --report number (None: the only one)."""
    check_arguments(args)
    if args.report == "all":
        return _export_archive(args)
    from exports.formats import write

    with open_store(args.db) as store:
        report_id = pick_report(store, report)
        goal_id = resolve_goal(store, report_id, args.goal)
        doc = store.document(report_id)
    if args.table == "economy":
        keys = [t.key for s in _sections(doc.sections) for t in s.tables]
        if not keys:
            raise CliError("rapporten har inga ekonomitabeller", EXIT_BAD_INPUT)
        if args.table_key is not None and args.table_key not in keys:
            raise CliError(
                f"ekonomitabellen {args.table_key!r} finns inte; tabeller: "
                f"{', '.join(keys) or 'inga'}",
                EXIT_BAD_INPUT,
            )

    def fill(out: IO[bytes]) -> None:
        write(
            args.format,
            doc,
            out,
            table=args.table,
            goal=goal_id,
            economy=args.table_key,
            template=args.template,
        )

    write_binary(fill, args.output)
    return 0


def _sections(sections):  # noqa: ANN001, ANN202
    for s in sections:
        yield s
        yield from _sections(s.children)


def _export_archive(args: argparse.Namespace) -> int:
    """`--report all --format xlsx`: the indicators of every report, one sheet."""
    if args.format != "xlsx" or args.table != "indicators" or args.goal is not None:
        raise CliError("--report all gäller bara indicators, utan --goal", EXIT_BAD_INPUT)
    from exports.archive import ARCHIVE_INDICATOR_HEADERS
    from exports.xlsx import write_archive_xlsx
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
    write_binary(
        lambda out: write_archive_xlsx(ARCHIVE_INDICATOR_HEADERS, records, out), args.output
    )
    return 0


def _mode(output: Path) -> int:
    """The existing file's permissions, or what a newly created file gets (umask)."""
    try:
        return output.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_binary(fill: Callable[[IO[bytes]], object], output: Path | None) -> None:
    """Let `fill` write to stdout, or to a file completely or not at all."""
    from exports.formats import TemplateError

    try:
        if output is None:
            stdout = sys.stdout.buffer
            sys.stdout.flush()
            try:
                fill(stdout)
                stdout.flush()
            except BrokenPipeError:  # `tertial export … | head`: the reader has gone
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        folder = output.parent if str(output.parent) else Path(".")
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fill(fh)
            os.chmod(tmp, _mode(output))  # mkstemp's 0600 would hide it from colleagues
            os.replace(tmp, output)
            tmp = None
        except OSError as exc:
            raise CliError(f"kunde inte skriva {output}: {exc.strerror or exc}", 1) from None
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
    except TemplateError as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
