"""Damaged files (issue 10, items 9 and 10): a leftover WAL, a damaged large file.

9. A -wal left by a crash is replayed only into the file it was written for: never into
   a new file made beside it (`init` refuses), nor into another file, or another copy of
   the same file, put in its place. Its own file gets every change back.
10. A file over the 16 MB limit of the check at open is checked before it is written,
    and a damaged one is never written to (the check remembered per file identity).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import integrity
from store.errors import NotATertialFile
from store.store import Store
from store.wal import ForeignWal, LeftoverFiles, belongs
from tests.factories import small_document
from tests.helpers.crash_writer import field_of
from tests.test_crash import _kill, _start
from tests.test_import_indicators import rows_of, write

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.startswith("tertial: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    return result.stderr


def crash(db: Path, values: list[str]) -> None:
    """A writer that saves `values` into goal 1's Analys and dies without closing."""
    code = (
        "import os, sys; from store.store import Store\n"
        f"s = Store({str(db)!r})\n"
        f"for v in {values!r}: s.update('goal', 1, 'analys', v)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
    assert db.with_name(db.name + "-wal").stat().st_size > 0


def make(path: Path, organisation: str = "Testnämnden") -> Path:
    with Store(path, create=True) as store:
        store.add_document(small_document(organisation))
    return path


def files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))}


# -- 9. a leftover -wal ------------------------------------------------------------------


def test_init_refuses_to_make_a_file_beside_a_leftover_wal(tmp_path: Path) -> None:
    db = make(tmp_path / "a.db")
    crash(db, ["osparat i WAL"])
    db.unlink()  # the author deletes the file, not knowing about a.db-wal
    left = files(db)
    assert set(left) == {"a.db-wal", "a.db-shm"}
    for extra in ([], ["--sample"]):
        result = cli("init", str(db), *extra)
        assert result.returncode == 2
        line = one_line(result)
        assert "a.db-wal och a.db-shm ligger kvar" in line and "flytta" in line
        assert not db.exists() and files(db) == left  # nothing made, nothing deleted
    with pytest.raises(LeftoverFiles):
        Store(db, create=True)
    assert files(db) == left
    # Moved away, as the message says: init makes a good, empty file.
    for name in left:
        (tmp_path / name).rename(tmp_path / f"undan-{name}")
    assert cli("init", str(db)).returncode == 0
    with Store(db) as store:
        assert store.reports() == []


def test_a_wal_is_never_replayed_into_another_file_put_in_its_place(tmp_path: Path) -> None:
    a = make(tmp_path / "a.db")
    older = tmp_path / "a-äldre.db"
    shutil.copy(a, older)  # a copy of the same file from an earlier day
    assert cli("backup", str(tmp_path / "a-backup.db"), "--db", str(a)).returncode == 0
    with Store(a) as store:
        store.update("goal", 1, "analys", "Skrivet efter kopian")
    same = tmp_path / "a-samma.db"
    shutil.copy(a, same)  # a.db as it is when the session that crashes begins
    b = make(tmp_path / "b.db", "Annan nämnd")
    with Store(b) as store:  # opened by tertial before: in WAL mode, as a.db is
        store.update("goal", 1, "analys", "B:s analys")
    crash(a, [f"A{n}" for n in range(12)])
    wal = (tmp_path / "a.db-wal").read_bytes()
    for other in (b, older, tmp_path / "a-backup.db"):
        shutil.copy(other, a)
        before = files(a)
        with pytest.raises(ForeignWal, match="hör inte till"):
            Store(a)
        for command in (["reports"], ["export", "report"], ["history"]):
            result = cli(*command, "--db", str(a))
            assert result.returncode == 2, (other.name, command, result.stderr)
            assert "a.db-wal" in one_line(result) and "hör inte till" in result.stderr
        assert files(a) == before, f"{other.name}: a file was changed"
        assert (tmp_path / "a.db-wal").read_bytes() == wal
    # The WAL's own file back in place: every change it holds is there.
    shutil.copy(same, a)
    with Store(a) as store:
        assert store.get("goal", 1).analys == "A11"
        assert [c.new for c in store.history(1)][-12:] == [f"A{n}" for n in range(12)]


def test_a_crashed_writers_wal_is_replayed_into_its_own_file(tmp_path: Path) -> None:
    """The check never refuses a file its own crash left: killed at random, opened by Store."""
    db = make(tmp_path / "a.db")
    rng = random.Random(10)
    start = 0
    for _ in range(8):
        proc = _start(db, start)
        time.sleep(rng.uniform(0.02, 0.3))
        confirmed = _kill(proc)
        assert db.with_name("a.db-wal").exists()
        with Store(db) as store:  # the check runs on the crash's own WAL
            saved = {c.new for c in store.history(1)}
        assert all(field_of(n)[3] in saved for n in confirmed)
        start = (confirmed[-1] + 1) if confirmed else start + 1000


