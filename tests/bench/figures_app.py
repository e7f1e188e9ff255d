"""Figures of the app itself: first frame, switching report, a key press, find in one
report, peak memory; each beside the same measured on a minimal Textual app.

The first frame is a real terminal (tmux, tests/bench/first_frame.py, or the copy named
by $FIRST_FRAME); the rest run the app headless in a process of their own (its peak
memory is a figure), started as `run.py --child app|minimal`, and print JSON.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.measure import HERE, NAN, PY, ROOT, TERTIAL, Table, peak_mb

FIRST_FRAME = Path(os.environ.get("FIRST_FRAME", HERE / "first_frame.py"))
MARKER = "Tertialrapport"  # in the header of both files' first report, and the minimal app's
# Words an author looks for: common, rare, a prefix being typed, two words.
QUERIES = ["verksamhet", "sjukfrånvaro", "upphandl", "kontaktcenter nöjda", "ve", "Dnr"]
# A report's tree: 31 sections and 39 goals, three levels deep (the sample's shape).
TREE_SHAPE = (31, 5, 3, 2)


def first_frames_ms(cmds: list[list[str]], runs: int) -> list[float]:
    """Median ms from spawning each command in a 120x40 tmux pane to MARKER on screen; the
    launches taken in turn (A, B, C, A, ...), so a change in load falls on all alike.

    The timer is tests/bench/first_frame.py (or a copy of it named by $FIRST_FRAME);
    nan for each without tmux.
    """
    spec = importlib.util.spec_from_file_location("first_frame", FIRST_FRAME)
    if spec is None or spec.loader is None:
        return [NAN] * len(cmds)
    timer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(timer)
    if not timer.available():
        return [NAN] * len(cmds)
    times: list[list[float]] = [[] for _ in cmds]
    with timer.server() as tmux:
        for cmd in cmds:
            timer.once(tmux, MARKER, cmd, ROOT)  # warm the page cache and the bytecode
        for _ in range(runs):
            for n, cmd in enumerate(cmds):
                times[n].append(timer.once(tmux, MARKER, cmd, ROOT) * 1000)
    return [statistics.median(t) for t in times]


# -- in the app, headless (its own process: its peak memory is the figure) ---------------


async def _in_app(path: Path, runs: int) -> dict[str, float]:
    from store.store import Store
    from tui.app import TertialApp
    from tui.screens.main import MainScreen

    store = Store(path)
    ids = [r.id for r in store.reports()]
    app = TertialApp(store)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen), screen
        times = []
        for n in range(runs):
            other = ids[(len(ids) // 2 + 37 * n) % len(ids)]
            t = time.perf_counter()
            screen.load_report(other)
            await pilot.pause()
            times.append((time.perf_counter() - t) * 1000)
        out["switch_app"] = statistics.median(times)
        screen.tree.focus()
        await pilot.pause()
        keys = (["down"] * 4 + ["up"] * 4) * runs + ["right", "left"] * runs
        times = await _keys_to_frames(app, pilot, keys)
        out["key_tree"] = statistics.median(times)
        times = []
        for q in QUERIES * runs:
            t = time.perf_counter()
            store.search(q, screen.report_id)
            times.append((time.perf_counter() - t) * 1000)
        out["find_report"] = statistics.median(times)
    store.close()
    out["peak_mb"] = peak_mb()
    return out


async def _keys_to_frames(app, pilot, keys: list[str]) -> list[float]:  # noqa: ANN001
    """Milliseconds from a key event entering the app to the next frame handed to display.

    Headless, so the frame's conversion to terminal codes (the same for any app) is
    left out; the key handling, layout and compositing are in.
    """
    from textual import events

    frames: list[float] = []
    display = app._display

    def recording(screen, renderable) -> None:  # noqa: ANN001
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


async def _minimal(runs: int) -> dict[str, float]:
    """The references: a key in a bare Tree, and switching to a new screen that holds a
    tree of a report's shape and a text beside it."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.screen import Screen
    from textual.widgets import Footer, Static, Tree

    class ReportLike(Screen[None]):
        def __init__(self, n: int) -> None:
            super().__init__()
            self.n = n

        def compose(self) -> ComposeResult:
            yield Static(f"Tertialrapport {self.n}")
            tree: Tree[None] = Tree("Rapport")
            sections, top, middle, bottom = TREE_SHAPE
            for s in range(sections):
                tree.root.add_leaf(f"Avsnitt {s} {self.n}")
            for a in range(top):
                first = tree.root.add(f"{a + 1}. Inriktningsmål {self.n}", expand=True)
                for b in range(middle):
                    second = first.add(f"{a + 1}.{b + 1} Områdesmål", expand=True)
                    for c in range(bottom):
                        second.add_leaf(f"Nämndmål {c + 1}")
            tree.root.expand()
            with Horizontal():
                yield tree
                yield Static("Analys\n" * 10)
            yield Footer()

    class TreeApp(App[None]):
        def compose(self) -> ComposeResult:
            tree: Tree[None] = Tree("root")
            for i in range(40):
                tree.root.add_leaf(f"node {i}")
            tree.root.expand()
            yield tree

    out: dict[str, float] = {}
    async with TreeApp().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        times = await _keys_to_frames(pilot.app, pilot, (["down"] * 4 + ["up"] * 4) * runs)
        out["key_minimal"] = statistics.median(times)
        await pilot.app.push_screen(ReportLike(0))
        await pilot.pause()
        times = []
        for n in range(runs):
            t = time.perf_counter()
            pilot.app.switch_screen(ReportLike(n + 1))
            await pilot.pause()
            times.append((time.perf_counter() - t) * 1000)
        out["switch_minimal"] = statistics.median(times)
    out["peak_mb"] = peak_mb()
    return out


