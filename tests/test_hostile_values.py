"""Anything typed into a number cell or a date: saved as today's rules say, or refused
in Swedish saying why (issue 11, 17). The values are drawn by meaning (tests/helpers/
values.py), so each example knows its answer without asking the parser."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.errors import InvalidValue
from store.models import NUMERIC_INDICATOR_FIELDS
from store.store import Store
from tests.factories import small_document
from tests.helpers.values import (
    FORMULAS,
    decimal_points,
    numbers,
    other_script_digit,
    phrase_variants,
    thousands_points,
    unknown_units,
    with_invisible,
    words,
)
from tests.test_hostile import SETTINGS, _assert_swedish_refusal, _reloaded


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("values") / "report.db"
    with Store(path, create=True) as store:
        store.add_document(small_document())
    return path


# (typed, what the file holds after it, or None: refused, with these words in the reason)
Typed = tuple[str, str | None, str]
typed_values = st.one_of(
    numbers().map(lambda v: (v.text, v.text, "")),
    numbers().flatmap(lambda v: with_invisible(v.text).map(lambda t: (t, v.text, ""))),
    decimal_points().map(lambda d: (d[0], d[1], "")),
    phrase_variants().map(lambda p: (p, p, "")),
    st.just(("", "", "")),
    thousands_points().map(lambda t: (t, None, "decimalkomma")),
    other_script_digit().map(lambda d: (d[0], None, "annan sorts siffra")),
    st.tuples(numbers(units=False), unknown_units).map(
        lambda p: (f"{p[0].text} {p[1]}", None, "ingen enhet")
    ),
    st.sampled_from(FORMULAS).map(lambda f: (f, None, "inget tal")),
    st.tuples(numbers(units=False), st.sampled_from(FORMULAS)).map(
        lambda p: (p[0].text + p[1], None, "inget tal")
    ),
    words.map(lambda w: (w, None, "inget tal")),
)


@SETTINGS
@given(field=st.sampled_from(NUMERIC_INDICATOR_FIELDS), typed=typed_values)
def test_a_number_cell_saves_what_the_rules_say_or_refuses_saying_why(
    shared_db: Path, field: str, typed: Typed
) -> None:
    value, saved, why = typed
    with Store(shared_db) as store:  # indicator 1's unit is %: its cells take numbers
        before = getattr(store.get("indicator", 1), field)
        try:
            store.update("indicator", 1, field, value)
        except InvalidValue as exc:
            assert saved is None, f"{value!r} refused: {exc}"
            assert why in exc.reason, exc.reason
            _assert_swedish_refusal(exc)
            assert getattr(store.get("indicator", 1), field) == before
            return
    assert saved is not None, f"{value!r} should have been refused ({why})"
    assert _reloaded(shared_db, "indicator", 1, field) == saved


def _ymd(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


# (typed, the date saved, or None: refused with these words)
typed_dates = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)).flatmap(
        lambda d: st.sampled_from(["", " "]).map(lambda pad: (f"{pad}{d.isoformat()}{pad}", d, ""))
    ),
    st.tuples(st.integers(1900, 2200), st.integers(1, 12), st.integers(29, 31))
    .filter(lambda ymd: ymd[2] > calendar.monthrange(ymd[0], ymd[1])[1])
    .map(lambda ymd: (_ymd(*ymd), None, "finns")),
    st.tuples(st.integers(1900, 2200), st.integers(13, 99), st.integers(1, 28)).map(
        lambda ymd: (_ymd(*ymd), None, "ingen månad")
    ),
    st.sampled_from(
        ["30/6 2023", "juni 2023", "2023-6-30", "2023.06.30", "igår", "20230630", "2023-W26-5"]
    ).map(lambda t: (t, None, "ÅÅÅÅ-MM-DD")),
    st.just(("", None, "")),
)


@SETTINGS
@given(field=st.sampled_from(["start_date", "end_date"]), typed=typed_dates)
def test_a_date_saves_the_day_typed_or_refuses_saying_why(
    shared_db: Path, field: str, typed: tuple[str, dt.date | None, str]
) -> None:
    value, saved, why = typed
    with Store(shared_db) as store:
        store.update("activity", 1, "start_date", "")  # so no date is refused for its order
        store.update("activity", 1, "end_date", "")
        try:
            store.update("activity", 1, field, value)
        except InvalidValue as exc:
            assert saved is None and value.strip(), f"{value!r} refused: {exc}"
            assert why in exc.reason, exc.reason
            _assert_swedish_refusal(exc)
            assert getattr(store.get("activity", 1), field) is None
            return
    assert saved is not None or not value.strip(), f"{value!r} should have been refused"
    assert _reloaded(shared_db, "activity", 1, field) == saved