def test_a_wal_being_written_by_another_process_is_accepted(tmp_path: Path) -> None:
    db = make(tmp_path / "a.db")
    proc = _start(db, 0)  # writes as fast as it can while we open the file again and again
    try:
        for _ in range(20):
            with Store(db) as store:
                assert store.reports()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.mark.parametrize(
    ("commits", "stamp", "wal_mode", "expected"),
    [
        ([{"f": 5}, {"f": 6}], ("f", 4), True, True),  # nothing checkpointed yet
        ([{"f": 5}, {"f": 6}], ("f", 6), True, True),  # everything checkpointed
        ([{"f": 5}, {"f": 6}], ("f", 3), True, False),  # an older copy of the file
        ([{"f": 5}, {"f": 6}], ("f", 7), True, False),  # a newer copy of the file
        ([{"f": 5}, {"f": 6}], ("g", 5), True, False),  # another file
        ([{}, {"f": 5}], ("f", 4), True, True),  # a first commit without stamp (migration)
        ([{"f": 1}], None, True, True),  # a file from before stamps, first stamped here
        ([{"f": 9}], None, True, False),
        ([{}], ("f", 4), True, True),  # no stamps: another program's WAL, file in WAL mode
        ([{}], ("f", 4), False, False),  # ... never into a file in rollback mode
    ],
)
def test_which_wal_belongs(
    commits: list[dict[str, int]], stamp: tuple[str, int] | None, wal_mode: bool, expected: bool
) -> None:
    assert belongs(commits, stamp, wal_mode) is expected


# -- 10. a damaged file over the open check's limit ---------------------------------------


def over_the_limit(db: Path) -> sqlite3.Connection:
    """Past the 16 MB open check, with a long history. Returns a connection to go on with."""
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO changes (report_id, at, source, entity, entity_id, subject, field, "
        "field_label, old, new) VALUES (1, '2023-01-01T00:00:00+00:00', 'app', 'section', 1, "
        "'Utfyllnad', 'body', 'Text', ?, '')",
        ("lång historik " * 1_300_000,),
    )
    conn.commit()
    return conn


def big_file(tmp_path: Path) -> Path:
    """A tertial file over the 16 MB open check, damaged on a page that neither opening
    nor an import reads: the full-text index, which values do not touch."""
    db = make(tmp_path / "big.db")
    conn = over_the_limit(db)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'search_idx'"
    ).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    assert db.stat().st_size > integrity.QUICK_CHECK_LIMIT
    data = bytearray(db.read_bytes())
    at = (root - 1) * page_size + 8  # past the page header: the cell pointers
    data[at : at + 64] = random.Random(3).randbytes(64)
    db.write_bytes(bytes(data))
    return db


def test_a_damaged_file_over_the_open_check_limit_is_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = big_file(tmp_path)
    csv_path = tmp_path / "i.csv"
    assert (
        cli(
            "export", "indicators", "--format", "csv", "--db", str(db), "--output", str(csv_path)
        ).returncode
        == 0
    )
    rows = rows_of(csv_path)
    rows[1][rows[0].index("Periodens utfall")] = "99"
    write(csv_path, rows, "rfc4180")
    before = db.read_bytes()
    result = cli("import", "indicators", str(csv_path), "--db", str(db))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "skadad" in one_line(result) and str(db) in result.stderr
    with Store(db) as store:  # reading still works: the damage is where nobody reads
        assert store.get("indicator", 1).outcome == "87"
        with pytest.raises(NotATertialFile, match="skadad"):
            store.update("indicator", 1, "outcome", "99")
        with pytest.raises(NotATertialFile, match="skadad"):
            store.save_draft("goal", 1, "analys", "utkast", "")
    assert db.read_bytes() == before
    assert not os.path.exists(str(db) + "-wal") or os.path.getsize(str(db) + "-wal") == 0


def test_the_check_before_writing_is_remembered_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make(tmp_path / "big.db")
    over_the_limit(db).close()
    assert db.stat().st_size > integrity.QUICK_CHECK_LIMIT
    checks: list[Path] = []
    real = integrity.quick_check
    monkeypatch.setattr(
        integrity, "quick_check", lambda c, p, **kw: (checks.append(p), real(c, p, **kw))
    )
    with Store(db) as store:
        store.update("goal", 1, "analys", "ett")
        store.update("goal", 1, "analys", "två")  # one check per session
    assert len(checks) == 1
    with Store(db) as store:
        store.update("goal", 1, "analys", "tre")  # unchanged since: remembered
    assert len(checks) == 1
    os.utime(db)  # changed by someone else (here: only its times)
    with Store(db) as store:
        store.update("goal", 1, "analys", "fyra")
    assert len(checks) == 2
