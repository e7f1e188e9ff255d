"""Each table in both formats, checked cell by cell, on the factory document and the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports.csvfmt import neutralise, to_csv, unneutralise
from exports.markdown import pipe_table
from store.store import Store
from store.values import ValueKind, parse_value
from tests.test_export_support import (
    csv_cells,
    economy_expected,
    expected,
    md_tables,
    sample_db,
)
from tui.cli import main


@pytest.fixture(params=["factory", "sample"])
def source(request: pytest.FixtureRequest, db_path: Path, tmp_path: Path) -> Path:
    return db_path if request.param == "factory" else sample_db(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(["export", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def run_bytes(capsys: pytest.CaptureFixture[str], *argv: str) -> bytes:
    """The exact bytes written to stdout (BOM and CRLF included)."""
    return run(capsys, *argv).encode("utf-8")


def document(path: Path):  # noqa: ANN201
    with Store(path) as store:
        return store.document(store.reports()[0].id)


TABLES = ["goals", "indicators", "activities"]


@pytest.mark.parametrize("table", TABLES)
def test_markdown_table_cell_by_cell(table: str, source: Path, capsys) -> None:  # noqa: ANN001
    out = run(capsys, table, "--format", "md", "--db", str(source))
    assert md_tables(out) == [expected(document(source), table)]


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
@pytest.mark.parametrize("table", TABLES)
def test_csv_table_cell_by_cell(table: str, dialect: str, source: Path, capsys) -> None:  # noqa: ANN001
    data = run_bytes(capsys, table, "--format", "csv", "--dialect", dialect, "--db", str(source))
    assert csv_cells(data, dialect) == [
        [neutralise(c) for c in row] for row in expected(document(source), table, source)
    ]
    assert data.count(b"\r\n") >= len(expected(document(source), table))
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare LF in these tables


def test_csv_default_is_rfc4180(db_path: Path, capsys) -> None:  # noqa: ANN001
    data = run_bytes(capsys, "goals", "--format", "csv", "--db", str(db_path))
    assert data.startswith("Nivå,Nummer,Mål,Bedömning,Överordnat mål\r\n".encode())


def test_economy_tables(source: Path, capsys) -> None:  # noqa: ANN001
    want = economy_expected(document(source))
    assert want
    out = run(capsys, "economy", "--format", "md", "--db", str(source))
    assert md_tables(out) == list(want.values())
    for key, cells in want.items():
        out = run(capsys, "economy", "--format", "md", "--table", key, "--db", str(source))
        assert md_tables(out) == [cells]
        for dialect in ("rfc4180", "excel-sv"):
            data = run_bytes(
                capsys, "economy", "--format", "csv", "--table", key,
                "--dialect", dialect, "--db", str(source),
            )  # fmt: skip
            assert csv_cells(data, dialect) == cells


def test_factory_literal_rows(db_path: Path, capsys) -> None:  # noqa: ANN001
    out = run(capsys, "indicators", "--format", "md", "--db", str(db_path))
    (table,) = md_tables(out)
    assert table[0][5] == "Utfall VB 2022"
    assert table[1] == ["Servicenämnden ger god service", "Andel nöjda medborgare", "87", "", "",
                        "77", "", "85 %", "", "2023"]  # fmt: skip
    out = run(capsys, "goals", "--format", "md", "--db", str(db_path))
    (table,) = md_tables(out)
    assert table[3] == ["Nämndmål", "", "Servicenämnden ger god service", "Uppfylls delvis",
                        "1.1 Alla barn ska ges goda villkor"]  # fmt: skip
    assert table[4][3] == ""  # not yet assessed


def test_goal_limits_tables(db_path: Path, capsys) -> None:  # noqa: ANN001
    out = run(capsys, "goals", "--goal", "1.1", "--db", str(db_path))
    (table,) = md_tables(out)
    assert [r[2] for r in table[1:]] == [
        "Alla barn ska ges goda villkor",
        "Servicenämnden ger god service",
        "Ett nytt mål utan bedömning",
    ]
    out = run(capsys, "activities", "--goal", "2", "--db", str(db_path))
    assert md_tables(out) == [[["Mål", "Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"]]]


def test_sample_goal_limit(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = sample_db(tmp_path)
    doc = document(path)
    out = run(capsys, "indicators", "--goal", "1", "--db", str(path))
    first = doc.goals[0]
    want = [r for r in expected(doc, "indicators")[1:] if _under(first, r[0])]
    assert md_tables(out)[0][1:] == want


def _under(root, name: str) -> bool:  # noqa: ANN001
    from tests.test_export_support import ref, walk

    return any(ref(g) == name for g, _ in walk([root]))


def test_markdown_cells_with_pipes_and_line_breaks() -> None:
    rows = [["a | b", "rad 1\nrad 2", "-5,4"], ["x\r\ny", "\\|", "1 234,5"]]
    assert md_tables(pipe_table(["A|1", "B", "C"], rows)) == [
        [["A|1", "B", "C"], ["a | b", "rad 1\nrad 2", "-5,4"], ["x\ny", "\\|", "1 234,5"]]
    ]


def test_numbers_stay_as_printed() -> None:
    text = pipe_table(["v"], [["1,50"], ["007"], ["1e3"], ["98,1 %"]])
    assert [r[0] for r in md_tables(text)[0][1:]] == ["1,50", "007", "1e3", "98,1 %"]


@pytest.mark.parametrize("char", ["=", "+", "-", "@", "\t", "\r"])
@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_formula_injection_neutralised(char: str, dialect: str) -> None:
    text = f'{char}HYPERLINK("http://x")'
    data = to_csv(["h"], [[text], ["-5,4"], ["−5,4"], ["+3"], ["-"]], dialect).encode()
    cells = [r[0] for r in csv_cells(data, dialect)[1:]]
    assert cells == ["'" + text, "-5,4", "−5,4", "+3", "'-"]


def test_formula_injection_through_the_store(store: Store, db_path: Path, capsys) -> None:  # noqa: ANN001
    doc = store.document(store.reports()[0].id)
    goal = doc.goals[0].children[0].children[0]
    ind = goal.indicators[0]
    store.update_many(
        [
            ("indicator", ind.id, "name", "=cmd|'/C calc'!A0"),
            ("indicator", ind.id, "unit", ""),  # no unit: words may stand for a number
            ("indicator", ind.id, "kf_target", "@SUM(1+1)"),
            ("indicator", ind.id, "outcome", "-5,4"),
            ("activity", doc.goals[0].children[0].activities[0].id, "text", "+\tx"),
        ],
        source="app",
    )
    for dialect in ("rfc4180", "excel-sv"):
        data = run_bytes(capsys, "indicators", "--format", "csv", "--dialect", dialect,
                         "--db", str(db_path))  # fmt: skip
        row = csv_cells(data, dialect)[1]
        assert row[1] == "'=cmd|'/C calc'!A0"
        assert row[2] == "-5,4"
        assert row[8] == "'@SUM(1+1)"
        data = run_bytes(capsys, "activities", "--format", "csv", "--dialect", dialect,
                         "--db", str(db_path))  # fmt: skip
        assert csv_cells(data, dialect)[1][1] == "'+\tx"


@given(st.text())
def test_neutralise_round_trips_and_is_safe(text: str) -> None:
    out = neutralise(text)
    assert unneutralise(out) == text
    if out and out[0] in "=+-@\t\r":
        assert parse_value(out).kind == ValueKind.NUMBER
