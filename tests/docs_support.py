"""Helpers for the Word and Excel tests: export through the command, read the file back.

The expectations are built here from the models (the report's own order), not from
exports.outline, so the tests check the writers against the report, not against
themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.oxml.ns import qn

from store.models import Goal, ReportDocument, Section
from store.store import Store
from tui.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVEL_WORDS = {1: "KF:s inriktningsmål", 2: "KF:s mål för verksamhetsområdet", 3: "Nämndmål"}


def export(db: Path, out: Path, *argv: str) -> Path:
    code = main(["export", *argv, "--db", str(db), "--output", str(out)])
    assert code == 0
    return out


def document(db: Path) -> ReportDocument:
    with Store(db) as store:
        return store.document(store.reports()[0].id)


def goal_heading(g: Goal) -> str:
    if g.level == 1:
        return f"{LEVEL_WORDS[1]}: {g.code}. {g.title}"
    return f"{LEVEL_WORDS[g.level]}: {g.code + ' ' if g.code else ''}{g.title}"


def walk_goals(goals: list[Goal]) -> Iterator[Goal]:
    for g in goals:
        yield g
        yield from walk_goals(g.children)


def walk_sections(sections: list[Section], depth: int = 1) -> Iterator[tuple[Section, int]]:
    for s in sections:
        yield s, depth
        yield from walk_sections(s.children, depth + 1)


def plain(text: str) -> str:
    """A heading's text as a reader sees it (optional line breaks left out)."""
    return text.replace("\u200b", "")


def headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every heading in a .docx: 0 for the title, 1… for Heading 1…."""
    out = []
    for p in docx.Document(str(path)).paragraphs:
        name = p.style.name if p.style is not None else ""
        if name == "Title":
            out.append((0, p.text))
        elif m := re.fullmatch(r"Heading (\d)", name):
            out.append((int(m.group(1)), p.text))
    return out


def md_headings(text: str) -> list[tuple[int, str]]:
    """(level, text) of every ATX heading in Markdown, the YAML title block as 0."""
    out = []
    if m := re.match(r'---\ntitle: "(.*)"\n', text):
        out.append((0, m.group(1)))
    for line in text.splitlines():
        if m := re.match(r"(#{1,6}) (.*)$", line):
            out.append((len(m.group(1)), m.group(2)))
    return out


def body_items(path: Path) -> list[tuple[str, str]]:
    """The body in order: ("p", style name + ": " + text) and ("table", first cell)."""
    d = docx.Document(str(path))
    out = []
    for el in d.element.body:
        if el.tag == qn("w:p"):
            style = el.find(f"{W}pPr/{W}pStyle")
            sid = style.get(qn("w:val")) if style is not None else ""
            text = "".join(t.text or "" for t in el.iter(f"{W}t"))
            out.append(("p", f"{d.styles.element.get_by_id(sid).name_val if sid else ''}: {text}"))
        elif el.tag == qn("w:tbl"):
            first = "".join(t.text or "" for t in el.find(f"{W}tr").iter(f"{W}t"))
            out.append(("table", first))
    return out
