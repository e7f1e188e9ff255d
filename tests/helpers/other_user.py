"""Run tertial as a user without privileges, so that file permissions really apply.

The tests run as root here, and root may write where the mode bits say no: a permission
test run as root passes whatever tertial does. As root, commands are run through
`setpriv` as nobody (uid 65534), on files in a folder that user can reach. As an
ordinary user (and in .ci/permissions, which runs the tests marked `permissions` as
nobody) they run as that user: the mode bits decide all the same.

A test about *another* user's files (owned by someone else, not merely read-only)
needs root to make them: `needs_a_second_user()` skips it otherwise, saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def needs_a_second_user() -> None:
    """Only root can make files that belong to another user than the one running tertial."""
    if sys.platform == "win32" or os.geteuid() != 0:
        pytest.skip("needs root to make files owned by another user than the one running tertial")


def prefix() -> list[str]:
    """What runs a command as the unprivileged user: setpriv as root, nothing otherwise."""
    if sys.platform == "win32":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        return []  # already an ordinary user
    if not shutil.which("setpriv"):
        pytest.skip("setpriv is needed to drop root for a permission test")
    return [
        "setpriv",
        f"--reuid={NOBODY}",
        f"--regid={NOBODY}",
        "--clear-groups",
        "--inh-caps=-all",
    ]


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder under the system temp folder that the other user can read (0755)."""
    folder = Path(tempfile.mkdtemp(prefix="tertial-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def writable_by_other(folder: Path) -> Path:
    """A folder the other user may write (for a backup's destination, the data folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o777)
    return folder


def run_as_other(
    args: list[str], *, data_dir: Path, python: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m tui.cli ARGS` (or `python -c PYTHON`) as the unprivileged user."""
    cmd = (
        [sys.executable, "-c", python] if python is not None else [sys.executable, "-m", "tui.cli"]
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERTIAL_DATA_DIR": str(data_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT),
        "HOME": str(data_dir),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [*prefix(), *cmd, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
