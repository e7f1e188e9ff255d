"""Anything typed into a number cell or a date: saved as typed or refused in Swedish.

Which of the two is decided beforehand for each value, not read off what the store did
(a property that accepts both outcomes passes whatever the code does). Part (a) of
tests/test_hostile.py, which holds the shared file and the Swedish refusal check.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.errors import InvalidValue
from store.models import NUMERIC_INDICATOR_FIELDS
from store.store import Store
from store.values import parse_value
from tests.test_hostile import (  # noqa: F401 - shared_db is a fixture
    SETTINGS,
    _assert_swedish_refusal,
    _reloaded,
    shared_db,
)

typed = st.one_of(
    st.text(),
    st.sampled_from(["98,1 %", "1 234", "−5,4", "+/-1 %", "Tas fram av nämnd/styrelse", "87.5"]),
    st.sampled_from(["2023-02-30", "2023-13-01", "20230101", "2023-W01-1", "１２", "٣", "²"]),
)


def _parses(value: str) -> bool:
    try:
        parse_value(value)
    except ValueError:
        return False
    return True


@SETTINGS
@given(field=st.sampled_from(NUMERIC_INDICATOR_FIELDS), value=typed)
def test_a_number_cell_saves_what_was_typed_or_refuses_it(
    shared_db: Path,  # noqa: F811
    field: str,
    value: str,
) -> None:
    """Saved exactly as typed when it reads as a value (store.values), refused in Swedish
    when not: which of the two is decided beforehand, not by what the store did."""
    saves = _parses(value)
    if any(ord(c) < 32 for c in value):
        assert not saves, value  # a control character is never a value
    elif value.strip()[:1].isalpha():
        assert saves, value  # words in place of a number always are
    with Store(shared_db) as store:
        before = getattr(store.get("indicator", 2), field)
        if not saves:
            with pytest.raises(InvalidValue) as exc:
                store.update("indicator", 2, field, value)
            _assert_swedish_refusal(exc.value)
            assert getattr(store.get("indicator", 2), field) == before
            return
        store.update("indicator", 2, field, value)
    assert _reloaded(shared_db, "indicator", 2, field) == value


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
dates = st.one_of(typed, st.dates().map(dt.date.isoformat), st.dates().map(lambda d: f" {d} "))


def _calendar_date(text: str) -> dt.date | None:
    """YYYY-MM-DD that is a real day, read without the model's code."""
    if not ISO_DATE.fullmatch(text):
        return None
    y, m, d = (int(p) for p in text.split("-"))
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@SETTINGS
@given(field=st.sampled_from(["start_date", "end_date"]), value=dates)
def test_a_date_saves_what_was_typed_or_refuses_it(
    shared_db: Path,  # noqa: F811
    field: str,
    value: str,
) -> None:
    """A real YYYY-MM-DD day is saved as that day, an empty cell as no date; text without
    a digit is refused in Swedish. (Other forms Python reads as ISO dates may be either.)"""
    day = _calendar_date(value.strip())
    with Store(shared_db) as store:
        store.update("activity", 1, "start_date", "")  # so no date is refused for its order
        store.update("activity", 1, "end_date", "")
        try:
            store.update("activity", 1, field, value)
        except InvalidValue as exc:
            _assert_swedish_refusal(exc)
            assert getattr(store.get("activity", 1), field) is None
            assert day is None and value.strip(), f"{value!r} was refused"
            return
    saved = _reloaded(shared_db, "activity", 1, field)
    if not value.strip():
        assert saved is None
    elif day is not None:
        assert saved == day
    else:
        assert re.search(r"\d", value), f"{value!r} was saved as {saved}"
        assert saved == dt.date.fromisoformat(value.strip())
