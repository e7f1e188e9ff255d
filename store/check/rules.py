"""The rules, on plain data (store.check.plain): one pass over a report in its own order.

The pass walks the sections, and the goal tree where it stands among them, so the
findings come out sorted. The rules that ask for something to be filled in (an
assessment, an Analys, an outcome, a forecast) count it for "klart NN %" through the
same test, so the share and the findings never disagree.

Tuned against the real report (the shipped sample), where the literal rule would
bury the few findings a controller cares about:
- a goal's Analys may stand under one of its indicators (the sample's delvis
  nämndmål explain themselves there); a helt goal is also covered by the Analys of
  the goal above it (the template writes the area goal's Analys for its nämndmål);
- a missing Periodens utfall is excused by the indicator's own Analys ("rapporteras i
  verksamhetsberättelsen");
- an Analys carried forward and not yet reviewed explains nothing: it is about the
  period before;
- Prognos helår is asked for only where the outcome so far does not already meet the
  target and the indicator's Analys does not speak for the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from store.check import counts
from store.check.economy import table_issues
from store.check.findings import Finding, Severity
from store.check.indicators import (
    FORECAST,
    NUMERIC_FIELDS,
    OUTCOME,
    expects_numbers,
    gender_conflict,
    has_target,
    meets,
    not_a_number,
    readings,
)
from store.check.plain import (
    ALL_FIELDS,
    PActivity,
    PGoal,
    PIndicator,
    PReport,
    PSection,
    walk_sections,
)
from store.check.reading import Reading
from store.terms import (
    ACTIVITY_FIELDS,
    GOAL_TEXT_FIELDS,
    INDICATOR_VALUE_FIELDS,
    LEVEL_LABELS,
    Assessment,
)
from store.values import ValueKind

GOAL_FIELDS = {"assessment": "Bedömning", **GOAL_TEXT_FIELDS}
INDICATOR_FIELDS = {"name": "Indikator", **INDICATOR_VALUE_FIELDS, "analys": "Analys"}
SECTION_FIELDS = {"body": "Text"}
# Readings that are never "not a number".
_PLAIN_KINDS = (ValueKind.EMPTY, ValueKind.NUMBER, ValueKind.RANGE)
_NOUNS = {"indicator": ("Indikator", "indikatorn"), "activity": ("Aktivitet", "aktiviteten")}


def short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _analys(item: PGoal | PIndicator) -> bool:
    """An Analys that speaks for this period: there, and not carried unreviewed from the
    last report (that one speaks for the period before)."""
    return item.has_analys and not (
        item.unreviewed and ("analys" in item.unreviewed or ALL_FIELDS in item.unreviewed)
    )


def goal_heading(g: PGoal) -> str:
    """'KF:s mål för verksamhetsområdet: 1.3 Title', 'Nämndmål: Title'."""
    return f"{LEVEL_LABELS.get(g.level, 'Mål')}: {g.label}"  # type: ignore[call-overload]


@dataclass
class Tally:
    """Required items (what the saknar- rules ask for) and how many are filled."""

    filled: int = 0
    required: int = 0


class _Place(NamedTuple):
    """Where a finding is fixed: the item and its place in report order.

    Its names are made only when a finding needs them: most items have none.
    """

    goal: PGoal | None
    kind: str  # goal, indicator, activity, section, economy_row
    item_id: int | None
    order: tuple[int, ...]
    name: str = ""  # an indicator's name, an activity's text, a section's title, a row's label
    table: str = ""  # an economy row's table title

    def names(self) -> tuple[str, str, str]:
        """(item, where, group): "Indikator X"; "Nämndmål: G › indikatorn X"; "Nämndmål: G"."""
        if self.kind == "section":
            name = f"Avsnittet {short(self.name)}"
            return name, name, name
        if self.kind == "economy_row":
            group, row = f"Tabellen {short(self.table)}", short(self.name)
            return f"{group} › {row}", f"{group}, raden {row}", group
        head = goal_heading(self.goal)  # type: ignore[arg-type]
        if self.kind == "goal":
            return "", head, head
        noun, the = _NOUNS[self.kind]
        name = short(self.name)
        return f"{noun} {name}", f"{head} › {the} {name}", head


class _Pass:
    def __init__(self, report: PReport) -> None:
        self.report = report
        self.findings: list[Finding] = []
        self.tally = Tally()
        self.interim = report.kind in ("T1", "T2")
        self.block = 0  # the section being walked (the goal tree is inside one)
        self.goal_index = 0
        self.tree = counts.Tree(report)

    def add(
        self,
        rule: str,
        severity: Severity,
        detail: str,
        at: _Place,
        field: str | None,
        label: str = "",
        sub: tuple[int, ...] = (),
        column: int | None = None,
    ) -> None:
        g = at.goal
        item, where, group = at.names()
        self.findings.append(
            Finding(
                rule=rule,
                severity=severity,
                where=where,
                detail=detail,
                report_id=self.report.id,
                goal_id=g.id if g else None,
                goal_label=g.label if g else None,
                goal_ref=(g.code or g.title) if g else None,
                kind=at.kind,
                item_id=at.item_id,
                field=field,
                column=column,
                item=" › ".join(p for p in (item, label) if p),
                group=group,
                order=(*at.order, *sub),
            )
        )

    def required(self, present: bool, marks: frozenset[str], field: str) -> bool:
        """Count one required item. One carried forward and not yet reviewed is not filled."""
        self.tally.required += 1
        if present and not (marks and (field in marks or ALL_FIELDS in marks)):
            self.tally.filled += 1
        return present

    # -- the report in its order -------------------------------------------------------

    def run(self) -> None:
        for s in self.report.sections:
            self.section(s, None)
        if not any(s.kind == "goals" for s in walk_sections(self.report.sections)):
            self.block += 1
            self.goals(self.report.goals, None)

    def section(self, s: PSection, context: PGoal | None) -> None:
        self.block += 1
        context = self.tree.section_context(s.title) or context
        at = _Place(None, "section", s.id, (self.block, 0), s.title)
        for err in self.tree.check_text(s.body, context, by_paragraph=True):
            self.add("sammanfattning-mot-mal", Severity.VARNING, err.message, at, "body", "Text")
        self.review(s.unreviewed, at, SECTION_FIELDS)
        for t_index, table in enumerate(s.tables):
            for issue in table_issues(table):
                heading = table.columns[issue.column] if issue.column < len(table.columns) else ""
                order = (*at.order, 1, t_index, issue.row_index, issue.column)
                place = _Place(
                    None, "economy_row", issue.row.id, order, issue.row.label, table.title
                )
                sev = Severity.FEL if issue.rule == "ogiltigt-tal" else Severity.VARNING
                self.add(
                    issue.rule, sev, issue.message, place, "cells", heading, column=issue.column
                )
        if s.kind == "goals":
            self.goals(self.report.goals, None)
        for child in s.children:
            self.section(child, context)

    def goals(self, goals: list[PGoal], parent: PGoal | None) -> None:
        for g in goals:
            self.goal_index += 1
            self.goal(g, parent)
            self.goals(g.children, g)

    # -- a goal ---------------------------------------------------------------------------

    def goal(self, g: PGoal, parent: PGoal | None) -> None:
        order = (self.block, self.goal_index)
        at = _Place(g, "goal", g.id, (*order, 0, 0))
        if not self.required(g.assessment is not None, g.unreviewed, "assessment"):
            detail = "saknar bedömning (Uppfylls helt, delvis eller ej)"
            self.add("saknar-bedomning", Severity.FEL, detail, at, "assessment", "Bedömning", (0,))
        self.analys(g, parent, at)
        rds = [readings(ind) for ind in g.indicators]
        self.against_indicators(g, rds, at)
        for err in self.tree.check_text(g.analys, g):
            detail = f"Analys: {err.message}"
            self.add(
                "sammanfattning-mot-mal", Severity.VARNING, detail, at, "analys", "Analys", (3,)
            )
        self.review(g.unreviewed, at, GOAL_FIELDS)
        for i, ind in enumerate(g.indicators):
            self.indicator(ind, rds[i], _Place(g, "indicator", ind.id, (*order, 1, i), ind.name))
        for i, act in enumerate(g.activities):
            self.activity(act, _Place(g, "activity", act.id, (*order, 2, i), act.text))

    def analys(self, g: PGoal, parent: PGoal | None, at: _Place) -> None:
        explained = _analys(g) or any(_analys(i) for i in g.indicators)
        if g.assessment in ("delvis", "ej"):
            if not self.required(explained, g.unreviewed, "analys"):
                label = Assessment(g.assessment).label
                detail = f"bedöms {label} men saknar Analys som förklarar varför"
                self.add("saknar-analys", Severity.FEL, detail, at, "analys", "Analys", (1,))
        elif g.assessment == "helt" and not explained and not (parent and _analys(parent)):
            detail = "bedöms Uppfylls helt men saknar Analys"
            self.add("saknar-analys", Severity.INFO, detail, at, "analys", "Analys", (1,))

    def against_indicators(self, g: PGoal, rds: list[list[Reading]], at: _Place) -> None:
        if g.assessment is None or not g.indicators:
            return
        # T1/T2 assess the year ahead: a forecast speaks for it before the outcome so far.
        fields = (FORECAST, OUTCOME) if self.interim else (OUTCOME,)
        # Every indicator with a target must be judged, or the goal's indicators say nothing.
        verdicts = [
            meets(ind, rd, fields)
            for ind, rd in zip(g.indicators, rds, strict=True)
            if has_target(rd)
        ]
        if not verdicts or None in verdicts:
            return
        n = len(verdicts)
        if all(verdicts) and g.assessment in ("delvis", "ej"):
            which = (
                "indikatorn med mål når sitt"
                if n == 1
                else f"alla {n} indikatorer med mål når sina"
            )
            suggest = "Uppfylls helt"
        elif not any(verdicts) and g.assessment == "helt":
            which = (
                "indikatorn med mål når inte sitt"
                if n == 1
                else f"ingen av {n} indikatorer med mål når sitt"
            )
            suggest = "Uppfylls delvis"
        else:
            return
        detail = f"bedöms {Assessment(g.assessment).label}, men {which}: överväg {suggest}"
        rule = "bedomning-mot-indikatorer"
        self.add(rule, Severity.INFO, detail, at, "assessment", "Bedömning", (2,))

    # -- indicators and activities ----------------------------------------------------------

    def indicator(self, ind: PIndicator, rd: list[Reading], at: _Place) -> None:
        def add(rule: str, sev: Severity, detail: str, field: str, sub: int) -> None:
            self.add(rule, sev, detail, at, field, INDICATOR_FIELDS[field], (sub,))

        if not self.required(bool(ind.outcome.strip()) or _analys(ind), ind.unreviewed, "outcome"):
            sev = Severity.VARNING if self.interim else Severity.FEL
            detail = "Periodens utfall saknas, och ingen Analys säger varför"
            add("saknar-utfall", sev, detail, "outcome", 0)
        asks_forecast = self.interim and not _analys(ind) and not meets(ind, rd, (OUTCOME,))
        if asks_forecast and not self.required(
            bool(ind.forecast.strip()), ind.unreviewed, "forecast"
        ):
            detail = "Prognos helår saknas, och utfallet hittills visar inte att årsmålet nås"
            add("saknar-prognos", Severity.VARNING, detail, "forecast", 4)
        if expects_numbers(ind, rd):
            for sub, field in enumerate(NUMERIC_FIELDS):
                if rd[sub].kind in _PLAIN_KINDS:
                    continue
                if reason := not_a_number(rd[sub], getattr(ind, field), ind.unit):
                    detail = f"{INDICATOR_VALUE_FIELDS[field]} {reason}"
                    add("ogiltigt-tal", Severity.FEL, detail, field, sub)
        if detail := gender_conflict(ind, rd):
            add("kon-mot-totalt", Severity.VARNING, detail, "outcome", 0)
        if ind.unreviewed:
            self.review(ind.unreviewed, at, INDICATOR_FIELDS)

    def activity(self, act: PActivity, at: _Place) -> None:
        if act.deviation and not self.required(act.has_analys, act.unreviewed, "analys"):
            detail = "markerad Avvikelse men saknar Analys"
            self.add(
                "avvikelse-utan-analys", Severity.VARNING, detail, at, "analys", "Analys", (0,)
            )
        self.review(act.unreviewed, at, ACTIVITY_FIELDS)

    def review(self, marks: frozenset[str], at: _Place, fields: dict[str, str]) -> None:
        """`ej-granskad`: one finding per unreviewed field, or one for a whole item."""
        if not marks:
            return
        named = [None] if ALL_FIELDS in marks else [f for f in fields if f in marks]
        for sub, field in enumerate(named):
            label = fields[field] if field else ""
            detail = f"{label + ' är ' if label else ''}överförd från förra rapporten och inte granskad än"
            self.add("ej-granskad", Severity.VARNING, detail, at, field, label, (90 + sub,))


def run(report: PReport) -> tuple[list[Finding], Tally]:
    p = _Pass(report)
    p.run()
    return p.findings, p.tally
