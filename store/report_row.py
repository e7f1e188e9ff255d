"""A report's own row as the history changes it: its organisation (by id), kind, year and
period text. `Report` (store/models.py) is how the report is read and shown; this is the
row store/entities.py's rules write, so a report's own fields are undone like any other.
A record (store/records.py); its checks are its twin's, in store/validation.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from store.records import Record
from store.terms import ReportKind

if TYPE_CHECKING:
    from pydantic import Field

REPORT_COLUMNS = ["id", "organisation_id", "kind", "year", "period", "carried_from"]


class ReportRow(Record):
    id: int | None = None
    organisation_id: int
    kind: ReportKind
    year: Annotated[int, Field(ge=1900, le=2200)]
    period: str = ""
    carried_from: int | None = None
