"""Swedish values: the forms reports print, and properties with an oracle drawn by meaning."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from store.models import Indicator
from store.values import ParsedValue, ValueError_, ValueKind, format_number, parse_value
from tests.helpers.values import (
    FORMULAS,
    UNITS,
    Number,
    decimal_points,
    numbers,
    other_script_digit,
    phrase_variants,
    thousands_points,
    unknown_units,
    with_invisible,
    words,
)
from tui.labels import value_text

# Every form of value printed in the sample report, and what it must parse to.
SEED_FORMS = [
    ("98,1 %", ValueKind.NUMBER, Decimal("98.1"), "%"),
    ("85 %", ValueKind.NUMBER, Decimal("85"), "%"),
    ("87", ValueKind.NUMBER, Decimal("87"), None),
    ("4 st", ValueKind.NUMBER, Decimal("4"), "st"),
    ("1,8 kg CO2 per kg livsmedel", ValueKind.NUMBER, Decimal("1.8"), "kg CO2 per kg livsmedel"),
    ("+/-1 %", ValueKind.RANGE, Decimal("1"), "%"),
    ("Tas fram av nämnd/styrelse", ValueKind.TEXT, None, None),
    ("", ValueKind.EMPTY, None, None),
    ("-5,4", ValueKind.NUMBER, Decimal("-5.4"), None),
    ("\u22125,4", ValueKind.NUMBER, Decimal("-5.4"), None),  # U+2212 minus sign
    ("\u20135,4", ValueKind.NUMBER, Decimal("-5.4"), None),  # en dash as minus
    ("0,0", ValueKind.NUMBER, Decimal("0.0"), None),
    ("59 737 509", ValueKind.NUMBER, Decimal("59737509"), None),
    ("59\u00a0737\u00a0509 kr", ValueKind.NUMBER, Decimal("59737509"), "kr"),
    ("312,2", ValueKind.NUMBER, Decimal("312.2"), None),
]


@pytest.mark.parametrize(("text", "kind", "number", "unit"), SEED_FORMS)
def test_seed_forms(text: str, kind: ValueKind, number: Decimal | None, unit: str | None) -> None:
    assert parse_value(text) == ParsedValue(text, kind, number, unit)


@pytest.mark.parametrize("text", ["12.5", "1,2,3", "5 =SUM(A1)", "-", "+", "98,1 %\n", "1\x1b[31m"])
def test_refused_with_reason(text: str) -> None:
    with pytest.raises(ValueError_) as exc:
        parse_value(text)
    assert str(exc.value)


# -- properties with an oracle: the value is drawn by meaning, then written (issue 17) ----


def _typed(text: str, unit: str = "%") -> str:
    """`text` as the store keeps it, typed into an indicator whose unit is `unit`."""
    return Indicator(name="Andel", outcome=text, unit=unit).outcome


@given(numbers())
def test_a_swedish_number_parses_to_its_number_and_unit(value: Number) -> None:
    assert parse_value(value.text) == ParsedValue(
        value.text, ValueKind.NUMBER, value.number, value.unit
    )
    assert _typed(value.text) == value.text  # typed, it is kept as written


@given(numbers(units=False), st.sampled_from(UNITS), st.sampled_from(["+/-", "+/\u2212"]))
def test_a_tolerance_parses_as_a_range_not_a_number(value: Number, unit: str, sign: str) -> None:
    size = abs(value.number)
    text = f"{sign}{format_number(size)} {unit}"
    assert parse_value(text) == ParsedValue(text, ValueKind.RANGE, size, unit)


@given(decimal_points())
def test_a_decimal_point_is_read_as_the_comma(typed: tuple[str, str, Decimal]) -> None:
    text, stored, number = typed
    assert _typed(text) == stored
    assert parse_value(stored).number == number


@given(thousands_points())
def test_a_point_before_three_digits_is_refused_it_could_be_thousands(text: str) -> None:
    with pytest.raises(ValidationError, match="decimalkomma"):
        _typed(text)


@given(numbers().flatmap(lambda v: st.tuples(st.just(v), with_invisible(v.text))))
def test_invisible_characters_are_taken_out_of_a_typed_value(pair: tuple[Number, str]) -> None:
    value, pasted = pair
    assert _typed(pasted) == value.text
    # Read as it is, a value holding one is refused, and says which.
    with pytest.raises(ValueError_, match="osynligt tecken"):
        parse_value(pasted)


@given(other_script_digit())
def test_digits_of_another_script_are_refused(pair: tuple[str, str]) -> None:
    text, digit = pair
    with pytest.raises(ValueError_) as exc:
        parse_value(text)
    assert "annan sorts siffra" in str(exc.value) and repr(digit) in str(exc.value)
    with pytest.raises(ValidationError, match="annan sorts siffra"):
        _typed(text)


@given(numbers(units=False), unknown_units)
def test_a_word_that_is_no_unit_is_refused_after_a_number(value: Number, word: str) -> None:
    text = f"{value.text} {word}"
    with pytest.raises(ValueError_, match="ingen enhet"):
        parse_value(text)


@given(numbers(units=False), st.sampled_from(FORMULAS), st.sampled_from(["", " "]))
def test_a_formula_behind_a_number_is_refused(value: Number, formula: str, gap: str) -> None:
    with pytest.raises(ValueError_):
        parse_value(f"{value.text}{gap}{formula}")
    with pytest.raises(ValidationError):
        _typed(f"{value.text}{gap}{formula}")


@given(st.sampled_from(FORMULAS))
def test_a_formula_is_refused_where_a_number_goes(formula: str) -> None:
    with pytest.raises(ValidationError, match="inget tal"):
        _typed(formula)


@given(phrase_variants())
def test_the_phrases_reports_use_are_taken_where_a_number_goes(phrase: str) -> None:
    assert parse_value(phrase).kind == ValueKind.TEXT
    assert _typed(phrase) == phrase


@given(words)
def test_other_words_are_refused_where_a_number_goes_and_say_so(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _typed(text)
    assert "inget tal" in str(exc.value) and repr(text) in str(exc.value)
    assert _typed(text, unit="") == text  # an indicator whose unit is no number takes words


@given(numbers())
def test_a_stored_value_shown_and_typed_again_is_the_same_value(value: Number) -> None:
    stored = _typed(value.text)
    shown = value_text("outcome", stored)  # as the workbench and history show it
    assert _typed(shown) == stored
    parsed = parse_value(shown)
    assert (parsed.number, parsed.unit) == (value.number, value.unit)
    # Printed anew the report's way (format_number), it reads back the same.
    again = format_number(parsed.number) + (f" {parsed.unit}" if parsed.unit else "")
    assert (parse_value(again).number, parse_value(again).unit) == (value.number, value.unit)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=1, allow_nan=False))
def test_format_then_parse_round_trips(number: Decimal) -> None:
    assert parse_value(format_number(number, 1)).number == number.quantize(Decimal("0.1"))


def test_format_number_swedish() -> None:
    assert format_number(Decimal("-1234567.5")) == "-1 234 567,5"
    assert format_number(Decimal("5.4"), 1) == "5,4"
