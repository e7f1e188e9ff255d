"""Import of indicator values from a CSV in the export's own format.

`plan` reads the file against the report and returns the edits, the rows it could not
match, the cells that changed in the file since the CSV was exported and the problems
that stop the import; nothing is written. The caller hands the edits to the store in one
transaction (store.versions.update_if_unchanged): all or nothing.

- **Which report.** The export's Rapport column names the report; rows from another
  report are refused unless `from_other_report`, and are then matched by name.
- **Which indicator.** A row with an Indikator-id is that indicator. A row without one (an
  older export, a file made by hand, a row from another report) is matched by Mål and
  Indikator, and only where that names exactly one indicator: two of the same name
  under one goal are refused, never paired up by position.
- **Any size.** The rows are read once, one at a time (exports/csvfmt.py streams them);
  the errors and the unmatched rows are kept to the first `SHOWN` of each and a count,
  so a file of a million rows that match nothing plans in the memory of a small one.
- **What changed since.** With a Version column, each row's values as exported are rebuilt
  from the file's history. A cell the CSV leaves as exported is never written back; a
  cell that changed in the file since is listed in `stale`, and the caller refuses the
  import unless forced. Without one (old format) a differing cell is written, as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from exports.csvfmt import CsvFile, CsvRow
from exports.lines import SHOWN, Capped, LineSet, count_text
from exports.tables import (
    ID_COLUMN,
    REPORT_COLUMN,
    TRACKING_COLUMNS,
    VERSION_COLUMN,
    goal_ref,
    previous_label,
    report_name,
    walk,
)
from store.models import INDICATOR_VALUE_FIELDS, Change, Goal, Indicator, ReportDocument
from store.values import without_invisible

KEY_COLUMNS = ("Mål", "Indikator")

# indicator id, version → the indicator's recorded changes after that version, oldest first
History = Callable[[int, int], list[Change]]


@dataclass
class Edit:
    line: int
    goal: Goal
    indicator: Indicator
    field: str
    column: str  # the column's heading, as in the file
    old: str  # in the file now
    new: str


@dataclass
class Stale:
    """A cell that changed in the file after the CSV was exported."""

    line: int
    goal: Goal
    indicator: Indicator
    column: str
    exported: str  # in the file when the CSV was exported
    now: str  # in the file now
    csv: str  # in the CSV

    @property
    def overwrites(self) -> bool:
        """Whether the CSV changed it too, so that a forced import writes the CSV's value."""
        return self.csv != self.exported

    @property
    def where(self) -> str:
        return f"{goal_ref(self.goal)} › {self.indicator.name} › {self.column}"


def _errors() -> Capped:
    return Capped(lambda n: f"… och {count_text(n)} fel till")


def _unmatched() -> Capped:
    return Capped(lambda n: f"… och {count_text(n)} rader till som inte hittades")


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    # The first SHOWN lines, then one saying how many more; `.total` counts them all.
    unmatched: Capped = field(default_factory=_unmatched)  # "rad 4: mål 'X', indikator 'Y'"
    errors: Capped = field(default_factory=_errors)  # "rad 3, kolumn 'Årsmål': reason"
    stale: list[Stale] = field(default_factory=list)

    def store_edits(self) -> list[tuple[str, int, str, str]]:
        return [("indicator", e.indicator.id, e.field, e.new) for e in self.edits]  # type: ignore[misc]

    def touched(self) -> set[int]:
        """The indicators the edits write to."""
        return {e.indicator.id for e in self.edits}  # type: ignore[misc]


def column_fields(year: int) -> dict[str, str]:
    """Column heading → indicator field; 'Utfall VB 2022' and 'Utfall föregående år' both work."""
    cols = {label: f for f, label in INDICATOR_VALUE_FIELDS.items()}
    cols[previous_label(year)] = "previous"
    return cols


def _norm(text: str) -> str:
    return " ".join(without_invisible(text).split()).casefold()


def same_name(a: str, b: str) -> bool:
    """Names as a spreadsheet may have touched them: case and spacing do not count."""
    return _norm(a) == _norm(b)


def goal_names(goal: Goal) -> set[str]:
    """What a `Mål` cell may say for this goal: as exported, its title, or its number."""
    names = {_norm(goal.label), _norm(goal.title)}
    if goal.code:
        names.add(_norm(goal.code))
    return names


def lines_text(lines: list[int] | LineSet) -> str:
    """'rad 4', 'rad 4 och 5', 'rad 2–95', 'rad 2, 5, 9–12'."""
    if not isinstance(lines, LineSet):
        lines = LineSet(lines)
    return lines.text()


def plan(
    doc: ReportDocument,
    csv_file: CsvFile,
    *,
    versions: Mapping[int, int] | None = None,
    history: History | None = None,
    force: bool = False,
    from_other_report: bool = False,
) -> Plan:
    """What importing `csv_file` into `doc` would do.

    `versions` (store.versions.indicator_versions) and `history` (store.versions.
    changes_since) are the file's; left out, the file is taken to have no history.
    `force` plans the CSV's own changes also where the file changed since the export.
    """
    planner = _Planner(doc, csv_file, versions or {}, history or (lambda i, v: []), force)
    planner.run(from_other_report)
    return planner.result


