"""`tertial import indicators` and `tertial import report`: files read back into a tertial file.

Every file is read and checked before the tertial file is opened for writing (opening
alone changes its header), so a refusal leaves it byte for byte as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from exports.csvfmt import CsvFile, read_csv
from store.errors import InvalidValue, NotFound
from store.locations import default_database
from tui.cli_common import (
    EXIT_BAD_INPUT,
    CliError,
    Parser,
    add_db_option,
    open_store,
    pick_report,
    read_input,
    say,
    whole_number,
)
from tui.printable import printable

if TYPE_CHECKING:
    from exports.importer import Plan
    from store.models import Change


def import_parser() -> Parser:
    p = Parser(
        prog="tertial import", description="Uppdatera indikatorernas värden från en CSV-fil."
    )
    p.add_argument(
        "what", choices=["indicators", "report"], metavar="VAD", help="indicators eller report"
    )
    p.add_argument("file", type=Path, metavar="FIL.csv", help="filen att läsa in")
    add_db_option(p)
    p.add_argument(
        "--report",
        type=whole_number,
        default=None,
        metavar="ID",
        help="rapportens nummer (tertial reports); utan --report: rapporten CSV-filen "
        "exporterades från",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="läs in CSV-filens egna ändringar även där filen ändrats sedan exporten",
    )
    p.add_argument(
        "--from-other-report",
        action="store_true",
        help="läs in en CSV-fil från en annan rapport; raderna paras ihop efter Mål och Indikator",
    )
    return p


def cmd_import(argv: Sequence[str]) -> int:
    if list(argv[:1]) == ["report"]:
        return cmd_import_report(argv[1:])
    args = import_parser().parse_args(argv)
    try:
        data = args.file.open("rb")  # read as it is needed (csvfmt streams it)
    except OSError as exc:
        raise CliError(
            f"kunde inte läsa {args.file}: {exc.strerror or exc}", EXIT_BAD_INPUT
        ) from None
    # Only import needs these; keeps export quick to start.
    from exports.importer import plan
    from store.versions import ChangedSince, changes_since, indicator_versions, update_if_unchanged

    try:
        csv_file = read_csv(data)
    except ValueError as exc:
        raise CliError(f"{args.file}: {exc}", 1) from None
    with open_store(args.db) as store:
        report_id = import_report(store, args.report, csv_file)
        doc = store.document(report_id)
        versions = indicator_versions(store, report_id)
        result = plan(
            doc,
            csv_file,
            versions=versions,
            history=lambda i, v: changes_since(store, i, v),
            force=args.force,
            from_other_report=args.from_other_report,
        )
        if result.errors or (result.stale and not args.force):
            refuse(args.file, result)
            return 1
        # Written only if none of the indicators written to moved since they were read.
        seen = {i: versions.get(i, 0) for i in result.touched()}
        try:
            changes = update_if_unchanged(store, report_id, result.store_edits(), seen)
        except (InvalidValue, NotFound, ChangedSince) as exc:
            raise CliError(f"{args.file}: inget ändrades: {exc}", 1) from None
    report_changes(result, changes)
    return 0


def import_report(store, wanted: int | None, csv_file: CsvFile) -> int:  # noqa: ANN001
    """The report given, else the one the CSV names (its Rapport column), else the only one."""
    from exports.importer import same_name
    from exports.tables import REPORT_COLUMN, report_name

    if wanted is None and REPORT_COLUMN in csv_file.headers:
        i = csv_file.headers.index(REPORT_COLUMN)
        named = {r.cells[i] for r in csv_file.rows if len(r.cells) > i}
        ids = [r.id for r in store.reports() if any(same_name(report_name(r), n) for n in named)]
        if len(ids) == 1:
            return ids[0]  # type: ignore[no-any-return]
    return pick_report(store, wanted)


def refuse(path: Path, result: Plan) -> None:
    warn(f"tertial: {path}: inget ändrades:")
    for e in result.errors:
        warn(f"  {e}")
    if result.stale and not result.errors:
        warn(f"  {values(len(result.stale))} har ändrats i filen sedan CSV-filen exporterades:")
        for s in result.stale:
            then = f"nu {s.now!r}, vid exporten {s.exported!r}, i CSV-filen {s.csv!r}"
            what = f"--force skriver {s.csv!r}" if s.overwrites else "behålls även med --force"
            warn(f"  rad {s.line}: {s.where}: {then} ({what})")
        warn(
            "  Exportera på nytt och gör ändringarna där, eller läs in med --force: då skrivs "
            "CSV-filens egna ändringar, och värden som den inte ändrat skrivs aldrig tillbaka."
        )


def warn(text: str) -> None:
    """A line of a refusal on stderr, printable: it quotes the CSV file and the database."""
    print(printable(text, prose=True), file=sys.stderr)


def values(n: int) -> str:
    return f"{n} värde" if n == 1 else f"{n} värden"


def report_changes(result: Plan, changes: list[Change]) -> None:
    from exports.tables import goal_ref

    changed = {(c.entity_id, c.field) for c in changes}
    done = [e for e in result.edits if (e.indicator.id, e.field) in changed]
    if done:
        say(f"Ändrade {values(len(done))}:")
        for e in done:
            say(f"  {goal_ref(e.goal)} › {e.indicator.name} › {e.column}: {e.old!r} → {e.new!r}")
    else:
        say("Inga ändringar.")
    kept = [s for s in result.stale if not s.overwrites]
    if kept:
        say(f"Behöll {values(len(kept))} som ändrats i filen sedan exporten:")
        for s in kept:
            say(f"  {s.where}: {s.now!r} (i CSV-filen {s.csv!r})")
    if result.unmatched:
        say(f"Rader som inte hittades i rapporten ({result.unmatched.total}), inte importerade:")
        for u in result.unmatched:
            say(f"  {u}")


def cmd_import_report(argv: Sequence[str]) -> int:
    p = Parser(prog="tertial import report", description="Lägg till en rapport från en JSON-fil.")
    p.add_argument("file", type=Path, metavar="FIL.json", help="filen att läsa in")
    add_db_option(p)
    args = p.parse_args(argv)
    from store.carried import check_new_in_file
    from store.report_json import ReportFileError, parse

    data = read_input(args.file)
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
    say(f"Importerade rapport {result.report_id}: {r.organisation} {r.title} ({r.period}){links}.")
    return 0
