"""What an indicator's printed values say: numbers, targets met, gender against total.

Each printed value is read once (`reading`, cached: the same few values recur across
a report and an archive) and every rule works on the readings.
"""

from __future__ import annotations

from store.check.plain import PIndicator
from store.check.reading import Reading, reading
from store.values import ValueKind

# Value columns that must hold numbers. KF:s årsmål is the city's column: its words
# ("Tas fram av nämnd/styrelse") are the city's, not the author's to fix.
NUMERIC_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "forecast", "target")
# Every value column that is read, in this order: Readings are indexed by it.
READ_FIELDS = (*NUMERIC_FIELDS, "kf_target")
OUTCOME, MEN, WOMEN, PREVIOUS, FORECAST, TARGET, KF_TARGET = range(7)
_COUNT_UNITS = ("st", "st.", "stycken", "antal")


def readings(ind: PIndicator) -> list[Reading]:
    return [reading(getattr(ind, f)) for f in READ_FIELDS]


def expects_numbers(ind: PIndicator, rd: list[Reading]) -> bool:
    """By its unit, or, with no unit, by another of its values being a number."""
    return bool(ind.unit.strip()) or any(
        rd[i].kind == ValueKind.NUMBER for i in range(len(NUMERIC_FIELDS))
    )


def not_a_number(r: Reading, text: str, unit: str) -> str | None:
    """Why a value that should be a number is not; None when it is one (or is empty)."""
    if r.error is not None:
        return r.error
    if r.kind != ValueKind.TEXT:
        return None
    by = f"indikatorn mäts i {unit.strip()}" if unit.strip() else "indikatorns övriga värden är tal"
    return f"«{text.strip()}» är inget tal ({by})"


def _is_target(r: Reading) -> bool:
    return r.number is not None and r.kind in (ValueKind.NUMBER, ValueKind.RANGE)


def has_target(rd: list[Reading]) -> bool:
    """Årsmål or KF:s årsmål is a number or a range."""
    return _is_target(rd[TARGET]) or _is_target(rd[KF_TARGET])


def meets(ind: PIndicator, rd: list[Reading], fields: tuple[int, ...]) -> bool | None:
    """Whether the first of `fields` (indexes) holding a number meets the target.

    The target is Årsmål, or KF:s årsmål where Årsmål is not a number; a range
    ("+/-1 %") is met within it. Direction-aware: for Sjukfrånvaro lower is better.
    None when it cannot be told (no value, no target, direction unknown).
    """
    value = next((rd[f].number for f in fields if rd[f].kind == ValueKind.NUMBER), None)
    if value is None:
        return None
    for t in (rd[TARGET], rd[KF_TARGET]):
        if not _is_target(t):
            continue
        assert t.number is not None
        if t.kind == ValueKind.RANGE:
            return abs(value) <= t.number
        if ind.direction == "higher":
            return value >= t.number
        if ind.direction == "lower":
            return value <= t.number
        return None
    return None


def gender_conflict(ind: PIndicator, rd: list[Reading]) -> str | None:
    """Why the total cannot be right given both gender values; None when it can."""
    total, men, women = rd[OUTCOME], rd[MEN], rd[WOMEN]
    if not (total.kind == men.kind == women.kind == ValueKind.NUMBER):
        return None
    t, m, w = total.number, men.number, women.number
    assert t is not None and m is not None and w is not None
    given = f"män/pojkar {ind.outcome_men.strip()} och kvinnor/flickor {ind.outcome_women.strip()}"
    if ind.unit.strip().casefold() in _COUNT_UNITS or ind.name.casefold().startswith("antal"):
        if abs(t - (m + w)) > total.rounding + men.rounding + women.rounding:
            return f"Periodens utfall {ind.outcome.strip()} är inte summan av {given}"
        return None
    slack = total.rounding + max(men.rounding, women.rounding)
    if t < min(m, w) - slack or t > max(m, w) + slack:
        return (
            f"Periodens utfall {ind.outcome.strip()} ligger utanför {given}: en andel eller "
            "ett medelvärde för alla ligger mellan de två"
        )
    return None
