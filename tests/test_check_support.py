"""Helpers for the checker's tests: edited copies of the sample, checked from a real file.

Every check here goes through the database: the edited report is written to a new
file, read back, and checked both ways the app and the command read it (the models
via Store.document, and plain rows via store.check.load); the two must agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from store.check import Finding, check_plain, check_report
from store.check.load import plain_reports, report_list
from store.models import Goal, Indicator, ReportDocument, Section
from store.sample import load_sample
from store.store import Store

# The shipped sample's findings: (rule, severity, goal number or title, item).
SAMPLE_FINDINGS = [
    (
        "bedomning-mot-indikatorer",
        "info",
        "Servicenämnden bidrar till att staden kan öka andelen utbildad personal inom "
        "förskolan och skolan.",
        "Bedömning",
    ),
    (
        "saknar-prognos",
        "varning",
        "Servicenämnden bidrar till att staden kan öka andelen utbildad personal inom "
        "förskolan och skolan.",
        "Indikator Antal stadsdelsförvaltningar som anlitar serviceförvaltningen rekryte… "
        "› Prognos helår",
    ),
    (
        "saknar-prognos",
        "varning",
        "3.1",
        "Indikator Nämndens budgetföljsamhet efter resultatöverföringar › Prognos helår",
    ),
    (
        "saknar-utfall",
        "varning",
        "Servicenämnden utvecklar och effektiviserar administrativa funktioner i syfte att "
        "frigöra resurser för stadens förvaltningar och bolag.",
        "Indikator Andel ärenden i ärendehanteringssystemet som inkommer via e-tjänster "
        "› Periodens utfall",
    ),
]


def sample() -> ReportDocument:
    return load_sample()


def walk(goals: list[Goal]) -> Iterator[Goal]:
    for g in goals:
        yield g
        yield from walk(g.children)


def goal(doc: ReportDocument, start: str) -> Goal:
    """The goal whose number is `start`, or the first whose title starts with it."""
    found = [g for g in walk(doc.goals) if g.code == start or g.title.startswith(start)]
    assert found, start
    return found[0]


def indicator(doc: ReportDocument, start: str) -> Indicator:
    found = [i for g in walk(doc.goals) for i in g.indicators if i.name.startswith(start)]
    assert found, start
    return found[0]


def section(doc: ReportDocument, title: str) -> Section:
    def visit(sections: list[Section]) -> Iterator[Section]:
        for s in sections:
            yield s
            yield from visit(s.children)

    found = [s for s in visit(doc.sections) if s.title.startswith(title)]
    assert found, title
    return found[0]


def table_row(doc: ReportDocument, key: str, label: str):  # noqa: ANN201
    for s in _sections(doc.sections):
        for t in s.tables:
            if t.key == key:
                return next(r for r in t.rows if r.label == label)
    raise AssertionError(key)


def _sections(sections: list[Section]) -> Iterator[Section]:
    for s in sections:
        yield s
        yield from _sections(s.children)


def write(doc: ReportDocument, path: Path) -> int:
    with Store(path, create=not path.exists()) as store:
        return store.add_document(doc)


def checked(doc: ReportDocument, path: Path) -> tuple[list[Finding], Store]:
    """Write `doc` to a new file at `path`, check it both ways, return the findings
    and the open store (to look the findings' items up in the file)."""
    rid = write(doc, path)
    store = Store(path)
    via_models = check_report(store.document(rid))
    rows = [r for r in report_list(store.conn) if r[0] == rid]
    via_rows, _ = check_plain(next(plain_reports(store.conn, rows)))
    assert via_models == via_rows
    return via_models, store


def of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_sample_helpers_find_what_they_name() -> None:
    doc = sample()
    assert goal(doc, "1.3").code == "1.3"
    assert indicator(doc, "Sjukfrånvaro dag").name == "Sjukfrånvaro dag 1-14"
    assert table_row(doc, "utfall", "Ekonomi").cells == ["52,6", "42,3", "10,2"]
