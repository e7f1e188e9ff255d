"""A printed value read once: what it is, its number, and how much its rounding allows.

Cached: the same few values ("100 %", "0,0") recur across a report and an archive.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from store.values import ValueKind, parse_value


class Reading(NamedTuple):
    kind: ValueKind | None  # None: not a value at all (see error)
    number: Decimal | None
    rounding: Decimal  # half the last printed digit: "98,1" → 0,05
    error: str | None  # why it is not a value


@lru_cache(maxsize=16384)
def reading(text: str) -> Reading:
    try:
        v = parse_value(text)
    except ValueError as exc:
        return Reading(None, None, Decimal(0), str(exc))
    rounding = Decimal(0)
    if v.number is not None:
        exponent = v.number.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        rounding = Decimal(5).scaleb(-decimals - 1)
    return Reading(v.kind, v.number, rounding, None)
