"""What an indicator's printed values say: numbers, targets met, gender against total."""

from __future__ import annotations

from decimal import Decimal

from store.check.economy import amount, parsed
from store.check.plain import PIndicator
from store.values import ValueKind

# Value columns that must hold numbers. KF:s årsmål is the city's column: its words
# ("Tas fram av nämnd/styrelse") are the city's, not the author's to fix.
NUMERIC_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "forecast", "target")
_COUNT_UNITS = ("st", "st.", "stycken", "antal")


def number(text: str) -> Decimal | None:
    try:
        v = parsed(text)
    except ValueError:
        return None
    return v.number if v.kind == ValueKind.NUMBER else None


def expects_numbers(ind: PIndicator) -> bool:
    """By its unit, or, with no unit, by another of its values being a number."""
    return bool(ind.unit.strip()) or any(
        number(getattr(ind, f)) is not None for f in NUMERIC_FIELDS
    )


def not_a_number(text: str, unit: str) -> str | None:
    """Why a value that should be a number is not; None when it is one (or is empty)."""
    try:
        v = parsed(text)
    except ValueError as exc:
        return str(exc)
    if v.kind in (ValueKind.EMPTY, ValueKind.NUMBER, ValueKind.RANGE):
        return None
    by = f"indikatorn mäts i {unit.strip()}" if unit.strip() else "indikatorns övriga värden är tal"
    return f"«{text.strip()}» är inget tal ({by})"


def has_target(ind: PIndicator) -> bool:
    """Årsmål or KF:s årsmål is a number or a range."""
    return any(_target(getattr(ind, f)) is not None for f in ("target", "kf_target"))


def _target(text: str) -> tuple[ValueKind, Decimal] | None:
    try:
        t = parsed(text)
    except ValueError:
        return None
    if t.number is None or t.kind not in (ValueKind.NUMBER, ValueKind.RANGE):
        return None
    return t.kind, t.number


def meets(ind: PIndicator, fields: tuple[str, ...]) -> bool | None:
    """Whether the first of `fields` holding a number meets the target.

    The target is Årsmål, or KF:s årsmål where Årsmål is not a number; a range
    ("+/-1 %") is met within it. Direction-aware: for Sjukfrånvaro lower is better.
    None when it cannot be told (no value, no target, direction unknown).
    """
    value = next((v for f in fields if (v := number(getattr(ind, f))) is not None), None)
    if value is None:
        return None
    for f in ("target", "kf_target"):
        if (t := _target(getattr(ind, f))) is None:
            continue
        kind, target = t
        if kind == ValueKind.RANGE:
            return abs(value) <= target
        if ind.direction == "higher":
            return value >= target
        if ind.direction == "lower":
            return value <= target
        return None
    return None


def gender_conflict(ind: PIndicator) -> str | None:
    """Why the total cannot be right given both gender values; None when it can."""
    values = [amount(getattr(ind, f)) for f in ("outcome", "outcome_men", "outcome_women")]
    if any(v is None for v in values):
        return None
    (total, t_slack), (men, m_slack), (women, w_slack) = values  # type: ignore[misc]
    given = f"män/pojkar {ind.outcome_men.strip()} och kvinnor/flickor {ind.outcome_women.strip()}"
    if ind.unit.strip().casefold() in _COUNT_UNITS or ind.name.casefold().startswith("antal"):
        if abs(total - (men + women)) > t_slack + m_slack + w_slack:
            return f"Periodens utfall {ind.outcome.strip()} är inte summan av {given}"
        return None
    slack = t_slack + max(m_slack, w_slack)
    if total < min(men, women) - slack or total > max(men, women) + slack:
        return (
            f"Periodens utfall {ind.outcome.strip()} ligger utanför {given}: en andel eller "
            "ett medelvärde för alla ligger mellan de två"
        )
    return None
