"""What the export dialog offers (tui.dialogs.export): the goal under the cursor with
everything below it, its tables (the goal's and its descendants' rows, as `tertial export
TABLE --goal` writes them), the economy table in focus, the whole report; and the file
name each gets ("servicenamnden-t2-2023-indikatorer-1-3.xlsx").

Plain data, no Textual: the dialog lays it out, the verb (tui.verbs.export) writes the
choice through the registry (exports.formats).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exports import REPORT

if TYPE_CHECKING:
    from exports.formats import Selection
    from store.models import Goal, Report, ReportDocument
    from tui.widgets.cursor import ExportTarget

# Per table: the dialog's word and the file name's.
TABLE_WORDS = {
    "indicators": ("Indikatorer", "indikatorer"),
    "activities": ("Aktiviteter", "aktiviteter"),
    "goals": ("Måltabellen", "mal"),
}
LABEL_WIDTH = 58  # a choice's label on one line of the dialog at 80 columns


@dataclass(frozen=True)
class Choice:
    key: str  # the dialog's id for it: goal, indicators, activities, goals, economy, report
    label: str
    table: str  # a name in exports.TABLES: what the registry's formats may hold
    goal: int | None = None
    economy: str | None = None  # an economy table's key
    name: str = ""  # the file name after the report's ("indikatorer-1-3"); "": the report

    def selection(self, doc: ReportDocument, dialect: str) -> Selection:
        from exports.formats import Selection

        return Selection(
            table=self.table, doc=doc, goal=self.goal, economy=self.economy, dialect=dialect
        )


def file_part(text: str, limit: int = 40) -> str:
    """Letters and digits of `text` as a file name's part: lower case, å ä ö as a a o,
    everything else a hyphen (safe on Windows and network drives alike)."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return words[:limit].rstrip("-")


def report_stem(report: Report) -> str:
    """'servicenamnden-t2-2023': the organisation, the kind of report, the year."""
    parts = (file_part(report.organisation), report.kind.value.lower(), str(report.year))
    return "-".join(p for p in parts if p) or "rapport"


def file_name(report: Report, choice: Choice, suffix: str) -> str:
    stem = report_stem(report)
    return f"{stem}-{choice.name}{suffix}" if choice.name else f"{stem}{suffix}"


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _goal_part(goal: Goal) -> str:
    return (goal.code or "").replace(".", "-") or file_part(goal.title, 30) or f"mal-{goal.id}"


def choices(doc: ReportDocument, target: ExportTarget | None) -> list[Choice]:
    """What can be exported from where the cursor is, in the dialog's order."""
    from exports.tables import economy_tables, find, selected

    out: list[Choice] = []
    goal = find(doc, target.goal_id) if target and target.goal_id is not None else None
    if goal is not None:
        below = selected(doc, goal.id)
        where = goal.code or "nämndmålet"
        under = " och målen under" if goal.children else ""
        out.append(
            Choice(
                "goal",
                _short(f"{where} med allt under – {goal.title}"),
                REPORT,
                goal.id,
                name=_goal_part(goal),
            )
        )
        counts = {
            "indicators": sum(len(g.indicators) for g, _ in below),
            "activities": sum(len(g.activities) for g, _ in below),
            "goals": len(below),
        }
        for table, (word, part) in TABLE_WORDS.items():
            if counts[table] and (table != "goals" or goal.children):
                label = f"{word} för {where}{under} ({counts[table]} st)"
                out.append(
                    Choice(table, _short(label), table, goal.id, name=f"{part}-{_goal_part(goal)}")
                )
    economy = target.economy if target else None
    for et in economy_tables(doc):
        if et.key == economy:
            title = et.title or et.key
            out.append(
                Choice(
                    "economy",
                    _short(f"Ekonomitabellen {title}"),
                    "economy",
                    economy=et.key,
                    name=file_part(title) or file_part(et.key),
                )
            )
    out.append(Choice("report", "Hela rapporten", REPORT))
    return out


def first_choice(found: list[Choice], target: ExportTarget | None) -> Choice:
    """The choice under the cursor: the table in focus, else the goal, else the report."""
    wanted = target.table if target and target.table != REPORT else "goal"
    return next((c for c in found if c.key == wanted), found[0])
