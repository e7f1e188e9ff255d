"""The records' pydantic twins: every check of the report's data model (issue 15, item 10).

A record (store/models.py) is plain Python; what comes from outside (a constructor call,
`model_validate`, an assignment) is validated here, by a pydantic model made from the
record's own declarations (its fields, their types and defaults) and the checks below,
and given back as a record's fields. store/records.py imports this module when a record
is first validated: writes, imports and new reports do; reading a file (store/rows.py)
and drawing the workbench never do. It imports no module of records (no import cycle):
records come as arguments, and each finds its checks here by its class's name.

Each check names the field and the value when it refuses (pydantic's ValidationError,
which callers catch and read with `errors()`).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import typing
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    create_model,
    field_serializer,
    field_validator,
    model_validator,
)

from store.phrases import words_refused
from store.terms import (
    ACTIVITY_FIELDS,
    GOAL_TEXT_FIELDS,
    INDICATOR_VALUE_FIELDS,
    NUMERIC_INDICATOR_FIELDS,
    Assessment,
    Level,
)
from store.textchecks import no_control as _no_control
from store.textchecks import not_blank as _not_blank
from store.textchecks import one_line as _one_line
from store.textchecks import printed_value as _printed_value
from store.values import optional_date

_CODE = {
    Level.INRIKTNINGSMAL: re.compile(r"^\d+$"),
    Level.OMRADESMAL: re.compile(r"^\d+\.\d+$"),
}
_NO_MARKS: frozenset[str] = frozenset()


class Twin(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    record: ClassVar[Any]  # the record class it validates for (store/records.py)


# The checks of each record class, by the class's name. A subclass's twin has its base
# twin's checks too (an Indicator has Carried's).
_CHECKS: dict[str, type] = {}


def checks(name: str) -> Callable[[type], type]:
    def register(cls: type) -> type:
        _CHECKS[name] = cls
        return cls

    return register


@checks("Carried")
class _Carried:
    @field_validator("unreviewed", mode="before")
    @classmethod
    def _marks(cls, v: Any) -> Any:
        # Stored as sorted comma-separated field names ('' for none, nearly always).
        if not v:
            return _NO_MARKS
        if isinstance(v, str):
            v = [f for f in v.split(",") if f]
        marks = frozenset(v)
        if unknown := marks - set(cls.record.REVIEWABLE):
            raise ValueError(
                f"kan inte vara ej granskat: {', '.join(sorted(unknown))} "
                f"(fält som kan: {', '.join(cls.record.REVIEWABLE)})"
            )
        return marks

    @field_serializer("unreviewed", when_used="json")
    def _sorted_marks(self, v: frozenset[str]) -> list[str]:
        return sorted(v)


@checks("Report")
class _Report:
    @field_validator("organisation")
    @classmethod
    def _organisation(cls, v: str) -> str:
        return _not_blank(v)  # one line or not: as it always was


@checks("Indicator")
class _Indicator:
    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        return _not_blank(_one_line(v, "Indikator"))

    @field_validator(*NUMERIC_INDICATOR_FIELDS)
    @classmethod
    def _value(cls, v: str) -> str:
        return _printed_value(v)

    @field_validator("period", "unit")
    @classmethod
    def _line(cls, v: str, info: Any) -> str:
        return _one_line(v, INDICATOR_VALUE_FIELDS.get(info.field_name, "Enhet"))

    @field_validator("analys", "to_check", "reading_note")
    @classmethod
    def _prose(cls, v: str) -> str:
        return _no_control(v, "Analys")

    @model_validator(mode="after")
    def _words_where_a_number_goes(self) -> Any:
        values = {f: getattr(self, f) for f in NUMERIC_INDICATOR_FIELDS}
        if reason := words_refused(values, self.unit):
            raise ValueError(reason)
        return self


@checks("Activity")
class _Activity:
    @field_validator("text", "analys")
    @classmethod
    def _prose(cls, v: str, info: Any) -> str:
        v = _no_control(v, ACTIVITY_FIELDS[info.field_name])
        return _not_blank(v) if info.field_name == "text" else v

    @field_validator("start_date", "end_date", mode="before")
    @classmethod
    def _date(cls, v: Any, info: Any) -> Any:
        return optional_date(v)

    @field_validator("deviation", mode="before")
    @classmethod
    def _flag(cls, v: Any) -> Any:
        if isinstance(v, str):
            t = v.strip().lower()
            if t in ("", "0", "nej", "false"):
                return False
            if t in ("avvikelse", "ja", "x", "1", "true"):
                return True
            raise ValueError(f"{v!r} går inte: skriv Avvikelse, ja eller lämna tomt")
        return v

    @model_validator(mode="after")
    def _dates_in_order(self) -> Any:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(
                f"Slutdatum {self.end_date.isoformat()} ligger före Startdatum "
                f"{self.start_date.isoformat()}"
            )
        return self


@checks("Goal")
class _Goal:
    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v: Any) -> Any:
        if v not in (1, 2, 3, "1", "2", "3") and not isinstance(v, Level):
            raise ValueError(
                f"nivå {v!r} finns inte: 1 (KF:s inriktningsmål), 2 (KF:s mål för "
                "verksamhetsområdet) eller 3 (Nämndmål)"
            )
        return int(v)

    @field_validator("assessment", mode="before")
    @classmethod
    def _assessment(cls, v: Any) -> Any:
        if isinstance(v, str) and not isinstance(v, Assessment):
            return Assessment.from_label(v)
        return v

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _not_blank(_one_line(v, "Mål"))

    @field_validator("analys", "expected_result", "description")
    @classmethod
    def _prose(cls, v: str, info: Any) -> str:
        return _no_control(v, GOAL_TEXT_FIELDS[info.field_name])

    @model_validator(mode="after")
    def _shape(self) -> Any:
        if self.level == Level.NAMNDMAL:
            if self.code:
                raise ValueError(f"ett nämndmål har inget nummer (fick {self.code!r})")
        elif self.code is not None and not _CODE[self.level].match(self.code):
            example = "1" if self.level == Level.INRIKTNINGSMAL else "1.3"
            raise ValueError(
                f"nummer {self.code!r} passar inte {self.level.label} (t.ex. {example})"
            )
        if self.level > Level.INRIKTNINGSMAL and self.id is not None and self.parent_id is None:
            raise ValueError(f"ett {self.level.label.lower()} måste ha ett överordnat mål")
        for child in self.children:  # a nämndmål may stand directly under an inriktningsmål
            if child.level <= self.level:
                raise ValueError(
                    f"{child.level.label} {child.title!r} kan inte ligga under {self.level.label}"
                )
        if self.level == Level.INRIKTNINGSMAL and (self.indicators or self.activities):
            raise ValueError("indikatorer och aktiviteter hör till områdesmål och nämndmål")
        return self


@checks("EconomyRow")
class _EconomyRow:
    @field_validator("cells")
    @classmethod
    def _cells(cls, v: list[str]) -> list[str]:
        try:
            return [_printed_value(cell) for cell in v]
        except ValueError as exc:
            raise ValueError(f"belopp: {exc}") from None


@checks("EconomyTable")
class _EconomyTable:
    @model_validator(mode="after")
    def _widths(self) -> Any:
        for row in self.rows:
            if row.cells and len(row.cells) != len(self.columns):
                raise ValueError(
                    f"raden {row.label!r} har {len(row.cells)} värden, tabellen {len(self.columns)} kolumner"
                )
        return self


@checks("Section")
class _Section:
    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _not_blank(_one_line(v, "Rubrik"))

    @field_validator("body")
    @classmethod
    def _prose(cls, v: str) -> str:
        return _no_control(v, "Text")


@checks("ReportDocument")
class _ReportDocument:
    @model_validator(mode="after")
    def _roots(self) -> Any:
        for g in self.goals:
            if g.level != Level.INRIKTNINGSMAL:
                raise ValueError(f"{g.level.label} {g.title!r} saknar överordnat mål")
        return self


@checks("ReportRow")
class _ReportRow:
    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        return _one_line(v, "Period")


# -- the twins, made from the records' declarations -------------------------------------

_TWINS: dict[type, type[Twin]] = {}
# What the declarations name that their modules import for type checkers only.
_NAMES = {"Field": Field, "Annotated": typing.Annotated, "ClassVar": ClassVar, "dt": dt}


def _is_record(value: Any) -> bool:
    return hasattr(type(value), "OWN_FIELDS")


def _declares(cls: Any) -> bool:
    return isinstance(cls, type) and "OWN_FIELDS" in vars(cls) and bool(cls.FIELDS)


def twin_of(record: type) -> type[Twin]:
    """The record class's twin, made on first use (pydantic builds its validator then)."""
    if record in _TWINS:
        return _TWINS[record]
    base = record.__mro__[1]
    names = {**vars(sys.modules[record.__module__]), **_NAMES}
    own = {f: record.__annotations__[f] for f in record.OWN_FIELDS}
    for name, value in list(names.items()):
        # A record a field holds is validated by its twin; the record itself is named as
        # text (pydantic resolves a model's reference to itself).
        if value is not record and _declares(value) and _named(name, own.values()):
            names[name] = twin_of(value)
    names[record.__name__] = record.__name__
    fields: dict[str, Any] = {}
    for f, text in own.items():
        kind = eval(text, names)  # the record's own declaration, from its source
        default = record.DEFAULTS.get(f, ...)
        fields[f] = (kind, Field(default_factory=list) if isinstance(default, list) else default)
    checked = vars(_CHECKS.get(record.__name__, object))
    validators = {k: v for k, v in checked.items() if not k.startswith("__")}
    made: type[Twin] = create_model(  # type: ignore[call-overload]
        record.__name__,
        __base__=twin_of(base) if _declares(base) else Twin,
        __module__=__name__,
        __validators__=validators,
        **fields,
    )
    made.record = record
    made.model_rebuild(_types_namespace={record.__name__: made})
    _TWINS[record] = made
    return made