class _Planner:
    def __init__(
        self,
        doc: ReportDocument,
        csv_file: CsvFile,
        versions: Mapping[int, int],
        history: History,
        force: bool,
    ) -> None:
        self.doc, self.csv, self.versions, self.history = doc, csv_file, versions, history
        self.force = force
        self.result = Plan()
        self.cols = column_fields(doc.report.year)
        self.report = report_name(doc.report)
        self.by_id = {i.id: (g, i) for g, _ in walk(doc.goals) for i in g.indicators}
        self.goals_by_name: dict[str, list[Goal]] = defaultdict(list)
        for g, _ in walk(doc.goals):
            for name in goal_names(g):
                self.goals_by_name[name].append(g)
        self.taken: dict[int, int] = {}  # indicator id → the line that matched it
        # An indicator named more than once under its goal (the goals' ids, its name) →
        # the first cells naming it, how many there are, and the lines naming it.
        self.ambiguous: dict[tuple[tuple[int, ...], str], tuple[str, str, int, LineSet]] = {}
        # Another report's name → the lines that carry it (the first SHOWN names).
        self.foreign: dict[str, LineSet] = {}
        self.foreign_more = 0  # rows naming yet other reports
        self.row_errors = _errors()  # kept apart: a file from another report shows none

    @property
    def errors(self) -> Capped:
        return self.result.errors

    def run(self, from_other_report: bool) -> None:
        if not self.check_headers():
            return
        # One pass, one row at a time: the rows are not kept.
        try:
            for row in self.csv.rows:
                if not self.check_length(row):
                    continue
                foreign = self.check_foreign(row)
                if foreign and not from_other_report:
                    continue  # the import is refused below; matching would only add noise
                self.row(row, by_id=not foreign)
        except ValueError as exc:  # the file changed since it was checked
            self.errors.append(str(exc))
        except OSError as exc:  # a network drive gone mid-read
            self.errors.append(f"kunde inte läsa filen: {exc.strerror or exc}")
        if self.foreign and not from_other_report:
            for name, lines in self.foreign.items():
                self.errors.append(
                    f"{lines.text()}: CSV-filen är exporterad från rapporten {name!r}, "
                    f"inte från {self.report!r}; med --from-other-report läses den in ändå "
                    "(raderna matchas då på Mål och Indikator)"
                )
            if self.foreign_more:
                self.errors.append(f"… och {self.foreign_more} rader till från andra rapporter")
            self.result.edits.clear()
            self.result.stale.clear()
            self.result.unmatched = _unmatched()
            return
        self.errors.merge(self.row_errors)
        for goal_cell, name_cell, count, lines in self.ambiguous.values():
            self.errors.append(
                f"{lines.text()}: mål {goal_cell!r}, indikator {name_cell!r}: "
                f"{count} indikatorer under målet heter så, och "
                "namnet ensamt säger inte vilken raden gäller (det gör kolumnen "
                f"{ID_COLUMN} i en export från den här rapporten)"
            )

    def check_headers(self) -> bool:
        headers = self.csv.headers
        for key in KEY_COLUMNS:
            if key not in headers:
                self.errors.append(
                    f"rad 1: kolumnen {key!r} saknas (rubriker: {', '.join(headers)})"
                )
        seen: set[str] = set()
        for h in headers:
            if h in seen:
                self.errors.append(f"rad 1, kolumn {h!r}: kolumnen finns två gånger")
            seen.add(h)
            if h not in self.cols and h not in KEY_COLUMNS and h not in TRACKING_COLUMNS:
                known = [*KEY_COLUMNS, *(c for c in self.cols if c != "Utfall föregående år")]
                self.errors.append(
                    f"rad 1, kolumn {h!r}: okänd kolumn; kolumner som går: "
                    f"{', '.join([*known, *TRACKING_COLUMNS])}"
                )
        return not self.errors

    def check_length(self, row: CsvRow) -> bool:
        n = len(self.csv.headers)
        if len(row.cells) != n:
            self.errors.append(
                f"rad {row.line}: {len(row.cells)} värden, men filen har {n} kolumner"
            )
            return False
        return True

    def cell(self, row: CsvRow, heading: str) -> str:
        headers = self.csv.headers
        return row.cells[headers.index(heading)] if heading in headers else ""

    def check_foreign(self, row: CsvRow) -> bool:
        """Whether the row names another report (noted in `foreign`)."""
        name = self.cell(row, REPORT_COLUMN).strip()
        if not name or same_name(name, self.report):
            return False
        if name in self.foreign:
            self.foreign[name].add(row.line)
        elif len(self.foreign) < SHOWN:
            self.foreign[name] = LineSet([row.line])
        else:
            self.foreign_more += 1
        return True

    def row(self, row: CsvRow, *, by_id: bool) -> None:
        id_text = self.cell(row, ID_COLUMN).strip() if by_id else ""
        found = self.match_id(row, id_text) if id_text else self.match_name(row)
        if found is None:
            return
        goal, ind = found
        if ind.id in self.taken:
            self.row_errors.append(
                f"{lines_text([self.taken[ind.id], row.line])} gäller samma indikator "  # type: ignore[index]
                f"({goal_ref(goal)} › {ind.name}); ta bort den ena"
            )
            return
        self.taken[ind.id] = row.line  # type: ignore[index]
        exported = self.as_exported(row, ind) if id_text else {}
        if exported is None:
            return
        if id_text:
            name_cell = self.cell(row, "Indikator")
            names = {_norm(ind.name), _norm(exported.get("name", ind.name))}
            if _norm(name_cell) not in names:
                self.row_errors.append(
                    f"rad {row.line}, kolumn 'Indikator': indikatorn med id {ind.id} heter "
                    f"{ind.name!r} i rapporten, inte {name_cell!r}; en import byter inte namn"
                )
                return
        self.cells(row, goal, ind, exported)

    def match_id(self, row: CsvRow, id_text: str) -> tuple[Goal, Indicator] | None:
        try:
            ind_id = int(id_text)
        except ValueError:
            self.row_errors.append(
                f"rad {row.line}, kolumn {ID_COLUMN!r}: {id_text!r} är inget id (ett heltal)"
            )
            return None
        found = self.by_id.get(ind_id)
        if found is None:
            self.result.unmatched.append(
                f"rad {row.line}: mål {self.cell(row, 'Mål')!r}, indikator "
                f"{self.cell(row, 'Indikator')!r} (id {ind_id}) finns inte i rapporten "
                "(borttagen efter exporten?)"
            )
        return found

    def match_name(self, row: CsvRow) -> tuple[Goal, Indicator] | None:
        goal_cell, name_cell = self.cell(row, "Mål"), self.cell(row, "Indikator")
        goals = {g.id: g for g in self.goals_by_name.get(_norm(goal_cell), [])}
        found = [
            (g, i)
            for g in goals.values()
            for i in g.indicators
            if _norm(i.name) == _norm(name_cell)
        ]
        if not found:
            self.result.unmatched.append(
                f"rad {row.line}: mål {goal_cell!r}, indikator {name_cell!r}"
            )
            return None
        if len(found) > 1:
            key = (tuple(goals), _norm(name_cell))
            if key not in self.ambiguous:
                self.ambiguous[key] = (goal_cell, name_cell, len(found), LineSet())
            self.ambiguous[key][3].add(row.line)
            return None
        return found[0]

    def as_exported(self, row: CsvRow, ind: Indicator) -> dict[str, str] | None:
        """Field → its value when the CSV was exported, for the fields changed since.

        None (with an error) when the row's version cannot be read or is not this file's.
        """
        if VERSION_COLUMN not in self.csv.headers:
            return {}
        text = self.cell(row, VERSION_COLUMN).strip()
        if not text.isdigit():
            self.row_errors.append(
                f"rad {row.line}, kolumn {VERSION_COLUMN!r}: {text!r} är ingen version (ett "
                "heltal som exporten skrev); exportera på nytt"
            )
            return None
        version, now = int(text), self.versions.get(ind.id, 0)  # type: ignore[arg-type]
        exported: dict[str, str] = {}
        if version < now:
            for change in self.history(ind.id, version):  # type: ignore[arg-type]
                exported.setdefault(change.field, change.old or "")
        elif version > now and not self.force:
            self.row_errors.append(
                f"rad {row.line}: {ind.name!r} har version {version} i CSV-filen, men den här "
                f"filens historik har bara version {now}: CSV-filen kommer från en annan fil. "
                "--force läser in den ändå (utan att kunna se vad som ändrats sedan exporten)"
            )
            return None
        return exported

    def cells(self, row: CsvRow, goal: Goal, ind: Indicator, exported: dict[str, str]) -> None:
        for h, value in zip(self.csv.headers, row.cells, strict=True):
            f = self.cols.get(h)
            if f is None:
                continue
            now = getattr(ind, f)
            if value == now:
                continue
            was = exported.get(f, now)
            if was != now:  # changed in the file since the export
                self.result.stale.append(Stale(row.line, goal, ind, h, was, now, value))
                if value == was:
                    continue  # the CSV left it as exported: never written back
            try:
                checked = Indicator.model_validate({**ind.model_dump(), f: value})
            except ValidationError as exc:
                reason = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
                self.row_errors.append(f"rad {row.line}, kolumn {h!r}: {reason}")
                continue
            if was != now and not self.force:
                continue
            new = getattr(checked, f)  # as the store keeps it (invisible characters out)
            if new != now:
                self.result.edits.append(Edit(row.line, goal, ind, f, h, now, new))
