"""Damaged files (issue 10, items 11 and 12): a network share, a read-only place.

11. On a network file system (detection stubbed here) a file gets a rollback journal and
    an exclusive lock instead of WAL, and the app and the commands say so once.
12. A file tertial has opened before (so in WAL mode), in a folder the user cannot write,
    opens read-only and every command that only reads works. Run as an unprivileged
    user (tests/helpers/other_user.py): as root the folder's mode would not apply.
"""

from __future__ import annotations

import ctypes
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store import db as store_db
from store import filesystem
from store.errors import StoreError
from store.store import Store
from store.wal import ForeignWal
from tests.helpers.other_user import (
    needs_a_second_user,
    run_as_other,
    shared_folder,
    writable_by_other,
)
from tests.test_app_support import SIZE, sync
from tests.test_loss_files import crash, files, make
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]

# -- 11. a network share ---------------------------------------------------------------

MOUNTINFO = r"""22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw
30 22 0:26 / /proc rw,nosuid shared:5 - proc proc rw
41 22 0:35 / /home/anna/H\040enhet rw,relatime shared:20 - cifs //server/hem rw,vers=3.1.1
42 22 0:36 / /mnt/nfs rw,relatime shared:21 - nfs4 server:/export rw
43 42 0:37 / /mnt/nfs/lokal rw,relatime shared:22 - ext4 /dev/vdb rw
"""


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/home/anna/H enhet/rapport.db", "cifs"),  # a space, written \040
        ("/home/anna/H enhetX/rapport.db", "ext4"),  # only a prefix of the mount point
        ("/mnt/nfs/rapport.db", "nfs4"),
        ("/mnt/nfs/lokal/rapport.db", "ext4"),  # the longest mount point wins
        ("/tmp/rapport.db", "ext4"),
    ],
)
def test_the_file_system_of_a_path_is_read_from_mountinfo(path: str, fs_type: str) -> None:
    assert filesystem.mount_fs_type(MOUNTINFO, Path(path)) == fs_type


def test_a_network_mount_is_detected_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux mountinfo")
    fake = tmp_path / "mountinfo"
    share = tmp_path / "share"
    share.mkdir()
    fake.write_text(MOUNTINFO + f"50 22 0:40 / {share} rw - cifs //server/share rw\n")
    monkeypatch.setattr(filesystem, "MOUNTINFO", fake)
    assert filesystem.is_network_path(share / "ny.db")  # not there yet: its folder counts
    assert not filesystem.is_network_path(tmp_path / "lokal.db")


def test_a_network_drive_is_detected_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    class Kernel32:
        @staticmethod
        def GetDriveTypeW(root: str) -> int:  # noqa: N802 - the Windows API's name
            return {"H:\\": 4, "C:\\": 3}[root]  # DRIVE_REMOTE, DRIVE_FIXED

    class WinDLL:
        kernel32 = Kernel32

    monkeypatch.setattr(ctypes, "windll", WinDLL, raising=False)
    remote = filesystem._windows_remote
    assert remote(Path(r"\\server\hem\anna\rapport.db"))
    assert remote(Path(r"\\?\UNC\server\hem\rapport.db"))
    assert remote(Path(r"H:\rapporter\rapport.db"))
    assert not remote(Path(r"C:\Users\anna\rapport.db"))
    assert not remote(Path(r"\\?\C:\Users\anna\rapport.db"))


def test_a_share_is_named_so_sqlite_opens_it() -> None:
    assert filesystem.unc_safe("file://server/hem/r.db") == "file:////server/hem/r.db"
    assert filesystem.unc_safe("file:///C:/Users/r.db") == "file:///C:/Users/r.db"
    assert filesystem.unc_safe("file:///tmp/r.db") == "file:///tmp/r.db"


@pytest.fixture
def on_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "is_network_path", lambda path: True)
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)  # a locked file fails fast here


def _header_modes(db: Path) -> bytes:
    return db.read_bytes()[18:20]  # 1, 1: rollback journal; 2, 2: WAL


