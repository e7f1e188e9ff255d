"""Issue 10, item 8: `--output` and the workbench's export never overwrite the wrong thing.

The database being read (by any path), a device, a FIFO, a folder and a file the user
may not write are refused; a symlink is written through; new files get the umask's
mode and existing files keep theirs; the workbench asks before overwriting.
(Items 5–7 are in tests/test_loss_import_export.py.)
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

from tests.helpers.other_user import needs_a_second_user
from tests.test_app_support import SIZE, make_app, sync
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]


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


@pytest.mark.permissions
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


@pytest.mark.permissions
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


@pytest.mark.permissions
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
    needs_a_second_user()  # "theirs" belongs to root, tertial runs as nobody
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
        dialog.query_one("#md").value = True
        await pilot.pause()
        dialog.query_one("#export-folder").value = str(db_path.parent)
        dialog.query_one("#export-name").value = db_path.name  # the file itself: refused
        dialog.query_one("#export-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "tertial-filen" in str(dialog.query_one("#export-error").render())
        dialog.query_one("#export-folder").value = str(out.parent)
        dialog.query_one("#export-name").value = out.name
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
