"""`tertial export indicators --report all`: every report of a file in one table."""

import csv
import io
from pathlib import Path

import pytest

from exports.tables import indicators_table
from store.store import Store
from tests.factories import small_document
from tui.cli import main


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Store(path, create=True) as store:
        for org, year in [("Östermalm", 2023), ("Kulturnämnden", 2024), ("Kulturnämnden", 2022)]:
            doc = small_document(org, year)
            doc.goals[0].children[0].children[0].indicators[0].name = "=HYPERLINK(1)"
            store.add_document(doc)
    return path


def test_every_report_in_report_and_document_order(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["export", "indicators", "--report", "all", "--format", "csv", "--db", str(archive)])
        == 0
    )
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["Organisation", "Rapport", "Mål", "Indikator"]
    assert rows[0][7] == "Utfall föregående år"
    body = rows[1:]
    assert [(r[0], r[1]) for r in body[::2]] == [
        ("Kulturnämnden", "Tertialrapport 2 2022"),
        ("Kulturnämnden", "Tertialrapport 2 2024"),
        ("Östermalm", "Tertialrapport 2 2023"),
    ]
    # Each report's rows are exactly what the one-report export gives, in its order.
    with Store(archive) as store:
        for report in store.reports():
            table = indicators_table(store.document(report.id))
            mine = [
                r[2:]
                for r in body
                if r[0] == report.organisation and r[1].endswith(str(report.year))
            ]
            expected = [[("'" + c if c.startswith("=") else c) for c in row] for row in table.rows]
            assert mine == expected
    assert body[0][3] == "'=HYPERLINK(1)"  # neutralised on the fast path too


def test_markdown_and_refusals(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "indicators", "--report", "all", "--db", str(archive)]) == 0
    assert capsys.readouterr().out.count("Sjukfrånvaro dag 1-14") == 3
    assert main(["export", "goals", "--report", "all", "--db", str(archive)]) == 2
    assert main(["export", "goals", "--report", "x", "--db", str(archive)]) == 2
    assert capsys.readouterr().err.count("\n") == 2
