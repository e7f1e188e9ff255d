"""Carrying a report forward to the next period (issue 12), in memory.

`carry_document` applies the issue's table to a whole report: what is carried, what
is emptied, what is marked unreviewed. No SQL here: store/carried.py writes the result
(one transaction, one history entry) and reads what the workbench needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from store.errors import InvalidValue
from store.models import (
    Activity,
    EconomyRow,
    EconomyTable,
    Goal,
    Indicator,
    Report,
    ReportDocument,
    ReportKind,
    Section,
)

# The period a kind covers, as the report prints it.
PERIODS = {
    ReportKind.T1: "januari–april",
    ReportKind.T2: "januari–augusti",
    ReportKind.VB: "januari–december",
}
_ORDER = {ReportKind.T1: 0, ReportKind.T2: 1, ReportKind.VB: 2}

# What a new period starts without: this period's outcomes and forecast, and the notes
# on how a printed row was read (they were about those values).
_EMPTIED = ("outcome", "outcome_men", "outcome_women", "forecast", "to_check", "reading_note")


def period_text(kind: ReportKind | str) -> str:
    return PERIODS[ReportKind(kind)]


def short_title(report: Report) -> str:
    """'T2 2023', as a carried value is labelled beside its new row."""
    return f"{report.kind.value} {report.year}"


def new_report_model(organisation: str, kind: ReportKind | str, year: int) -> Report:
    """The report to create, validated; InvalidValue names the field (Organisation, Typ, År)."""
    organisation = organisation.strip()
    if not organisation:
        raise InvalidValue("Organisation", "ange nämndens eller styrelsens namn")
    if any(c in organisation for c in "\n\r") or any(ord(c) < 32 for c in organisation):
        raise InvalidValue("Organisation", "ska vara en rad, utan radbrytningar eller styrtecken")
    try:
        kind = ReportKind(kind)
    except ValueError:
        raise InvalidValue(
            "Typ", f"{kind!r} finns inte: T1 (Tertialrapport 1), T2 (Tertialrapport 2) eller VB"
        ) from None
    if not isinstance(year, int) or not 1900 <= year <= 2200:
        raise InvalidValue("År", f"{year!r} går inte: ett år mellan 1900 och 2200")
    return Report(organisation=organisation, kind=kind, year=year, period=period_text(kind))


def same_year(source: Report, new: Report) -> bool:
    """T1 → T2, T1 → VB, T2 → VB (or the same period, for another organisation)."""
    return new.year == source.year


def check_direction(source: Report, new: Report) -> None:
    """A report is carried forward only: to a later period of its year, or a later year."""
    if (new.year, _ORDER[new.kind]) < (source.year, _ORDER[source.kind]):
        raise InvalidValue(
            "Starta från",
            f"{source.title} kan inte föras vidare bakåt till {new.title}: "
            "T1 → T2 → Verksamhetsberättelse → nästa års T1",
        )


# -- the carry, in memory ----------------------------------------------------------------


def carry_document(source: ReportDocument, new: Report) -> ReportDocument:
    """The new report's content from the source's, by the rules of issue 12.

    Every goal, indicator, activity and section remembers the id it came from
    (`carried_from`); every carried text, assessment and (next year) target that is
    not empty is marked unreviewed. The source's models are left as they were.
    """
    check_direction(source.report, new)
    rules = _Rules(source.report, new)
    return ReportDocument(
        report=new,
        sections=[rules.section(s) for s in source.sections],
        goals=[rules.goal(g) for g in source.goals],
    )


def _marked(model: Any, fields: Iterable[str]) -> frozenset[str]:
    return frozenset(f for f in fields if getattr(model, f) not in (None, ""))


class _Rules:
    def __init__(self, source: Report, new: Report) -> None:
        self.same_year = same_year(source, new)
        # "Utfall VB <new year - 1>" is the source's Periodens utfall when the source is
        # that year's VB; from any other report of an earlier year it is not known yet.
        self.previous_is_outcome = (
            not self.same_year and source.kind == ReportKind.VB and source.year == new.year - 1
        )
        self.first_day = dt.date(new.year, 1, 1)

    def goal(self, g: Goal) -> Goal:
        return g.model_copy(
            update={
                "id": None,
                "report_id": None,
                "parent_id": None,
                "carried_from": g.id,
                "unreviewed": _marked(g, Goal.REVIEWABLE),
                "children": [self.goal(c) for c in g.children],
                "indicators": [self.indicator(i) for i in g.indicators],
                "activities": [self.activity(a) for a in g.activities if self.keeps(a)],
            }
        )

    def indicator(self, i: Indicator) -> Indicator:
        update: dict[str, Any] = dict.fromkeys(_EMPTIED, "")
        if not self.same_year:
            update["previous"] = i.outcome if self.previous_is_outcome else ""
        reviewable = ("analys",) if self.same_year else Indicator.REVIEWABLE
        update.update(id=None, goal_id=None, carried_from=i.id, unreviewed=_marked(i, reviewable))
        return i.model_copy(update=update)

    def keeps(self, a: Activity) -> bool:
        # Next year: what is still running on 1 January. An activity without a Slutdatum
        # has not ended, so it goes on too.
        return self.same_year or a.end_date is None or a.end_date >= self.first_day

    def activity(self, a: Activity) -> Activity:
        update: dict[str, Any] = {
            "id": None,
            "goal_id": None,
            "carried_from": a.id,
            "unreviewed": _marked(a, Activity.REVIEWABLE),
        }
        if not self.same_year:
            update["deviation"] = False
        return a.model_copy(update=update)

    def section(self, s: Section) -> Section:
        return s.model_copy(
            update={
                "id": None,
                "report_id": None,
                "parent_id": None,
                "carried_from": s.id,
                "unreviewed": _marked(s, Section.REVIEWABLE),
                "children": [self.section(c) for c in s.children],
                "tables": [_empty_table(t) for t in s.tables],
            }
        )


def _empty_table(t: EconomyTable) -> EconomyTable:
    """Headings, row labels and total rows as they were; every value empty."""
    return t.model_copy(
        update={
            "id": None,
            "section_id": None,
            "rows": [
                EconomyRow(label=r.label, cells=[""] * len(r.cells), is_total=r.is_total)
                for r in t.rows
            ],
        }
    )


def fresh_goals(goals: list[Goal]) -> list[Goal]:
    """A goal tree to start a report from, as new goals: no ids, links or marks."""
    return [
        g.model_copy(
            update={
                "id": None,
                "report_id": None,
                "parent_id": None,
                "carried_from": None,
                "unreviewed": frozenset(),
                "children": fresh_goals(g.children),
                "indicators": [
                    i.model_copy(update={"id": None, "goal_id": None, "carried_from": None})
                    for i in g.indicators
                ],
                "activities": [
                    a.model_copy(update={"id": None, "goal_id": None, "carried_from": None})
                    for a in g.activities
                ],
            }
        )
        for g in goals
    ]
