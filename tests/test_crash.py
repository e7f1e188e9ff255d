"""Crash: a writer killed at random moments never loses a change it showed as saved.

A child process (tests/helpers/crash_writer.py) saves changes in a loop and prints
"ok N" after each `update` returns. The test kills it with SIGKILL after a seeded
random delay, again and again, and after every kill checks that the file is intact,
that every confirmed change is in the file and in the history, and that the file
still opens, with the Store and with `tertial reports`.

SIGKILL stops the process between any two instructions, in the middle of a
transaction, a WAL append or a checkpoint. What it cannot do is lose what the OS had
been handed but not yet written to the disk: the page cache survives a killed
process. So this test passes just the same with synchronous=OFF as with FULL; it
proves SQLite's transactions and the Store's order of work, not durability.

Power loss (or a crashed OS) does lose the page cache. Against that the Store relies
on synchronous=FULL: SQLite fsyncs the WAL at every commit, before `update` returns.
No test here cuts the power: the last test checks only that the setting is in force
on the Store's connection, not that the disk obeys it.
"""

from __future__ import annotations

import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store.store import Store
from tests.helpers.crash_writer import field_of

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "tests" / "helpers" / "crash_writer.py"
KILLS = 30
SEED = 20231
MAX_DELAY = 0.25  # seconds of writing before each kill
CHILD_TIMEOUT = 10  # seconds: a child that does not start or die in time fails the test


def _start(db: Path, start: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(start), "100000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        bufsize=0,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + CHILD_TIMEOUT
    line = b""
    while not line.endswith(b"\n"):  # unbuffered: reads "ready\n" byte by byte
        assert time.monotonic() < deadline, "the writer did not start"
        byte = proc.stdout.read(1)
        assert byte, f"the writer exited early ({proc.wait()})"
        line += byte
    assert line == b"ready\n"
    return proc


def _kill(proc: subprocess.Popen[bytes]) -> list[int]:
    """SIGKILL the writer; the changes it confirmed ("ok N" lines, complete ones only)."""
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=CHILD_TIMEOUT)
    assert proc.returncode == -signal.SIGKILL, "the writer stopped before it was killed"
    return [int(n) for n in re.findall(rb"^ok (\d+)\n", out, re.MULTILINE)]


def _check(db: Path, confirmed: list[int]) -> int:
    """After a kill: intact, every confirmed change present, each field at its last change.

    Returns the number of changes in the history.
    """
    # Opening recovers the WAL exactly as the next start of the app would.
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        history = conn.execute(
            "SELECT entity, entity_id, field, new FROM changes ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    saved = set(history)
    for n in confirmed:
        assert field_of(n) in saved, f"change {n} was shown as saved but is not in the history"
    with Store(db) as store:
        for k in range(3):
            entity, entity_id, field, _ = field_of(k)
            changes = [h[3] for h in history if h[:3] == (entity, entity_id, field)]
            if changes:  # the field holds its last recorded change
                assert getattr(store.get(entity, entity_id), field) == changes[-1]
            mine = [field_of(n)[3] for n in confirmed if n % 3 == k]
            if mine:  # ... which is the last confirmed one or at most one after it
                assert changes.index(mine[-1]) >= len(changes) - 2
        store.drafts()  # a draft saved at the moment of the kill is no obstacle either
    return len(history)


def _cli_reports(db: Path) -> None:
    """The file still opens in the command-line tool: exit 0, the report listed."""
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "reports", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Testnämnden" in result.stdout


def test_kill_at_random_moments_loses_nothing_confirmed(db_path: Path) -> None:
    rng = random.Random(SEED)
    kills = checked = 0
    started = time.monotonic()
    for round_ in range(KILLS):
        proc = _start(db_path, start=(round_ + 1) * 100_000)
        try:
            time.sleep(rng.uniform(0.0, MAX_DELAY))
        finally:
            confirmed = _kill(proc)
        kills += 1
        recorded = _check(db_path, confirmed)
        checked += len(confirmed)
        # Beyond the confirmed changes, at most one per kill: committed, not yet printed.
        assert checked <= recorded <= checked + kills
        if kills % 10 == 0:
            _cli_reports(db_path)
    print(
        f"\ncrash: {kills} kills survived, {checked} confirmed changes checked "
        f"({time.monotonic() - started:.1f} s)"
    )
    assert checked > KILLS  # the kills did land among writes, not only before them


def test_the_store_asks_sqlite_to_sync_every_commit(db_path: Path) -> None:
    """The setting, not the disk: journal_mode=WAL with synchronous=FULL (2) on every
    connection the Store opens, the first (create) and the next, and a wait for a lock.

    With synchronous=NORMAL a WAL commit is not fsynced and may be lost at power loss;
    the kill test above cannot tell (see the module's note), this one can.
    """
    for path in (db_path.with_name("new.db"), db_path):
        with Store(path, create=not path.exists()) as store:
            pragma = {
                name: store.conn.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("journal_mode", "synchronous", "busy_timeout")
            }
        assert pragma["journal_mode"] == "wal", path
        assert pragma["synchronous"] == 2, path  # FULL: fsync at every commit
        assert pragma["busy_timeout"] >= 1000, path
