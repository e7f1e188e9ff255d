"""The benchmark's timers, and its table: each figure beside a reference measured in the
same run, then the whole run repeated and summed up as median and spread.

A run gives each figure one value, the median of several timings; `summarise` takes
the runs' values of a figure (and of its reference, and their ratios) and shows their
median and their spread (min–max). A target is met only if every run meets it: one
run that misses it makes it "not met", however good the median.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = sys.executable
TERTIAL = [PY, "-m", "tui.cli"]
NAN = float("nan")


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited via fork)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource  # not on Windows
    except ImportError:
        return NAN
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def processes_ms(
    cmds: Sequence[Sequence[str] | None], runs: int, ok: tuple[int, ...] = (0,), warm: bool = True
) -> list[float]:
    """Median wall time of each whole process, the commands' timings taken in turn (A, B,
    A, B, ...) so that a change in the machine's load falls on all of them alike.

    First one run of each warms the page cache and the bytecode (unless `warm` is false:
    commands of seconds over files read before). A command that is None (a tool not
    installed), or that exits with a code not in `ok` (`tertial check`: 0 or 1), is nan.
    """
    times: list[list[float]] = [[] for _ in cmds]
    failed = [c is None for c in cmds]

    def once(n: int) -> float:
        start = time.perf_counter()
        code = subprocess.run(list(cmds[n] or ()), cwd=ROOT, stdout=subprocess.DEVNULL)
        if code.returncode not in ok:
            failed[n] = True
        return (time.perf_counter() - start) * 1000

    live = [n for n, c in enumerate(cmds) if c is not None]
    if warm:
        for n in live:
            once(n)
    for _ in range(runs):
        for n in live:
            times[n].append(once(n))
    return [NAN if failed[n] else statistics.median(times[n]) for n in range(len(cmds))]


def process_ms(
    cmd: Sequence[str], runs: int, ok: tuple[int, ...] = (0,), warm: bool = True
) -> float:
    """Median wall time of the whole process (processes_ms of one command)."""
    return processes_ms([cmd], runs, ok, warm)[0]


def heavy_runs(runs: int) -> int:
    """Timings of a figure that takes seconds (a whole archive to Excel, the checker over
    every report): a third of the others', the repeats of the benchmark giving the rest."""
    return max(1, runs // 3)


def sqlite_utils() -> list[str] | None:
    """sqlite-utils of the benchmark's own environment (a test dependency), never PATH's."""
    name = "sqlite-utils.exe" if os.name == "nt" else "sqlite-utils"
    script = Path(PY).parent / name
    if script.exists():
        return [str(script)]
    if importlib.util.find_spec("sqlite_utils") is not None:
        return [PY, "-m", "sqlite_utils"]
    return None


# -- one run's figures -------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One figure in one run: its median, its reference's, and the target."""

    figure: str
    value: float
    unit: str
    reference: str = ""
    ref_value: float | None = None
    target: str = ""
    limit: float | None = None
    on_ratio: bool = False  # the target is on value / ref_value, not on value

    @property
    def ratio(self) -> float | None:
        if self.ref_value is None:
            return None
        if _nan(self.value) or _nan(self.ref_value) or self.ref_value == 0:
            return NAN
        return self.value / self.ref_value

    def met(self) -> bool | None:
        """Whether this run meets the target; None where there is none or no value."""
        if self.limit is None:
            return None
        measured = self.ratio if self.on_ratio else self.value
        if measured is None or _nan(measured):
            return None
        return measured <= self.limit


def _nan(x: float) -> bool:
    return x != x


@dataclass
class Table:
    """One run's figures, in the order they were taken."""

    samples: list[Sample] = field(default_factory=list)

    def add(
        self,
        figure: str,
        value: float,
        unit: str,
        reference: str = "",
        ref_value: float | None = None,
        target: str = "",
        limit: float | None = None,
        on_ratio: bool = False,
    ) -> None:
        self.samples.append(
            Sample(figure, value, unit, reference, ref_value, target, limit, on_ratio)
        )


# -- the runs summed up ------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float
    missing: int  # runs where it could not be measured

    @classmethod
    def of(cls, values: Sequence[float | None]) -> Spread:
        real = [v for v in values if v is not None and not _nan(v)]
        if not real:
            return cls(NAN, NAN, NAN, len(values))
        return cls(statistics.median(real), min(real), max(real), len(values) - len(real))


@dataclass(frozen=True)
class Row:
    figure: str
    unit: str
    value: Spread
    reference: str
    ref: Spread | None
    ratio: Spread | None
    target: str
    met: str  # "met", "not met", "n/a" (never measured), "" (no target)


def verdict(samples: Sequence[Sample]) -> str:
    """ "met" only if every run meets the target; "n/a" if no run could be measured."""
    if samples[0].limit is None:
        return ""
    results = [s.met() for s in samples]
    if all(r is None for r in results):
        return "n/a"
    return "met" if all(r is True for r in results) else "not met"


def summarise(runs: Sequence[Sequence[Sample]]) -> list[Row]:
    """Each figure (by name and reference) over the runs, in the first run's order."""
    order: list[tuple[str, str]] = []
    by_key: dict[tuple[str, str], list[Sample]] = {}
    for samples in runs:
        for s in samples:
            key = (s.figure, s.reference)
            if key not in by_key:
                order.append(key)
                by_key[key] = []
            by_key[key].append(s)
    rows = []
    for key in order:
        samples = by_key[key]
        first = samples[0]
        has_ref = first.ref_value is not None
        rows.append(
            Row(
                figure=first.figure,
                unit=first.unit,
                value=Spread.of([s.value for s in samples] + [NAN] * (len(runs) - len(samples))),
                reference=first.reference,
                ref=Spread.of([s.ref_value for s in samples]) if has_ref else None,
                ratio=Spread.of([s.ratio for s in samples]) if has_ref else None,
                target=first.target,
                met=verdict(samples) if len(samples) == len(runs) else _partial(samples),
            )
        )
    return rows


def _partial(samples: Sequence[Sample]) -> str:
    # A figure missing from some run (its part failed there) did not meet its target there.
    return "" if samples[0].limit is None else "not met"


def _number(x: float) -> str:
    return f"{x:.1f}" if abs(x) < 100 else f"{x:.0f}"


def _spread(s: Spread, unit: str, fmt: Callable[[float], str] = _number) -> str:
    if _nan(s.median):
        return "n/a"
    text = f"{fmt(s.median)}{unit}"
    if s.low != s.high:
        text += f" ({fmt(s.low)}–{fmt(s.high)})"
    if s.missing:
        text += f", n/a in {s.missing}"
    return text


def _ratio(x: float) -> str:
    return f"{x:.2f}"


HEADINGS = ("figure", "median (min–max)", "reference", "ratio (min–max)", "target", "met?")


def cells(row: Row) -> tuple[str, ...]:
    unit = f" {row.unit}"
    reference = row.reference
    if row.ref is not None:
        reference = f"{reference} {_spread(row.ref, unit)}".strip()
    ratio = _spread(row.ratio, "×", _ratio) if row.ratio is not None else ""
    return (row.figure, _spread(row.value, unit), reference, ratio, row.target, row.met)


def markdown(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def plain(rows: Sequence[Row]) -> str:
    table = [HEADINGS, *(cells(r) for r in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADINGS))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table
    )
