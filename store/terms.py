"""The report's terms: levels, assessments, kinds and the Swedish label of each field.

Plain Python (no pydantic), so commands that only need the words start quickly; the
models in store/models.py build on these.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class ReportKind(StrEnum):
    T1 = "T1"
    T2 = "T2"
    VB = "VB"

    @property
    def label(self) -> str:
        return {
            "T1": "Tertialrapport 1",
            "T2": "Tertialrapport 2",
            "VB": "Verksamhetsberättelse",
        }[self.value]


class Level(IntEnum):
    INRIKTNINGSMAL = 1
    OMRADESMAL = 2
    NAMNDMAL = 3

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    Level.INRIKTNINGSMAL: "KF:s inriktningsmål",
    Level.OMRADESMAL: "KF:s mål för verksamhetsområdet",
    Level.NAMNDMAL: "Nämndmål",
}


class Assessment(StrEnum):
    HELT = "helt"
    DELVIS = "delvis"
    EJ = "ej"

    @property
    def label(self) -> str:
        return f"Uppfylls {self.value}"

    @property
    def symbol(self) -> str:
        """The mark printed before the words, so colour is never the only signal."""
        return {"helt": "●", "delvis": "◐", "ej": "○"}[self.value]

    @classmethod
    def from_label(cls, text: str) -> Assessment | None:
        """'Uppfylls helt' → HELT; '' or 'Ej bedömd' → None (not yet assessed)."""
        t = text.strip().lower()
        if t in ("", "ej bedömd", "ej bedömt", "-"):
            return None
        t = t.removeprefix("uppfylls ").strip()
        try:
            return cls(t)
        except ValueError:
            raise ValueError(
                f"bedömning {text!r} finns inte: välj Uppfylls helt, Uppfylls delvis, "
                "Uppfylls ej eller lämna tomt"
            ) from None


NOT_ASSESSED_LABEL = "Ej bedömd"


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better (Sjukfrånvaro, Klimatpåverkan)


# The eight value columns of an indicator, in the report's order, with their labels.
# "previous" is printed as "Utfall VB <previous year>" in a report.
INDICATOR_VALUE_FIELDS: dict[str, str] = {
    "outcome": "Periodens utfall",
    "outcome_men": "Utfall män/pojkar",
    "outcome_women": "Utfall kvinnor/flickor",
    "previous": "Utfall föregående år",
    "forecast": "Prognos helår",
    "target": "Årsmål",
    "kf_target": "KF:s årsmål",
    "period": "Period",
}
# Period is a label ("2023", "Tertial 2 2023"), not a number: it is not parsed.
NUMERIC_INDICATOR_FIELDS = tuple(f for f in INDICATOR_VALUE_FIELDS if f != "period")

GOAL_TEXT_FIELDS: dict[str, str] = {
    "analys": "Analys",
    "expected_result": "Förväntat resultat",
    "description": "Beskrivning",
}

ACTIVITY_FIELDS: dict[str, str] = {
    "text": "Aktivitet",
    "start_date": "Startdatum",
    "end_date": "Slutdatum",
    "deviation": "Avvikelse",
    "analys": "Analys",
}