def test_a_file_on_a_network_share_gets_a_rollback_journal_and_an_exclusive_lock(
    tmp_path: Path, on_network: None
) -> None:
    db = make(tmp_path / "r.db")
    crash(db, ["sparat före flytten"])  # its own WAL, from a crash on a local disk
    assert _header_modes(db) == b"\x02\x02"
    with Store(db) as store:
        assert store.network and not store.read_only
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.conn.execute("PRAGMA locking_mode").fetchone()[0] == "exclusive"
        assert store.get("goal", 1).analys == "sparat före flytten"  # the WAL was applied
        store.update("goal", 1, "analys", "på nätverket")
        assert not (tmp_path / "r.db-wal").exists() and not (tmp_path / "r.db-shm").exists()
        other = sqlite3.connect(db, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("SELECT count(*) FROM goals").fetchone()
        other.close()
        with pytest.raises(StoreError, match="används av ett annat program"):
            Store(db)
    assert _header_modes(db) == b"\x01\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.db"]
    with Store(db) as store:
        assert store.get("goal", 1).analys == "på nätverket"


def test_a_command_on_a_network_share_says_so_once(
    tmp_path: Path, on_network: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make(tmp_path / "r.db")
    assert main(["reports", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nätverksenhet" in err and "låser filen" in err
    new = tmp_path / "ny.db"
    assert main(["init", str(new)]) == 0
    assert _header_modes(new) == b"\x01\x01"


@sync
async def test_the_workbench_says_a_file_is_on_a_network_share(
    tmp_path: Path, on_network: None
) -> None:
    from tui.app import TertialApp
    from tui.widgets.header import ReportHeader

    app = TertialApp(Store(make(tmp_path / "r.db")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[nätverksenhet, låst]" in app.screen.query_one(ReportHeader).render().plain
        notices = [n for n in app._notifications if "nätverksenhet" in n.message]
        assert len(notices) == 1 and "låser filen" in notices[0].message
    app.store.close()


def crash_mid_transaction_on_network(db: Path, value: str) -> None:
    """A writer on a share that dies in the middle of a transaction, after some pages went
    to the file (a small cache spills them): a hot -journal, which SQLite rolls back."""
    code = (
        "import os\nimport store.db\nfrom store.store import Store\n"
        "store.db.is_network_path = lambda path: True\n"
        f"s = Store({str(db)!r})\n"
        "s.conn.execute('PRAGMA cache_size = 2')\n"
        "with s._write() as conn:\n"
        f"    conn.execute('UPDATE goals SET analys = ?', ({value!r} * 2000,))\n"
        "    os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
    journal = db.with_name(db.name + "-journal").read_bytes()
    assert journal.startswith(bytes.fromhex("d9d505f920a163d7")), "the journal is not hot"


def test_a_journal_left_on_a_share_is_rolled_back_only_into_its_own_file(
    tmp_path: Path, on_network: None
) -> None:
    a = make(tmp_path / "a.db")
    with Store(a) as store:  # on the share: rollback journal mode from now on
        store.update("goal", 1, "analys", "Sparat")
    same = tmp_path / "a-samma.db"
    shutil.copy(a, same)
    b = make(tmp_path / "b.db", "Annan nämnd")
    crash_mid_transaction_on_network(a, "Aldrig sparat")
    journal = (tmp_path / "a.db-journal").read_bytes()
    shutil.copy(b, a)
    before = files(a)
    with pytest.raises(ForeignWal, match="a.db-journal bredvid"):
        Store(a)
    assert files(a) == before and (tmp_path / "a.db-journal").read_bytes() == journal
    shutil.copy(same, a)  # its own file back: the cut-off transaction is rolled back
    with Store(a) as store:
        assert store.get("goal", 1).analys == "Sparat"
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not (tmp_path / "a.db-journal").exists()


def test_a_local_file_keeps_wal(tmp_path: Path) -> None:
    """The control: without the network stub, the same file is in WAL mode."""
    with Store(make(tmp_path / "r.db")) as store:
        assert not store.network
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA locking_mode").fetchone()[0] == "normal"


# -- 12. a read-only place ---------------------------------------------------------------


def _opened_before(folder: Path) -> Path:
    db = make(folder / "r.db")
    with Store(db) as store:  # opened by tertial: WAL mode, as every file an author uses
        store.update("goal", 1, "analys", "Skrivet förra veckan")
    assert _header_modes(db) == b"\x02\x02"
    return db


def _lock(folder: Path) -> None:
    for p in folder.iterdir():
        p.chmod(0o644)
    folder.chmod(0o555)


@pytest.mark.permissions
def test_a_file_in_a_folder_the_user_cannot_write_opens_read_only() -> None:
    with shared_folder() as top:
        folder = top / "rapporter"
        folder.mkdir()
        db = _opened_before(folder)
        out = writable_by_other(top / "ut")
        data = writable_by_other(top / "data")
        _lock(folder)
        before = files(db)

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return run_as_other([*args, "--db", str(db)], data_dir=data)

        reports = run("reports")
        assert reports.returncode == 0, reports.stderr
        assert "Testnämnden" in reports.stdout and reports.stderr == ""
        report = run("export", "report")
        assert report.returncode == 0 and "Skrivet förra veckan" in report.stdout
        csv_out = out / "indikatorer.csv"
        exported = run("export", "indicators", "--format", "csv", "--output", str(csv_out))
        assert exported.returncode == 0, exported.stderr
        assert "Andel nöjda medborgare" in csv_out.read_text(encoding="utf-8")
        history = run("history")
        assert history.returncode == 0 and "Skrivet förra veckan" in history.stdout
        backup = run("backup", str(out / "kopia.db"))
        assert backup.returncode == 0, backup.stderr
        imported = run("import", "indicators", str(csv_out))
        assert imported.returncode == 1 and "skrivskyddad" in imported.stderr
        assert "readonly database" not in imported.stderr
        assert files(db) == before  # nothing written, no -wal or -shm made


@pytest.mark.permissions
def test_a_backup_from_a_read_only_folder_is_complete() -> None:
    with shared_folder() as top:
        folder = top / "rapporter"
        folder.mkdir()
        db = _opened_before(folder)
        out = writable_by_other(top / "ut")
        _lock(folder)
        result = run_as_other(["backup", str(out / "kopia.db"), "--db", str(db)], data_dir=out)
        assert result.returncode == 0, result.stderr
        with Store(out / "kopia.db") as copy:
            assert copy.get("goal", 1).analys == "Skrivet förra veckan"


def test_a_read_only_folder_with_a_crashs_wal_shows_its_changes() -> None:
    # The owner's app crashed; another user reads. (The owner may write the -shm, and
    # SQLite rebuilds it on opening: only a second user shows the files untouched.)
    needs_a_second_user()
    with shared_folder() as top:
        folder = top / "rapporter"
        folder.mkdir()
        db = _opened_before(folder)
        crash(db, ["Osparat i WAL"])  # the owner's app crashed; -wal and -shm remain
        data = writable_by_other(top / "data")
        _lock(folder)
        before = files(db)
        result = run_as_other(["export", "report", "--db", str(db)], data_dir=data)
        assert result.returncode == 0, result.stderr
        assert "Osparat i WAL" in result.stdout
        assert files(db) == before
        # Without the -shm, SQLite cannot read the WAL here: one line, exit 2.
        folder.chmod(0o755)
        (folder / "r.db-shm").unlink()
        _lock(folder)
        result = run_as_other(["reports", "--db", str(db)], data_dir=data)
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert "r.db-wal" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.permissions
@sync
async def test_the_workbench_header_says_read_only(tmp_path: Path) -> None:
    from tui.app import TertialApp
    from tui.widgets.header import ReportHeader

    folder = tmp_path / "rapporter"
    folder.mkdir()
    db = _opened_before(folder)
    folder.chmod(0o555)  # the mode bits count even for root: opened read-only
    try:
        before = files(db)
        app = TertialApp(Store(db))
        assert app.store.read_only
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "[skrivskyddad]" in app.screen.query_one(ReportHeader).render().plain
        app.store.close()
        assert files(db) == before
    finally:
        folder.chmod(0o755)
