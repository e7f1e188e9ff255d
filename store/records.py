"""Plain record classes for the report's data, without pydantic (issue 15, item 10).

A record is what reading a file gives: fields in `__slots__`, built straight from a row
(store/rows.py) with no validation, since the file's values were checked when they
were written. Whatever comes from outside (a constructor call, `model_validate`, an
assignment) is checked by the record's pydantic twin (store/validation.py), imported
on first use, so pydantic stays at the boundary where data is validated and off the
path to the workbench's first frame.

A record class declares its fields as a pydantic model does (annotations, defaults);
the annotations are never evaluated here (`from __future__ import annotations`), only
by the twin. The subset of pydantic's API the code uses is kept: `Model(**fields)`,
`model_validate`, `model_validate_json`, `model_copy`, `model_dump`, `==` by fields.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, ClassVar, Self, TypeVar

_NO_DEFAULT: Any = object()
_R = TypeVar("_R", bound="Record")


def _default(value: Any) -> Any:
    # A list default is a new list for each record (pydantic copies mutable defaults).
    return [] if isinstance(value, list) else value


class RecordType(type):
    """Turns the annotated fields of a record class into slots with defaults."""

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> RecordType:
        own = [
            f for f, t in ns.get("__annotations__", {}).items() if not str(t).startswith("ClassVar")
        ]
        defaults = {f: ns.pop(f) for f in own if f in ns}
        ns["__slots__"] = tuple(own)
        cls = super().__new__(mcs, name, bases, ns)
        inherited: tuple[str, ...] = getattr(cls, "FIELDS", ())
        cls.FIELDS = (*inherited, *own)  # type: ignore[attr-defined]
        cls.OWN_FIELDS = tuple(own)  # type: ignore[attr-defined]
        cls.DEFAULTS = {**getattr(cls, "DEFAULTS", {}), **defaults}  # type: ignore[attr-defined]
        return cls


class Record(metaclass=RecordType):
    """A plain record; see the module's docstring."""

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]]  # in order, a base class's first (as pydantic)
    OWN_FIELDS: ClassVar[tuple[str, ...]]
    DEFAULTS: ClassVar[dict[str, Any]]

    def __init__(self, **fields: Any) -> None:
        """Validated, as a pydantic model's constructor (raises pydantic's ValidationError)."""
        from store.validation import validated

        _fill(self, validated(type(self), fields))

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from a dict (records inside may be records or dicts), validated;
        a record of this class is taken as it is (as pydantic takes a model)."""
        if isinstance(data, cls):
            return data
        from store.validation import validated

        return _fill(object.__new__(cls), validated(cls, data))

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        from store.validation import validated_json

        return _fill(object.__new__(cls), validated_json(cls, text))

    @classmethod
    def trusted(cls, **fields: Any) -> Self:
        """A record of values already checked (read from the file): no validation.
        A field not given takes its default; one without a default must be given."""
        self = object.__new__(cls)
        setter = object.__setattr__
        for f in cls.FIELDS:
            value = fields.pop(f, _NO_DEFAULT)
            if value is _NO_DEFAULT:
                value = cls.DEFAULTS.get(f, _NO_DEFAULT)
                if value is _NO_DEFAULT:
                    raise TypeError(f"{cls.__name__}: {f} is required")
                value = _default(value)
            setter(self, f, value)
        if fields:
            raise TypeError(f"{cls.__name__}: no fields {sorted(fields)}")
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        """Checked as pydantic's `validate_assignment` does: the field, then the record's
        checks across fields (store/textchecks.checking_only narrows them)."""
        from store.validation import assigned

        object.__setattr__(self, name, assigned(self, name, value))

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A shallow copy, `update` set without validation (as pydantic's model_copy)."""
        new = object.__new__(type(self))
        setter = object.__setattr__
        for f in self.FIELDS:
            setter(new, f, getattr(self, f))
        for f, value in (update or {}).items():
            if f not in self.FIELDS:
                raise AttributeError(f"{type(self).__name__} has no field {f!r}")
            setter(new, f, value)
        return new

    def model_dump(
        self, *, mode: str = "python", exclude: set[str] | None = None
    ) -> dict[str, Any]:
        """The fields as a dict, records inside as dicts; `mode="json"`: JSON's types
        (enums by value, dates as ÅÅÅÅ-MM-DD, review marks as a sorted list)."""
        json = mode == "json"
        return {
            f: _dumped(getattr(self, f), json)
            for f in self.FIELDS
            if not exclude or f not in exclude
        }

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.FIELDS)

    __hash__ = None  # type: ignore[assignment] - mutable, as a pydantic model

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.FIELDS)
        return f"{type(self).__name__}({fields})"

    def __getstate__(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.FIELDS}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for f, value in state.items():
            object.__setattr__(self, f, value)


def _fill(record: _R, fields: dict[str, Any]) -> _R:
    setter = object.__setattr__
    for f, value in fields.items():
        setter(record, f, value)
    return record


def _dumped(value: Any, json: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode="json" if json else "python")
    if isinstance(value, list):
        return [_dumped(v, json) for v in value]
    if not json:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value
