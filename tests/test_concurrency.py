"""Two processes on one file: no change is lost, none overwrites another unseen.

Two child processes (tests/helpers/concurrent_writer.py) start together and edit one
field both of them edit and one field each, passing `expected=` the value they read
just before, as the app does, and report the value each save was based on.
Afterwards every change a process was told is saved is in the history, every field
holds its last saved change, and every saved change replaced exactly the value its
writer had read: a save based on a view that had gone stale never succeeds. That
the two really raced is checked too: conflicts on the shared field must happen.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

from store.errors import StoreError
from store.store import Store
from tests.helpers.concurrent_writer import OWN, SHARED

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "tests" / "helpers" / "concurrent_writer.py"
ROUNDS = 300  # per process
TIMEOUT = 60  # seconds for both processes together
# Two authors saving the shared field a few hundred times at once collide; without
# conflicts the test would show nothing about stale views. (Typically 60-150 here.)
MIN_CONFLICTS = 10

Field = tuple[str, int, str]


def _run_both(db: Path) -> dict[str, list[dict]]:
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(WRITER), str(db), name, str(seed), str(ROUNDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name, seed in (("a", 1), ("b", 2))
    }
    results = {}
    deadline = time.monotonic() + TIMEOUT
    try:
        for name, proc in procs.items():
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n", f"writer {name} did not start"
        for proc in procs.values():  # both at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for name, proc in procs.items():
            out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            assert proc.returncode == 0, f"writer {name} failed:\n{err}"
            results[name] = [json.loads(line) for line in out.splitlines()]
            assert results[name][-1] == {"done": name}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return results


def test_two_writers_lose_nothing_and_overwrite_nothing_unseen(db_path: Path) -> None:
    fields: list[Field] = [SHARED, *OWN.values()]
    with Store(db_path) as store:
        initial = {f: getattr(store.get(f[0], f[1]), f[2]) for f in fields}

    results = _run_both(db_path)

    saved = [(tuple(r["saved"]), r["shown"]) for rs in results.values() for r in rs if "saved" in r]
    conflicts = [tuple(r["conflict"]) for rs in results.values() for r in rs if "conflict" in r]
    assert len(saved) + len(conflicts) == 2 * ROUNDS

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        history = {
            row[0]: row
            for row in conn.execute("SELECT id, entity, entity_id, field, old, new FROM changes")
        }
    finally:
        conn.close()

    # Every change a process was told is saved is in the history, exactly as reported,
    # and replaced the very value that process had read: no save from a stale view.
    for change, shown in saved:
        assert history.get(change[0]) == change
        assert change[4] == shown, f"{change}: saved over {change[4]!r}, but {shown!r} was shown"
    assert len(history) == len(saved)  # and nothing was recorded that nobody was told about

    chains: dict[Field, list[tuple]] = defaultdict(list)
    for change_id in sorted(history):
        row = history[change_id]
        chains[row[1:4]].append(row)
    with Store(db_path) as store:
        for f in fields:
            last = chains[f][-1][5] if chains[f] else initial[f]
            assert getattr(store.get(f[0], f[1]), f[2]) == last  # its last saved change

    # They raced: conflicts happened, each naming a value the field really had, which
    # was not the one shown.
    assert len(conflicts) >= MIN_CONFLICTS, f"only {len(conflicts)} conflicts: no real race"
    for entity, entity_id, field, shown, on_disk in conflicts:
        f = (entity, entity_id, field)
        values = {initial[f], *(row[5] for row in chains[f])}
        assert on_disk in values and shown != on_disk
    own_conflicts = [c for c in conflicts if tuple(c[:3]) != SHARED]
    assert own_conflicts == []  # a field only one author edits never conflicts
    print(
        f"\nconcurrency: {2 * ROUNDS} edits by two processes, {len(saved)} saved, "
        f"{len(conflicts)} conflicts reported, {len(chains[SHARED])} saves to the shared field"
    )


def _hold_write_lock(db: Path, seconds: float, locked: threading.Event) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE goals SET description = 'från den andra' WHERE id = 2")
        locked.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_short_lock_is_waited_out(db_path: Path) -> None:
    locked = threading.Event()
    with Store(db_path) as store:
        holder = threading.Thread(target=_hold_write_lock, args=(db_path, 0.5, locked))
        holder.start()
        try:
            assert locked.wait(5)
            started = time.monotonic()
            change = store.update(
                "goal", 1, "analys", "Efter låset", expected=store.get("goal", 1).analys
            )
            waited = time.monotonic() - started
        finally:
            holder.join(5)
        assert change is not None and waited >= 0.3
        assert store.get("goal", 1).analys == "Efter låset"
        assert store.get("goal", 2).description == "från den andra"  # both writes kept


def test_a_long_lock_is_a_clean_error_and_writes_nothing(db_path: Path) -> None:
    locked = threading.Event()
    with Store(db_path) as store:
        store.conn.execute("PRAGMA busy_timeout = 100")  # instead of waiting 5 s in a test
        holder = threading.Thread(target=_hold_write_lock, args=(db_path, 1.0, locked))
        holder.start()
        try:
            assert locked.wait(5)
            with pytest.raises(StoreError, match="låst av ett annat program"):
                store.update("goal", 1, "analys", "Under låset")
        finally:
            holder.join(5)
        assert store.get("goal", 1).analys == "Analys av inriktningsmålet."
        assert store.history(1) == []
        assert not store.conn.in_transaction
