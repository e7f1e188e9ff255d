"""`tertial check`: is the report ready to submit? Findings as text, Markdown or JSON.

    tertial check [--db PATH] [--report ID|all] [--format text|md|json]

Exit 0 when no finding is a fel, 1 when one is, 2 for a bad file or bad arguments.
Reads plain rows (store.check.load), never the models, so a whole archive is checked
in seconds. Every text from the file reaches the terminal through printable().
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from store.check import Finding, Severity, check_plain, percent
from store.check.load import plain_reports, report_list
from store.check.plain import PReport
from tui.cli import EXIT_BAD_INPUT, CliError, Parser, add_db_option, open_store
from tui.printable import printable

FORMATS = ("text", "md", "json")
_PLURAL = {Severity.FEL: "fel", Severity.VARNING: "varningar", Severity.INFO: "info"}
# Characters Markdown could read as formatting inside a checklist line or a heading.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
# What json.dumps leaves raw but a terminal must not get raw: C1 controls, DEL, line
# and paragraph separators, bidi controls. As \u escapes the data stays exact.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check_parser() -> Parser:
    p = Parser(prog="tertial check", description="Check that a report is ready to submit.")
    add_db_option(p)
    p.add_argument(
        "--report", default=None, help="the report's id (tertial reports), or all: every report"
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="text (default), md or json")
    return p


def cmd_check(argv: Sequence[str]) -> int:
    args = check_parser().parse_args(argv)
    wanted = args.report
    if wanted is not None and wanted != "all" and not wanted.isdigit():
        raise CliError(
            f"--report {wanted!r}: ange rapportens nummer (se tertial reports) eller all",
            EXIT_BAD_INPUT,
        )
    with _connection(args.db) as conn:
        reports = _pick(conn, wanted)
        render = {"text": _text, "md": _markdown, "json": _json}[args.format]
        total = _Total()
        from tui.export_cli import write_stream

        write_stream(lambda out: render(out, _checked(conn, reports), total), None)
    return 1 if total.fel else 0


@contextmanager
def _connection(db: Path | None) -> Iterator[sqlite3.Connection]:
    if db is None or not db.exists():  # the default file (made on first use), or an error
        with open_store(db) as store:
            yield store.conn
        return
    from store.db import open_connection

    conn, _ = open_connection(db)
    try:
        yield conn
    finally:
        conn.close()


def _pick(conn: sqlite3.Connection, wanted: str | None) -> list[tuple[int, str, str, int]]:
    reports = report_list(conn)
    if wanted == "all":
        return reports
    if wanted is not None:
        chosen = [r for r in reports if r[0] == int(wanted)]
        if not chosen:
            known = ", ".join(str(r[0]) for r in reports[:10]) or "inga"
            more = " …" if len(reports) > 10 else ""
            raise CliError(
                f"rapport {wanted} finns inte; rapporter i filen: {known}{more} "
                "(se tertial reports)",
                EXIT_BAD_INPUT,
            )
        return chosen
    if len(reports) == 1:
        return reports
    if not reports:
        raise CliError("filen innehåller inga rapporter", EXIT_BAD_INPUT)
    raise CliError(
        "filen har flera rapporter; välj en med --report ID, eller --report all "
        "(se tertial reports)",
        EXIT_BAD_INPUT,
    )


Checked = tuple[PReport, list[Finding], tuple[int, int]]


def _checked(
    conn: sqlite3.Connection, reports: Sequence[tuple[int, str, str, int]]
) -> Iterator[Checked]:
    for report in plain_reports(conn, reports):
        findings, share = check_plain(report)
        yield report, findings, share


# -- words -----------------------------------------------------------------------------


def _counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def summary(counts: dict[Severity, int], filled: int, required: int) -> str:
    """'0 fel · 3 varningar · 1 info · klart 96 % (92 av 95)'."""
    parts = [
        f"{n} {'varning' if s == Severity.VARNING and n == 1 else _PLURAL[s]}"
        for s, n in counts.items()
    ]
    return " · ".join(parts) + f" · klart {percent(filled, required)} % ({filled} av {required})"


def _heading(report: PReport) -> str:
    return printable(f"{report.organisation} – {report.title} (rapport {report.id})")


def _line(f: Finding) -> str:
    """The finding under its group's heading: the item within the group, and what is wrong."""
    sub = f.where[len(f.group) :].lstrip(" ›,") if f.where.startswith(f.group) else f.where
    return printable(f"{sub} – {f.detail}" if sub else f.detail)


def _groups(findings: list[Finding]) -> Iterator[tuple[str, list[Finding]]]:
    """Consecutive findings under the same heading (the list is in report order)."""
    group: list[Finding] = []
    for f in findings:
        if group and f.group != group[0].group:
            yield group[0].group, group
            group = []
        group.append(f)
    if group:
        yield group[0].group, group


class _Total:
    def __init__(self) -> None:
        self.reports = 0
        self.counts = dict.fromkeys(Severity, 0)
        self.filled = self.required = 0

    def add(self, counts: dict[Severity, int], share: tuple[int, int]) -> None:
        self.reports += 1
        for s, n in counts.items():
            self.counts[s] += n
        self.filled += share[0]
        self.required += share[1]

    @property
    def fel(self) -> bool:
        return self.counts[Severity.FEL] > 0

    def line(self) -> str:
        n = f"{self.reports} rapport{'' if self.reports == 1 else 'er'}"
        return f"Totalt {n}: {summary(self.counts, self.filled, self.required)}"


# -- the three formats ---------------------------------------------------------------------


def _text(out: TextIO, checked: Iterator[Checked], total: _Total) -> None:
    for report, findings, share in checked:
        if total.reports:
            out.write("\n")
        out.write(_heading(report) + "\n")
        for group, items in _groups(findings):
            out.write(f"\n{printable(group)}\n")
            for f in items:
                out.write(f"  {f.severity.value:<7}  {f.rule:<25}  {_line(f)}\n")
        counts = _counts(findings)
        total.add(counts, share)
        if not findings:
            out.write("\nInga fynd.\n")
        out.write(f"\n{summary(counts, *share)}\n")
    if total.reports != 1:
        out.write(f"\n{total.line()}\n")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", printable(text))


def _markdown(out: TextIO, checked: Iterator[Checked], total: _Total) -> None:
    for report, findings, share in checked:
        if total.reports:
            out.write("\n")
        out.write(f"## {_md(_heading(report))}\n")
        for group, items in _groups(findings):
            out.write(f"\n### {_md(group)}\n\n")
            for f in items:
                out.write(f"- [ ] **{f.severity.value}** `{f.rule}`: {_md(_line(f))}\n")
        counts = _counts(findings)
        total.add(counts, share)
        if not findings:
            out.write("\nInga fynd.\n")
        out.write(f"\n**{summary(counts, *share)}**\n")
    if total.reports != 1:
        out.write(f"\n**{total.line()}**\n")


def _json(out: TextIO, checked: Iterator[Checked], total: _Total) -> None:
    first = True
    out.write("[")
    for _report, findings, share in checked:
        total.add(_counts(findings), share)
        for f in findings:
            text = json.dumps(f.as_json(), ensure_ascii=False)
            out.write(("\n  " if first else ",\n  ") + _safe_json(text))
            first = False
    out.write("\n]\n" if not first else "]\n")


def _safe_json(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
