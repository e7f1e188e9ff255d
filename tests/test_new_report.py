"""`tertial new` (issue 12 §1, §3): a report of one's own, on the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from exports.csvfmt import read_csv, to_csv
from exports.goals_csv import GoalsFileError, read_goals
from exports.tables import goals_table, indicators_table, walk
from store.store import Store
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new(db: Path, *args: str) -> list[str]:
    return ["new", "--db", str(db), *args]


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    path = tmp_path / "sample.db"
    assert main(["init", str(path), "--sample"]) == 0
    return path


def test_init_then_new_is_the_normal_path(tmp_path: Path) -> None:
    """As a new user: `tertial init my.db`, then `tertial new`, then the report is there."""
    db = tmp_path / "my.db"
    run = [sys.executable, "-m", "tui.cli"]
    init = subprocess.run([*run, "init", str(db)], cwd=ROOT, check=True, capture_output=True)
    assert f"tertial new --db {db} --organisation" in init.stdout.decode()
    out = subprocess.run(
        [*run, *new(db, "--organisation", "Kulturnämnden", "--kind", "T1", "--year", "2024")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout == "Skapade rapport 1: Kulturnämnden Tertialrapport 1 2024 (januari–april).\n"
    with Store(db) as store:
        (report,) = store.reports()
        assert (report.id, report.organisation, report.kind, report.year, report.period) == (
            1,
            "Kulturnämnden",
            "T1",
            2024,
            "januari–april",
        )
    listing = subprocess.run(
        [*run, "reports", "--db", str(db)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "Kulturnämnden\tTertialrapport 1 2024" in listing.stdout


@pytest.mark.parametrize(
    ("kind", "period"),
    [("T1", "januari–april"), ("t2", "januari–augusti"), ("VB", "januari–december")],
)
def test_period_follows_the_kind(
    tmp_path: Path, kind: str, period: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "t.db"
    main(["init", str(db)])
    assert main(new(db, "--organisation", "Valnämnden", "--kind", kind, "--year", "2030")) == 0
    with Store(db) as store:
        assert store.reports()[0].period == period


def test_new_from_a_report(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    args = new(sample_db, "--organisation", "Servicenämnden", "--kind", "VB", "--year", "2023")
    assert main([*args, "--from", "1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Skapade rapport 2: Servicenämnden Verksamhetsberättelse 2023 (januari–december), "
        "förd vidare från rapport 1 (Tertialrapport 2 2023)."
    ]
    with Store(sample_db) as store:
        assert store.carried_from_report(2).id == 1  # type: ignore[union-attr]
        assert goals_table(store.document(2)).rows == goals_table(store.document(1)).rows
        assert store.unreviewed_items(2)


def test_new_from_kf_goals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "t.db"
    main(["init", str(db)])
    args = new(db, "--organisation", "Idrottsnämnden", "--kind", "T1", "--year", "2024")
    assert main([*args, "--kf-goals", "2023"]) == 0
    assert "med Kommunfullmäktiges mål 2023" in capsys.readouterr().out
    with Store(db) as store:
        rows = goals_table(store.document(1)).rows
    assert len(rows) == 19
    assert rows[0] == [
        "KF:s inriktningsmål",
        "1",
        "Ett Stockholm som håller samman med en stark och jämlik välfärd i hela staden",
        "",
        "",
    ]
    assert rows[1][:2] == ["KF:s mål för verksamhetsområdet", "1.1"]
    assert rows[1][4].startswith("1. Ett Stockholm som håller samman")
    assert [r[1] for r in rows if r[0] == "KF:s inriktningsmål"] == ["1", "2", "3"]
    assert rows[-1][1] == "3.7"


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
def test_new_from_a_goals_csv(
    sample_db: Path, tmp_path: Path, dialect: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The goals export, handed out as a file, becomes a new report's tree."""
    csv_file = tmp_path / "mal.csv"
    assert (
        main(
            [
                "export",
                "goals",
                "--format",
                "csv",
                "--dialect",
                dialect,
                "--db",
                str(sample_db),
                "--output",
                str(csv_file),
            ]
        )
        == 0
    )
    args = new(sample_db, "--organisation", "Kulturnämnden", "--kind", "T1", "--year", "2024")
    assert main([*args, "--goals", str(csv_file)]) == 0
    with Store(sample_db) as store:
        copy, original = store.document(2), store.document(1)
        assert goals_table(copy).rows == goals_table(original).rows
        assert indicators_table(copy).rows == []
    again = tmp_path / "again.csv"
    main(["export", "goals", "--format", "csv", "--dialect", dialect, "--db", str(sample_db),
          "--report", "2", "--output", str(again)])  # fmt: skip
    assert again.read_bytes() == csv_file.read_bytes()


