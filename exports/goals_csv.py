"""A goal tree from a CSV in the goals export's own format (issue 12).

Nivå, Nummer, Mål, Bedömning, Överordnat mål, in either dialect: what
`tertial export goals --format csv` writes, and what a controller hands out as next
year's KF goals. A row's parent is the nearest row above it named in
"Överordnat mål" (as the export names it, by its title, or by its number). All or
nothing: `read_goals` returns the tree or raises GoalsFileError naming each bad row.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from exports.csvfmt import read_csv
from exports.tables import GOAL_HEADERS
from store.models import LEVEL_LABELS, Assessment, Goal, Level

REQUIRED = ("Nivå", "Mål")


class GoalsFileError(ValueError):
    """The file cannot become a goal tree; `errors` holds one line per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(
            errors[0] if len(errors) == 1 else f"{errors[0]} (och {len(errors) - 1} fel till)"
        )
        self.errors = errors


@dataclass
class _Row:
    line: int
    goal: Goal
    names: set[str]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _level(text: str) -> Level:
    t = _norm(text)
    for level, label in LEVEL_LABELS.items():
        if t in (_norm(label), str(int(level))):
            return level
    raise ValueError(
        f"nivån {text!r} finns inte: {', '.join(LEVEL_LABELS.values())} (eller 1, 2, 3)"
    )


def read_goals(data: bytes) -> list[Goal]:
    """The goal tree the file describes, inriktningsmål at the top."""
    try:
        csv_file = read_csv(data)
    except ValueError as exc:
        raise GoalsFileError([str(exc)]) from None
    headers = csv_file.headers
    errors = [
        f"rad 1: kolumnen {h!r} saknas (rubriker: {', '.join(headers)})"
        for h in REQUIRED
        if h not in headers
    ]
    errors += [
        f"rad 1, kolumn {h!r}: okänd kolumn; kolumner som går: {', '.join(GOAL_HEADERS)}"
        for h in headers
        if h not in GOAL_HEADERS
    ]
    errors += [
        f"rad 1, kolumn {h!r}: kolumnen finns två gånger"
        for i, h in enumerate(headers)
        if h in headers[:i]
    ]
    if errors:
        raise GoalsFileError(errors)
    col = {h: i for i, h in enumerate(headers)}

    def cell(cells: list[str], name: str) -> str:
        return cells[col[name]].strip() if name in col else ""

    roots: list[Goal] = []
    seen: list[_Row] = []
    codes: dict[str, int] = {}
    for row in csv_file.rows:
        if len(row.cells) != len(headers):
            errors.append(
                f"rad {row.line}: {len(row.cells)} värden, men filen har {len(headers)} kolumner"
            )
            continue
        where = f"rad {row.line}, kolumn"
        try:
            level = _level(cell(row.cells, "Nivå"))
        except ValueError as exc:
            errors.append(f"{where} 'Nivå': {exc}")
            continue
        code = cell(row.cells, "Nummer").rstrip(".") or None
        try:
            assessment = Assessment.from_label(cell(row.cells, "Bedömning"))
        except ValueError as exc:
            errors.append(f"{where} 'Bedömning': {exc}")
            continue
        try:
            goal = Goal(level=level, code=code, title=cell(row.cells, "Mål"), assessment=assessment)
        except ValidationError as exc:
            err = exc.errors()[0]
            column = {"title": "Mål", "code": "Nummer"}.get(
                str(err["loc"][0]) if err["loc"] else "", "Nummer"
            )
            errors.append(f"{where} {column!r}: {str(err['msg']).removeprefix('Value error, ')}")
            continue
        if code is not None:
            if code in codes:
                errors.append(f"{where} 'Nummer': {code} finns redan på rad {codes[code]}")
                continue
            codes[code] = row.line
        parent_name = cell(row.cells, "Överordnat mål")
        if level == Level.INRIKTNINGSMAL:
            if parent_name:
                errors.append(
                    f"{where} 'Överordnat mål': ett inriktningsmål ligger överst och har inget "
                    f"överordnat mål (fick {parent_name!r})"
                )
                continue
            roots.append(goal)
        else:
            parent = _parent(seen, parent_name)
            if parent is None:
                errors.append(
                    f"{where} 'Överordnat mål': "
                    + (
                        f"{parent_name!r} finns inte på någon rad ovanför"
                        if parent_name
                        else f"ett {level.label.lower()} behöver ett överordnat mål"
                    )
                )
                continue
            if parent.goal.level >= level:  # a nämndmål may stand under either level
                below = " eller ".join(
                    Level(n).label for n in range(parent.goal.level + 1, Level.NAMNDMAL + 1)
                )
                errors.append(
                    f"{where} 'Överordnat mål': under {parent.goal.level.label} (rad "
                    f"{parent.line}) kan bara {below} ligga"
                )
                continue
            parent.goal.children.append(goal)
        names = {_norm(goal.label), _norm(goal.title)} | ({_norm(code)} if code else set())
        seen.append(_Row(row.line, goal, names))
    if not errors and not roots:
        errors.append("filen har inga mål")
    if errors:
        raise GoalsFileError(errors)
    return roots


def _parent(seen: list[_Row], name: str) -> _Row | None:
    """The nearest row above named `name` (as exported, by title, or by number)."""
    wanted = _norm(name)
    if not wanted:
        return None
    return next((r for r in reversed(seen) if wanted in r.names), None)
