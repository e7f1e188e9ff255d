"""What the checker reports: a finding, its severity, and the rules' fixed codes.

Plain Python (no pydantic, no Textual): the command line and the workbench read these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    FEL = "fel"  # must be fixed before the report is submitted
    VARNING = "varning"  # probably wrong
    INFO = "info"  # worth a look

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.FEL: 0, Severity.VARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # as the README's table says it ("fel för delvis eller ej; info för helt")
    finding: str  # what it finds, in English (the README's table)


# Every rule, in the order the README lists them. The codes never change: output,
# tests and documentation use them.
RULES: tuple[Rule, ...] = (
    Rule("saknar-bedomning", "fel", "a goal without an assessment"),
    Rule(
        "saknar-analys",
        "fel for a goal assessed delvis or ej; info for helt",
        "a goal without Analys (its own, or under one of its indicators)",
    ),
    Rule("saknar-utfall", "varning (fel in a VB)", "an indicator without Periodens utfall"),
    Rule("saknar-prognos", "varning in T1/T2", "an indicator without Prognos helår"),
    Rule(
        "ogiltigt-tal",
        "fel",
        "a value that should be a number (by the indicator's unit, or in an economy table) "
        "and is not",
    ),
    Rule(
        "kon-mot-totalt",
        "varning",
        "both gender values given and the total impossible: outside the two for a share "
        "or an average, not their sum for a count",
    ),
    Rule(
        "bedomning-mot-indikatorer",
        "info",
        "the assessment disagrees with the goal's own indicators",
    ),
    Rule(
        "sammanfattning-mot-mal",
        "varning",
        "a text states a count of goals that the goal tree contradicts",
    ),
    Rule(
        "ekonomi-summa",
        "varning",
        "an economy table whose rows do not add up to its total, or whose difference "
        "column is not the difference of its columns, beyond rounding",
    ),
    Rule("avvikelse-utan-analys", "varning", "an activity marked Avvikelse without an Analys"),
    Rule("ej-granskad", "varning", "a carried-forward item not yet reviewed"),
)
RULE_CODES = tuple(r.code for r in RULES)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with a report, and exactly where the author fixes it.

    `kind`, `item_id`, `field` (and `column` for an economy cell) name the place:
    kind is "goal", "indicator", "activity", "section" or "economy_row"; field is the
    model's field ("assessment", "analys", "outcome", "body", "cells"…).
    """

    rule: str
    severity: Severity
    where: str  # the goal and the item, as the report names them
    detail: str  # what is wrong, in Swedish
    report_id: int | None
    goal_id: int | None = None
    goal_label: str | None = None  # as the report prints it: "1.1 Title", a nämndmål's title
    goal_ref: str | None = None  # the goal's number, or its title where it has none
    kind: str = "goal"
    item_id: int | None = None
    field: str | None = None
    column: int | None = None
    item: str = ""  # the item in words: "Indikator Sjukfrånvaro › Periodens utfall"
    # The heading it is listed under: the goal's ("Nämndmål: Title"), else the
    # section's or the economy table's.
    group: str = ""
    # Report order (sections, the goal tree where it stands, items, columns), for sorting
    # and for "next finding from here".
    order: tuple[int, ...] = ()

    @property
    def message(self) -> str:
        """Swedish, naming the goal (number and title), the item and what is wrong."""
        return f"{self.where} – {self.detail}"

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "report_id": self.report_id,
            "goal": self.goal_ref,
            "item": self.item,
            "message": self.message,
            "goal_id": self.goal_id,
            "kind": self.kind,
            "item_id": self.item_id,
            "field": self.field,
            "column": self.column,
        }