GOALS_HEAD = "Nivå,Nummer,Mål,Bedömning,Överordnat mål\r\n"
ONE = "KF:s inriktningsmål,1,Ett Stockholm som håller samman,,\r\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "inga mål"),
        (ONE + "KF:s mål för verksamhetsområdet,1.1,Barn,,9. Finns inte\r\n",
         "rad 3, kolumn 'Överordnat mål': '9. Finns inte' finns inte på någon rad ovanför"),
        (ONE + "Delmål,1.1,Barn,,1\r\n", "rad 3, kolumn 'Nivå': nivån 'Delmål' finns inte"),
        (ONE + "KF:s mål för verksamhetsområdet,1.x,Barn,,1\r\n", "rad 3, kolumn 'Nummer'"),
        (ONE + "KF:s mål för verksamhetsområdet,1.1,Barn,Uppfylls kanske,1\r\n",
         "rad 3, kolumn 'Bedömning'"),
        (ONE + "KF:s mål för verksamhetsområdet,1.1,Barn,,1\r\n"
         "KF:s mål för verksamhetsområdet,1.2,Unga,,1.1\r\n",
         "rad 4, kolumn 'Överordnat mål': under KF:s mål för verksamhetsområdet (rad 3) "
         "kan bara Nämndmål ligga"),
        (ONE + ONE, "rad 3, kolumn 'Nummer': 1 finns redan på rad 2"),
        (ONE + "KF:s mål för verksamhetsområdet,1.1,,,1\r\n", "rad 3, kolumn 'Mål'"),
    ],
)  # fmt: skip
def test_a_bad_goals_file_names_line_column_and_why(body: str, message: str) -> None:
    with pytest.raises(GoalsFileError) as exc:
        read_goals((GOALS_HEAD + body).encode())
    assert message in str(exc.value)


def test_goals_file_parents_by_title_or_number() -> None:
    data = (
        "Nivå;Nummer;Mål;Bedömning;Överordnat mål\r\n"
        "KF:s inriktningsmål;1;Ett;;\r\n"
        "KF:s inriktningsmål;2;Två;;\r\n"
        "KF:s mål för verksamhetsområdet;1.1;Barn;;1\r\n"
        "KF:s mål för verksamhetsområdet;2.1;Klimat;;Två\r\n"
        "Nämndmål;;Vi hjälper;Uppfylls delvis;2.1 Klimat\r\n"
    ).encode("utf-8-sig")
    roots = read_goals(data)
    assert [(g.code, [c.code for c in g.children]) for g in roots] == [
        ("1", ["1.1"]),
        ("2", ["2.1"]),
    ]
    (nm,) = roots[1].children[0].children
    assert (nm.title, nm.assessment.label) == ("Vi hjälper", "Uppfylls delvis")  # type: ignore[union-attr]


# -- bad arguments: one line, exit 2, the file byte for byte as it was -------------------


def _existing(db: Path) -> list[str]:
    return new(db, "--organisation", "Servicenämnden", "--kind", "T2", "--year", "2023")


