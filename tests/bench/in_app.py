"""Figures measured inside a running app (headless `run_test`), each in its own process.

    python tests/bench/in_app.py app ARCHIVE RUNS   # tertial on the archive
    python tests/bench/in_app.py minimal RUNS       # the references: a bare Textual app

Each prints one JSON line. Its own process, so that the peak memory is the app's.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# Words an author looks for: common, rare, a prefix being typed, two words.
QUERIES = ["verksamhet", "sjukfrånvaro", "upphandl", "kontaktcenter nöjda", "ve", "Dnr"]
KEYS = ["down"] * 4 + ["up"] * 4


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited via fork)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def keys_to_frames(app: Any, pilot: Any, keys: list[str]) -> list[float]:
    """Milliseconds from a key event entering the app to the next frame handed to display.

    Headless, so the frame's conversion to terminal codes (the same for any app) is
    left out; the key handling, layout and compositing are in.
    """
    from textual import events

    frames: list[float] = []
    display = app._display

    def recording(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = recording
    times = []
    for key in keys:
        seen = len(frames)
        event = events.Key(key, None)
        event.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(event)
        while len(frames) == seen and time.perf_counter() - start < 2:
            await asyncio.sleep(0)
        if len(frames) > seen:
            times.append((frames[seen] - start) * 1000)
        await pilot.pause()
    app._display = display
    return times


async def in_tertial(path: Path, runs: int) -> dict[str, float]:
    from store.store import Store
    from tui.app import TertialApp

    store = Store(path)
    ids = [r.id for r in store.reports()]
    app = TertialApp(store)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        times = []
        for n in range(runs):
            other = ids[(len(ids) // 2 + 37 * n) % len(ids)]
            start = time.perf_counter()
            screen.load_report(other)
            await pilot.pause()
            times.append((time.perf_counter() - start) * 1000)
        out["switch_app"] = statistics.median(times)
        screen.tree.focus()
        await pilot.pause()
        keys = KEYS * runs + ["right", "left"] * runs
        out["key_tree"] = statistics.median(await keys_to_frames(app, pilot, keys))
        times = []
        for q in QUERIES * runs:
            start = time.perf_counter()
            store.search(q, screen.report_id)
            times.append((time.perf_counter() - start) * 1000)
        out["find_report"] = statistics.median(times)
    store.close()
    out["peak_mb"] = peak_mb()
    return out


async def in_minimal(runs: int) -> dict[str, float]:
    """A Tree's key press, and a switch between two screens showing a report's tree."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static, Tree

    class Page(Screen[None]):
        """A report's worth of tree (its 39 goals and 31 sections) and a line of text."""

        def compose(self) -> ComposeResult:
            yield Static(f"{self.name} · Tertialrapport 2 2023")
            tree: Tree[None] = Tree(self.name or "rapport")
            for n in range(70):
                tree.root.add_leaf(f"Mål {n}")
            tree.root.expand()
            yield tree

    class Minimal(App[None]):
        def on_mount(self) -> None:
            self.install_screen(Page(name="a"), "a")
            self.install_screen(Page(name="b"), "b")
            self.push_screen("a")

    app = Minimal()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        times = []
        for n in range(runs + 1):
            start = time.perf_counter()
            app.switch_screen("b" if n % 2 == 0 else "a")
            await pilot.pause()
            times.append((time.perf_counter() - start) * 1000)
        switch = statistics.median(times[1:])  # the first shows "b" for the first time
        app.screen.query_one(Tree).focus()
        await pilot.pause()
        keys = await keys_to_frames(app, pilot, KEYS * runs)
    return {"switch_minimal": switch, "key_minimal": statistics.median(keys), "peak_mb": peak_mb()}


def run_child(kind: str, *args: object) -> dict[str, float]:
    """`in_app.py KIND ARGS` in its own process; {} (and its stderr shown) if it failed."""
    out = subprocess.run(
        [sys.executable, __file__, kind, *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        print(out.stderr[-2000:], file=sys.stderr)
        return {}
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["app"]:
        result = asyncio.run(in_tertial(Path(argv[1]), int(argv[2])))
    elif argv[:1] == ["minimal"]:
        result = asyncio.run(in_minimal(int(argv[1])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
