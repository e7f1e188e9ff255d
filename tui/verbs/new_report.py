"""Ny rapport from the workbench: what a new report may start from, and its creation.

The creation is one store call (store.new_report: one transaction, one history entry)
made outside the Editor: a report is not undone, so it never goes on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store.errors import InvalidValue, NotFound, ReadOnlyFile, StoreError
from store.models import Goal, Report, ReportKind
from tui.dialogs.new_report import (
    START_EMPTY,
    START_FILE,
    NewReportDialog,
    NewReportRequest,
    Refusal,
)
from tui.editor import READ_ONLY
from tui.labels import printable

if TYPE_CHECKING:
    from textual.app import App

    from store.store import Store

# The store's field labels (InvalidValue.field) to the dialog's fields.
_WHERE = {
    "Organisation": "organisation",
    "Typ": "kind",
    "År": "year",
    "Rapport": "year",  # the report exists: the year (or kind) is what to change
    "Starta från": "start",
    "Mål": "start",
}
_NEXT = {ReportKind.T1: ReportKind.T2, ReportKind.T2: ReportKind.VB}


def starts(store: Store, current: int | None) -> list[tuple[str, str]]:
    """(words, value) for the start choice: the open report first, then the others,
    the city's goals for each year shipped, a goals file, empty."""
    from store.sample import CITY_GOALS, city_goals_name

    reports = store.reports()
    reports.sort(key=lambda r: r.id != current)
    out = []
    for r in reports:
        now = " (öppen nu)" if r.id == current else ""
        out.append(
            (
                printable(f"För vidare {r.organisation} · {r.kind.label} {r.year}{now}"),
                f"report:{r.id}",
            )
        )
    out += [(city_goals_name(year), f"kf:{year}") for year in sorted(CITY_GOALS)]
    out.append(("En fil med mål (CSV)", START_FILE))
    out.append(("Tom rapport", START_EMPTY))
    return out


def next_period(report: Report) -> tuple[str, int]:
    """The kind and year that follow a report: T1 → T2 → VB → next year's T1."""
    if report.kind in _NEXT:
        return _NEXT[report.kind].value, report.year
    return ReportKind.T1.value, report.year + 1


def create(store: Store, req: NewReportRequest) -> int | Refusal:
    """The new report's id, or why not (and where): nothing created then."""
    year_text = req.year.strip()
    if not year_text.lstrip("-").isdigit():
        return Refusal("year", f"{req.year!r} är inget år: skriv ett år mellan 1900 och 2200")
    from_report: int | None = None
    goals: list[Goal] | None = None
    if req.start.startswith("report:"):
        from_report = int(req.start.removeprefix("report:"))
    elif req.start.startswith("kf:"):
        from store.sample import load_city_goals

        goals = load_city_goals(int(req.start.removeprefix("kf:")))
    elif req.start == START_FILE:
        read = _goals_file(req.path)
        if isinstance(read, Refusal):
            return read
        goals = read
    try:
        return store.new_report(
            req.organisation, req.kind, int(year_text), from_report=from_report, goals=goals
        )
    except ReadOnlyFile:
        return Refusal("organisation", READ_ONLY)
    except InvalidValue as exc:
        return Refusal(_WHERE.get(exc.field, "start"), exc.reason)
    except (NotFound, StoreError) as exc:
        return Refusal("start", str(exc))


def _goals_file(text: str) -> list[Goal] | Refusal:
    from exports.goals_csv import GoalsFileError, read_goals

    if not text.strip():
        return Refusal("path", "ange sökvägen till en CSV med mål (som målexporten skriver)")
    path = Path(text.strip()).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Refusal("path", f"{printable(str(path))} finns inte")
    except OSError as exc:
        return Refusal("path", f"{printable(str(path))} kan inte läsas ({exc.strerror or exc})")
    try:
        return read_goals(data)
    except GoalsFileError as exc:
        return Refusal("path", printable(str(exc)))


def ask(
    app: App[object], store: Store, current: Report | None, opened: Callable[[int], None]
) -> None:
    """The dialog; `opened` gets the new report's id once it is in the file."""
    if store.read_only:
        app.notify(READ_ONLY, severity="error")
        return
    if current is not None:
        kind, year = next_period(current)
        first = {"organisation": current.organisation, "kind": kind, "year": year}
        start = f"report:{current.id}"
    else:
        first = {"organisation": "", "kind": "T1", "year": dt.date.today().year}
        start = START_EMPTY
    dialog = NewReportDialog(
        lambda req: create(store, req),
        starts(store, current.id if current else None),
        start=start,
        **first,  # type: ignore[arg-type]
    )

    def done(report_id: int | None) -> None:
        if report_id is not None:
            opened(report_id)

    app.push_screen(dialog, done)
