"""`tertial history` and `tertial backup`: commands about the file itself."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tui.cli import CliError, Parser, add_db_option, open_store


def pick_report(store, wanted: int | None) -> int:  # noqa: ANN001
    """The report a command works on: the one given, or the file's only one."""
    reports = store.reports()
    ids = [r.id for r in reports]
    if wanted is not None:
        if wanted not in ids:
            known = ", ".join(f"{r.id} ({r.organisation} {r.title})" for r in reports) or "inga"
            raise CliError(f"rapport {wanted} finns inte; rapporter i filen: {known}", 2)
        return wanted
    if len(reports) == 1:
        return reports[0].id  # type: ignore[return-value]
    if not reports:
        raise CliError(f"{store.path} innehåller inga rapporter", 2)
    raise CliError(
        "filen har flera rapporter; välj en med --report (se tertial reports): "
        + ", ".join(str(i) for i in ids),
        2,
    )


def resolve_goal(store, report_id: int, wanted: str | None) -> int | None:  # noqa: ANN001
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
