"""Tables across a whole archive, from plain rows: no models, so a large export starts fast."""

from __future__ import annotations

from store.terms import INDICATOR_VALUE_FIELDS

# The previous year differs between reports: its column is "Utfall föregående år".
ARCHIVE_INDICATOR_HEADERS = [
    "Organisation",
    "Rapport",
    "Mål",
    "Indikator",
    *INDICATOR_VALUE_FIELDS.values(),
]
