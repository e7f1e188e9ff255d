"""Words and marks the workbench shows: assessments as a symbol *and* a word, never colour alone."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from store.models import NOT_ASSESSED_LABEL, Assessment, Goal, Level
from tui.printable import BIDI_NAMES, printable  # noqa: F401 - re-exported

# symbol, short letter, style
MARKS: dict[Assessment | None, tuple[str, str, str]] = {
    Assessment.HELT: ("●", "H", "green"),
    Assessment.DELVIS: ("◐", "D", "yellow"),
    Assessment.EJ: ("○", "E", "red"),
    None: ("?", "Ej bedömd", "bold black on yellow"),
}

# An indicator's direction (store.terms.Direction) as the author reads it.
DIRECTION_LABELS = {"higher": "högre är bättre", "lower": "lägre är bättre"}

LEVEL_SHORT = {
    Level.INRIKTNINGSMAL: "Inriktningsmål",
    Level.OMRADESMAL: "Områdesmål",
    Level.NAMNDMAL: "Nämndmål",
}


def plain(text: str, *, prose: bool = False) -> Text:
    """A stored text as a Rich Text: printable, and never read as markup."""
    return Text(printable(text, prose=prose))


def mark(assessment: Assessment | None) -> Text:
    """'● H', '◐ D', '○ E' or '? Ej bedömd' (this last one stands out)."""
    symbol, letter, style = MARKS[assessment]
    return Text(f"{symbol} {letter}", style=style)


def mark_long(assessment: Assessment | None) -> Text:
    """'● Uppfylls helt', '? Ej bedömd'."""
    symbol, _, style = MARKS[assessment]
    word = assessment.label if assessment else "Ej bedömd"
    return Text(f"{symbol} {word}", style=style)


def goal_label(goal: Goal) -> str:
    """As the report names a goal: '1. Title', '1.1 Title', or a nämndmål's title."""
    return printable(goal.label)


def _count(level: Level, c: dict[str | None, int], compact: int) -> str:
    h, d, e, n = c.get("helt", 0), c.get("delvis", 0), c.get("ej", 0), c.get(None, 0)
    name = LEVEL_SHORT[level]
    if compact == 0:
        text = f"{name}: {h} helt · {d} delvis · {e} ej"
        return text + (f" · {n} ej bedömda" if n else "")
    if compact == 1:
        return f"{name}: {h} H · {d} D · {e} E" + (f" · {n} ?" if n else "")
    short = {Level.INRIKTNINGSMAL: "Inriktn.", Level.OMRADESMAL: "Områdesm."}.get(level, name)
    return f"{short} {h}H {d}D {e}E" + (f" {n}?" if n else "")


def counts_line(counts: dict[Level, dict[str | None, int]], width: int = 200) -> str:
    """Counts of goals by assessment, nämndmål first, as long as fits in `width`."""
    levels = [Level.NAMNDMAL, Level.OMRADESMAL, Level.INRIKTNINGSMAL]
    text = ""
    for compact in (0, 1, 2):
        parts = [_count(levels[0], counts.get(levels[0], {}), 0)]
        parts += [_count(lvl, counts.get(lvl, {}), compact) for lvl in levels[1:]]
        text = " │ ".join(parts)
        if len(text) <= width:
            return text
    return text


def shorten(text: str, width: int) -> str:
    """The text on one line, printable, cut to `width` cells with an ellipsis."""
    text = " ".join(printable(text).split())
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def local_time(at: str) -> str:
    """A recorded time (ISO, UTC) as the author's local 'YYYY-MM-DD HH:MM'."""
    try:
        when = dt.datetime.fromisoformat(at)
    except ValueError:
        return printable(at)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def value_text(field: str, value: str | None) -> str:
    """A recorded value as the report says it."""
    if field == "assessment":
        try:
            return Assessment(value).label if value else NOT_ASSESSED_LABEL
        except ValueError:
            pass
    elif field == "deviation":
        return "Avvikelse" if value in ("1", "True", "true") else "Ingen avvikelse"
    elif field == "direction" and value in DIRECTION_LABELS:
        return DIRECTION_LABELS[value]
    return "(tomt)" if value in (None, "") else str(value)
