"""Issue 10, items 5–8: nothing an author writes is lost through import and export.

5. A stale CSV never reverts a change made after it was exported.
6. A CSV from one report does not land in another unless asked.
7. Indicators of the same name keep their own values.
8. `--output` never replaces the database, a device, a FIFO or a file the user may not
   write; it writes through a symlink, new files get the umask's mode, existing files
   keep theirs; the workbench asks before overwriting.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from exports.csvfmt import read_csv
from exports.importer import plan
from store.models import Indicator
from store.store import Store
from store.versions import ChangedSince, indicator_versions, update_if_unchanged
from tests.factories import small_document
from tests.test_app_support import SIZE, make_app, sync
from tests.test_import_indicators import dump, export, rows_of, write
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
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


# -- 8. --output ------------------------------------------------------------------------------


def export_to(db: Path, dest: Path | str, capsys, table: str = "goals") -> tuple[int, str]:  # noqa: ANN001
    code = main(["export", table, "--format", "csv", "--db", str(db), "--output", str(dest)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("how", ["same-path", "other-spelling", "hard-link", "symlink"])
def test_output_onto_the_database_is_refused(
    how: str, db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    dest = {
        "same-path": db_path,
        "other-spelling": tmp_path / "sub" / ".." / db_path.name,
        "hard-link": tmp_path / "link.db",
        "symlink": tmp_path / "link.csv",
    }[how]
    (tmp_path / "sub").mkdir()
    if how == "hard-link":
        os.link(db_path, dest)
    elif how == "symlink":
        dest.symlink_to(db_path)
    data, mode, listing = db_path.read_bytes(), db_path.stat().st_mode, sorted(os.listdir(tmp_path))
    code, err = export_to(db_path, dest, capsys)
    assert code == 1 and err.count("\n") == 1
    assert "det är tertial-filen som exporten läser" in err
    assert db_path.read_bytes() == data and db_path.stat().st_mode == mode
    assert sorted(os.listdir(tmp_path)) == listing  # no temporary file left behind


def test_new_file_gets_umask_mode_existing_keeps_its_own(
    db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    old = os.umask(0o027)
    try:
        assert export_to(db_path, tmp_path / "new.csv", capsys)[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640
    existing = tmp_path / "existing.csv"
    existing.write_text("gammalt")
    existing.chmod(0o604)
    assert export_to(db_path, existing, capsys)[0] == 0
    assert existing.read_bytes().startswith("Nivå,Nummer".encode())
    assert stat.S_IMODE(existing.stat().st_mode) == 0o604


def test_symlink_is_written_through(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    target = tmp_path / "shared" / "mal.csv"
    target.parent.mkdir()
    target.write_text("gammalt")
    link = tmp_path / "mal.csv"
    link.symlink_to(target)
    dangling = tmp_path / "ny.csv"
    dangling.symlink_to(tmp_path / "shared" / "ny.csv")
    assert export_to(db_path, link, capsys)[0] == 0
    assert export_to(db_path, dangling, capsys)[0] == 0
    for lnk in (link, dangling):
        assert lnk.is_symlink() and lnk.resolve().parent == target.parent
        assert lnk.resolve().read_bytes().startswith("Nivå,Nummer".encode())
    assert sorted(os.listdir(target.parent)) == ["mal.csv", "ny.csv"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_and_device_are_never_replaced(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    nodes = [(fifo, stat.S_ISFIFO)]
    if os.geteuid() == 0:  # a device node of our own (as /dev/null), not the system's
        dev = tmp_path / "null"
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        nodes.append((dev, stat.S_ISCHR))
    for node, kind in nodes:
        code, err = export_to(db_path, node, capsys)
        assert code == 1 and "ingen vanlig fil" in err and err.count("\n") == 1
        assert kind(node.lstat().st_mode)
    assert sorted(os.listdir(tmp_path)) == sorted(["report.db", *(n.name for n, _ in nodes)])


def test_read_only_file_is_refused(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    dest = tmp_path / "låst.csv"
    dest.write_text("gammalt")
    dest.chmod(0o444)  # refused by its mode bits even for root
    code, err = export_to(db_path, dest, capsys)
    assert code == 1 and "filen är skrivskyddad" in err
    assert dest.read_text() == "gammalt" and stat.S_IMODE(dest.stat().st_mode) == 0o444


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder a non-root user can work in (pytest's own are root's and private)."""
    path = Path(tempfile.mkdtemp(prefix="tertial-nobody-"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"]


def as_nobody(argv: list[str], umask: str = "022") -> subprocess.CompletedProcess[str]:
    """`python -m tui.cli ARGV` as user nobody (never root, so permissions decide)."""
    if os.name != "posix":
        pytest.skip("a POSIX user switch")
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root")
    code = f"import os, sys; os.umask(0o{umask}); from tui.cli import main; sys.exit(main())"
    cmd = [sys.executable, "-c", code, *argv]
    if os.geteuid() == 0:
        cmd = [*NOBODY, *cmd]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)


def test_permissions_as_non_root(db_path: Path, shared_dir: Path) -> None:
    db = shared_dir / "report.db"
    shutil.copy(db_path, db)
    db.chmod(0o644)  # nobody may read it (opened read-only) but not write it
    theirs = shared_dir / "theirs.csv"  # another user's file in a folder anyone may write
    theirs.write_text("gammalt")
    theirs.chmod(0o644)
    mine = shared_dir / "mine.csv"
    assert as_nobody(["export", "goals", "--db", str(db), "--output", str(mine)]).returncode == 0
    assert stat.S_IMODE(mine.stat().st_mode) == 0o644  # the umask's, not 0600
    mine.chmod(0o444)  # the user's own file, marked read-only
    cases = [(theirs, "saknar behörighet"), (mine, "skrivskyddad"), (db, "tertial-filen")]
    for dest, reason in cases:
        before = dest.read_bytes(), dest.stat().st_mode, dest.stat().st_ino
        proc = as_nobody(["export", "goals", "--db", str(db), "--output", str(dest)])
        assert proc.returncode == 1, proc.stderr
        assert f"kunde inte skriva {dest}: " in proc.stderr and reason in proc.stderr
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert (dest.read_bytes(), dest.stat().st_mode, dest.stat().st_ino) == before
    left = [n for n in os.listdir(shared_dir) if not n.startswith("report.db")]
    assert sorted(left) == ["mine.csv", "theirs.csv"]  # no temporary file left behind


@sync
async def test_workbench_asks_before_overwriting(db_path: Path, tmp_path: Path) -> None:
    from tui.dialogs.confirm import ConfirmDialog
    from tui.dialogs.export import ExportDialog

    out = tmp_path / "mal.md"
    out.write_text("gammal text")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path").value = str(db_path)  # the file itself: refused
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "tertial-filen" in str(dialog.query_one("#export-error").render())
        dialog.query_one("#export-path").value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # asks first
        await pilot.press("n")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen is dialog and out.read_text() == "gammal text"
        assert "skrevs inte över" in str(dialog.query_one("#export-error").render())
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, (ExportDialog, ConfirmDialog))
    assert "Ett Stockholm som håller samman" in out.read_text(encoding="utf-8")
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
