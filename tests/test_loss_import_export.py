"""Issue 10, items 5–7: nothing an author writes is lost through import.

5. A stale CSV never reverts a change made after it was exported.
6. A CSV from one report does not land in another unless asked.
7. Indicators of the same name keep their own values.
(Item 8, `--output` and the workbench's export: tests/test_loss_output.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.csvfmt import read_csv
from exports.importer import plan
from store.models import Indicator
from store.store import Store
from store.versions import ChangedSince, indicator_versions, update_if_unchanged
from tests.factories import small_document
from tests.test_import_indicators import dump, export, rows_of, write
from tui.cli import main

GOAL = "Servicenämnden ger god service"
# Columns of the indicators CSV
OUTCOME, TARGET, REPORT, ID, VERSION = 2, 7, 10, 11, 12


def run_import(db: Path, csv_path: Path, capsys, *extra: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(["import", "indicators", str(csv_path), "--db", str(db), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def indicators(db: Path, report: int | None = None) -> dict[str, Indicator]:
    with Store(db) as s:
        doc = s.document(report or s.reports()[0].id)
    return {i.name: i for i in doc.goals[0].children[0].children[0].indicators}


# -- 5. A stale CSV ----------------------------------------------------------------------


def test_stale_csv_does_not_revert_a_later_change(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", "excel-sv", capsys))
    nojda = indicators(db_path)["Andel nöjda medborgare"]
    with Store(db_path) as s:  # after the export, someone changes an Årsmål in the workbench
        s.update("indicator", nojda.id, "target", "90 %", source="app")
    rows[2][OUTCOME] = "2,3 %"  # and the author changes another row in the old CSV
    stale = write(tmp_path / "j.csv", rows, "excel-sv")
    before = dump(db_path)

    code, out, err = run_import(db_path, stale, capsys)
    assert code == 1 and out == ""
    assert f"rad 2: {GOAL} › Andel nöjda medborgare › Årsmål: nu '90 %', vid exporten '85 %'" in err
    assert "behålls även med --force" in err and "Traceback" not in err
    assert dump(db_path) == before  # refused: nothing written

    code, out, err = run_import(db_path, stale, capsys, "--force")
    assert (code, err) == (0, "")
    assert "Sjukfrånvaro dag 1-14 › Periodens utfall: '2,1 %' → '2,3 %'" in out
    assert f"Behöll 1 värde som ändrats i filen sedan exporten:\n  {GOAL} › Andel nöjda" in out
    now = indicators(db_path)
    assert now["Andel nöjda medborgare"].target == "90 %"  # never written back
    assert now["Sjukfrånvaro dag 1-14"].outcome == "2,3 %"
    with Store(db_path) as s:
        last = s.history(s.reports()[0].id)[-2:]
    assert [(c.source, c.field, c.old, c.new) for c in last] == [
        ("app", "target", "85 %", "90 %"),
        ("import", "outcome", "2,1 %", "2,3 %"),
    ]


def test_stale_cell_changed_on_both_sides(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", "rfc4180", capsys))
    nojda = indicators(db_path)["Andel nöjda medborgare"]
    with Store(db_path) as s:
        s.update("indicator", nojda.id, "target", "90 %")
        s.update("indicator", nojda.id, "analys", "Ny analys.")  # not a column: no conflict
        s.update("indicator", nojda.id, "outcome", "88")
        s.update("indicator", nojda.id, "outcome", "87")  # changed and changed back
    rows[1][TARGET] = "95 %"
    path = write(tmp_path / "j.csv", rows, "rfc4180")
    before = dump(db_path)
    code, out, err = run_import(db_path, path, capsys)
    assert code == 1 and dump(db_path) == before
    assert (
        "Årsmål: nu '90 %', vid exporten '85 %', i CSV-filen '95 %' (--force skriver '95 %')" in err
    )
    assert "1 värde har ändrats" in err and "Periodens utfall" not in err

    code, out, _ = run_import(db_path, path, capsys, "--force")
    assert code == 0 and "Årsmål: '90 %' → '95 %'" in out
    assert indicators(db_path)["Andel nöjda medborgare"].target == "95 %"
    # The same CSV again: what it says is in the file now, so nothing to refuse or write.
    before = dump(db_path)
    code, out, err = run_import(db_path, path, capsys)
    assert (code, err) == (0, "") and "Inga ändringar" in out
    assert dump(db_path) == before


def test_version_from_another_file_needs_force(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    rows = rows_of(export(db_path, tmp_path / "i.csv", "rfc4180", capsys))
    rows[1][VERSION] = "999"  # no change with that id in this file
    rows[1][OUTCOME] = "90"
    path = write(tmp_path / "j.csv", rows, "rfc4180")
    before = dump(db_path)
    code, _, err = run_import(db_path, path, capsys)
    assert code == 1 and dump(db_path) == before
    assert "version 999 i CSV-filen" in err and "en annan fil" in err
    code, out, _ = run_import(db_path, path, capsys, "--force")
    assert code == 0 and "Periodens utfall: '87' → '90'" in out


def test_change_between_reading_and_writing_writes_nothing(db_path: Path) -> None:
    with Store(db_path) as store, Store(db_path) as other:
        report = store.reports()[0].id
        doc = store.document(report)
        versions = indicator_versions(store, report)
        ind = doc.goals[0].children[0].children[0].indicators[0]
        csv_text = (
            f"Mål;Indikator;Årsmål;Indikator-id;Version\r\n{GOAL};{ind.name};70 %;{ind.id};0\r\n"
        )
        result = plan(doc, read_csv(csv_text.encode()), versions=versions)
        assert [(e.field, e.new) for e in result.edits] == [("target", "70 %")]
        other.update("indicator", ind.id, "target", "90 %")  # lands in between
        seen = {i: versions.get(i, 0) for i in result.touched()}
        with pytest.raises(ChangedSince):
            update_if_unchanged(store, report, result.store_edits(), seen)
        assert store.get("indicator", ind.id).target == "90 %"


# -- 6. A CSV from another report -----------------------------------------------------------


@pytest.fixture
def two_reports(tmp_path: Path) -> tuple[Path, int, int]:
    """One file with Tertialrapport 1 and 2 of 2023: the same goals and indicator names."""
    t1 = small_document()
    t1.report.kind = "T1"
    path = tmp_path / "two.db"
    with Store(path, create=True) as s:
        first, second = s.add_document(t1), s.add_document(small_document())
    return path, first, second


def test_csv_from_another_report_is_refused(two_reports, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db, t1, t2 = two_reports
    rows = rows_of(export(db, tmp_path / "t1.csv", "excel-sv", capsys, "--report", str(t1)))
    assert rows[1][REPORT] == "Testnämnden – Tertialrapport 1 2023"
    rows[1][OUTCOME] = "91"
    path = write(tmp_path / "j.csv", rows, "excel-sv")
    before = dump(db)

    code, out, err = run_import(db, path, capsys, "--report", str(t2))
    assert code == 1 and out == "" and dump(db) == before
    assert (
        "rad 2 och 3: CSV-filen är exporterad från rapporten 'Testnämnden – Tertialrapport 1 "
        "2023', inte från 'Testnämnden – Tertialrapport 2 2023'; med --from-other-report" in err
    )

    # Asked for explicitly: matched by Mål and Indikator in the other report.
    code, out, _ = run_import(db, path, capsys, "--report", str(t2), "--from-other-report")
    assert code == 0 and "Periodens utfall: '87' → '91'" in out
    assert indicators(db, t2)["Andel nöjda medborgare"].outcome == "91"
    assert indicators(db, t1)["Andel nöjda medborgare"].outcome == "87"

    # Without --report, a CSV goes back to the report it came from.
    rows[1][OUTCOME] = "92"
    code, out, err = run_import(db, write(tmp_path / "k.csv", rows, "excel-sv"), capsys)
    assert (code, err) == (0, "")
    assert indicators(db, t1)["Andel nöjda medborgare"].outcome == "92"
    assert indicators(db, t2)["Andel nöjda medborgare"].outcome == "91"


def test_csv_from_another_file_and_report_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # Two files of one report each: the same ids, the same names, different reports.
    t1 = small_document()
    t1.report.kind = "T1"
    for name, doc in (("t1.db", t1), ("t2.db", small_document())):
        with Store(tmp_path / name, create=True) as s:
            s.add_document(doc)
    rows = rows_of(export(tmp_path / "t1.db", tmp_path / "t1.csv", "rfc4180", capsys))
    rows[1][OUTCOME] = "91"
    before = dump(tmp_path / "t2.db")
    code, _, err = run_import(
        tmp_path / "t2.db", write(tmp_path / "j.csv", rows, "rfc4180"), capsys
    )
    assert code == 1 and "Tertialrapport 1 2023" in err
    assert dump(tmp_path / "t2.db") == before


# -- 7. Same-name indicators ----------------------------------------------------------------


@pytest.fixture
def twins(db_path: Path) -> tuple[Path, int, int]:
    """Two indicators called 'Antal ärenden' under one nämndmål."""
    with Store(db_path) as s:
        goal = s.document(s.reports()[0].id).goals[0].children[0].children[0]
        a = s.add("indicator", Indicator(goal_id=goal.id, name="Antal ärenden", outcome="10"))
        b = s.add("indicator", Indicator(goal_id=goal.id, name="Antal ärenden", outcome="20"))
    return db_path, a.id, b.id


def test_same_name_indicators_matched_by_id(twins, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db, a, b = twins
    rows = rows_of(export(db, tmp_path / "i.csv", "excel-sv", capsys))
    body = sorted(rows[1:], key=lambda r: r[OUTCOME], reverse=True)  # re-sorted in Excel
    by_id = {int(r[ID]): r for r in body}
    by_id[a][OUTCOME], by_id[b][OUTCOME] = "11", "21"
    code, out, err = run_import(db, write(tmp_path / "j.csv", [rows[0], *body], "excel-sv"), capsys)
    assert (code, err) == (0, ""), err
    with Store(db) as s:
        assert (s.get("indicator", a).outcome, s.get("indicator", b).outcome) == ("11", "21")

    # A row given twice, or an id whose name is another indicator's, is refused.
    rows = rows_of(export(db, tmp_path / "i.csv", "excel-sv", capsys))
    twice = [rows[0], *rows[1:], rows[-1]]
    code, _, err = run_import(db, write(tmp_path / "k.csv", twice, "excel-sv"), capsys)
    assert code == 1 and f"rad {len(rows)} och {len(rows) + 1} gäller samma indikator" in err
    rows[1][ID] = str(b)
    code, _, err = run_import(db, write(tmp_path / "k.csv", rows, "excel-sv"), capsys)
    assert code == 1 and f"indikatorn med id {b} heter 'Antal ärenden'" in err


def test_same_name_without_ids_is_refused(twins, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db, a, b = twins
    rows = [r[:REPORT] for r in rows_of(export(db, tmp_path / "i.csv", "rfc4180", capsys))]
    # An old-format CSV (no Rapport, Indikator-id, Version), re-sorted: 20 first.
    rows = [rows[0], rows[1], rows[2], rows[4], rows[3]]
    rows[3][OUTCOME], rows[4][OUTCOME] = "21", "11"
    rows[1][TARGET] = "88 %"
    path = write(tmp_path / "old.csv", rows, "rfc4180")
    before = dump(db)
    code, out, err = run_import(db, path, capsys)
    assert code == 1 and out == "" and dump(db) == before
    assert (
        f"rad 4 och 5: mål '{GOAL}', indikator 'Antal ärenden': 2 indikatorer under målet "
        "heter så" in err
    )
    # Without the ambiguous rows an old-format CSV imports as before.
    code, out, err = run_import(db, write(tmp_path / "old.csv", rows[:3], "rfc4180"), capsys)
    assert (code, err) == (0, "") and "Årsmål: '85 %' → '88 %'" in out
    with Store(db) as s:
        assert (s.get("indicator", a).outcome, s.get("indicator", b).outcome) == ("10", "20")
