"""The command line under hostile conditions: a full disk, a closed pipe, odd paths, signals,
messages that say what happened, and the command line in Swedish (issue 11: 1–4, 6, 13, 15).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store.store import Store
from tests.factories import small_document
from tests.helpers.other_user import run_as_other, shared_folder, writable_by_other

ROOT = Path(__file__).resolve().parents[1]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # noqa: ANN003
    kwargs.setdefault("capture_output", "stdout" not in kwargs)
    kwargs.setdefault("timeout", 60)
    if "stdout" in kwargs:
        kwargs["stderr"] = subprocess.PIPE
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], text=True, cwd=ROOT, **kwargs)


@pytest.fixture
def changed_db(db_path: Path) -> Path:
    """The small report with recorded changes: an assessment and an activity's Avvikelse."""
    with Store(db_path) as store:
        doc = store.document(1)
        goal = doc.goals[0]
        activity = goal.children[0].activities[0]
        store.update("goal", goal.id, "assessment", "ej", source="cli")
        store.update("activity", activity.id, "deviation", True, source="cli")
    return db_path


def _csv(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "ind.csv"
    result = _cli("export", "indicators", "--format", "csv", "--db", str(db), "--output", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _commands(db: Path, tmp_path: Path) -> dict[str, list[str]]:
    return {
        "reports": ["reports", "--db", str(db)],
        "history": ["history", "--db", str(db)],
        "export": ["export", "indicators", "--format", "csv", "--db", str(db)],
        "check": ["check", "--db", str(db)],
        "import": ["import", "indicators", str(_csv(db, tmp_path)), "--db", str(db)],
    }


def _one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("tertial"), err
    assert "Traceback" not in err


# -- 1. a full device -------------------------------------------------------------------


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("command", ["reports", "history", "export", "check", "import"])
def test_a_full_stdout_is_one_line_and_exit_2(
    changed_db: Path, tmp_path: Path, command: str
) -> None:
    args = _commands(changed_db, tmp_path)[command]
    with open("/dev/full", "w") as full:
        result = _cli(*args, stdout=full)
    assert result.returncode == 2, result.stderr
    _one_line(result.stderr)
    assert "disken är full" in result.stderr


# -- 2. a closed pipe ---------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("command", ["reports", "history", "export", "check", "import"])
def test_a_closed_pipe_ends_quietly_with_141(
    changed_db: Path, tmp_path: Path, command: str
) -> None:
    args = _commands(changed_db, tmp_path)[command]
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line (`| head -0`)
    try:
        result = _cli(*args, stdout=write)
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == 141  # 128 + SIGPIPE, as `seq 1000000 | head -1` ends


@POSIX
@pytest.mark.parametrize("command", ["history", "export"])
def test_a_reader_that_stops_after_one_line_ends_it_with_141(db_path: Path, command: str) -> None:
    """`tertial history | head -1`: more than a pipe holds (64 KiB), the reader gone after
    one line, so the command is writing when the pipe closes."""
    with Store(db_path) as store, store.batch():
        for n in range(2000):
            store.update("goal", 1, "analys", f"Analys nummer {n} " + "x" * 60, source="cli")
    args = {
        "history": ["history", "--db", str(db_path)],
        "export": ["export", "report", "--db", str(db_path)],
    }[command]
    if command == "export":  # a report that long: one long Analys
        with Store(db_path) as store:
            store.update("goal", 1, "analys", "En rad analys.\n" * 20000, source="cli")
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()  # `head -1`
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 141, err
    assert err == b""


# -- 3. backup over a folder, a data folder that is none ---------------------------------


def test_backup_where_the_part_name_is_a_folder(db_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    (tmp_path / "copy.db.part").mkdir()
    result = _cli("backup", str(dest), "--db", str(db_path))
    assert result.returncode == 2
    _one_line(result.stderr)
    assert "copy.db.part" in result.stderr and not dest.exists()
    assert (tmp_path / "copy.db.part").is_dir()


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    env = {**os.environ, "TERTIAL_DATA_DIR": str(tmp_path / "data")}
    for args in (["reports"], ["history"], ["check"], ["export", "goals"]):
        result = _cli(*args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        _one_line(result.stderr)
        assert "är en fil, inte en mapp" in result.stderr
    assert (tmp_path / "data").read_text() == "not a folder"


@pytest.mark.parametrize("where", ["folder", "below"])
def test_a_data_folder_that_cannot_be_written(where: str) -> None:
    with shared_folder() as top:
        locked = top / "locked"
        locked.mkdir()
        locked.chmod(0o555)  # owned by root: the other user may not write it
        data = locked if where == "folder" else locked / "tertial"
        result = run_as_other(["reports"], data_dir=data)
        assert result.returncode == 2, result.stderr
        _one_line(result.stderr)
        assert "saknar behörighet" in result.stderr
        assert list(locked.iterdir()) == []


# -- 4. a FIFO or a device as --db -------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    "args",
    [
        ["reports", "--db"],
        ["history", "--db"],
        ["check", "--db"],
        ["export", "goals", "--db"],
        ["export", "indicators", "--report", "all", "--db"],
        ["export", "report", "--format", "json", "--db"],
        ["new", "--organisation", "X", "--kind", "T1", "--year", "2030", "--db"],
        ["backup", "/nonexistent-copy.db", "--db"],
        [],  # the workbench: tertial PATH
    ],
)
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_db_that_is_no_plain_file_is_refused_at_once(
    tmp_path: Path, args: list[str], kind: str
) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.db"
        os.mkfifo(path)
    else:
        path = Path("/dev/null")
    result = _cli(*args, str(path), timeout=20)  # a FIFO opened for reading would block
    assert result.returncode == 2, result.stderr
    _one_line(result.stderr)
    assert "ingen vanlig fil" in result.stderr


# -- 6. signals during export --output ----------------------------------------------------

# The CSV writer stopped halfway (after its first bytes, in the hidden temporary file),
# until the test signals the process.
STALLED_EXPORT = """
import sys, time
import exports.writers as writers
def stalled(what, out):
    out.write(b"Rapport;Indikator\\r\\n")
    out.flush()
    print("writing", file=sys.stderr, flush=True)
    time.sleep(60)
writers.write_csv = stalled
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_export_leaves_no_temporary_file(
    db_path: Path, tmp_path: Path, signum: int, code: int
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "ind.csv"
    args = ["export", "indicators", "--format", "csv", "--db", str(db_path), "--output"]
    proc = subprocess.Popen(
        [sys.executable, "-c", STALLED_EXPORT, *args, str(target)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline() == "writing\n"
        assert [p.name for p in out_dir.iterdir() if p.name.endswith(".tmp")]
        proc.send_signal(signum)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code
    assert list(out_dir.iterdir()) == []
    assert "Traceback" not in proc.stderr.read()


# -- 13. messages that say what happened ---------------------------------------------------


@pytest.mark.parametrize("command", ["new", "import report"])
def test_a_lock_on_a_rollback_journal_file_says_another_program_uses_it(
    db_path: Path, tmp_path: Path, command: str
) -> None:
    report_json = tmp_path / "report.json"
    result = _cli("export", "report", "--format", "json", "--db", str(db_path))
    report_json.write_text(result.stdout.replace("Testnämnden", "Annan nämnd"), encoding="utf-8")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    before = db_path.read_bytes()
    conn.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        if command == "new":
            args = ["new", "--organisation", "X", "--kind", "T1", "--year", "2030"]
        else:
            args = ["import", "report", str(report_json)]
        result = _cli(*args, "--db", str(db_path))
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert result.returncode != 0
    _one_line(result.stderr)
    assert "används av ett annat program" in result.stderr
    assert "kan inte läsas" not in result.stderr
    assert db_path.read_bytes() == before


def test_init_into_a_read_only_folder_says_the_folder_cannot_be_written() -> None:
    with shared_folder() as top:
        folder = top / "rapporter"
        folder.mkdir()
        folder.chmod(0o555)
        data = writable_by_other(top / "data")
        result = run_as_other(["init", str(folder / "ny.db")], data_dir=data)
        assert result.returncode == 2, result.stderr
        _one_line(result.stderr)
        assert f"mappen {folder} går inte att skriva i" in result.stderr
        assert "skadad" not in result.stderr
        assert list(folder.iterdir()) == []


def test_backup_to_a_missing_folder_names_that_folder(db_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "saknas" / "copy.db"
    result = _cli("backup", str(dest), "--db", str(db_path))
    assert result.returncode == 2
    _one_line(result.stderr)
    assert f"mappen {dest.parent} finns inte" in result.stderr
    assert str(db_path) not in result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Store(path, create=True) as store:
        for i in range(40):
            store.add_document(small_document(f"Nämnd {i:02d} med ett långt namn", 2000 + i))
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--report", "9999"],
        ["export", "indicators", "--report", "9999"],
        ["export", "report", "--format", "json", "--report", "9999"],
        ["check", "--report", "9999"],
        ["history"],  # no --report in a file of many
    ],
)
def test_an_unknown_report_in_an_archive_names_a_few_and_the_count(
    archive: Path, args: list[str]
) -> None:
    result = _cli(*args, "--db", str(archive))
    assert result.returncode == 2
    _one_line(result.stderr)
    assert len(result.stderr) < 400, result.stderr
    assert "40 rapporter" in result.stderr
    assert "Nämnd 39" not in result.stderr


# -- 15. the command line in Swedish --------------------------------------------------------

HELP_COMMANDS = [
    [],
    ["init"],
    ["reports"],
    ["new"],
    ["export"],
    ["import"],
    ["import", "report"],
    ["history"],
    ["backup"],
    ["check"],
]
ENGLISH = [
    "usage",
    "options",
    "positional",
    "show this help",
    " the ",
    "default",
    "report's",
    " or ",
    "write ",
    "import a",
    "Create",
    "List",
    "Export",
    "Check",
]


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda c: " ".join(c) or "tertial")
def test_every_help_is_swedish(command: list[str]) -> None:
    result = _cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("användning: tertial")
    assert "flaggor:" in result.stdout
    found = [w for w in ENGLISH if re.search(rf"\b{w.strip()}\b", result.stdout)]
    assert not found, result.stdout


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["export", "x"],
            "tertial export: TABELL: ogiltigt val 'x' "
            "(välj goals, indicators, activities, economy, report)",
        ),
        (["history", "--bogus"], "tertial history: okända argument: --bogus"),
        (["history", "--report", "x"], "tertial history: --report: 'x' är inget nummer"),
        (["new"], "tertial new: saknas: --organisation, --kind, --year"),
        (["export", "goals", "--format"], "tertial export: --format: behöver ett värde"),
        (["backup"], "tertial backup: saknas: MÅL"),
    ],
)
def test_argparse_errors_are_one_swedish_line_without_a_doubled_prefix(
    args: list[str], line: str
) -> None:
    result = _cli(*args)
    assert result.returncode == 2
    assert result.stderr == line + "\n"


def test_history_says_values_in_the_reports_words(changed_db: Path) -> None:
    result = _cli("history", "--db", str(changed_db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assessment = next(line for line in lines if "\tBedömning\t" in line)
    assert assessment.endswith("Uppfylls helt → Uppfylls ej"), assessment
    deviation = next(line for line in lines if "\tAvvikelse\t" in line)
    assert deviation.endswith("Ingen avvikelse → Avvikelse"), deviation
    assert "'ej'" not in result.stdout and "'0'" not in result.stdout
