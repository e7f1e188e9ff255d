"""Whether a -wal file beside a tertial file belongs to it, checked before SQLite replays it.

SQLite pairs a database with its write-ahead log by file name only: a -wal left by a
crash is replayed into whatever file has that name when it is next opened, also a new
file or another file copied into its place, which damages it. Nothing in SQLite's own
WAL header ties it to one database file, so tertial adds the tie itself:

* every write transaction tertial makes also updates one row of `app_state`, the
  *stamp*: `twal1:<file id>:<sequence number>`, the number one higher each time. So every
  commit in a WAL written by tertial carries, in its page images, the file's id and the
  transaction's number.
* the database file alone (read with SQLite's `immutable=1`, which ignores the WAL)
  holds the stamp of the last commit copied into it by a checkpoint.
* a WAL belongs to the file when they share the file id and the file's number lies
  between the WAL's first commit minus one (nothing checkpointed yet) and its last
  commit (everything checkpointed). A file put in place of the original, or a copy of
  it from another moment, fails this: its number is outside the WAL's range.

Frames are read the way SQLite's recovery reads them (same salts as the header, a page
number, up to the last commit frame), without recomputing frame checksums: that would
cost ~0.1 s per 4 MB of WAL in Python at every open while another window has the file
open, and a frame SQLite would drop for a bad checksum can only widen the accepted range.
A WAL whose commits carry no stamp (written by an older tertial or another SQLite
program) cannot be checked this way; it is replayed only into a file whose header says
it was in WAL mode, never into one made or copied in rollback mode (a fresh `init`, a
`tertial backup`).
"""

from __future__ import annotations

import os
import re
import sqlite3
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store.errors import NotATertialFile
from store.filesystem import sqlite_uri

STAMP_KEY = "wal-stamp"
_STAMP = re.compile(rb"twal1:([0-9a-f]{32}):([0-9]{12})")
_MAGIC = (0x377F0682, 0x377F0683)
_VERSION = 3007000
_HEADER = 32
_FRAME_HEADER = 24


class ForeignWal(NotATertialFile):
    """A -wal beside the file was written for another file (or another copy of it)."""


def sidecars(path: Path) -> list[Path]:
    """SQLite's files beside a database that belong to it: the WAL, its index, the journal."""
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


# -- the stamp, written in every tertial transaction ---------------------------------


def parse_stamp(value: object) -> tuple[str, int] | None:
    m = _STAMP.fullmatch(value.encode() if isinstance(value, str) else b"")
    return (m.group(1).decode(), int(m.group(2))) if m else None


def write_stamp(conn: sqlite3.Connection) -> None:
    """Inside the caller's transaction: the file's stamp, one higher."""
    row = conn.execute("SELECT value FROM app_state WHERE key = ?", (STAMP_KEY,)).fetchone()
    # A new file's id as secrets.token_hex(16) makes it, without importing secrets
    # (hmac, hashlib: ~2 ms on the way to the workbench's first frame).
    file_id, seq = (row and parse_stamp(row[0])) or (os.urandom(16).hex(), 0)
    conn.execute(
        "INSERT INTO app_state (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (STAMP_KEY, f"twal1:{file_id}:{seq + 1:012d}"),
    )


def file_stamp(path: Path) -> tuple[str, int] | None:
    """The stamp in the database file itself, as if there were no WAL beside it."""
    conn = sqlite3.connect(sqlite_uri(path, "immutable=1"), uri=True)
    try:
        row = conn.execute("SELECT value FROM app_state WHERE key = ?", (STAMP_KEY,)).fetchone()
    finally:
        conn.close()
    return parse_stamp(row[0]) if row else None


# -- reading a WAL -------------------------------------------------------------------


@dataclass
class WalScan:
    page_size: int
    signature: tuple[bytes, int, bytes]  # header, frames, last frame header: did it change?
    # One entry per commit: file id -> the highest stamp number in the commit's pages.
    commits: list[dict[str, int]] = field(default_factory=list)


def _frames(f, page_size: int, salts: bytes, pages: bool) -> Iterator[tuple[bytes, bytes]]:  # noqa: ANN001
    """Frames SQLite's recovery would accept (salts and page number), with their pages."""
    while True:
        head = f.read(_FRAME_HEADER)
        if len(head) < _FRAME_HEADER or head[8:16] != salts or head[0:4] == b"\0\0\0\0":
            return
        if pages:
            page = f.read(page_size)
            if len(page) < page_size:
                return
        else:
            page = b""
            f.seek(page_size, 1)
        yield head, page


