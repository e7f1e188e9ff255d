"""One export registry, one file write: every format goes through exports.formats and
exports.atomic, from the command line and the workbench alike."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from exports.formats import FORMATS, Selection, export_file, write
from exports.tables import Table
from tui.cli import main
from tui.export_cli import export_parser

CASES = [
    ("report", "docx"),
    ("indicators", "xlsx"),
    ("report", "json"),
    ("goals", "csv"),
    ("report", "md"),
]


def test_the_command_offers_the_registrys_formats() -> None:
    (action,) = [a for a in export_parser()._actions if a.dest == "format"]
    assert tuple(action.choices) == tuple(FORMATS) == ("md", "csv", "docx", "xlsx", "json")


@pytest.mark.parametrize(("table", "fmt"), CASES)
def test_never_over_the_tertial_file(table: str, fmt: str, db_path: Path, capsys) -> None:  # noqa: ANN001
    before = db_path.read_bytes()
    code = main(["export", table, "--format", fmt, "--db", str(db_path), "--output", str(db_path)])
    err = capsys.readouterr().err
    assert code == 1 and "tertial-filen" in err and err.count("\n") == 1
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(("table", "fmt"), CASES)
def test_never_over_a_read_only_file(
    table: str, fmt: str, db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    (tmp_path / "ut").mkdir()
    dest = tmp_path / "ut" / f"låst.{fmt}"
    dest.write_text("gammalt")
    dest.chmod(0o444)  # refused by its mode bits even for root
    code = main(["export", table, "--format", fmt, "--db", str(db_path), "--output", str(dest)])
    err = capsys.readouterr().err
    assert code == 1 and "skrivskyddad" in err
    assert dest.read_text() == "gammalt" and stat.S_IMODE(dest.stat().st_mode) == 0o444
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]


def test_tables_made_by_the_caller_in_every_table_format(tmp_path: Path) -> None:
    """What the workbench exports (a table as shown) fits every format that holds tables."""
    import openpyxl

    table = Table(["Indikator", "Periodens utfall"], [["Sjukfrånvaro", "2,1 %"]], "Indikatorer")
    what = Selection(tables=[table])
    out = io.BytesIO()
    write("md", what, out)
    cells = out.getvalue().decode().splitlines()[2].split("|")[1:3]
    assert [c.strip() for c in cells] == ["Sjukfrånvaro", "2,1 %"]
    out = io.BytesIO()
    write("csv", what, out)
    assert out.getvalue() == 'Indikator,Periodens utfall\r\nSjukfrånvaro,"2,1 %"\r\n'.encode()
    path = export_file("xlsx", what, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Indikatorer" and sheet["A2"].value == "Sjukfrånvaro"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left
