"""Values built from what they mean, for property tests with a real oracle (issue 17).

Each strategy draws the meaning first (a number, a unit, a phrase, a wrong character)
and writes it as a report would, so the test knows what the parser must answer without
asking the parser. Today's rules (store/values.py, store/units.py, store/phrases.py):
decimal comma, thousands in groups of three with a space, a minus sign of three kinds,
a unit of the listed words, a decimal point read as the comma where it cannot separate
thousands, invisible characters taken out of typed values, other scripts' digits refused.
"""

from __future__ import annotations

import string
from decimal import Decimal
from typing import NamedTuple

from hypothesis import strategies as st

from store.phrases import PHRASES, is_phrase
from store.units import UNIT_WORDS
from store.values import format_number

MINUS = ["-", "\u2212", "\u2013"]
THOUSANDS = [" ", "\u00a0", "\u202f"]
# Units as reports write them: one word, or several (a count may follow per/av).
UNITS = sorted(UNIT_WORDS - {"per", "av"}) + [
    "kg CO2 per kg livsmedel",
    "kr/invånare",
    "per 1 000 invånare",
    "kWh/m²",
    "av 10",
    "Kr",
]
# Unicode format characters (invisible) a paste brings along.
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u2060", "\u00ad",
    "\u202a", "\u202e", "\u2066", "\u2069", "\u061c", "\U000e0041",
]  # fmt: skip
# Decimal digits of other scripts: Arabic-Indic, Devanagari, full-width, mathematical.
OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())
LETTERS = string.ascii_letters + "åäöÅÄÖ"
# Formulas a spreadsheet would run (issue 11, item 8).
FORMULAS = [
    "+cmd|' /C calc'!A0",
    "%+cmd|' /C calc'!A0",
    "=1+1",
    "x+3+cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
]


class Number(NamedTuple):
    text: str  # as typed or printed
    number: Decimal
    unit: str | None
    body: int  # how many characters of `text` are the number (sign and digits)


@st.composite
def numbers(draw: st.DrawFn, units: bool = True) -> Number:
    """A number written the Swedish way, with any of the allowed signs and separators."""
    places = draw(st.integers(0, 4))
    limit = 10**9
    n = draw(st.decimals(-limit, limit, places=places, allow_nan=False, allow_infinity=False))
    text = format_number(n).replace(" ", draw(st.sampled_from(THOUSANDS)))
    if n < 0:
        text = draw(st.sampled_from(MINUS)) + text[1:]
    elif draw(st.booleans()):
        text = "+" + text
    body = len(text)
    unit = draw(st.none() | st.sampled_from(UNITS)) if units else None
    if unit is not None:
        right_after = unit in ("%", "‰") and draw(st.booleans())  # "98,1%"
        text += ("" if right_after else draw(st.sampled_from([" ", "\u00a0"]))) + unit
    return Number(text, n, unit, body)


@st.composite
def with_invisible(draw: st.DrawFn, text: str) -> str:
    """`text` with one to three invisible characters put anywhere in it."""
    out = list(text)
    for _ in range(draw(st.integers(1, 3))):
        out.insert(draw(st.integers(0, len(out))), draw(st.sampled_from(INVISIBLE)))
    return "".join(out)


@st.composite
def decimal_points(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    """A number typed with a decimal point where it cannot separate thousands: one, two,
    or four and more decimals. Returns (typed, as stored with the comma, the number)."""
    whole = draw(st.integers(0, 10**6))
    decimals = draw(st.sampled_from([1, 2, 4, 5, 6]))
    frac = "".join(
        draw(st.lists(st.sampled_from(string.digits), min_size=decimals, max_size=decimals))
    )
    negative = draw(st.booleans())
    head = ("-" if negative else "") + format_number(Decimal(whole))
    unit = draw(st.sampled_from(["", " %", "%", " kr", " st"]))
    number = Decimal(f"{'-' if negative else ''}{whole}.{frac}")
    return f"{head}.{frac}{unit}", f"{head},{frac}{unit}", number


@st.composite
def thousands_points(draw: st.DrawFn) -> str:
    """'1.500': a point before three digits could be a thousands separator, so it is refused."""
    whole = draw(st.integers(1, 999))
    frac = "".join(draw(st.lists(st.sampled_from(string.digits), min_size=3, max_size=3)))
    return f"{whole}.{frac}" + draw(st.sampled_from(["", " kr", " %"]))


@st.composite
def other_script_digit(draw: st.DrawFn) -> tuple[str, str]:
    """A Swedish number with one of its digits from another script: (text, that digit)."""
    value = draw(numbers())
    places = [i for i, c in enumerate(value.text[: value.body]) if c in string.digits]
    at = draw(st.sampled_from(places))
    digit = draw(OTHER_DIGITS)
    return value.text[:at] + digit + value.text[at + 1 :], digit


# A word after a number that is no unit.
unknown_units = st.text(LETTERS, min_size=1, max_size=10).filter(
    lambda w: w.casefold() not in UNIT_WORDS
)


@st.composite
def phrase_variants(draw: st.DrawFn) -> str:
    """A phrase from store/phrases.py, its case and spacing changed as authors type it."""
    words = draw(st.sampled_from(PHRASES)).split()
    cased = [w.upper() if draw(st.booleans()) else w.lower() for w in words]
    gaps = [draw(st.sampled_from([" ", "  ", "\u00a0"])) for _ in cased[1:]]
    out = cased[0] + "".join(g + w for g, w in zip(gaps, cased[1:], strict=True))
    return draw(st.sampled_from(["", " "])) + out + draw(st.sampled_from(["", " "]))


# Words in place of a number that are no phrase: they do not start like a number.
words = st.text(LETTERS + " ", min_size=1, max_size=30).filter(
    lambda t: t.strip() and t.strip()[0] in LETTERS and not is_phrase(t)
)
