from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.values import ParsedValue, ValueError_, ValueKind, format_number, parse_value

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


@given(st.text(max_size=40))
def test_any_text_parses_or_is_refused(text: str) -> None:
    try:
        parsed = parse_value(text)
    except ValueError_ as exc:
        assert str(exc)
    else:
        assert parsed.text == text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=1, allow_nan=False))
def test_format_then_parse_round_trips(number: Decimal) -> None:
    assert parse_value(format_number(number, 1)).number == number.quantize(Decimal("0.1"))


def test_format_number_swedish() -> None:
    assert format_number(Decimal("-1234567.5")) == "-1 234 567,5"
    assert format_number(Decimal("5.4"), 1) == "5,4"