def _bad_csv(db: Path) -> list[str]:
    path = db.with_name("bad.csv")
    path.write_text(GOALS_HEAD + ONE + "Nämndmål,,X,,9. Finns inte\r\n", encoding="utf-8")
    return [*new(db, "--organisation", "A", "--kind", "T1", "--year", "2024"), "--goals", str(path)]


BAD = {
    "unknown kind": (
        lambda db: new(db, "--organisation", "A", "--kind", "T3", "--year", "2024"),
        "--kind: ogiltigt val 'T3'",
    ),
    "year 1899": (
        lambda db: new(db, "--organisation", "A", "--kind", "T1", "--year", "1899"),
        "1899 går inte: ett år mellan 1900 och 2200",
    ),
    "year 2201": (
        lambda db: new(db, "--organisation", "A", "--kind", "T1", "--year", "2201"),
        "2201 går inte",
    ),
    "year not a number": (
        lambda db: new(db, "--organisation", "A", "--kind", "T1", "--year", "tjugo"),
        "'tjugo' är inget år",
    ),
    "unknown --from": (
        lambda db: [*new(db, "--organisation", "A", "--kind", "T1", "--year", "2024"), "--from", "9"],
        "rapport 9 finns inte i filen; rapporter: 1",
    ),
    "report exists": (_existing, "Servicenämnden Tertialrapport 2 2023 finns redan i filen (rapport 1)"),
    "backwards": (
        lambda db: [*new(db, "--organisation", "A", "--kind", "T1", "--year", "2023"), "--from", "1"],
        "kan inte föras vidare bakåt",
    ),
    "empty organisation": (
        lambda db: new(db, "--organisation", " ", "--kind", "T1", "--year", "2024"),
        "Organisation: ange nämndens",
    ),
    "bad goals file": (_bad_csv, "bad.csv: rad 3, kolumn 'Överordnat mål'"),
    "missing goals file": (
        lambda db: [*new(db, "--organisation", "A", "--kind", "T1", "--year", "2024"), "--goals", "/nonexistent.csv"],
        "kunde inte läsa /nonexistent.csv",
    ),
    "kf goals not shipped": (
        lambda db: [*new(db, "--organisation", "A", "--kind", "T1", "--year", "2024"), "--kf-goals", "1999"],
        "kommunfullmäktiges mål finns för 2023",
    ),
    "two starts": (
        lambda db: [*new(db, "--organisation", "A", "--kind", "T1", "--year", "2024"), "--from", "1", "--kf-goals", "2023"],
        "går inte tillsammans med",
    ),
    "no organisation": (
        lambda db: new(db, "--kind", "T1", "--year", "2024"),
        "saknas: --organisation",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_bad_arguments_change_nothing(
    sample_db: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, message = BAD[case]
    args = argv(sample_db)
    # As `tertial init` left it (rollback journal): opening it for writing alone
    # would change its header, so the hash sees any write.
    before = digest(sample_db)
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tertial"), err
    assert message in err
    assert "Traceback" not in err
    assert digest(sample_db) == before
    assert not sample_db.with_name(sample_db.name + "-wal").exists()


def test_new_on_a_file_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "nope.db"
    assert main(new(db, "--organisation", "A", "--kind", "T1", "--year", "2024")) == 2
    assert "finns inte" in capsys.readouterr().err
    assert not db.exists()


# -- end to end -------------------------------------------------------------------------


def test_sample_to_vb_to_next_years_t1(sample_db: Path, tmp_path: Path) -> None:
    """The sample → VB 2023 → values entered in the VB (export, edit, import) → T1 2024,
    whose "Utfall VB 2023" column holds them."""
    run = [sys.executable, "-m", "tui.cli"]

    def tertial(*args: str) -> str:
        out = subprocess.run([*run, *args], cwd=ROOT, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout

    tertial(*new(sample_db, "--organisation", "Servicenämnden", "--kind", "VB", "--year", "2023"), "--from", "1")  # fmt: skip
    csv_file = tmp_path / "vb.csv"
    tertial("export", "indicators", "--format", "csv", "--db", str(sample_db), "--report", "2",
            "--output", str(csv_file))  # fmt: skip
    exported = read_csv(csv_file.read_bytes())
    header, rows = exported.headers, [r.cells for r in exported.rows]
    assert len(rows) == 42
    # Periodens utfall is the third column; give each row its own value.
    values = [f"{n + 1},{n % 10} %" for n in range(len(rows))]
    for row, value in zip(rows, values, strict=True):
        row[2] = value
    csv_file.write_text(to_csv(header, rows), encoding="utf-8", newline="")
    assert "Ändrade 42 värden" in tertial("import", "indicators", str(csv_file), "--db", str(sample_db),
                                          "--report", "2")  # fmt: skip
    tertial(*new(sample_db, "--organisation", "Servicenämnden", "--kind", "T1", "--year", "2024"), "--from", "2")  # fmt: skip

    with Store(sample_db) as store:
        (t1,) = [r.id for r in store.reports() if (r.kind, r.year) == ("T1", 2024)]
        rows_db = store.conn.execute(
            "SELECT i.previous, v.outcome FROM indicators i JOIN goals g ON g.id = i.goal_id "
            "JOIN indicators v ON v.id = i.carried_from WHERE g.report_id = ? "
            "ORDER BY g.level, g.position, i.position",
            (t1,),
        ).fetchall()
        assert len(rows_db) == 42
        assert all(previous == outcome != "" for previous, outcome in rows_db)
        vb_doc, t1_doc = store.document(2), store.document(t1)
    assert [i.previous for g, _ in walk(t1_doc.goals) for i in g.indicators] == values
    assert [i.outcome for g, _ in walk(vb_doc.goals) for i in g.indicators] == values
    # And in the T1 2024 export, under its own heading.
    table = tertial(
        "export", "indicators", "--format", "csv", "--db", str(sample_db), "--report", str(t1)
    )
    parsed = list(csv.reader(io.StringIO(table, newline="")))
    col = parsed[0].index("Utfall VB 2023")
    assert [r[col] for r in parsed[1:]] == values


@pytest.mark.permissions
def test_new_and_import_in_a_read_only_folder_without_privilege(tmp_path: Path) -> None:
    """Run as nobody, so root's privileges cannot make it pass: refused, file unchanged."""
    import shutil
    import tempfile

    from tests.helpers.other_user import prefix

    nobody = prefix()  # setpriv as root; as an ordinary user the mode bits apply anyway
    folder = Path(tempfile.mkdtemp(prefix="tertial-ro-"))
    try:
        folder.chmod(0o755)
        # As `tertial init` leaves it (rollback journal; SQLite cannot read a file in WAL
        # mode from a folder it may not write to).
        db = folder / "s.db"
        assert main(["init", str(db), "--sample"]) == 0
        other = tmp_path / "other.db"
        assert main(["init", str(other), "--sample"]) == 0
        exported = folder / "r.json"
        assert main(["export", "report", "--format", "json", "--db", str(other), "--output", str(exported)]) == 0  # fmt: skip
        data = json.loads(exported.read_text(encoding="utf-8"))
        data["report"]["organisation"] = "Kulturnämnden"
        exported.write_text(json.dumps(data), encoding="utf-8")
        exported.chmod(0o444)
        db.chmod(0o444)
        folder.chmod(0o555)
        before = digest(db)
        for args in (
            new(
                db,
                "--organisation",
                "Servicenämnden",
                "--kind",
                "VB",
                "--year",
                "2023",
                "--from",
                "1",
            ),
            ["import", "report", str(exported), "--db", str(db)],
        ):
            out = subprocess.run(
                [*nobody, sys.executable, "-m", "tui.cli", *args],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            assert out.returncode == 1, out
            assert out.stderr == f"tertial: {db} är skrivskyddad: ändringen sparades inte\n"
            assert digest(db) == before
        assert sorted(p.name for p in folder.iterdir()) == ["r.json", "s.db"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
