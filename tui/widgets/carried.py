"""How carried items show (issue 12): the "ej granskad" mark and note, and the previous
report's values of an indicator. Words and marks only; the widgets place them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.labels import printable

if TYPE_CHECKING:
    from store.carried import Origin

# Beside a carried goal in the tree, and before a carried row's name, while any of its
# carried fields is not yet reviewed. A symbol *and* (in the pane) words: never colour alone.
MARK = "◇"
MARK_STYLE = "bold magenta"
UNREVIEWED = "ej granskad"


def note(label: str) -> str:
    """'från T2 2023 · ej granskad', beside an unreviewed text or assessment."""
    return f"från {printable(label)} · {UNREVIEWED}" if label else UNREVIEWED


def mark() -> Text:
    return Text(f"{MARK} ", style=MARK_STYLE)


def previous_line(origin: Origin | None, model: Any, labels: dict[str, str]) -> Text:
    """The line under the indicator table for the row under the cursor: the previous
    report's values ('T2 2023: 87 · Prognos helår 90') and what is not yet reviewed."""
    text = Text()
    if origin is not None:
        item = origin.item
        text.append(f"{printable(origin.label)}: {printable(item.outcome) or '–'}")
        for field in ("forecast", "target"):
            value = getattr(item, field, "")
            if value:
                text.append(f" · {labels.get(field, field)} {printable(value)}")
    marks = sorted(getattr(model, "unreviewed", ()) or ())
    if marks:
        if text:
            text.append(" · ")
        words = ", ".join(labels.get(f, "Analys" if f == "analys" else f) for f in marks)
        text.append(f"{MARK} {UNREVIEWED}: {words}", style=MARK_STYLE)
    return text
