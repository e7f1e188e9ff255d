"""Never write to a damaged file: the whole-file check before a large file's first write.

Opening checks a file of up to 16 MB completely (`PRAGMA quick_check`). A larger one
(a city's archive, 554 MB) is opened without it, so that reading starts at once; a
damaged page is then found where it is read. Writing is different: a change written into
a damaged file can spread the damage (pages handed out from a broken free list), so the
first write of a session checks the whole file first (0.2–0.5 s for 554 MB, memory
mapped), unless this same file was checked before and has not changed since.

"The same file, unchanged" is its size, modification and change times and file id,
remembered in the user's data folder after a check and again when a session that wrote
closes (tertial's own writes do not damage a file). A file copied, replaced, truncated
or edited by another program since gets a different identity and is checked again.
Damage that changes none of these (a failing disk) is caught where it is read.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from store.errors import NotATertialFile
from store.locations import checked_files

QUICK_CHECK_LIMIT = 16 * 1024 * 1024  # bytes; about 100 reports: checked at every open
_REMEMBERED = 200  # files in the record; the oldest are forgotten
_MMAP = 1 << 30  # the check reads every page: mapped, it takes half the time


def quick_check(
    conn: sqlite3.Connection, path: Path, *, mmap: bool = False, verdict: str = "kan inte öppnas"
) -> None:
    """Raise NotATertialFile naming the first problem if the file is damaged."""
    if mmap:
        conn.execute(f"PRAGMA mmap_size = {_MMAP}")
    try:
        (check,) = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        check = str(exc)
    finally:
        if mmap:
            conn.execute("PRAGMA mmap_size = 0")
    if check != "ok":
        detail = " ".join(str(check).replace("*** in database main ***", "").split())
        raise NotATertialFile(f"{path} är skadad och {verdict} ({detail})")


def identity(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _key(path: Path) -> str:
    return str(path.resolve())


def _load() -> dict[str, list[int]]:
    try:
        data = json.loads(checked_files().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def was_checked(path: Path) -> bool:
    now = identity(path)
    return now is not None and _load().get(_key(path)) == now


def remember(path: Path) -> None:
    """Record the file as sound as it is now. Best effort: a record we cannot write only
    means the next write checks again."""
    now = identity(path)
    if now is None or now[0] <= QUICK_CHECK_LIMIT:
        return  # small files are checked at every open anyway
    record = _load()
    record.pop(_key(path), None)
    record[_key(path)] = now
    record = dict(list(record.items())[-_REMEMBERED:])
    target = checked_files()
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)


def check_before_writing(conn: sqlite3.Connection, path: Path, *, network: bool) -> None:
    """The whole-file check, unless this file was checked and has not changed since."""
    if was_checked(path):
        return
    # Memory mapping over a network file system is not dependable: read it plainly there.
    quick_check(conn, path, mmap=not network, verdict="skrivs inte till; inget ändrades")
    remember(path)