def _checksum(data: bytes, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def scan(wal: Path, *, pages: bool = True) -> WalScan | None:
    """The commits SQLite would replay from `wal`; None when it would replay nothing."""
    try:
        f = wal.open("rb")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise NotATertialFile(f"{wal} går inte att läsa ({exc.strerror or exc})") from None
    with f:
        header = f.read(_HEADER)
        if len(header) < _HEADER:
            return None
        magic, version, page_size = struct.unpack(">III", header[:12])
        # SQLite starts an invalid WAL afresh, replaying nothing: no harm to check for.
        if magic not in _MAGIC or version != _VERSION or page_size & (page_size - 1):
            return None
        if not 512 <= page_size <= 65536:
            return None
        if _checksum(header[:24], magic & 1 == 1) != struct.unpack(">II", header[24:]):
            return None
        result = WalScan(page_size, (header, 0, b""))
        commit: dict[str, int] = {}
        last = 0
        last_head = b""
        for count, (head, page) in enumerate(_frames(f, page_size, header[16:24], pages), 1):
            for m in _STAMP.finditer(page):
                fid, seq = m.group(1).decode(), int(m.group(2))
                commit[fid] = max(seq, commit.get(fid, 0))
            if head[4:8] != b"\0\0\0\0":  # a commit frame: the database's size after it
                result.commits.append(commit)
                commit, last, last_head = {}, count, head
        if not last:
            return None
        result.signature = (header, last, last_head)
        return result


# -- the decision ----------------------------------------------------------------------


def belongs(
    commits: list[dict[str, int]], stamp: tuple[str, int] | None, header_says_wal: bool
) -> bool:
    """Whether the WAL's commits continue the database file whose own stamp is `stamp`."""
    ids = {fid for c in commits for fid in c}
    if not ids:
        # No stamps: not written by this tertial. Never into a file made in rollback mode.
        return header_says_wal
    if stamp is None:
        # A file from before stamps: only a WAL whose first stamp made the row fits it.
        first = next(c for c in commits if c)
        return len(ids) == 1 and min(first.values()) == 1
    file_id, seq = stamp
    mine = [c[file_id] for c in commits if file_id in c]
    if not mine:
        return False
    return mine[0] - 1 <= seq <= max(mine)


def check_wal(path: Path, *, page_size: int, header_says_wal: bool) -> None:
    """Raise ForeignWal if SQLite would replay a WAL into `path` that is not its own.

    Another process may be writing the file meanwhile (the app open while a command
    runs): then the WAL grows or starts afresh between our reads, so the WAL is read
    again after the file, and everything is read once more if it changed.
    """
    wal = path.with_name(path.name + "-wal")
    unreadable = False
    for _ in range(5):
        found = scan(wal)
        if found is None:
            return
        try:
            stamp = file_stamp(path)
        except sqlite3.DatabaseError:
            # Being checkpointed into right now, or damaged: try again, then say so.
            unreadable = True
            time.sleep(0.05)
            continue
        unreadable = False
        again = scan(wal, pages=False)
        if again is not None and again.signature == found.signature:
            if found.page_size == page_size and belongs(found.commits, stamp, header_says_wal):
                return
            break
        time.sleep(0.01)
    else:
        if unreadable:
            raise NotATertialFile(f"{path} är skadad och kan inte öppnas")
        # Written to all the time we looked: a process has the file open and writes it,
        # so SQLite uses that process's index of the WAL and recovers nothing itself.
        return
    shm = path.with_name(path.name + "-shm")
    raise ForeignWal(
        f"{wal.name} bredvid {path} hör inte till filen (den har bytts ut sedan ändringarna i "
        f"{wal.name} skrevs); inget ändrades: lägg tillbaka filen de hör till, eller flytta "
        f"{wal.name} och {shm.name} till en annan mapp för att öppna {path.name} som den är"
    )


# -- a rollback journal (network shares) ------------------------------------------------

_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def check_journal(path: Path) -> None:
    """Raise ForeignWal if SQLite would roll a -journal that is not this file's back into it.

    A hot journal holds the pages as they were before the transaction that was cut off.
    tertial's transactions write the stamp first, so the journal's first page is the
    stamp page as it was (number n); the file itself holds n (page not yet overwritten)
    or n + 1 (overwritten). Anything else is another file's journal.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        with journal.open("rb") as f:
            data = f.read()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotATertialFile(f"{journal} går inte att läsa ({exc.strerror or exc})") from None
    if not data.startswith(_JOURNAL_MAGIC):
        return  # SQLite ignores a journal without its header: nothing is rolled back
    found: dict[str, int] = {}
    for m in _STAMP.finditer(data):
        fid, seq = m.group(1).decode(), int(m.group(2))
        found[fid] = max(seq, found.get(fid, 0))
    if not found:
        return  # no page, or not written by this tertial: nothing to check it against
    try:
        stamp = file_stamp(path)
    except sqlite3.DatabaseError:
        return  # a page torn by a power cut: the rollback itself is what repairs it
    if stamp is not None and stamp[0] in found and stamp[1] - found[stamp[0]] in (0, 1):
        return
    raise ForeignWal(
        f"{journal.name} bredvid {path} hör inte till filen (den har bytts ut sedan "
        f"{journal.name} skrevs); inget ändrades: lägg tillbaka filen den hör till, eller "
        f"flytta {journal.name} till en annan mapp för att öppna {path.name} som den är"
    )


class LeftoverFiles(NotATertialFile):
    """A -wal, -shm or -journal lies where a new file would be made."""


def refuse_leftovers(path: Path) -> None:
    """Never make a file beside another file's WAL: SQLite would replay it into the new one."""
    left = [p for p in sidecars(path) if p.exists()]
    if left:
        names = " och ".join(p.name for p in left)
        them = "dem" if len(left) > 1 else "den"
        raise LeftoverFiles(
            f"{names} ligger kvar bredvid {path} från en tidigare fil med det namnet "
            f"(ändringar som inte hann skrivas in i den); lägg tillbaka den filen, eller flytta "
            f"{them} till en annan mapp, innan en ny {path.name} skapas"
        )
