"""The checks every text of a report passes, shared by the models' twins (store/validation.py).

Each raises ValueError with the reason in Swedish; pydantic adds the field's name.

What a file already holds is read `as_stored`: the checks added after files were first
written (a closed list of units, invisible characters, a longest text, names of nothing
visible, control characters) do not refuse it, so a file an earlier tertial (or another
program) wrote still opens. Whatever is
written is checked in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from store.limits import MAX_TEXT_LENGTH
from store.values import decimal_comma, parse_value, without_invisible

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_STORED: ContextVar[bool] = ContextVar("tertial_reading_stored", default=False)
# While one field is written (store/edits.py), the checks across fields look at it alone.
_ONLY: ContextVar[frozenset[str] | None] = ContextVar("tertial_checking_only", default=None)


@contextmanager
def as_stored() -> Iterator[None]:
    """Models made inside are read from a file (store/rows.py), not typed or imported."""
    token = _STORED.set(True)
    try:
        yield
    finally:
        _STORED.reset(token)


@contextmanager
def checking_only(*fields: str) -> Iterator[None]:
    """Checks across fields (a model's) apply to `fields` only: the row's other values
    are as the file holds them, and an older value there does not block this write."""
    token = _ONLY.set(frozenset(fields))
    try:
        yield
    finally:
        _ONLY.reset(token)


def checks(field: str) -> bool:
    """Whether a check across fields applies to `field` now."""
    only = _ONLY.get()
    return not _STORED.get() and (only is None or field in only)


def no_control(text: str, field: str) -> str:
    # Newlines and tabs are prose; other C0 controls and ESC never belong in a report.
    # One a file already holds (another program wrote it) is read as it is, so the file
    # opens and exports: every terminal shows it made printable (tui/printable.py).
    if (m := _CONTROL.search(text)) and not _STORED.get():
        # The field's name comes with the error (pydantic's loc, InvalidValue.field).
        raise ValueError(f"får inte innehålla styrtecknet {ord(m.group()):#04x}")
    if len(text) > MAX_TEXT_LENGTH and not _STORED.get():
        # The store's one limit, so that every export of a text reads back (csvfmt).
        raise ValueError(f"får vara högst {MAX_TEXT_LENGTH} tecken (har {len(text)})")
    return text


def one_line(text: str, field: str) -> str:
    if ("\n" in text or "\r" in text) and not _STORED.get():
        raise ValueError("ska vara en rad, utan radbrytningar")
    return no_control(text, field)


def not_blank(text: str) -> str:
    """A name (a title, an indicator's name) needs something visible in it."""
    if not without_invisible(text).strip() and not _STORED.get():
        raise ValueError("får inte vara tom (bara mellanslag eller osynliga tecken)")
    return text


def printed_value(text: str) -> str:
    """A printed value, with invisible characters taken out (a pasted zero-width space
    or BOM would make '100' text that only looks like a number), then parsed."""
    if _STORED.get():
        return text
    text = decimal_comma(without_invisible(text))
    parse_value(text)  # raises with the reason; the caller knows the field
    return text
