"""Writing an export to a file: completely or not at all, and never over the wrong thing.

The text goes to a new file beside the target, which then takes the target's place in
one step (os.replace, atomic on POSIX and on Windows), so a reader never sees half a
file and a failed export leaves the old one as it was. Before anything is written the
target is checked, and refused when it is:

- the tertial file being read (or its -wal/-shm/-journal), by any path or hard link;
- a folder, a device, a FIFO or anything else that is not a plain file;
- a file the user may not write (read-only, or without permission).

A symbolic link is written through: its target gets the new text and the link stays a
link, as when any program saves to a linked file. A new file gets the permissions any
new file gets (the umask's); an existing file keeps its own.

Only portable calls: os.open, os.fsync, os.replace, os.chmod with mode bits.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

SIDECARS = ("-wal", "-shm", "-journal")


class OutputRefused(Exception):
    """The export was not written; the target is as it was. `reason` says why, in Swedish."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"kunde inte skriva {path}: {reason}")
        self.path = path
        self.reason = reason


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_target(path: Path, protect: Iterable[Path] = ()) -> Path:
    """The file an export to `path` would replace (a symlink's target, or `path`).

    Raises OutputRefused when it must not be written; nothing is touched either way.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    for db in protect:
        for p in (Path(db), *(Path(f"{db}{s}") for s in SIDECARS)):
            if _same(target, p):
                raise OutputRefused(
                    path, f"det är tertial-filen som exporten läser ({db}); välj ett annat namn"
                )
    try:
        st = os.stat(target)
    except FileNotFoundError:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise OutputRefused(path, f"mappen {folder} finns inte") from None
        return target
    except OSError as exc:
        raise OutputRefused(path, _reason(exc, target)) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputRefused(path, "det är en mapp; ange ett filnamn")
    if not stat.S_ISREG(st.st_mode):
        raise OutputRefused(
            path, "det är ingen vanlig fil (en enhet, en FIFO eller liknande) och skrivs inte över"
        )
    # The mode bits count too, so a file marked read-only is one even for an administrator.
    # (Replacing needs only the folder's permission: the file's own is checked here.)
    if not st.st_mode & 0o222:
        raise OutputRefused(path, "filen är skrivskyddad")
    if not os.access(target, os.W_OK):
        raise OutputRefused(path, "saknar behörighet att skriva filen")
    return target


def write_atomic(
    path: Path, fill: Callable[[TextIO], object], protect: Iterable[Path] = ()
) -> Path:
    """Let `fill` write UTF-8 text (newlines as given) to `path`, completely or not at all.

    `protect` are the tertial files being read. Returns the file written (a symlink's
    target). Raises OutputRefused, leaving `path` as it was.
    """
    path = Path(path)
    target = check_target(path, protect)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    tmp: Path | None = None
    try:
        fd, tmp = _create_beside(target)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if mode is not None:
                os.chmod(tmp, mode)  # an existing file keeps its own permissions
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before it takes the old file's place
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputRefused(path, _reason(exc, target)) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return target


def write_text_atomic(path: Path, text: str, protect: Iterable[Path] = ()) -> Path:
    return write_atomic(path, lambda out: out.write(text), protect)


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty, hidden file in the target's folder, opened for writing.

    Mode 0o666 is filtered by the umask as for any new file (mkstemp would give 0600).
    O_EXCL: never an existing file, nor a link planted under the name.
    """
    folder = target.parent if str(target.parent) else Path(".")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)  # Windows only
    for _ in range(100):
        tmp = folder / f".{target.name[:100]}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "kunde inte skapa en tillfällig fil", str(folder))


def _reason(exc: OSError, target: Path) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"mappen {target.parent} finns inte"
    if isinstance(exc, PermissionError):
        if os.name == "nt":
            return "saknar behörighet, eller filen är öppen i ett annat program"
        return "saknar behörighet"
    if exc.errno == errno.ENOSPC:
        return "disken är full"
    if isinstance(exc, IsADirectoryError):
        return "det är en mapp; ange ett filnamn"
    return exc.strerror or str(exc)
