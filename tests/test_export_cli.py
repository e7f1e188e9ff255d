"""`tertial export` as a command: the whole report, files, bad input, a real subprocess, goldens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.store import Store
from tests.factories import small_document
from tests.test_export_support import md_tables, sample_db
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(["export", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def headings(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith("#")]


def test_report_document_order_and_headings(db_path: Path, capsys) -> None:  # noqa: ANN001
    out = run(capsys, "report", "--format", "md", "--db", str(db_path))
    assert out.startswith('---\ntitle: "Testnämnden – Tertialrapport 2 2023"\n')
    assert "\nlang: sv-SE\n---\n" in out
    assert headings(out) == [
        "# Sammanfattande analys",
        "## Ett Stockholm som håller samman",
        "# Uppföljning av Kommunfullmäktiges inriktningsmål",
        "## KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "### Analys",
        "### KF:s mål för verksamhetsområdet: 1.1 Alla barn ska ges goda villkor",
        "#### Nämndmål: Servicenämnden ger god service",
        "##### Förväntat resultat",
        "#### Nämndmål: Ett nytt mål utan bedömning",
        "## KF:s inriktningsmål: 2. Ett grönt Stockholm",
        "# Uppföljning av ekonomi",
        "# Intern kontroll",
    ]
    assert "\n◐ Uppfylls delvis\n" in out
    tables = md_tables(out)
    assert [t[0][0] for t in tables] == ["Aktivitet", "Indikator", "Resultat per verksamhetsområde"]
    assert tables[1][2] == ["Sjukfrånvaro dag 1-14", "2,1 %", "", "", "", "", "2 %",
                            "Tas fram av nämnd/styrelse", "Tertial 2 2023"]  # fmt: skip
    assert tables[2][3][0] == "Resultat före bokslutsdisposition"  # bold in the report


def test_report_with_goal_is_that_part(db_path: Path, capsys) -> None:  # noqa: ANN001
    out = run(capsys, "report", "--goal", "1.1", "--db", str(db_path))
    assert headings(out) == [
        "# KF:s mål för verksamhetsområdet: 1.1 Alla barn ska ges goda villkor",
        "## Nämndmål: Servicenämnden ger god service",
        "### Förväntat resultat",
        "## Nämndmål: Ett nytt mål utan bedömning",
    ]


def test_sample_report_document(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = sample_db(tmp_path)
    out = run(capsys, "report", "--db", str(path))
    with Store(path) as store:
        doc = store.document(store.reports()[0].id)
    from tests.test_export_support import walk

    goals = [g for g, _ in walk(doc.goals)]
    heads = headings(out)
    goal_heads = [h for h in heads if "mål" in h and ":" in h]
    assert len(
        [h for h in goal_heads if h.split(" ", 1)[1].startswith(("KF:s", "Nämndmål"))]
    ) == len(goals)
    n_ind = sum(len(g.indicators) for g in goals)
    tables = md_tables(out)
    assert sum(len(t) - 1 for t in tables if t[0][0] == "Indikator") == n_ind
    assert heads.index(next(h for h in heads if "inriktningsmål: 1." in h)) < heads.index(
        next(h for h in heads if "inriktningsmål: 2." in h)
    )


OUTPUTS = [
    ("goals.csv", ["goals", "--format", "csv"], b"Niv\xc3\xa5,Nummer"),
    ("report.md", ["report", "--format", "md"], b"---\ntitle:"),
    ("report.json", ["report", "--format", "json"], b"{"),
    ("report.docx", ["report", "--format", "docx"], b"PK"),
    ("indicators.xlsx", ["indicators", "--format", "xlsx"], b"PK"),
]


@pytest.mark.parametrize(("name", "argv", "head"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_output_replaces_the_file_in_one_step(
    name: str, argv: list[str], head: bytes, db_path: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # noqa: ANN001
    """The export is written to a new file in the target's folder, which then takes the
    target's place (os.replace): until that moment the old file is whole, and a reader
    holding it (a hard link, an open handle) keeps the old text."""
    dest = tmp_path / "out" / name
    dest.parent.mkdir()
    dest.write_bytes(b"the old export\n")
    reader = tmp_path / "reader-link"
    os.link(dest, reader)  # a reader holding the old file
    old_inode = dest.stat().st_ino
    replaced: list[tuple[Path, Path, bytes, bytes]] = []

    def observing(real):  # noqa: ANN001, ANN202
        def swap(src, dst) -> None:  # noqa: ANN001
            # At the moment of the swap: the new file is complete, the old one untouched.
            replaced.append((Path(src), Path(dst), Path(src).read_bytes(), Path(dst).read_bytes()))
            real(src, dst)

        return swap

    monkeypatch.setattr(os, "replace", observing(os.replace))
    monkeypatch.setattr(os, "rename", observing(os.rename))
    code = main(["export", *argv, "--db", str(db_path), "--output", str(dest)])
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out == ""
    new = dest.read_bytes()
    assert new.startswith(head)
    assert [(dst, before) for _, dst, _, before in replaced] == [(dest, b"the old export\n")]
    src, _, written, _ = replaced[0]
    assert src.parent == dest.parent and src.name != dest.name  # beside it, another name
    assert written == new  # complete before it took the old file's place
    assert reader.read_bytes() == b"the old export\n"  # never written in place
    assert dest.stat().st_ino != old_inode
    assert os.listdir(dest.parent) == [name]  # and no temporary file left


@pytest.mark.parametrize("where", ["missing-folder", "is-a-directory"])
def test_unwritable_output(where: str, db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    folder = tmp_path / "out"
    folder.mkdir()
    dest = folder / "nope" / "x.md" if where == "missing-folder" else folder
    before = sorted(p.name for p in folder.rglob("*"))
    code = main(["export", "goals", "--db", str(db_path), "--output", str(dest)])
    err = capsys.readouterr().err
    assert code == 1
    assert "kunde inte skriva" in err and str(dest) in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert sorted(p.name for p in folder.rglob("*")) == before


@pytest.mark.parametrize(
    ("argv", "given", "known"),
    [
        (["nosuch"], "nosuch", "indicators"),
        (["goals", "--format", "pdf"], "pdf", "docx"),
        (["goals", "--format", "docx"], "docx", "xlsx"),
        (["goals", "--format", "csv", "--dialect", "excel-fi"], "excel-fi", "excel-sv"),
        (["goals", "--report", "99"], "99", "Testnämnden"),
        (["goals", "--goal", "9.9"], "9.9", "1.1"),
        (["economy", "--table", "nosuch"], "nosuch", "utfall"),
        (["report", "--format", "csv"], "csv", "md"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, given, known, db_path: Path, capsys) -> None:  # noqa: ANN001
    code = main(["export", *argv, "--db", str(db_path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert given in captured.err and known in captured.err


def test_several_reports_need_report(db_path: Path, capsys) -> None:  # noqa: ANN001
    with Store(db_path) as store:
        store.add_document(small_document("Andranämnden"))
        second = store.reports()[0].id
    assert main(["export", "goals", "--db", str(db_path)]) == 2
    assert "--report" in capsys.readouterr().err
    out = run(capsys, "goals", "--db", str(db_path), "--report", str(second))
    assert md_tables(out)[0][1][2] == "Ett Stockholm som håller samman"


def test_real_subprocess(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "tui.cli", "export", "indicators", "--format", "csv",
           "--dialect", "excel-sv", "--db", str(db_path)]  # fmt: skip
    proc = subprocess.run(
        cmd, capture_output=True, env=env, cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"\xef\xbb\xbfM\xc3\xa5l;Indikator;")
    assert proc.stdout.endswith(
        ";2 %;Tas fram av nämnd/styrelse;Tertial 2 2023;Testnämnden – Tertialrapport 2 2023;2;0\r\n".encode()
    )
    bad = subprocess.run([*cmd[:4], "nosuch"], capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("report.md", ["report", "--format", "md"]),
        ("indicators-excel-sv.csv", ["indicators", "--format", "csv", "--dialect", "excel-sv"]),
        ("goals-rfc4180.csv", ["goals", "--format", "csv"]),
    ],
)
def test_golden(name: str, argv: list[str], db_path: Path, capsys) -> None:  # noqa: ANN001
    data = run(capsys, *argv, "--db", str(db_path)).encode("utf-8")
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        # Rewriting the file is not a pass: the run says so, and the diff is reviewed.
        changed = not golden.exists() or golden.read_bytes() != data
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(data)
        pytest.skip(
            f"UPDATE_GOLDEN: {name} {'rewritten' if changed else 'unchanged'}, not compared"
        )
    assert data == golden.read_bytes()
