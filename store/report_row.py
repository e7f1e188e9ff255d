"""A report's own row as the history changes it: its organisation (by id), kind, year and
period text. `Report` (store/models.py) is how the report is read and shown; this is the
row store/entities.py's rules write, so a report's own fields are undone like any other."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from store.models import Model
from store.terms import ReportKind
from store.textchecks import one_line

REPORT_COLUMNS = ["id", "organisation_id", "kind", "year", "period", "carried_from"]


class ReportRow(Model):
    id: int | None = None
    organisation_id: int
    kind: ReportKind
    year: Annotated[int, Field(ge=1900, le=2200)]
    period: str = ""
    carried_from: int | None = None

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        return one_line(v, "Period")