def child(kind: str, archive: Path, runs: int) -> int:
    """`run.py --child app|minimal`: figures measured inside an app, printed as JSON."""
    if kind == "app":
        result = asyncio.run(_in_app(archive, runs))
    elif kind == "minimal":
        result = asyncio.run(_minimal(runs))
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(result))
    return 0


def run_child(kind: str, path: Path, runs: int) -> dict[str, float]:
    out = subprocess.run(
        [PY, str(HERE / "run.py"), "--child", kind, "--archive", str(path), "--runs", str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        print(out.stderr[-2000:], file=sys.stderr)
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_figures(t: Table, archive: Path, sample: Path, runs: int) -> None:
    """First interactive frame, from process start (tmux, a real terminal)."""
    ff_archive, ff_sample, ff_minimal = first_frames_ms(
        [[*TERTIAL, str(archive)], [*TERTIAL, str(sample)], [PY, str(HERE / "minimal_app.py")]],
        runs,
    )
    t.add(
        "first frame, archive",
        ff_archive,
        "ms",
        "one-report sample",
        ff_sample,
        "≤ 1.2×",
        1.2,
        True,
    )
    t.add(
        "first frame, archive",
        ff_archive,
        "ms",
        "minimal Textual app",
        ff_minimal,
        "≤ 1.5×",
        1.5,
        True,
    )


def app_figures(t: Table, archive: Path, runs: int) -> dict[str, float]:
    """Switching report, a key press and find in one report, in the app and in the
    minimal app; returns the app's numbers (peak memory is added to the table last)."""
    app = run_child("app", archive, runs)
    minimal = run_child("minimal", archive, runs)
    t.add(
        "switch report (app, to frame)",
        app.get("switch_app", NAN),
        "ms",
        "switch to a new screen of a report's shape, minimal app",
        minimal.get("switch_minimal", NAN),
        "≤ 100 ms",
        100,
    )
    t.add(
        "key press in tree to frame",
        app.get("key_tree", NAN),
        "ms",
        "Tree in a minimal app",
        minimal.get("key_minimal", NAN),
        "≤ 16 ms",
        16,
    )
    app["minimal_peak_mb"] = minimal.get("peak_mb", NAN)
    return app


def memory_figure(t: Table, app: dict[str, float]) -> None:
    t.add(
        "peak memory, archive open (app)",
        app.get("peak_mb", NAN),
        "MB",
        "minimal app",
        app.get("minimal_peak_mb", NAN),
        "≤ 150 MB",
        150,
    )
