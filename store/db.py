"""Opening a tertial file: checked before SQLite touches it, so a wrong file is left as it was."""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from store.errors import NewerSchema, NotATertialFile
from store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
QUICK_CHECK_LIMIT = 16 * 1024 * 1024  # bytes; about 100 reports


def check_file(path: Path) -> int:
    """Read the 100-byte header only; return the schema version or raise.

    Nothing here opens the file for writing, so a file we refuse is byte for byte
    what it was.
    """
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except IsADirectoryError:
        raise NotATertialFile(f"{path} är en mapp, inte en tertial-fil") from None
    except PermissionError:
        raise NotATertialFile(f"{path} går inte att läsa (saknar behörighet)") from None
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
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (pages,) = struct.unpack(">I", header[28:32])
    wal = path.with_name(path.name + "-wal")
    # With no WAL beside it, a file shorter than its header says was cut off.
    if not wal.exists() and path.stat().st_size < page_size * pages:
        raise NotATertialFile(f"{path} är avkortad (trasig kopia?) och kan inte öppnas")
    return int(version)


def is_writable(path: Path) -> bool:
    # WAL needs the folder too: SQLite creates -wal and -shm files beside the database.
    # The mode bits count as well, so a file marked read-only is one even for root.
    return all(os.access(p, os.W_OK) and p.stat().st_mode & 0o222 for p in (path, path.parent))


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    # A damaged text shows its damage (U+FFFD) instead of making the whole file unreadable.
    conn.text_factory = _decode
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a change the screen showed as saved survives a power cut.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def open_connection(path: Path, *, create: bool = False) -> tuple[sqlite3.Connection, bool]:
    """Open (or with `create`, make) a tertial file. Returns the connection and read-only flag."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise NotATertialFile(f"{path} finns inte")
        conn = connect(path, read_only=False)
        migrate(conn)
        return conn, False
    version = check_file(path)
    read_only = not is_writable(path)
    try:
        conn = connect(path, read_only=read_only)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # A damaged page surfaces here, not later as a raw error in the middle of a read.
        # quick_check reads every page, so a large archive skips it at open; there a
        # damaged page is caught where it is read (tui.cli and the app turn it into a message).
        check = "ok"
        if path.stat().st_size <= QUICK_CHECK_LIMIT:
            (check,) = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotATertialFile(f"{path} kan inte läsas som en tertial-fil ({exc})") from None
    if check != "ok":
        conn.close()
        detail = " ".join(str(check).replace("*** in database main ***", "").split())
        raise NotATertialFile(f"{path} är skadad och kan inte öppnas ({detail})")
    if version < SCHEMA_VERSION:
        if read_only:
            conn.close()
            raise NotATertialFile(
                f"{path} har ett äldre format och är skrivskyddad, så den kan inte uppgraderas"
            )
        migrate(conn)
    return conn, read_only
