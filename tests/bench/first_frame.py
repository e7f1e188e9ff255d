"""Time from spawning a terminal program to a marker text on its screen, in tmux.

    python tests/bench/first_frame.py [--runs 5] MARKER CMD...   # prints the median, s

Each launch is a fresh tmux session of 120x40 running CMD; the pane is read every 5 ms
until MARKER appears. One launch first warms the page cache and the bytecode, then the
median of `--runs` launches is taken. The sessions live on a tmux server of their own,
kept up between launches (a server that exits with its last session races the next
one), so other tmux users neither disturb nor see them. Needs tmux (not on Windows;
the benchmark says n/a there). Adapted from the shared tools of the project's start.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = 30.0  # seconds: a program that shows nothing in this long counts as infinitely slow


def available() -> bool:
    return shutil.which("tmux") is not None


@contextmanager
def server() -> Iterator[list[str]]:
    """`tmux -L SOCKET`: a server of our own, kept up by an idle session until the end."""
    tmux = ["tmux", "-L", f"tertial-first-frame-{os.getpid()}-{uuid.uuid4().hex[:8]}"]
    subprocess.run([*tmux, "new-session", "-d", "-s", "keep", "sleep", "3600"], check=True)
    try:
        yield tmux
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def once(tmux: list[str], marker: str, cmd: list[str], cwd: Path | None = None) -> float:
    """Seconds from `tmux new-session CMD` to MARKER in the pane (inf after TIMEOUT).

    CMD as separate arguments: tmux runs it itself, not through a shell.
    """
    name = f"ff-{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", *cmd],
        check=True,
        cwd=cwd,
    )
    try:
        while time.perf_counter() - start < TIMEOUT:
            pane = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if marker in pane:
                return time.perf_counter() - start
            time.sleep(0.005)
        return float("inf")
    finally:
        subprocess.run([*tmux, "kill-session", "-t", name], capture_output=True)


def first_frame_ms(marker: str, cmd: list[str], runs: int = 5, cwd: Path | None = None) -> float:
    """Median milliseconds of `runs` launches, after one to warm up; nan without tmux."""
    if not available():
        return float("nan")
    with server() as tmux:
        once(tmux, marker, cmd, cwd)
        return statistics.median(once(tmux, marker, cmd, cwd) for _ in range(runs)) * 1000


def main(argv: list[str]) -> int:
    runs = 5
    if argv[:1] == ["--runs"]:
        runs, argv = int(argv[1]), argv[2:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"{first_frame_ms(argv[0], argv[1:], runs) / 1000:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
