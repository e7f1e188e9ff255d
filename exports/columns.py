"""What a table's columns hold, by their headings: numbers, dates or text.

Light (no models, no openpyxl), so the whole-archive export can use it too. Markdown
right-aligns the number columns; Excel stores their values as numbers and the date
columns as dates. Everything else, names and titles included, stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from store.terms import INDICATOR_VALUE_FIELDS, NUMERIC_INDICATOR_FIELDS

NUMERIC_HEADINGS = frozenset(INDICATOR_VALUE_FIELDS[f] for f in NUMERIC_INDICATOR_FIELDS)
DATE_HEADINGS = frozenset({"Startdatum", "Slutdatum"})


def column_kinds(key: str, headers: Sequence[str]) -> list[str]:
    """'number', 'date' or 'text' per column of a table (`key`: goals, indicators,
    activities, or an economy table's key: every column after the labels is amounts)."""
    if key in ("goals", "indicators", "activities"):
        return [
            "number"
            if h in NUMERIC_HEADINGS or h.startswith("Utfall VB ")
            else "date"
            if h in DATE_HEADINGS
            else "text"
            for h in headers
        ]
    return ["text"] + ["number"] * (len(headers) - 1)


def numeric_columns(key: str, headers: Sequence[str]) -> list[bool]:
    return [k == "number" for k in column_kinds(key, headers)]