def _named(name: str, texts: Any) -> bool:
    return any(re.search(rf"\b{name}\b", text) for text in texts)


# -- between records and twins ------------------------------------------------------------


def validated(record: type, data: Any) -> dict[str, Any]:
    """The record's fields from `data`, validated by its twin (raises ValidationError)."""
    return _fields(twin_of(record).model_validate(_as_twins(data)))


def validated_json(record: type, text: str | bytes) -> dict[str, Any]:
    return _fields(twin_of(record).model_validate_json(text))


def assigned(record: Any, name: str, value: Any) -> Any:
    """`value` as the field `name` of `record` takes it, checked as pydantic's assignment
    is: the field's checks, then the record's checks across fields."""
    made = _as_twins(record)
    setattr(made, name, _as_twins(value))
    return _as_record(getattr(made, name))


def _fields(made: BaseModel) -> dict[str, Any]:
    return {f: _as_record(v) for f, v in made.__dict__.items()}


def _as_record(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Twin):
        record = object.__new__(type(value).record)
        for f, v in value.__dict__.items():  # every field (extra="forbid")
            _set(record, f, _as_record(v))
        return record
    if isinstance(value, list):
        return [_as_record(v) for v in value]
    return value


_set = object.__setattr__  # a record's own __setattr__ validates
# Most values are these: no record in them (looked at first, as conversions are per value).
_PLAIN = frozenset({str, int, bool, type(None)})


def _as_twins(value: Any) -> Any:
    """Records inside `value` as twins, unvalidated: pydantic takes a model instance as it
    is (a record read from the file is not checked again by what it is put in)."""
    if type(value) in _PLAIN:
        return value
    if _is_record(value):
        made = twin_of(type(value))
        return made.model_construct(**{f: _as_twins(getattr(value, f)) for f in value.FIELDS})
    if isinstance(value, list):
        return [_as_twins(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_twins(v) for k, v in value.items()}
    return value
