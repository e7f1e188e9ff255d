"""Tables across a whole archive, from plain rows: no models, so a large export starts fast."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from store.terms import INDICATOR_VALUE_FIELDS, ReportKind

# The previous year differs between reports: its column is "Utfall föregående år".
ARCHIVE_INDICATOR_HEADERS = [
    "Organisation",
    "Rapport",
    "Mål",
    "Indikator",
    *INDICATOR_VALUE_FIELDS.values(),
]


def archive_indicator_rows(records: Iterable[Sequence[Any]]) -> Iterator[Sequence[str]]:
    """store.archive.archive_indicators records as rows: the report named as printed."""
    labels = {k.value: k.label for k in ReportKind}
    for org, kind, year, *rest in records:
        yield (org, f"{labels[kind]} {year}", *rest)
