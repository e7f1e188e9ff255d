"""Opening a tertial file: checked before SQLite touches it, so a wrong file is left as it was."""

from __future__ import annotations

import sqlite3
import struct
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from store.errors import NewerSchema, NotATertialFile, StoreError
from store.filesystem import can_write, is_network_path, sqlite_uri
from store.integrity import QUICK_CHECK_LIMIT, quick_check
from store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate
from store.wal import check_journal, check_wal, refuse_leftovers, write_stamp

_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
__all__ = ["QUICK_CHECK_LIMIT", "Opened", "check_file", "connect", "open_connection", "open_file"]


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    read_only: bool
    network: bool  # on a network file system: rollback journal, locked while open
    checked: bool  # the whole file passed quick_check at open


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(100)
    except IsADirectoryError:
        raise NotATertialFile(f"{path} är en mapp, inte en tertial-fil") from None
    except PermissionError:
        raise NotATertialFile(f"{path} går inte att läsa (saknar behörighet)") from None


def check_file(path: Path) -> int:
    """Read the 100-byte header only; return the schema version or raise.

    Nothing here opens the file for writing, so a file we refuse is byte for byte
    what it was.
    """
    header = _header(path)
    if not header:
        raise NotATertialFile(f"{path} är tom och är ingen tertial-fil")
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise NotATertialFile(f"{path} är ingen SQLite-databas och därför ingen tertial-fil")
    (app_id,) = struct.unpack(">I", header[68:72])
    (version,) = struct.unpack(">I", header[60:64])
    if app_id != APPLICATION_ID:
        raise NotATertialFile(f"{path} är en SQLite-databas men inte en tertial-fil")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{path} är skriven av en nyare tertial (schemaversion {version}, "
            f"denna version läser till och med {SCHEMA_VERSION}); uppgradera tertial"
        )
    (pages,) = struct.unpack(">I", header[28:32])
    wal = path.with_name(path.name + "-wal")
    # With no WAL beside it, a file shorter than its header says was cut off.
    if not wal.exists() and path.stat().st_size < _page_size(header) * pages:
        raise NotATertialFile(f"{path} är avkortad (trasig kopia?) och kan inte öppnas")
    return int(version)


def _page_size(header: bytes) -> int:
    (page_size,) = struct.unpack(">H", header[16:18])
    return 65536 if page_size == 1 else page_size


def is_writable(path: Path) -> bool:
    # WAL needs the folder too: SQLite creates -wal and -shm files beside the database.
    return can_write(path) and can_write(path.parent)


def _access(path: Path, header_says_wal: bool) -> str:
    """How to open: "rw", "ro" (SQLite's mode=ro) or "immutable" (read as it lies)."""
    if is_writable(path):
        return "rw"
    if can_write(path.parent) or not header_says_wal:
        return "ro"
    # A WAL-mode file in a folder we cannot write: SQLite's mode=ro needs a -shm there to
    # read it (else "attempt to write a readonly database"). Without one, no process is
    # writing it (a writer would have made one), so it is read as it lies (immutable).
    wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
    if wal.exists() and wal.stat().st_size > 0:
        if shm.exists():
            return "ro"
        raise NotATertialFile(
            f"{wal.name} bredvid {path} har ändringar som inte kan läsas i en mapp du inte "
            f"får skriva i; öppna filen en gång där du får skriva, eller kopiera {path.name} "
            f"och {wal.name} till en egen mapp"
        )
    return "immutable"


def connect(
    path: Path, *, read_only: bool, network: bool = False, immutable: bool = False
) -> sqlite3.Connection:
    """A connection with tertial's settings; the journal mode is set by `set_journal`."""
    if read_only:
        flag = "immutable=1" if immutable else "mode=ro"
        uri = sqlite_uri(path, flag)
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    # A damaged text shows its damage (U+FFFD) instead of making the whole file unreadable.
    conn.text_factory = _decode
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if network and not read_only:
        # Before the first read: SQLite then keeps even a WAL's index in this process's
        # memory (no -shm on the share) until the journal mode below is set.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    return conn


def set_journal(conn: sqlite3.Connection, *, network: bool) -> None:
    # WAL's shared-memory index does not work across machines: a rollback journal there,
    # with the file locked while open (locking_mode, set in connect).
    wanted = "delete" if network else "wal"
    (mode,) = conn.execute(f"PRAGMA journal_mode = {wanted.upper()}").fetchone()
    if str(mode).lower() != wanted:
        raise StoreError(f"kunde inte ställa in journalläget {wanted} (fick {mode})")
    # FULL: a change the screen showed as saved survives a power cut.
    conn.execute("PRAGMA synchronous = FULL")


def _drop_stale_index(path: Path) -> None:
    """A -shm left from WAL days (a crash on a local disk) once the file is in rollback mode:
    only an index of a WAL that is gone, and this connection holds the file's lock."""
    wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
    if not wal.exists():
        with suppress(OSError):
            shm.unlink(missing_ok=True)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def locked_file(path: Path) -> StoreError:
    return StoreError(
        f"{path} används av ett annat program just nu (på en nätverksenhet är filen låst "
        "medan den är öppen); försök igen när det har stängt den"
    )


def open_file(path: Path, *, create: bool = False) -> Opened:
    """Open (or with `create`, make) a tertial file."""
    path = Path(path)
    network = is_network_path(path)
    if not path.exists():
        if not create:
            raise NotATertialFile(f"{path} finns inte")
        # SQLite would delete a WAL beside an empty file, or replay it into the new one.
        refuse_leftovers(path)
        conn = connect(path, read_only=False, network=network)
        set_journal(conn, network=network)
        migrate(conn)
        _stamp(conn)
        return Opened(conn, False, network, True)
    version = check_file(path)
    header = _header(path)
    header_says_wal = header[18] == 2 or header[19] == 2
    # Before SQLite sees it: a WAL that is not this file's own is never replayed into it.
    check_wal(path, page_size=_page_size(header), header_says_wal=header_says_wal)
    check_journal(path)
    access = _access(path, header_says_wal)
    read_only = access != "rw"
    conn = connect(path, read_only=read_only, network=network, immutable=access == "immutable")
    checked = False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # A damaged page surfaces here, not later as a raw error in the middle of a read.
        # quick_check reads every page, so a large archive skips it at open; its first
        # write checks first (store.integrity), and a read meets damage where it is.
        if path.stat().st_size <= QUICK_CHECK_LIMIT:
            quick_check(conn, path)
            checked = True
        if not read_only:
            set_journal(conn, network=network)
            if network:
                _drop_stale_index(path)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise locked_file(path) from None
        raise NotATertialFile(f"{path} kan inte läsas som en tertial-fil ({exc})") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotATertialFile(f"{path} kan inte läsas som en tertial-fil ({exc})") from None
    except BaseException:
        conn.close()
        raise
    if version < SCHEMA_VERSION:
        if read_only:
            conn.close()
            raise NotATertialFile(
                f"{path} har ett äldre format och är skrivskyddad, så den kan inte uppgraderas"
            )
        migrate(conn)
        _stamp(conn)
    return Opened(conn, read_only, network, checked)


def _stamp(conn: sqlite3.Connection) -> None:
    """A made or upgraded file gets its stamp at once (see store.wal)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        write_stamp(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_connection(path: Path, *, create: bool = False) -> tuple[sqlite3.Connection, bool]:
    """Open (or with `create`, make) a tertial file. Returns the connection and read-only flag."""
    opened = open_file(path, create=create)
    return opened.conn, opened.read_only
