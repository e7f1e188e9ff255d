"""The real `tertial` command in tmux: keys in, the screen read back, the file checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from store.models import Assessment
from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    goal_id,
    read,
    sample_db,
)

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    ).stdout


def _wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def _keys(session: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)


def test_tertial_in_tmux(sample_db: Path) -> None:  # noqa: F811
    session = f"tertial-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # As separate arguments tmux runs the command itself, not through the user's login
    # shell (which for an unprivileged user may be nologin).
    command = [sys.executable, "-m", "tui.cli", str(sample_db)]
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", *command],
        check=True,
        env=env,
        cwd=ROOT,
    )
    try:
        screen = _wait_for(session, "Nämndmål: 16 helt · 4 delvis · 0 ej")
        assert "Servicenämnden · Tertialrapport 2 2023" in screen
        _keys(session, "/")
        _wait_for(session, "Sök i rapporten")
        _keys(session, "-l", "ekonomi i balans")
        _wait_for(session, "träffar")
        _keys(session, "Enter")
        _wait_for(session, "Bedömning: ◐ Uppfylls delvis")
        _keys(session, "a")
        _wait_for(session, "Uppfylls helt  (h)")
        _keys(session, "h")
        _wait_for(session, "Nämndmål: 17 helt · 3 delvis")
        _keys(session, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
            if alive.returncode != 0:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("tertial did not quit on q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    gid = goal_id(sample_db, "Servicenämnden har en ekonomi i balans")
    with read(sample_db) as s:
        assert s.get("goal", gid).assessment == Assessment.HELT
