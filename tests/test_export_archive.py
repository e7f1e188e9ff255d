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


def test_a_damaged_text_is_read_with_replacement_and_no_row_lost_or_repeated(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows stream in batches; a text that is not UTF-8 (a damaged file) is read from its
    row on with the replacing decoder: the output is every row once, in order."""
    import sqlite3

    import store.archive

    argv = ["export", "indicators", "--report", "all", "--format", "csv", "--db", str(archive)]
    assert main(argv) == 0
    before = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    monkeypatch.setattr(store.archive, "BATCH", 2)  # the damaged row in a later batch
    damaged = 6  # the last report's Sjukfrånvaro, past the first batches
    organisation, report, _, name = before[damaged][:4]
    assert name == "Sjukfrånvaro dag 1-14"
    conn = sqlite3.connect(archive)
    with conn:
        n = conn.execute(
            "UPDATE indicators SET name = CAST(? AS TEXT) WHERE name = ? AND goal_id IN "
            "(SELECT g.id FROM goals g JOIN reports r ON r.id = g.report_id "
            "JOIN organisations o ON o.id = r.organisation_id WHERE o.name = ? AND r.year = ?)",
            (b"Tr\xffsig " + name.encode(), name, organisation, int(report[-4:])),
        ).rowcount
    conn.close()
    assert n == 1
    assert main(argv) == 0
    after = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    expected = [list(r) for r in before]
    expected[damaged][3] = "Tr\ufffdsig " + name
    assert after == expected
