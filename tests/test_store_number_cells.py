"""Where an indicator's unit is a number, its value cells take numbers or the phrases
reports use (store/phrases.py); a decimal point becomes the Swedish comma where it
cannot separate thousands (issue 15, item 9)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from store.errors import InvalidValue
from store.models import Indicator
from store.phrases import PHRASES
from store.store import Store


def _stored(db_path: Path, field: str, row_id: int = 1) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT {field} FROM indicators WHERE id = ?", (row_id,)).fetchone()[0]
    finally:
        conn.close()


def _with_unit(db_path: Path, unit: str) -> None:
    with Store(db_path) as store:
        store.update("indicator", 1, "unit", unit)


@pytest.mark.parametrize("unit", ["%", "st", "kr", "dagar", "kg CO2 per kg livsmedel"])
def test_free_text_is_refused_where_the_unit_is_a_number(db_path: Path, unit: str) -> None:
    _with_unit(db_path, unit)
    before = _stored(db_path, "outcome")
    with Store(db_path) as store, pytest.raises(InvalidValue) as exc:
        store.update("indicator", 1, "outcome", "abc")
    assert exc.value.field == "Periodens utfall"
    assert "'abc' är inget tal" in exc.value.reason and repr(unit) in exc.value.reason
    assert "Tas fram av nämnd/styrelse" in exc.value.reason  # what may stand there instead
    assert _stored(db_path, "outcome") == before


def test_the_phrases_reports_use_are_taken_as_typed(db_path: Path) -> None:
    _with_unit(db_path, "%")
    with Store(db_path) as store:
        for phrase in PHRASES:
            store.update("indicator", 1, "kf_target", phrase)
            assert _stored(db_path, "kf_target") == phrase
        store.update("indicator", 1, "target", "tas fram av  NÄMND/styrelse")  # case, spaces
    assert _stored(db_path, "target") == "tas fram av  NÄMND/styrelse"


def test_words_stand_where_the_indicator_has_no_unit(db_path: Path) -> None:
    _with_unit(db_path, "")
    with Store(db_path) as store:
        store.update("indicator", 1, "outcome", "abc")
    assert _stored(db_path, "outcome") == "abc"


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("5.2", "5,2"), ("-0.75 %", "-0,75 %"), ("1 234.5", "1 234,5"), ("12.3456", "12,3456")],
)
def test_a_decimal_point_is_saved_as_a_comma(db_path: Path, typed: str, saved: str) -> None:
    with Store(db_path) as store:
        change = store.update("indicator", 1, "forecast", typed)
        assert change is not None and change.new == saved
        assert store.get("indicator", 1).parsed("forecast").number is not None
    assert _stored(db_path, "forecast") == saved


def test_a_point_before_three_digits_may_be_thousands_and_is_refused(db_path: Path) -> None:
    before = _stored(db_path, "forecast")
    with Store(db_path) as store, pytest.raises(InvalidValue) as exc:
        store.update("indicator", 1, "forecast", "1.500")
    assert "decimalkomma" in exc.value.reason
    assert _stored(db_path, "forecast") == before


def test_a_new_indicator_with_words_for_a_number_is_refused() -> None:
    with pytest.raises(ValidationError, match="inget tal"):
        Indicator(name="Andel", unit="%", target="mycket")
    assert Indicator(name="Andel", unit="%", kf_target="Tas fram av nämnd").kf_target


def test_older_words_in_a_row_do_not_block_another_field(db_path: Path) -> None:
    _with_unit(db_path, "%")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE indicators SET previous = 'okänt' WHERE id = 1")
    conn.close()
    with Store(db_path) as store:
        store.update("indicator", 1, "outcome", "5,5 %")
        store.update("indicator", 1, "unit", "st")
        with pytest.raises(InvalidValue):
            store.update("indicator", 1, "previous", "fortfarande okänt")
    assert (_stored(db_path, "outcome"), _stored(db_path, "previous")) == ("5,5 %", "okänt")
