"""Ready to submit? The report checker (issue 13): rules on plain data, no SQL, no Textual.

    check_report(doc) -> list[Finding]        # a loaded ReportDocument, in report order
    completeness(doc) -> (filled, required)   # "klart NN %"
    check_plain(report) -> (findings, (filled, required))   # plain data (store.check.load)
    check_stored(conn, (id, organisation, kind, year)) -> the same, for one stored report

The rules live in store/check/rules.py (the pass over a report; goals, indicators via
indicators.py, activities), counts.py with claims.py and scan.py (sammanfattning-mot-mal)
and economy.py (ekonomi-summa); their codes and severities in findings.py. load.py
is the only SQL: plain rows for many reports at once.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from store.check.findings import RULE_CODES, RULES, Finding, Rule, Severity

# The engine (plain, rules, load) is imported when a check runs: the workbench's first
# frame needs only the findings' types (tui.widgets.check_view) and waits for none of it.
if TYPE_CHECKING:
    from store.check.plain import PReport

__all__ = [
    "RULES",
    "RULE_CODES",
    "Finding",
    "Rule",
    "Severity",
    "check_plain",
    "check_report",
    "check_stored",
    "completeness",
    "percent",
]


def check_plain(report: PReport) -> tuple[list[Finding], tuple[int, int]]:
    """Findings in report order, and (filled, required) for "klart"."""
    from store.check.rules import run

    findings, tally = run(report)
    return findings, (tally.filled, tally.required)


def check_stored(
    conn: sqlite3.Connection, report: tuple[int, str, str, int]
) -> tuple[list[Finding], tuple[int, int]]:
    """One report as stored ((id, organisation, kind, year)), read as plain rows: the
    workbench after each change (a few milliseconds for the sample)."""
    from store.check.load import plain_reports

    return check_plain(next(plain_reports(conn, [report])))


def check_report(doc: Any) -> list[Finding]:
    """Every finding of a loaded report (store.models.ReportDocument), in report order."""
    from store.check.plain import from_document

    return check_plain(from_document(doc))[0]


def completeness(doc: Any) -> tuple[int, int]:
    """(filled, required): the required items of the report, and how many are filled.

    Required: every goal's assessment; the Analys of every goal assessed delvis or
    ej; every indicator's Periodens utfall; in T1 and T2 every indicator's Prognos
    helår; the Analys of every activity marked Avvikelse. An item carried forward and
    not yet reviewed is not filled.
    """
    from store.check.plain import from_document

    return check_plain(from_document(doc))[1]


def percent(filled: int, required: int) -> int:
    """'klart NN %': rounded down, so 100 % means everything is there.

    A report that requires nothing has no goals yet: it is not done, it is not begun.
    """
    return 0 if required == 0 else filled * 100 // required
