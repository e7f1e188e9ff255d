"""Swedish number parsing: the one place that reads values as the report prints them.

A value keeps its printed text; where it parses it also has a Decimal and a unit.
Forms seen in reports: ``98,1 %``, ``4 st``, ``1 234``, ``-5,4``, ``−5,4`` (U+2212),
``1,8 kg CO2 per kg livsmedel``, ``+/-1 %``, ``Tas fram av nämnd/styrelse``, and empty.

A number is strictly: an optional sign, the digits 0-9 (thousands in groups of three,
separated by a space), an optional decimal comma and decimals, and an optional unit
made of the words in store/units.py. A value that starts like a number (a digit, a
sign, a comma or a point) and is not one is refused with what is wrong with it; other
text is words in place of a number. Invisible characters (zero-width spaces, BOMs,
word joiners, bidi marks: Unicode's format characters) are refused here; the models
remove them before they parse (`without_invisible`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from store.limits import MAX_TEXT_LENGTH
from store.units import EXAMPLES, is_unit, unknown_word


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
_BODY = (
    rf"(?P<int>[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+|[0-9]+)"
    r"(?:,(?P<frac>[0-9]+))?(?P<rest>.*)"
)
_NUMBER = re.compile(rf"(?P<sign>[{_MINUS}+])?\s?{_BODY}", re.DOTALL)
_RANGE = re.compile(rf"\+/[{_MINUS}]\s?{_BODY}", re.DOTALL)

# Unicode's format characters (category Cf): zero-width space and joiners, word joiner,
# BOM, soft hyphen, bidi marks and overrides, tags. Invisible, so a value holding one
# looks like another; tests/test_hostile_core.py checks the list against unicodedata.
INVISIBLE_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)  # the body of a regular-expression character class
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")


def without_invisible(text: str) -> str:
    """`text` with its invisible (format) characters taken out."""
    return INVISIBLE.sub("", text) if INVISIBLE.search(text) else text


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
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError_(f"ett värde får vara högst {MAX_TEXT_LENGTH} tecken")
    s = text.strip()
    if not s:
        return ParsedValue(text, ValueKind.EMPTY)
    if m := INVISIBLE.search(s):
        raise ValueError_(
            f"{text!r} innehåller ett osynligt tecken (U+{ord(m.group()):04X}); "
            "skriv värdet utan det"
        )
    if m := _RANGE.fullmatch(s):
        return ParsedValue(text, ValueKind.RANGE, _decimal(m), _unit(text, m))
    if m := _NUMBER.fullmatch(s):
        unit, number = _unit(text, m), _decimal(m)
        if m["sign"] and m["sign"] in _MINUS:
            number = -number
        return ParsedValue(text, ValueKind.NUMBER, number, unit)
    if looks_like_a_number(s):
        raise ValueError_(_why_not(text, s))
    return ParsedValue(text, ValueKind.TEXT)


# A decimal point typed where Swedish writes a comma: "5.2", "-0.75 %", "1 234.5 kr".
# Three digits after the point could be thousands ("1.500"): that stays refused.
_POINT = re.compile(
    rf"(?P<head>\s*[{_MINUS}+]?\s?(?:[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+|[0-9]+))"
    r"\.(?P<frac>[0-9]{1,2}|[0-9]{4,})(?P<rest>(?:\s.*|[%‰].*)?)",
    re.DOTALL,
)


def decimal_comma(text: str) -> str:
    """`text` with a decimal point made a comma, where it cannot separate thousands."""
    m = _POINT.fullmatch(text)
    return f"{m['head']},{m['frac']}{m['rest']}" if m else text


def looks_like_a_number(s: str) -> bool:
    """Whether a trimmed value starts like a number, so that it must be one."""
    return s[0].isdigit() or s[0] in _MINUS + "+.,"


def _unit(text: str, m: re.Match[str]) -> str | None:
    rest = m["rest"]
    if not rest:
        return None
    unit = rest.strip()
    if rest[0].isspace() and not unit[0].isdigit() and unit[0] not in ".,":
        if is_unit(unit):
            return unit
        raise ValueError_(
            f"{text!r} är inget tal: {unknown_word(unit)!r} är ingen enhet "
            f"(enheter som går är t.ex. {EXAMPLES})"
        )
    if unit[0] in "%‰" and is_unit(unit):
        return unit  # "98,1%": a per cent sign may stand right after the number
    raise ValueError_(_why_not(text, text.strip()))


# The advice for a number written another way (as before issue 11, word for word).
_GENERIC = "{head}: använd decimalkomma (98,1) och mellanslag som tusentalsavgränsare"


def _why_not(text: str, s: str) -> str:
    """What is wrong with a value that starts like a number but is not one."""
    head = f"{text!r} är inget tal"
    if other := next((c for c in s if c.isdigit() and not c.isascii()), None):
        return f"{head}: {other!r} är en annan sorts siffra; skriv siffrorna 0–9"
    signs = re.match(rf"[{_MINUS}+]*", s).group()  # type: ignore[union-attr]
    rest = s[len(signs) :].lstrip()
    if len(signs) > 1:
        return (
            f"{head}: det står {len(signs)} tecken ({signs}) före talet; skriv ett minus "
            "för ett negativt tal (-5) eller +/- för en felmarginal (+/-5)"
        )
    if not rest:
        return f"{head}: bara ett tecken, ingen siffra"
    if rest[0] in ".,":
        return f"{head}: skriv en siffra före decimalkommat (0,5)"
    if not rest[0].isdigit():
        return f"{head}: efter {signs!r} ska en siffra stå"
    body = re.match(rf"[0-9.,]+(?:[{_SPACES}][0-9.,]+)*", rest).group()  # type: ignore[union-attr]
    after = rest[len(body) :]
    if "." in body:  # a decimal point, or a point between thousands
        return _GENERIC.format(head=head)
    if body.count(",") > 1:
        return f"{head}: det har {body.count(',')} decimalkomman; ett tal har högst ett"
    if body.endswith(",") or ", " in body or re.search(rf",[0-9]+[{_SPACES}][0-9]", body):
        return f"{head}: decimalerna står direkt efter decimalkommat (98,1)"
    if re.search(rf"[{_SPACES}]", body):
        return f"{head}: tusental skrivs i grupper om tre siffror med mellanslag (1 234 567)"
    if after and not after[0].isspace():
        unit = after.strip()
        if is_unit(unit):
            return f"{head}: skriv ett mellanslag mellan talet och enheten ({body} {unit})"
        return f"{head}: {unit!r} efter talet är ingen enhet (enheter som går är t.ex. {EXAMPLES})"
    return _GENERIC.format(head=head)


_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date(text: str) -> dt.date:
    """A day written ÅÅÅÅ-MM-DD, as the message asks (fromisoformat alone would also take
    20230630 and 2023-W26-5); ValueError saying why otherwise."""
    if _DAY.fullmatch(text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise ValueError(why_not_a_date(text))


def optional_date(value: Any) -> Any:
    """A date field's value as the models take it: text ÅÅÅÅ-MM-DD a date, blank text
    None, anything else (a date, None) as it is; ValueError saying why otherwise."""
    if isinstance(value, str):
        value = value.strip()
        return parse_date(value) if value else None
    return value


def why_not_a_date(text: str) -> str:
    """Why `text` is no date: a day that does not exist, or not written ÅÅÅÅ-MM-DD."""
    m = _DAY.fullmatch(text.strip())
    if not m:
        return f"{text!r} är inget datum, skriv ÅÅÅÅ-MM-DD"
    year, month, day = (int(g) for g in m.groups())
    head = f"{text!r} är inget datum som finns"
    if year < 1:
        return f"{head}: det finns inget år 0000"
    if not 1 <= month <= 12:
        return f"{head}: det finns ingen månad {month:02d} (01–12)"
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        return f"{head}: dagarna räknas från 01"
    return f"{head}: {_MONTHS[month - 1]} {year} har {days} dagar"


def _decimal(m: re.Match[str]) -> Decimal:
    digits = "".join(c for c in m["int"] if c.isdigit())
    try:
        return Decimal(f"{digits}.{m['frac']}" if m["frac"] else digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
        raise ValueError_(f"{m['int']!r} är inget tal") from exc


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
