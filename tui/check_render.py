"""The findings of `tertial check` as text, a Markdown checklist, or JSON, one report at a time.

Each report renders to one piece of text on its own (so reports can be checked in
separate processes and their pieces joined in order); `join` puts the pieces and the
closing total together. Every text from the file goes through printable().
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from store.check import Finding, Severity, percent
from store.check.plain import PReport
from tui.printable import printable

# How `tertial check` writes its findings: not report exports (a checklist is not the
# report as Markdown), so not entries of the export registry (exports.formats.FORMATS).
CHECK_FORMATS = ("text", "md", "json")
_PLURAL = {Severity.FEL: "fel", Severity.VARNING: "varningar", Severity.INFO: "info"}
# Characters Markdown could read as formatting inside a checklist line or a heading.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
# What json.dumps leaves raw but a terminal must not get raw: C1 controls, DEL, line
# and paragraph separators, bidi controls. As \u escapes the data stays exact.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Tally:
    """Findings by severity and "klart", over one report or many."""

    def __init__(self) -> None:
        self.reports = 0
        self.counts = dict.fromkeys(Severity, 0)
        self.filled = self.required = 0

    def add(self, findings: Iterable[Finding], share: tuple[int, int]) -> Tally:
        self.reports += 1
        for f in findings:
            self.counts[f.severity] += 1
        self.filled += share[0]
        self.required += share[1]
        return self

    def merge(self, other: Tally) -> None:
        self.reports += other.reports
        for s, n in other.counts.items():
            self.counts[s] += n
        self.filled += other.filled
        self.required += other.required

    @property
    def fel(self) -> bool:
        return self.counts[Severity.FEL] > 0

    def summary(self) -> str:
        """'0 fel · 3 varningar · 1 info · klart 96 % (92 av 95)'."""
        parts = [
            f"{n} {'varning' if s == Severity.VARNING and n == 1 else _PLURAL[s]}"
            for s, n in self.counts.items()
        ]
        share = percent(self.filled, self.required)
        return " · ".join(parts) + f" · klart {share} % ({self.filled} av {self.required})"

    def total_line(self) -> str:
        n = f"{self.reports} rapport{'' if self.reports == 1 else 'er'}"
        return f"Totalt {n}: {self.summary()}"


def render(fmt: str, report: PReport, findings: list[Finding], share: tuple[int, int]) -> str:
    """One report's piece: a block of text or Markdown, or its JSON objects ("" if none)."""
    tally = Tally().add(findings, share)
    if fmt == "json":
        return ",\n  ".join(
            _safe_json(json.dumps(f.as_json(), ensure_ascii=False)) for f in findings
        )
    md = fmt == "md"
    head = _heading(report)
    lines = [f"## {_md(head)}" if md else head]
    for group, items in _groups(findings):
        lines += ["", f"### {_md(group)}", ""] if md else ["", printable(group)]
        for f in items:
            if md:
                lines.append(f"- [ ] **{f.severity.value}** `{f.rule}`: {_md(_line(f))}")
            else:
                lines.append(f"  {f.severity.value:<7}  {f.rule:<25}  {_line(f)}")
    if not findings:
        lines += ["", "Inga fynd."]
    lines += ["", f"**{tally.summary()}**" if md else tally.summary()]
    return "\n".join(lines) + "\n"


def join(fmt: str, out: TextIO, pieces: Iterator[str], total: Tally) -> None:
    """Write the pieces in order, then (over several reports) the total."""
    if fmt == "json":
        first = True
        out.write("[")
        for piece in pieces:
            if piece:
                out.write(("\n  " if first else ",\n  ") + piece)
                first = False
        out.write("]\n" if first else "\n]\n")
        return
    for n, piece in enumerate(pieces):
        out.write(("\n" if n else "") + piece)
    if total.reports != 1:
        line = total.total_line()
        out.write(f"\n**{line}**\n" if fmt == "md" else f"\n{line}\n")


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


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", printable(text))


def _safe_json(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
