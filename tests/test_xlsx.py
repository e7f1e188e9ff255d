"""`tertial export TABLE --format xlsx`: the workbook read back with openpyxl.

Numbers as numbers with a format that shows them as printed; everything else text,
never a formula; header bold and frozen, an autofilter, widths that fit, Swedish
sheet names; `report` is one workbook with a sheet per table.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from exports.xlsx import excel_value
from store.store import Store
from tests.docs_support import document, export
from tests.test_export_support import economy_expected, expected, sample_db
from tui.cli import main

FORMULA = '=HYPERLINK("http://example.com","klicka")'


@pytest.fixture
def tricky_db(db_path: Path) -> Path:
    """The factory report with the values the issue names, and text that looks like code."""
    with Store(db_path) as store:
        ind = store.document(1).goals[0].children[0].children[0].indicators[0]
        store.update_many(
            [
                ("indicator", ind.id, "outcome", "98,1 %"),
                ("indicator", ind.id, "outcome_men", "-5,4"),
                ("indicator", ind.id, "outcome_women", "1 234"),
                ("indicator", ind.id, "previous", "4 st"),
                ("indicator", ind.id, "forecast", "+/-1 %"),
                ("indicator", ind.id, "target", "1,8 kg CO2 per kg livsmedel"),
                ("indicator", ind.id, "unit", ""),  # words may stand for a number
                ("indicator", ind.id, "kf_target", "#N/A"),
                ("indicator", ind.id, "name", FORMULA),
            ]
        )
    return db_path


def rows(ws) -> list[list]:  # noqa: ANN001
    return [list(r) for r in ws.iter_rows()]


def test_values_are_numbers_with_their_format_and_text_stays_text(
    tricky_db: Path, tmp_path: Path
) -> None:
    path = export(tricky_db, tmp_path / "ind.xlsx", "indicators", "--format", "xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Indikatorer"]
    ws = wb["Indikatorer"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Mål", "Indikator", "Periodens utfall"]
    cells = {h: c for h, c in zip(header, ws[2], strict=True)}
    got = {h: (c.value, c.number_format, c.data_type) for h, c in cells.items()}
    assert got["Periodens utfall"] == (pytest.approx(0.981), "0.0 %", "n")
    assert got["Utfall män/pojkar"] == (pytest.approx(-5.4), "#,##0.0", "n")
    assert got["Utfall kvinnor/flickor"] == (1234, "#,##0", "n")
    assert got["Utfall VB 2022"] == (4, '#,##0" st"', "n")
    assert got["Årsmål"] == (pytest.approx(1.8), '#,##0.0" kg CO2 per kg livsmedel"', "n")
    assert got["Prognos helår"] == ("+/-1 %", "General", "s")
    assert got["KF:s årsmål"] == ("#N/A", "General", "s")  # words, not Excel's error
    assert got["Indikator"] == (FORMULA, "General", "s")
    assert got["Period"] == ("2023", "General", "s")  # a label, not a number
    # the second row: "2,1 %" and "Tas fram av nämnd/styrelse"
    second = {h: c.value for h, c in zip(header, ws[3], strict=True)}
    assert second["Periodens utfall"] == pytest.approx(0.021)
    assert second["KF:s årsmål"] == "Tas fram av nämnd/styrelse"
    assert second["Årsmål"] == pytest.approx(0.02) and ws[3][7].number_format == "0 %"


def test_never_a_formula_in_the_file(tricky_db: Path, tmp_path: Path) -> None:
    with Store(tricky_db) as store:
        store.update("goal", 1, "title", "=1+1")
        store.update("section", 1, "title", "=SUM(A1:A9)")
    path = export(tricky_db, tmp_path / "r.xlsx", "report", "--format", "xlsx")
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(z.read(n) for n in sheets)
    assert b"<f>" not in xml and b"<f " not in xml
    wb = openpyxl.load_workbook(path)
    values = [c.value for ws in wb for row in ws.iter_rows() for c in row]
    assert "=1+1" in values and FORMULA in values
    assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)


def test_header_bold_frozen_filtered_and_columns_fit(db_path: Path, tmp_path: Path) -> None:
    path = export(db_path, tmp_path / "goals.xlsx", "goals", "--format", "xlsx")
    ws = openpyxl.load_workbook(path)["Mål"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:E{ws.max_row}"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    longest_title = max(len(str(c.value or "")) for c in ws["C"])
    assert widths["C"] >= longest_title and widths["B"] < widths["C"]
    assert [[c.value or "" for c in r] for r in ws.iter_rows()] == expected(
        document(db_path), "goals"
    )


def test_report_is_one_workbook_a_sheet_per_table(tmp_path: Path) -> None:
    db = sample_db(tmp_path)
    path = export(db, tmp_path / "rapport.xlsx", "report", "--format", "xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Mål",
        "Indikatorer",
        "Aktiviteter",
        "Periodens utfall",
        "Årsprognos driftsbudget",  # the budget table has no title: its section's
        "Årsprognos per verksamhet",
    ]
    doc = document(db)
    for name, table in (("Mål", "goals"), ("Aktiviteter", "activities")):
        shown = [[_printed(c) for c in r] for r in wb[name].iter_rows()]
        assert shown == expected(doc, table), name
    ind = wb["Indikatorer"]
    assert ind.max_row == 1 + sum(len(r) for r in [expected(doc, "indicators")[1:]])
    start = wb["Aktiviteter"]["C2"]
    assert start.value == dt.datetime(2023, 1, 1) and start.number_format == "yyyy-mm-dd"


def _printed(cell) -> str:  # noqa: ANN001
    if cell.value is None:
        return ""
    if isinstance(cell.value, dt.datetime):
        return cell.value.date().isoformat()
    return str(cell.value)


def test_economy_sheet_with_spanning_headings(tmp_path: Path) -> None:
    db = sample_db(tmp_path)
    path = export(db, tmp_path / "e.xlsx", "economy", "--format", "xlsx", "--table", "arsprognos")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Årsprognos per verksamhet"]
    ws = wb.active
    assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A1:A2", "B1:C1", "D1:E1", "F1:F2"]
    assert [c.value for c in ws[1]] == [
        "Resultat per verksamhetsområde", "Budget 2023", None, "Prognos 2023", None,
        "Budgetavvikelse",
    ]  # fmt: skip
    assert [c.value for c in ws[2]][1:5] == ["Intäkter", "Kostnader", "Intäkter", "Kostnader"]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:F")
    want = economy_expected(document(db))["arsprognos"][1:]
    for row, cells in zip(want, ws.iter_rows(min_row=3), strict=True):
        assert cells[0].value == row[0]
        for text, cell in zip(row[1:], cells[1:], strict=True):
            if text:
                assert cell.value == pytest.approx(float(text.replace(",", ".")))
                assert cell.number_format == "#,##0.0"
            else:
                assert cell.value is None
    total = next(r for r in ws.iter_rows() if r[0].value == "Resultat före bokslutsdisposition")
    assert all(c.font.b for c in total)


def test_archive_indicators_to_xlsx(tmp_path: Path) -> None:
    from tests.bench.generate import generate

    db = tmp_path / "archive.db"
    generate(db, 2, 1, seed=3)
    path = export(db, tmp_path / "alla.xlsx", "indicators", "--format", "xlsx", "--report", "all")
    ws = openpyxl.load_workbook(path)["Indikatorer"]
    assert [c.value for c in ws[1]][:4] == ["Organisation", "Rapport", "Mål", "Indikator"]
    assert ws.max_row == 1 + 2 * 3 * 42
    values = [c for r in ws.iter_rows(min_row=2) for c in r[4:11] if c.value is not None]
    numbers = [c for c in values if isinstance(c.value, int | float)]
    assert len(numbers) > len(values) / 2
    assert all(c.number_format != "General" for c in numbers)
    assert all(isinstance(r[11].value, str) for r in ws.iter_rows(min_row=2))  # Period


@pytest.mark.parametrize(
    ("text", "kind", "value", "fmt"),
    [
        ("98,1 %", "number", 0.981, "0.0 %"),
        ("−5,4", "number", -5.4, "#,##0.0"),  # U+2212, as a PDF prints it
        ("1\u00a0234", "number", 1234, "#,##0"),
        ("12,25", "number", 12.25, "#,##0.00"),
        ("Tas fram av nämnd/styrelse", "number", "Tas fram av nämnd/styrelse", None),
        ("1,2,3", "number", "1,2,3", None),  # refused by the parser: kept as text
        ("98,1 %", "text", "98,1 %", None),  # a name is never a number
        ("2023-02-30", "date", "2023-02-30", None),
    ],
)
def test_excel_value(text: str, kind: str, value: object, fmt: str | None) -> None:
    got, got_fmt = excel_value(text, kind)
    assert got == (pytest.approx(value) if isinstance(value, float) else value)
    assert got_fmt == fmt


def test_binary_to_a_terminal_is_refused(db_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    code = main(["export", "report", "--format", "xlsx", "--db", str(db_path)])
    assert code == 2 and "--output" in capsys.readouterr().err


def test_report_of_one_goal(tmp_path: Path) -> None:
    db = sample_db(tmp_path)
    path = export(db, tmp_path / "mål.xlsx", "report", "--format", "xlsx", "--goal", "1.3")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Mål", "Indikatorer", "Aktiviteter"]
    goals = [r[2].value for r in wb["Mål"].iter_rows(min_row=2)]
    assert goals[0].startswith("Stockholms stad ska ge stöd") and len(goals) == 2
