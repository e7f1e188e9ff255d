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


# Where a value starts decides what it may be: a number's first character, or words.
NUMBER_START = "0123456789-\u2212\u2013+.,"


@given(st.text(max_size=40))
def test_any_text_is_words_a_number_or_refused_for_a_reason(text: str) -> None:
    """Each text has one right answer, decided here without the parser's own rules."""
    s = text.strip()
    try:
        parsed = parse_value(text)
    except ValueError_ as exc:
        assert str(exc)
        # Refused only for a line break or control character, or a number gone wrong
        # (a unit that is no unit, a point for a comma).
        assert any(ord(c) < 32 for c in text) or s[:1].isdigit() or s[:1] in NUMBER_START, text
        return
    assert parsed.text == text  # kept as typed
    assert not any(ord(c) < 32 for c in text)
    if not s:
        assert parsed.kind == ValueKind.EMPTY
    elif s[0].isdigit() or s[0] in NUMBER_START:
        assert parsed.kind in (ValueKind.NUMBER, ValueKind.RANGE) and parsed.number is not None
    else:
        assert parsed.kind == ValueKind.TEXT and parsed.number is None  # words, never refused


MINUS = st.sampled_from(["-", "\u2212", "\u2013"])
GROUP = st.sampled_from([" ", "\u00a0", "\u202f"])
UNIT = st.sampled_from(["%", "st", "kr", "kg CO2 per kg livsmedel", "dagar"])


@given(
    integer=st.integers(0, 10**9),
    decimals=st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=3)),
    minus=st.one_of(st.none(), MINUS),
    group=st.one_of(st.none(), GROUP),
    unit=st.one_of(st.none(), UNIT),
)
def test_a_swedish_number_is_read_as_that_number(
    integer: int, decimals: str | None, minus: str | None, group: str | None, unit: str | None
) -> None:
    """Written as a report prints it (comma, thousands grouped or not, any minus, a unit)."""
    digits = str(integer)
    if group:
        head, rest = digits[: len(digits) % 3 or 3], digits[len(digits) % 3 or 3 :]
        digits = group.join([head, *(rest[i : i + 3] for i in range(0, len(rest), 3))])
    text = f"{minus or ''}{digits}{',' + decimals if decimals else ''}"
    text += f" {unit}" if unit else ""
    parsed = parse_value(text)
    expected = Decimal(f"{integer}.{decimals}" if decimals else str(integer))
    assert parsed.kind == ValueKind.NUMBER
    assert parsed.number == (-expected if minus else expected)
    assert parsed.unit == unit


@given(st.text(min_size=1, max_size=20), st.sampled_from(["\n", "\r", "\t", "\x00", "\x1b"]))
def test_a_line_break_or_control_character_is_always_refused(text: str, bad: str) -> None:
    with pytest.raises(ValueError_) as exc:
        parse_value(text[: len(text) // 2] + bad + text[len(text) // 2 :])
    assert "styrtecken" in str(exc.value)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=1, allow_nan=False))
def test_format_then_parse_round_trips(number: Decimal) -> None:
    assert parse_value(format_number(number, 1)).number == number.quantize(Decimal("0.1"))


def test_format_number_swedish() -> None:
    assert format_number(Decimal("-1234567.5")) == "-1 234 567,5"
    assert format_number(Decimal("5.4"), 1) == "5,4"
