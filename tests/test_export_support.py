"""Helpers for the export and import tests (and a check of the helpers themselves).

Expected rows are built here straight from the models, independently of exports.tables.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from markdown_it import MarkdownIt

from store.models import ReportDocument
from store.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "store" / "sample"


def md_tables(text: str) -> list[list[list[str]]]:
    """Every table in a Markdown text, as rows of cell texts (header row first)."""
    tokens = MarkdownIt("gfm-like").parse(text)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for tok in tokens:
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            tables[-1].append(row)
        elif tok.type == "inline" and tables and tok.level >= 3 and _in_cell(tokens, tok):
            row.append(_text(tok))
    return tables


def _in_cell(tokens: list, tok) -> bool:  # noqa: ANN001
    i = tokens.index(tok)
    return i > 0 and tokens[i - 1].type in ("th_open", "td_open")


def _text(inline) -> str:  # noqa: ANN001
    out = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "text_special"):
            out.append(child.content)
        elif (
            child.type == "html_inline"
            and child.content.lower().startswith("<br")
            or child.type in ("softbreak", "hardbreak")
        ):
            out.append("\n")
    return "".join(out)


def csv_cells(data: bytes, dialect: str) -> list[list[str]]:
    if dialect == "excel-sv":
        assert data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def walk(goals, parent=None):  # noqa: ANN001, ANN201
    for g in goals:
        yield g, parent
        yield from walk(g.children, g)


def ref(g) -> str:  # noqa: ANN001
    if g.level == 1:
        return f"{g.code}. {g.title}"
    return f"{g.code} {g.title}" if g.code else g.title


ASSESS = {None: "", "helt": "Uppfylls helt", "delvis": "Uppfylls delvis", "ej": "Uppfylls ej"}
LEVELS = {1: "KF:s inriktningsmål", 2: "KF:s mål för verksamhetsområdet", 3: "Nämndmål"}


def tracking(db: Path, doc: ReportDocument) -> tuple[list[str], dict[int, list[str]]]:
    """What an indicators CSV adds for import: Rapport, Indikator-id and Version, the
    version read straight from the history table (the id of the indicator's latest change)."""
    conn = sqlite3.connect(db)
    try:
        versions = dict(
            conn.execute(
                "SELECT entity_id, max(id) FROM changes WHERE entity = 'indicator' "
                "GROUP BY entity_id"
            ).fetchall()
        )
    finally:
        conn.close()
    name = f"{doc.report.organisation} – {doc.report.title}"
    cells = {
        i.id: [name, str(i.id), str(versions.get(i.id, 0))]
        for g, _ in walk(doc.goals)
        for i in g.indicators
    }
    return ["Rapport", "Indikator-id", "Version"], cells


def expected(doc: ReportDocument, table: str, db: Path | None = None) -> list[list[str]]:
    """The table's rows from the models; `db` given, an indicators CSV's extra columns too."""
    year = doc.report.year
    pairs = list(walk(doc.goals))
    if table == "goals":
        head = ["Nivå", "Nummer", "Mål", "Bedömning", "Överordnat mål"]
        return [head] + [
            [
                LEVELS[g.level],
                g.code or "",
                g.title,
                ASSESS[g.assessment and g.assessment.value],
                ref(p) if p else "",
            ]
            for g, p in pairs
        ]
    if table == "indicators":
        head = ["Mål", "Indikator", "Periodens utfall", "Utfall män/pojkar"]
        head += ["Utfall kvinnor/flickor", f"Utfall VB {year - 1}", "Prognos helår"]
        head += ["Årsmål", "KF:s årsmål", "Period"]
        fields = ["outcome", "outcome_men", "outcome_women", "previous", "forecast"]
        fields += ["target", "kf_target", "period"]
        extra, cells = tracking(db, doc) if db is not None else ([], {})
        return [head + extra] + [
            [ref(g), i.name, *(getattr(i, f) for f in fields), *cells.get(i.id, [])]
            for g, _ in pairs
            for i in g.indicators
        ]
    if table == "activities":
        head = ["Mål", "Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"]
        return [head] + [
            [
                ref(g),
                a.text,
                str(a.start_date or ""),
                str(a.end_date or ""),
                "Avvikelse" if a.deviation else "",
            ]
            for g, _ in pairs
            for a in g.activities
        ]
    raise AssertionError(table)


def economy_expected(doc: ReportDocument) -> dict[str, list[list[str]]]:
    out = {}

    def visit(sections) -> None:  # noqa: ANN001
        for s in sections:
            for t in s.tables:
                rows = [[r.label, *(r.cells or [""] * len(t.columns))] for r in t.rows]
                out[t.key] = [[t.label_heading, *t.columns], *rows]
            visit(s.children)

    visit(doc.sections)
    return out


def sample_db(tmp_path: Path) -> Path:
    from store.sample import load_sample

    path = tmp_path / "sample.db"
    with Store(path, create=True) as store:
        store.add_document(load_sample())
    return path


def test_md_tables_reads_escaped_cells() -> None:
    text = "| a | b |\n|---|---|\n| x \\| y | 1<br>2 |\n"
    assert md_tables(text) == [[["a", "b"], ["x | y", "1\n2"]]]
