"""Swedish number parsing: the one place that reads values as the report prints them.

A value keeps its printed text; where it parses it also has a Decimal and a unit.
Forms seen in reports: ``98,1 %``, ``4 st``, ``1 234``, ``-5,4``, ``−5,4`` (U+2212),
``1,8 kg CO2 per kg livsmedel``, ``+/-1 %``, ``Tas fram av nämnd/styrelse``, and empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class ValueKind(StrEnum):
    EMPTY = "empty"
    NUMBER = "number"
    RANGE = "range"  # "+/-1 %": a tolerance, not a signed number
    TEXT = "text"  # words in place of a number


class ValueError_(ValueError):
    """A typed value that is neither a Swedish number nor words."""


# Minus signs a report or a keyboard may produce: hyphen-minus, U+2212, en dash.
_MINUS = "-\u2212\u2013"
# Thousands separators: space, no-break space, narrow no-break space.
_SPACES = " \u00a0\u202f"
_NUMBER = re.compile(
    rf"^(?P<sign>[{_MINUS}+])?\s?(?P<int>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)"
    rf"(?:,(?P<frac>\d+))?(?:\s*(?P<pct>%)|\s+(?P<unit>\S.*))?$"
)
_RANGE = re.compile(rf"^\+/[{_MINUS}]\s?(?P<num>\d+(?:,\d+)?)\s*(?P<unit>\S.*)?$")
_UNIT = re.compile(r"^[^\d\s=+@][^\n\r\t]*$")


@dataclass(frozen=True)
class ParsedValue:
    text: str
    kind: ValueKind
    number: Decimal | None = None
    unit: str | None = None


def parse_value(text: str) -> ParsedValue:
    """Read a printed value. Raises ValueError_ with a reason when it cannot be one."""
    if any(c in text for c in "\n\r\t") or any(ord(c) < 32 for c in text):
        raise ValueError_("ett värde får inte innehålla radbrytningar eller styrtecken")
    s = text.strip()
    if not s:
        return ParsedValue(text, ValueKind.EMPTY)
    if m := _RANGE.match(s):
        unit = m["unit"]
        if unit is not None and not _UNIT.match(unit):
            raise ValueError_(f"okänd enhet {unit!r}")
        return ParsedValue(text, ValueKind.RANGE, _decimal(m["num"], None), unit)
    if m := _NUMBER.match(s):
        unit = m["pct"] or m["unit"]
        if unit is not None and not _UNIT.match(unit):
            raise ValueError_(f"{text!r} är inget tal: skriv t.ex. 98,1 % eller 1 234")
        number = _decimal(m["int"], m["frac"])
        if m["sign"] and m["sign"] != "+":
            number = -number
        return ParsedValue(text, ValueKind.NUMBER, number, unit)
    if s[0].isdigit() or s[0] in _MINUS + "+.,":
        raise ValueError_(
            f"{text!r} är inget tal: använd decimalkomma (98,1) och mellanslag som tusentalsavgränsare"
        )
    return ParsedValue(text, ValueKind.TEXT)


def _decimal(integer: str, fraction: str | None) -> Decimal:
    digits = "".join(c for c in integer if c.isdigit())
    try:
        return Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits digits only
        raise ValueError_(f"{integer!r} är inget tal") from exc


def format_number(number: Decimal, decimals: int | None = None) -> str:
    """Print a Decimal Swedish style: decimal comma, space between thousands, '-' minus."""
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    out = sign + " ".join(groups)
    return f"{out},{fraction}" if fraction else out
