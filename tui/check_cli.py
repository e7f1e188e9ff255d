"""`tertial check`: is the report ready to submit? Findings as text, Markdown or JSON.

    tertial check [--db PATH] [--report ID|all] [--format text|md|json]

Exit 0 when no finding is a fel, 1 when one is, 2 for a bad file or bad arguments.
Reads plain rows (store.check.load), never the models. Many reports (a city's
archive) are checked in worker processes, a share of the reports each, and their
output joined in report order: the output is the same as from one process.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from store.check import check_plain
from store.check.load import plain_reports, report_list
from tui.check_render import CHECK_FORMATS, Tally, join, render
from tui.cli_common import (
    EXIT_BAD_INPUT,
    CliError,
    Parser,
    add_db_option,
    open_store,
    text_to_stdout,
)

ReportRow = tuple[int, str, str, int]
# From this many reports on, worker processes pay for their start (~0.2 s each).
PARALLEL_FROM = 200
MAX_WORKERS = 4


def check_parser() -> Parser:
    p = Parser(prog="tertial check", description="Kontrollera att en rapport är klar att lämna in.")
    add_db_option(p)
    p.add_argument(
        "--report",
        default=None,
        metavar="ID",
        help="rapportens nummer (tertial reports), eller all: varje rapport",
    )
    p.add_argument(
        "--format",
        choices=CHECK_FORMATS,
        default="text",
        metavar="FORMAT",
        help="text (utan --format), md eller json",
    )
    return p


def cmd_check(argv: Sequence[str]) -> int:
    args = check_parser().parse_args(argv)
    wanted = args.report
    if wanted is not None and wanted != "all" and not wanted.isdigit():
        raise CliError(
            f"--report {wanted!r}: ange rapportens nummer (se tertial reports) eller all",
            EXIT_BAD_INPUT,
        )
    total = Tally()
    with _connection(args.db) as (conn, path, shared):
        reports = _pick(conn, wanted)
        workers = workers_for(len(reports)) if shared else 1
        if workers > 1:
            pieces = _pieces_in_workers(conn, path, args.format, reports, workers, total)
        else:
            pieces = _pieces(conn, args.format, reports, total)
        text_to_stdout(lambda out: join(args.format, out, pieces, total))
    return 1 if total.fel else 0


def workers_for(reports: int) -> int:
    if reports < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


@contextmanager
def _connection(db: Path | None) -> Iterator[tuple[sqlite3.Connection, Path, bool]]:
    """The open file, its path, and whether other processes may read it meanwhile: a
    local file in WAL mode, not one on a network share (locked while open, rollback
    journal) nor a read-only one (opened in ways a worker would not repeat)."""
    if db is None or not db.exists():  # the default file (made on first use), or an error
        with open_store(db) as store:
            yield store.conn, store.path, not (store.network or store.read_only)
        return
    from store.db import open_file

    opened = open_file(db)
    try:
        yield opened.conn, db, not (opened.network or opened.read_only)
    finally:
        opened.conn.close()


def _pick(conn: sqlite3.Connection, wanted: str | None) -> list[ReportRow]:
    reports = report_list(conn)
    if wanted == "all":
        return reports
    if wanted is not None:
        chosen = [r for r in reports if r[0] == int(wanted)]
        if not chosen:
            known = ", ".join(str(r[0]) for r in reports[:10]) or "inga"
            more = f", … ({len(reports)} rapporter)" if len(reports) > 10 else ""
            raise CliError(
                f"rapport {wanted} finns inte; rapporter i filen: {known}{more} "
                "(se tertial reports)",
                EXIT_BAD_INPUT,
            )
        return chosen
    if len(reports) == 1:
        return reports
    if not reports:
        raise CliError("filen innehåller inga rapporter", EXIT_BAD_INPUT)
    raise CliError(
        "filen har flera rapporter; välj en med --report ID, eller --report all "
        "(se tertial reports)",
        EXIT_BAD_INPUT,
    )


def _pieces(
    conn: sqlite3.Connection, fmt: str, reports: Sequence[ReportRow], total: Tally
) -> Iterator[str]:
    for report in plain_reports(conn, reports):
        findings, share = check_plain(report)
        total.add(findings, share)
        yield render(fmt, report, findings, share)


# -- many reports: worker processes --------------------------------------------------------


def _check_share(job: tuple[str, str, list[ReportRow]]) -> tuple[list[str], Tally]:
    """In a worker: check some reports, read-only, and render them."""
    from store.db import connect

    path, fmt, reports = job
    conn = connect(Path(path), read_only=True)
    try:
        tally = Tally()
        return list(_pieces(conn, fmt, reports, tally)), tally
    finally:
        conn.close()


def _pieces_in_workers(
    conn: sqlite3.Connection,
    path: Path,
    fmt: str,
    reports: Sequence[ReportRow],
    workers: int,
    total: Tally,
) -> Iterator[str]:
    # "spawn" on every platform: the same on Windows, and no fork of an open database.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shares = workers * 4  # small shares even out reports of different sizes
    size = -(-len(reports) // shares)
    jobs = [(str(path), fmt, list(reports[i : i + size])) for i in range(0, len(reports), size)]
    context = multiprocessing.get_context("spawn")
    done = 0
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        for pieces, tally in pool.map(_check_share, jobs):
            total.merge(tally)
            done += 1
            yield from pieces
    except Exception:  # noqa: BLE001 - whatever stopped a worker, this process tries itself
        # Workers could not start, died, or could not read (a locked-down machine): the
        # rest in this process, so the output is the same, only slower; a real fault in
        # the file is met again here and reported as usual.
        for _, _, rest in jobs[done:]:
            yield from _pieces(conn, fmt, rest, total)
    finally:
        # Also when the reader stops early (`| head`): the shares not begun are dropped.
        pool.shutdown(wait=True, cancel_futures=True)
