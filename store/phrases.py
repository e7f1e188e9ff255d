"""The words reports put where a number goes: the one list of them.

An indicator whose unit is a number (%, st, kr, dagar, ...) takes a number in its
value cells, or one of these phrases, as reports print them ("Tas fram av
nämnd/styrelse" where the city council left the target to the board). Anything else
typed there is refused with the reason (store/models.py). Phrases compare without
regard to case or doubled spaces. A report that uses another phrase: add it here.
"""

from __future__ import annotations

from store.textchecks import checks
from store.units import is_unit
from store.values import ValueKind, parse_value

PHRASES: tuple[str, ...] = (
    "Tas fram av nämnd/styrelse",
    "Tas fram av nämnd",
    "Tas fram av styrelse",
    "Tas fram av nämnden",
    "Tas fram av styrelsen",
    "Tas fram senare",
    "Redovisas i verksamhetsberättelsen",
    "Redovisas i VB",
    "Redovisas vid årets slut",
    "Redovisas vid helår",
    "Redovisas senare",
    "Mäts årligen",
    "Mäts vartannat år",
    "Mäts ej",
    "Mäts inte",
    "Ej mätbart",
    "Ej aktuellt",
    "Ej aktuell",
    "Ej tillämpligt",
    "Uppgift saknas",
    "Utfall saknas",
    "Data saknas",
    "Saknas",
    "Inget utfall",
    "Ingen mätning",
    "Nytt mål",
    "Ny indikator",
)

_KNOWN = frozenset(" ".join(p.split()).casefold() for p in PHRASES)


def is_phrase(text: str) -> bool:
    """Whether `text` is one of the phrases reports use in place of a number."""
    return " ".join(text.split()).casefold() in _KNOWN


def why_not_words(text: str, unit: str) -> str:
    """Why words are refused in a cell that takes a number in `unit`."""
    return (
        f"{text!r} är inget tal, och indikatorns enhet är {unit!r}: skriv ett tal "
        f"(t.ex. 87 eller 87,5) eller en fras som rapporter använder, t.ex. {PHRASES[0]!r} "
        f"eller {PHRASES[6]!r}"
    )


def words_refused(values: dict[str, str], unit: str) -> str | None:
    """Why one of an indicator's value cells (field: text) cannot hold its words, where
    the unit is a number; None when all can. Only the fields being checked count
    (store/textchecks.py): an older value elsewhere in the row does not block a write."""
    if not is_unit(unit):
        return None
    for field, value in values.items():
        if not value.strip() or not checks(field) or is_phrase(value):
            continue
        try:
            kind = parse_value(value).kind
        except ValueError:
            continue  # not a number either: the field's own check says why
        if kind == ValueKind.TEXT:
            return why_not_words(value, unit)
    return None
