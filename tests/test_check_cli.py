"""`tertial check`: the three formats, exit codes 0/1/2, bad arguments, many reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from store.check import check_report
from store.store import Store
from tests.test_check_support import goal, sample, write
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = "0 fel · 3 varningar · 1 info · klart 96 % (92 av 95)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.db"
    write(sample(), path)
    return path


@pytest.fixture
def with_fel(tmp_path: Path) -> Path:
    """The sample and a copy of it with one goal not assessed (a fel), in one file."""
    path = tmp_path / "two.db"
    write(sample(), path)
    doc = sample()
    doc.report.organisation = "Kopienämnden"
    goal(doc, "2.2").assessment = None
    write(doc, path)
    return path


def test_text_groups_by_goal_and_sums_up(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "--db", str(sample_file))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Servicenämnden – Tertialrapport 2 2023 (rapport 1)"
    assert lines[-1] == SUMMARY
    assert (
        "Nämndmål: Servicenämnden bidrar till att staden kan öka andelen utbildad personal "
        "inom förskolan och skolan."
    ) in lines
    finding_lines = [ln for ln in lines if ln.startswith("  ")]
    assert [ln.split()[:2] for ln in finding_lines] == [
        ["info", "bedomning-mot-indikatorer"],
        ["varning", "saknar-prognos"],
        ["varning", "saknar-prognos"],
        ["varning", "saknar-utfall"],
    ]
    # Grouped: a goal's heading, then its findings; the 3.1 heading between them.
    heading = lines.index(
        "KF:s mål för verksamhetsområdet: 3.1 Stockholms ekonomi är stark, hållbar och "
        "lägger grunden för en jämlik välfärd"
    )
    assert "Nämndens budgetföljsamhet efter" in lines[heading + 1]


def test_markdown_checklist(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--db", str(sample_file), "--format", "md")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "## Servicenämnden – Tertialrapport 2 2023 (rapport 1)"
    items = [ln for ln in lines if ln.startswith("- [ ] ")]
    assert items[0].startswith("- [ ] **info** `bedomning-mot-indikatorer`: bedöms Uppfylls helt")
    assert len(items) == 4
    assert len([ln for ln in lines if ln.startswith("### ")]) == 3
    assert lines[-1] == f"**{SUMMARY}**"


def test_json_lists_every_finding(sample_file: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--db", str(sample_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    with Store(sample_file) as store:
        expected = check_report(store.document(1))
    assert [d["message"] for d in data] == [f.message for f in expected]
    for d in data:
        assert {"rule", "severity", "report_id", "goal", "item", "message"} <= set(d)
        assert d["report_id"] == 1
    assert [d["goal"] for d in data][2] == "3.1"  # a number where the goal has one
    assert data[1]["item"].endswith("› Prognos helår")


def test_exit_1_when_there_is_a_fel(with_fel: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--db", str(with_fel), "--report", "2")
    assert code == 1
    assert "saknar-bedomning" in out and out.splitlines()[-1].startswith("1 fel · ")
    code, _, _ = run(capsys, "--db", str(with_fel), "--report", "1")
    assert code == 0
    code, out, _ = run(capsys, "--db", str(with_fel), "--report", "2", "--format", "json")
    assert code == 1
    assert [d["rule"] for d in json.loads(out) if d["severity"] == "fel"] == ["saknar-bedomning"]


def test_report_all(with_fel: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--db", str(with_fel), "--report", "all")
    assert code == 1
    lines = out.splitlines()
    # In the order `tertial reports` lists them (by organisation).
    heads = [ln for ln in lines if "Tertialrapport 2 2023 (rapport" in ln]
    assert heads == [
        "Kopienämnden – Tertialrapport 2 2023 (rapport 2)",
        "Servicenämnden – Tertialrapport 2 2023 (rapport 1)",
    ]
    assert lines[-1] == "Totalt 2 rapporter: 1 fel · 6 varningar · 2 info · klart 96 % (183 av 190)"
    code, out, _ = run(capsys, "--db", str(with_fel), "--report", "all", "--format", "json")
    assert {d["report_id"] for d in json.loads(out)} == {1, 2}


def test_workers_give_the_same_output(with_fel: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    import tui.check_cli as check_cli

    for fmt in ("text", "json"):
        _, alone, _ = run(capsys, "--db", str(with_fel), "--report", "all", "--format", fmt)
        monkeypatch.setattr(check_cli, "PARALLEL_FROM", 2)
        monkeypatch.setattr(check_cli.os, "cpu_count", lambda: 2)
        code, shared, _ = run(capsys, "--db", str(with_fel), "--report", "all", "--format", fmt)
        monkeypatch.undo()
        assert code == 1 and shared == alone


def test_workers_that_fail_leave_the_work_to_this_process(
    with_fel: Path,
    capsys,
    monkeypatch,  # noqa: ANN001
) -> None:
    import concurrent.futures

    import tui.check_cli as check_cli

    _, alone, _ = run(capsys, "--db", str(with_fel), "--report", "all")

    class Broken:
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            pass

        def map(self, *args):  # noqa: ANN002, ANN202
            raise concurrent.futures.process.BrokenProcessPool("no processes here")

        def shutdown(self, **kwargs) -> None:  # noqa: ANN003
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    monkeypatch.setattr(check_cli, "PARALLEL_FROM", 2)
    monkeypatch.setattr(check_cli.os, "cpu_count", lambda: 2)
    code, shared, err = run(capsys, "--db", str(with_fel), "--report", "all")
    assert code == 1 and shared == alone and err == ""


def test_no_workers_for_a_file_on_a_network_share(
    with_fel: Path,
    capsys,
    monkeypatch,  # noqa: ANN001
) -> None:
    # There the file is locked while open: no other process could read it.
    import store.db
    import tui.check_cli as check_cli

    _, alone, _ = run(capsys, "--db", str(with_fel), "--report", "all")

    def refuse(*args):  # noqa: ANN002, ANN202
        raise AssertionError("workers on a network share")

    monkeypatch.setattr(store.db, "is_network_path", lambda path: True)
    monkeypatch.setattr(check_cli, "_pieces_in_workers", refuse)
    monkeypatch.setattr(check_cli, "PARALLEL_FROM", 2)
    monkeypatch.setattr(check_cli.os, "cpu_count", lambda: 2)
    code, out, _ = run(capsys, "--db", str(with_fel), "--report", "all")
    assert code == 1 and out == alone


def test_several_reports_need_report(with_fel: Path, capsys) -> None:  # noqa: ANN001
    before = with_fel.read_bytes()
    code, out, err = run(capsys, "--db", str(with_fel))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--report" in err
    assert with_fel.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--report", "abc"], "ange rapportens nummer"),
        (["--report", "99"], "rapport 99 finns inte"),
        (["--format", "xml"], "ogiltigt val"),
        (["--bogus"], "okända argument"),
    ],
)
def test_bad_arguments(sample_file: Path, capsys, argv: list[str], words: str) -> None:  # noqa: ANN001
    before = sample_file.read_bytes()
    code, out, err = run(capsys, "--db", str(sample_file), *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and err.startswith("tertial")
    assert sample_file.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"", b"hello, not a database\n", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_bad_files_are_refused_and_left_alone(tmp_path: Path, capsys, content: bytes) -> None:  # noqa: ANN001
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert path.read_bytes() == content
    code, _, err = run(capsys, "--db", str(tmp_path / "missing.db"))
    assert code == 2 and "finns inte" in err
    assert not (tmp_path / "missing.db").exists()


def test_control_characters_never_reach_the_terminal(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    doc = sample()
    g = goal(doc, "Servicenämnden tillhandahåller lättillgänglig")
    g.title = "Mål med \u202eomvänd\u202c text och \x9b styrtecken"
    g.assessment = None
    path = tmp_path / "odd.db"
    write(doc, path)
    code, out, _ = run(capsys, "--db", str(path))
    assert code == 1
    assert "Mål med ⟨RLO⟩omvänd⟨PDF⟩ text och \\x9b styrtecken" in out
    code, out, _ = run(capsys, "--db", str(path), "--format", "md")
    assert "Mål med ⟨RLO⟩omvänd⟨PDF⟩ text" in out
    code, out, _ = run(capsys, "--db", str(path), "--format", "json")
    for raw in ("\u202e", "\u202c", "\x9b"):
        assert raw not in out
    assert "\\u202e" in out and "\\u009b" in out
    # The JSON keeps the text exactly: decoded, it is the title as stored.
    assert any(d["goal"] == g.title for d in json.loads(out))


def test_markdown_escapes_what_would_format(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    doc = sample()
    g = goal(doc, "Servicenämnden tillhandahåller lättillgänglig")
    g.title = "Mål *med* [länk](x) och `kod` # rubrik"
    g.assessment = None
    path = tmp_path / "md.db"
    write(doc, path)
    _, out, _ = run(capsys, "--db", str(path), "--format", "md")
    assert "### Nämndmål: Mål \\*med\\* \\[länk\\](x) och \\`kod\\` \\# rubrik" in out


def test_as_a_real_command(sample_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "check", "--db", str(sample_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == SUMMARY
