"""Figures of the exports and the checker, as whole commands against the SQLite tools
run over the same rows in the same run.

The reference for the indicators' CSV is INDICATORS_SQL: the rows, columns and order of
`tertial export indicators --report all` (store.archive), put to sqlite-utils (a Python
process, as tertial is) and to the sqlite3 shell (C). sqlite-utils is the one of the
benchmark's own environment, never whatever PATH finds first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.bench.measure import (
    PY,
    TERTIAL,
    Table,
    heavy_runs,
    median_ms,
    process_ms,
    processes_ms,
    sqlite_utils,
)

# Organisation, report as printed, goal as printed, name, eight values. The goals' order
# follows the parent chain, whatever the levels: a goal with a grandparent sorts under
# it (grandparent, parent, own position + 1), one with only a parent as a child of it
# (parent, own position, 0: its indicators before those of the goals under it), so a
# nämndmål right under an inriktningsmål sorts like an områdesmål there.
_GOAL = (
    "CASE WHEN g.level = 1 THEN g.code || '. ' || g.title "
    "WHEN g.code IS NOT NULL THEN g.code || ' ' || g.title ELSE g.title END"
)
_REPORT = (
    "CASE r.kind WHEN 'T1' THEN 'Tertialrapport 1' WHEN 'T2' THEN 'Tertialrapport 2' "
    "ELSE 'Verksamhetsberättelse' END || ' ' || r.year"
)
_FROM = (
    f"SELECT o.name, {_REPORT}, {_GOAL}, i.name, i.outcome, i.outcome_men, i.outcome_women, "
    "i.previous, i.forecast, i.target, i.kf_target, i.period FROM indicators i "
    "JOIN goals g ON g.id = i.goal_id LEFT JOIN goals p ON p.id = g.parent_id "
    "LEFT JOIN goals gp ON gp.id = p.parent_id JOIN reports r ON r.id = g.report_id "
    "JOIN organisations o ON o.id = r.organisation_id"
)
_ORDER = (
    " ORDER BY o.name, r.year, r.kind, "
    "CASE WHEN gp.id IS NOT NULL THEN gp.position ELSE p.position END, "
    "CASE WHEN gp.id IS NOT NULL THEN p.position ELSE g.position END, "
    "CASE WHEN gp.id IS NOT NULL THEN g.position + 1 ELSE 0 END, i.position, i.id"
)
INDICATORS_SQL = _FROM + _ORDER


def one_report_sql(report_id: int) -> str:
    return f"{_FROM} WHERE r.id = {int(report_id)}{_ORDER}"


def _tools(archive: Path, sql: str) -> list[list[str] | None]:
    """sqlite-utils and the sqlite3 shell writing `sql` as CSV with a header (None if
    one is not installed)."""
    utils = sqlite_utils()
    shell = shutil.which("sqlite3")
    return [
        [*utils, "query", str(archive), sql, "--csv"] if utils else None,
        [shell, "-csv", "-header", str(archive), sql] if shell else None,
    ]


def export_figures(t: Table, archive: Path, sample: Path, runs: int, report_id: int) -> float:
    """Returns the one-report CSV export's median (the import figures' reference)."""
    export = [*TERTIAL, "export", "indicators", "--format", "csv", "--db", str(archive)]
    # Twice the timings: a target on a ratio near 1 is where a burst of load tells most.
    all_csv, ref_utils, ref_shell = processes_ms(
        [[*export, "--report", "all"], *_tools(archive, INDICATORS_SQL)], runs * 2
    )
    t.add(
        "export indicators csv, all reports",
        all_csv,
        "ms",
        "sqlite-utils",
        ref_utils,
        "≤ 1.0×",
        1.0,
        True,
    )
    t.add(
        "export indicators csv, all reports",
        all_csv,
        "ms",
        "sqlite3 shell",
        ref_shell,
        "≤ 3×",
        3.0,
        True,
    )

    one_csv, one_utils = processes_ms(
        [[*export, "--report", str(report_id)], _tools(archive, one_report_sql(report_id))[0]],
        runs,
    )
    t.add(
        "export indicators csv, one report",
        one_csv,
        "ms",
        "sqlite-utils, the same report",
        one_utils,
    )
    md, bare = processes_ms(
        [
            [*TERTIAL, "export", "report", "--format", "md", "--db", str(archive)]
            + ["--report", str(report_id)],
            [PY, "-c", "pass"],
        ],
        runs,
    )
    t.add("export report md, one report", md, "ms", "python -c pass", bare, "≤ 200 ms", 200)
    check_figures(t, archive, sample, runs, all_csv, report_id)
    return one_csv


def check_figures(
    t: Table, archive: Path, sample: Path, runs: int, export_all_ms: float, report_id: int
) -> None:
    """`tertial check` (issue 13): one report from store to findings, beside reading it;
    the whole archive as a command, beside exporting its indicators."""
    from store.check import check_report
    from store.store import Store

    for label, path, rid in (("sample", sample, None), ("in the archive", archive, report_id)):
        with Store(path) as store:
            rid = rid or store.reports()[0].id
            read = median_ms(lambda s=store, r=rid: s.document(r), runs * 4)
            ms = median_ms(lambda s=store, r=rid: check_report(s.document(r)), runs * 4)
        t.add(
            f"check, one report {label} (store → findings)",
            ms,
            "ms",
            "read the report (Store.document)",
            read,
            "≤ 50 ms",
            50,
        )
    # Exit 1 means a fel was found (the archive has some): the command worked.
    check_all = [*TERTIAL, "check", "--report", "all", "--db", str(archive)]
    t.add(
        "check --report all",
        process_ms(check_all, heavy_runs(runs), ok=(0, 1), warm=False),
        "ms",
        "export indicators csv, all reports",
        export_all_ms,
        "≤ 5×",
        5.0,
        True,
    )
