"""The report as the checker reads it: small plain objects, no validation, no SQL.

Two ways in, with the same result: `from_document` (a loaded ReportDocument, for the
workbench after each edit) and store.check.load (plain rows straight from SQLite, for
a whole archive). The texts of indicators and activities, which the rules only test
for emptiness, arrive as a flag.

Review marks (issue 12, carried-forward items): each item's `unreviewed` holds the
names of its fields not yet reviewed ("*" for a whole item), read from the models'
`unreviewed` (a set of field names; True also means the whole item) or, by load.py,
from the same column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from store.terms import ReportKind

REVIEW_HOOK = "unreviewed"  # the model attribute the ej-granskad rule reads
ALL_FIELDS = "*"
NO_MARKS: frozenset[str] = frozenset()

# Every character str.isspace() accepts (a test checks): load.py trims exactly these in SQL.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def has_text(text: str) -> bool:
    """Anything but whitespace, as bool(text.strip()) says, without copying the text."""
    return bool(text) and not text.isspace()


def goal_label(level: int, code: str | None, title: str) -> str:
    """As the report names a goal: '1. Title', '1.1 Title', a nämndmål's title (Goal.label)."""
    if not code:
        return title
    return f"{code}{'.' if level == 1 else ''} {title}"


@dataclass(slots=True, eq=False)
class PIndicator:
    id: int | None
    name: str
    outcome: str = ""
    outcome_men: str = ""
    outcome_women: str = ""
    previous: str = ""
    forecast: str = ""
    target: str = ""
    kf_target: str = ""
    period: str = ""
    unit: str = ""
    direction: str | None = None  # "higher", "lower" or None (not known)
    has_analys: bool = False
    unreviewed: frozenset[str] = NO_MARKS


@dataclass(slots=True, eq=False)
class PActivity:
    id: int | None
    text: str
    deviation: bool = False
    has_analys: bool = False
    unreviewed: frozenset[str] = NO_MARKS


@dataclass(slots=True, eq=False)
class PGoal:
    id: int | None
    level: int
    code: str | None
    title: str
    assessment: str | None  # "helt", "delvis", "ej" or None (not assessed)
    has_analys: bool = False
    analys: str | bytes = ""  # bytes: UTF-8 as stored (load.py), decoded only if needed
    children: list[PGoal] = field(default_factory=list)
    indicators: list[PIndicator] = field(default_factory=list)
    activities: list[PActivity] = field(default_factory=list)
    unreviewed: frozenset[str] = NO_MARKS

    @property
    def label(self) -> str:
        return goal_label(self.level, self.code, self.title)


@dataclass(slots=True, eq=False)
class PRow:
    id: int | None
    label: str
    cells: list[str]
    is_total: bool = False


@dataclass(slots=True, eq=False)
class PTable:
    id: int | None
    key: str
    title: str
    columns: list[str]
    rows: list[PRow] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class PSection:
    id: int | None
    title: str
    body: str | bytes = ""  # bytes: UTF-8 as stored (load.py), decoded only if needed
    kind: str = "text"  # "goals": where the goal tree stands in the report's order
    children: list[PSection] = field(default_factory=list)
    tables: list[PTable] = field(default_factory=list)
    unreviewed: frozenset[str] = NO_MARKS


@dataclass(slots=True, eq=False)
class PReport:
    id: int | None
    organisation: str
    kind: str  # T1, T2, VB
    year: int
    goals: list[PGoal] = field(default_factory=list)
    sections: list[PSection] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{ReportKind(self.kind).label} {self.year}"


def marks(model: Any) -> frozenset[str]:
    """The model's unreviewed marks (see the module's docstring)."""
    value = getattr(model, REVIEW_HOOK, None)
    if not value:
        return NO_MARKS
    if value is True:
        return frozenset({ALL_FIELDS})
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(str(v) for v in value)


def walk(goals: list[PGoal], parent: PGoal | None = None) -> Iterator[tuple[PGoal, PGoal | None]]:
    """Every goal with its parent, in document order."""
    for g in goals:
        yield g, parent
        yield from walk(g.children, g)


def walk_sections(sections: list[PSection]) -> Iterator[PSection]:
    for s in sections:
        yield s
        yield from walk_sections(s.children)


# -- from a loaded ReportDocument -------------------------------------------------------


def from_document(doc: Any) -> PReport:
    """A ReportDocument (store.models) as plain data."""
    r = doc.report
    return PReport(
        id=r.id,
        organisation=r.organisation,
        kind=r.kind.value,
        year=r.year,
        goals=[_goal(g) for g in doc.goals],
        sections=[_section(s) for s in doc.sections],
    )


def _goal(g: Any) -> PGoal:
    return PGoal(
        id=g.id,
        level=int(g.level),
        code=g.code,
        title=g.title,
        assessment=g.assessment.value if g.assessment else None,
        has_analys=has_text(g.analys),
        analys=g.analys,
        children=[_goal(c) for c in g.children],
        indicators=[
            PIndicator(
                id=i.id,
                name=i.name,
                outcome=i.outcome,
                outcome_men=i.outcome_men,
                outcome_women=i.outcome_women,
                previous=i.previous,
                forecast=i.forecast,
                target=i.target,
                kf_target=i.kf_target,
                period=i.period,
                unit=i.unit,
                direction=i.direction.value if i.direction else None,
                has_analys=has_text(i.analys),
                unreviewed=marks(i),
            )
            for i in g.indicators
        ],
        activities=[
            PActivity(
                id=a.id,
                text=a.text,
                deviation=a.deviation,
                has_analys=has_text(a.analys),
                unreviewed=marks(a),
            )
            for a in g.activities
        ],
        unreviewed=marks(g),
    )


def _section(s: Any) -> PSection:
    return PSection(
        id=s.id,
        title=s.title,
        body=s.body,
        kind=s.kind.value,
        children=[_section(c) for c in s.children],
        tables=[
            PTable(
                id=t.id,
                key=t.key,
                title=t.title,
                columns=list(t.columns),
                rows=[PRow(r.id, r.label, list(r.cells), r.is_total) for r in t.rows],
            )
            for t in s.tables
        ],
        unreviewed=marks(s),
    )
