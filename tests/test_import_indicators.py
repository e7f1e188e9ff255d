"""`tertial import indicators`: round trips, applied changes, unmatched rows, all or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exports.csvfmt import read_csv, to_csv
from store.store import Store
from tests.test_export_support import csv_cells, sample_db
from tui.cli import main


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def export(db: Path, dest: Path, dialect: str, capsys, *extra: str) -> Path:  # noqa: ANN001
    argv = ["export", "indicators", "--format", "csv", "--dialect", dialect, "--db", str(db)]
    assert main([*argv, "--output", str(dest), *extra]) == 0, capsys.readouterr().err
    return dest


def rows_of(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    return csv_cells(data, "excel-sv" if data.startswith(b"\xef\xbb\xbf") else "rfc4180")


def write(path: Path, rows: list[list[str]], dialect: str) -> Path:
    path.write_bytes(to_csv(rows[0], rows[1:], dialect).encode())
    return path


def do_import(db: Path, csv_path: Path, capsys) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(["import", "indicators", str(csv_path), "--db", str(db)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_round_trip_changes_nothing(dialect: str, db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    csv_path = export(db_path, tmp_path / "i.csv", dialect, capsys)
    before = dump(db_path)
    code, out, err = do_import(db_path, csv_path, capsys)
    assert (code, err) == (0, "")
    assert "Inga ändringar" in out
    assert dump(db_path) == before


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_sample_round_trip(dialect: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = sample_db(tmp_path)
    csv_path = export(db, tmp_path / "i.csv", dialect, capsys)
    before = dump(db)
    code, out, err = do_import(db, csv_path, capsys)
    assert (code, err) == (0, ""), err
    assert "Inga ändringar" in out and "inte hittades" not in out
    assert dump(db) == before


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_changed_value_is_applied_and_recorded(
    dialect, db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", dialect, capsys))
    rows[1][2] = "88"  # Periodens utfall
    rows[2][8] = "-5,4"  # KF:s årsmål, a negative number
    code, out, err = do_import(db_path, write(tmp_path / "j.csv", rows, dialect), capsys)
    assert (code, err) == (0, "")
    assert (
        "Servicenämnden ger god service › Andel nöjda medborgare › Periodens utfall: '87' → '88'"
        in out
    )
    assert "Sjukfrånvaro dag 1-14 › KF:s årsmål: 'Tas fram av nämnd/styrelse' → '-5,4'" in out
    with Store(db_path) as store:
        doc = store.document(store.reports()[0].id)
        inds = doc.goals[0].children[0].children[0].indicators
        assert (inds[0].outcome, inds[1].kf_target) == ("88", "-5,4")
        history = store.history(doc.report.id)
        assert [(c.source, c.subject, c.field, c.old, c.new) for c in history[-2:]] == [
            ("import", "Andel nöjda medborgare", "outcome", "87", "88"),
            ("import", "Sjukfrånvaro dag 1-14", "kf_target", "Tas fram av nämnd/styrelse", "-5,4"),
        ]


def test_neutralised_cells_round_trip(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    with Store(db_path) as store:
        ind = store.document(store.reports()[0].id).goals[0].children[0].children[0].indicators[0]
        # No unit: words (here a formula's text) may stand where a number goes.
        store.update_many([("indicator", ind.id, "unit", ""),
                           ("indicator", ind.id, "kf_target", "=1+1"),
                           ("indicator", ind.id, "name", "@namn")], source="app")  # fmt: skip
    csv_path = export(db_path, tmp_path / "i.csv", "excel-sv", capsys)
    assert rows_of(csv_path)[1][1] == "'@namn"
    before = dump(db_path)
    code, out, _ = do_import(db_path, csv_path, capsys)
    assert code == 0 and "Inga ändringar" in out
    assert dump(db_path) == before


def test_unmatched_row_is_listed(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", "rfc4180", capsys))
    # Rows added by hand: no Rapport, Indikator-id or Version, so matched by name.
    blank = [""] * (len(rows[0]) - 3)
    rows.append(["Servicenämnden ger god service", "Ingen sådan indikator", "1", *blank])
    rows.append(["Okänt mål", "Andel nöjda medborgare", "1", *blank])
    rows[1][7] = "90 %"
    code, out, err = do_import(db_path, write(tmp_path / "j.csv", rows, "rfc4180"), capsys)
    assert (code, err) == (0, "")
    assert "Årsmål: '85 %' → '90 %'" in out
    assert "rad 4: mål 'Servicenämnden ger god service', indikator 'Ingen sådan indikator'" in out
    assert "rad 5: mål 'Okänt mål', indikator 'Andel nöjda medborgare'" in out


def test_goal_may_be_named_by_number_and_subset_columns(
    db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    path = tmp_path / "j.csv"
    path.write_bytes(
        "Indikator;Mål;Prognos helår\r\nAndel nöjda medborgare;servicenämnden ger god service;86\r\n".encode()
    )
    code, out, _ = do_import(db_path, path, capsys)
    assert code == 0 and "Prognos helår: '' → '86'" in out


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [(2, "12,3,4", "inget tal"), (9, "Tertial\n2", "en rad"), (5, "-", "inget tal")],
)
def test_bad_row_changes_nothing(
    column, value, reason, db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", "rfc4180", capsys))
    rows[1][2] = "88"  # a good change that must not be applied either
    rows[2][column] = value
    before = dump(db_path)
    code, out, err = do_import(db_path, write(tmp_path / "j.csv", rows, "rfc4180"), capsys)
    assert code == 1 and out == ""
    assert f"rad 3, kolumn {rows[0][column]!r}" in err and reason in err
    assert "Traceback" not in err
    assert dump(db_path) == before


def test_unknown_column_changes_nothing(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", "rfc4180", capsys))
    rows[0][3] = "Utfall barn"
    rows[1][2] = "88"
    before = dump(db_path)
    code, _, err = do_import(db_path, write(tmp_path / "j.csv", rows, "rfc4180"), capsys)
    assert code == 1 and "kolumn 'Utfall barn': okänd kolumn" in err
    assert dump(db_path) == before


def test_short_row_and_missing_file(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "j.csv"
    path.write_bytes(b"M\xc3\xa5l,Indikator,\xc3\x85rsm\xc3\xa5l\r\nx,y\r\n")
    code, _, err = do_import(db_path, path, capsys)
    assert code == 1 and "rad 2: 2 värden" in err
    code, _, err = do_import(db_path, tmp_path / "nosuch.csv", capsys)
    assert code == 2 and err.count("\n") == 1 and "nosuch.csv" in err


def test_read_csv_detects_dialect() -> None:
    rows = [["Mål", "Indikator"], ["a", "=b"]]
    assert read_csv(to_csv(rows[0], rows[1:], "excel-sv").encode()).dialect == "excel-sv"
    plain = read_csv(to_csv(rows[0], rows[1:], "rfc4180").encode())
    assert plain.dialect == "rfc4180"
    assert plain.rows[0].cells == ["a", "=b"]
    semicolon_no_bom = read_csv("Mål;Indikator\r\na;b\r\n".encode())
    assert semicolon_no_bom.rows[0].cells == ["a", "b"]


def test_windows_1252_file_from_excel(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "j.csv"
    text = "Mål;Indikator;Årsmål\r\nServicenämnden ger god service;Andel nöjda medborgare;90 %\r\n"
    path.write_bytes(text.encode("cp1252"))
    code, out, _ = do_import(db_path, path, capsys)
    assert code == 0 and "Årsmål: '85 %' → '90 %'" in out
