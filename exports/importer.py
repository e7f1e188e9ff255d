"""Import of indicator values from a CSV in the export's own format.

`plan` reads the file against the report and returns the edits, the rows it could
not match and the problems that stop the import; nothing is written. The caller
hands the edits to `Store.update_many(..., source="import")`: all or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pydantic import ValidationError

from exports.csvfmt import CsvFile
from exports.tables import previous_label, walk
from store.models import INDICATOR_VALUE_FIELDS, Goal, Indicator, ReportDocument

KEY_COLUMNS = ("Mål", "Indikator")


@dataclass
class Edit:
    line: int
    goal: Goal
    indicator: Indicator
    field: str
    column: str  # the column's heading, as in the file
    old: str
    new: str


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # "rad 4: mål 'X', indikator 'Y'"
    errors: list[str] = field(default_factory=list)  # "rad 3, kolumn 'Årsmål': reason"

    def store_edits(self) -> list[tuple[str, int, str, str]]:
        return [("indicator", e.indicator.id, e.field, e.new) for e in self.edits]  # type: ignore[misc]


def column_fields(year: int) -> dict[str, str]:
    """Column heading → indicator field; 'Utfall VB 2022' and 'Utfall föregående år' both work."""
    cols = {label: f for f, label in INDICATOR_VALUE_FIELDS.items()}
    cols[previous_label(year)] = "previous"
    return cols


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def goal_names(goal: Goal) -> set[str]:
    """What a `Mål` cell may say for this goal: as exported, its title, or its number."""
    names = {_norm(goal.label), _norm(goal.title)}
    if goal.code:
        names.add(_norm(goal.code))
    return names


def plan(doc: ReportDocument, csv_file: CsvFile) -> Plan:
    result = Plan()
    cols = column_fields(doc.report.year)
    headers = csv_file.headers
    for key in KEY_COLUMNS:
        if key not in headers:
            result.errors.append(f"rad 1: kolumnen {key!r} saknas (rubriker: {', '.join(headers)})")
    seen: set[str] = set()
    for h in headers:
        if h in seen:
            result.errors.append(f"rad 1, kolumn {h!r}: kolumnen finns två gånger")
        seen.add(h)
        if h not in cols and h not in KEY_COLUMNS:
            known = ", ".join([*KEY_COLUMNS, *(c for c in cols if c != "Utfall föregående år")])
            result.errors.append(f"rad 1, kolumn {h!r}: okänd kolumn; kolumner som går: {known}")
    if result.errors:
        return result

    goals_by_name: dict[str, list[Goal]] = defaultdict(list)
    for g, _ in walk(doc.goals):
        for name in goal_names(g):
            goals_by_name[name].append(g)
    taken: set[int] = set()
    i_goal, i_name = headers.index("Mål"), headers.index("Indikator")
    for row in csv_file.rows:
        if len(row.cells) != len(headers):
            result.errors.append(
                f"rad {row.line}: {len(row.cells)} värden, men filen har {len(headers)} kolumner"
            )
            continue
        goal_cell, name_cell = row.cells[i_goal], row.cells[i_name]
        match = _match(goals_by_name.get(_norm(goal_cell), []), name_cell, taken)
        if match is None:
            result.unmatched.append(f"rad {row.line}: mål {goal_cell!r}, indikator {name_cell!r}")
            continue
        goal, ind = match
        taken.add(ind.id)  # type: ignore[arg-type]
        result.edits += _row_edits(row.line, goal, ind, headers, row.cells, cols, result.errors)
    return result


def _match(goals: list[Goal], name: str, taken: set[int]) -> tuple[Goal, Indicator] | None:
    """The first indicator of that name under the goal that no earlier row has taken."""
    for g in goals:
        for ind in g.indicators:
            if ind.id not in taken and _norm(ind.name) == _norm(name):
                return g, ind
    return None


def _row_edits(
    line: int,
    goal: Goal,
    ind: Indicator,
    headers: list[str],
    cells: list[str],
    cols: dict[str, str],
    errors: list[str],
) -> list[Edit]:
    edits = []
    for h, value in zip(headers, cells, strict=True):
        f = cols.get(h)
        if f is None:
            continue
        old = getattr(ind, f)
        if value == old:
            continue
        try:
            Indicator.model_validate({**ind.model_dump(), f: value})
        except ValidationError as exc:
            reason = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
            errors.append(f"rad {line}, kolumn {h!r}: {reason}")
            continue
        edits.append(Edit(line, goal, ind, f, h, old, value))
    return edits
