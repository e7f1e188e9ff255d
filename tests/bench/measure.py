"""Timing and the table: every figure with its reference from the same run, over runs.

A run measures each figure `--runs` times and keeps the median. With `--runs-of N` the
whole run is repeated N times; the table then shows the median of the N run medians
and their spread (lowest–highest), and a target counts as met only when every run
met it.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def median_ms(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(cmd: list[str], runs: int) -> float:
    """Median wall time of the whole process, after one run to warm the caches."""

    def once() -> None:
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    once()
    return median_ms(once, runs)


def sqlite_utils() -> list[str] | None:
    """sqlite-utils of this Python (the benchmark's own environment), never one on PATH."""
    if importlib.util.find_spec("sqlite_utils") is None:
        return None
    return [PY, "-m", "sqlite_utils"]


@dataclass
class Row:
    figure: str
    value: float
    unit: str
    reference: str = ""
    ref_value: float | None = None
    target: str = ""
    limit: float | None = None
    on_ratio: bool = False  # the target is on value / reference, not on the value

    @property
    def key(self) -> tuple[str, str]:
        return self.figure, self.reference

    @property
    def ratio(self) -> float | None:
        if self.ref_value is None or self.ref_value != self.ref_value or not self.ref_value:
            return None
        return self.value / self.ref_value

    def met(self) -> bool | None:
        """Whether this run met the target; None without a target or a measurement."""
        if self.limit is None or self.value != self.value:
            return None
        measured = self.ratio if self.on_ratio else self.value
        return None if measured is None else measured <= self.limit


class Table:
    """One run's figures, in the order measured."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

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
        self.rows.append(Row(figure, value, unit, reference, ref_value, target, limit, on_ratio))

    def markdown(self) -> str:
        return markdown([self])


def _num(value: float, unit: str) -> str:
    return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"


def _spread(values: list[float], fmt: Callable[[float], str]) -> str:
    return "" if len(values) < 2 else f"{fmt(min(values))}–{fmt(max(values))}"


def markdown(runs: list[Table]) -> str:
    """The figures of one or more runs; a figure measured in every run once per row."""
    order: list[tuple[str, str]] = []
    by_key: dict[tuple[str, str], list[Row]] = {}
    for table in runs:
        for row in table.rows:
            if row.key not in by_key:
                order.append(row.key)
            by_key.setdefault(row.key, []).append(row)
    head = ("figure", "median", "spread", "reference", "ratio", "target", "met?")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in order:
        rows = by_key[key]
        first = rows[0]
        values = [r.value for r in rows if r.value == r.value]
        refs = [r.ref_value for r in rows if r.ref_value is not None and r.ref_value == r.ref_value]
        ratios = [x for x in (r.ratio for r in rows) if x is not None and x == x]
        if not values:
            value = spread = "n/a"
        else:
            value = _num(statistics.median(values), first.unit)
            spread = _spread(values, lambda v: f"{v:.0f}" if v >= 100 else f"{v:.1f}")
            spread += f" {first.unit}" if spread else ""
        reference = first.reference
        if refs:
            reference += f" {_num(statistics.median(refs), first.unit)}"
        ratio = ""
        if ratios:
            ratio = f"{statistics.median(ratios):.2f}×"
            if len(ratios) > 1:
                ratio += f" ({min(ratios):.2f}–{max(ratios):.2f})"
        verdicts = [r.met() for r in rows]
        if first.limit is None:
            met = ""
        elif None in verdicts or len(rows) < len(runs):
            met = "n/a"
        elif all(verdicts):
            met = "yes"
        else:
            missed = verdicts.count(False)
            met = "not met" if len(rows) == 1 else f"not met ({missed} of {len(rows)} runs)"
        cells = (first.figure, value, spread, reference.strip(), ratio, first.target, met)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
