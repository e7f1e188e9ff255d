"""The benchmark's table over repeated runs: median and spread of the runs' medians, and
a target met only if every run meets it (tests/bench/measure.py; no timing here)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench.measure import NAN, Sample, markdown, sqlite_utils, summarise


def _csv(value: float, ref: float) -> Sample:
    return Sample("export csv", value, "ms", "sqlite-utils", ref, "≤ 1.0×", 1.0, True)


def test_one_run_that_misses_makes_the_target_not_met() -> None:
    runs = [[_csv(90, 100)], [_csv(116, 100)], [_csv(95, 100)]]
    (row,) = summarise(runs)
    assert row.met == "not met"
    # The median ratio meets the target; the spread shows the run that did not.
    assert row.ratio is not None
    assert (row.ratio.median, row.ratio.low, row.ratio.high) == (0.95, 0.90, 1.16)
    assert (row.value.median, row.value.low, row.value.high) == (95, 90, 116)
    assert "0.95× (0.90–1.16)" in markdown([row])
    assert "| not met |" in markdown([row])


def test_met_when_every_run_meets_it() -> None:
    (row,) = summarise([[_csv(90, 100)], [_csv(99, 100)], [_csv(100, 100)]])
    assert row.met == "met"
    assert "95.0 ms (90.0–100)" not in markdown([row])  # the median of 90, 99, 100 is 99
    assert "99.0 ms (90.0–100)" in markdown([row])


def test_absolute_target_is_checked_on_the_value_not_the_ratio() -> None:
    def switch(value: float) -> Sample:
        return Sample("switch", value, "ms", "minimal", 1000.0, "≤ 100 ms", 100)

    assert summarise([[switch(99)], [switch(100)]])[0].met == "met"
    assert summarise([[switch(99)], [switch(101)]])[0].met == "not met"


def test_a_run_that_could_not_measure_does_not_meet_the_target() -> None:
    (row,) = summarise([[_csv(90, 100)], [_csv(NAN, 100)], [_csv(95, 100)]])
    assert row.met == "not met"
    assert row.value.missing == 1
    (never,) = summarise([[_csv(NAN, 100)], [_csv(NAN, 100)]])
    assert never.met == "n/a"
    # A figure missing from one run (its part failed there) did not meet it either.
    rows = summarise([[_csv(90, 100)], []])
    assert rows[0].met == "not met"


def test_figures_keep_their_order_and_are_told_apart_by_reference() -> None:
    a = Sample("export", 200, "ms", "sqlite-utils", 250, "≤ 1.0×", 1.0, True)
    b = Sample("export", 200, "ms", "sqlite3 shell", 100, "≤ 3×", 3.0, True)
    plain = Sample("carry", 40, "ms")
    rows = summarise([[a, b, plain], [a, b, plain]])
    assert [(r.figure, r.reference) for r in rows] == [
        ("export", "sqlite-utils"),
        ("export", "sqlite3 shell"),
        ("carry", ""),
    ]
    assert [r.met for r in rows] == ["met", "met", ""]
    assert rows[2].ratio is None


def test_sqlite_utils_is_the_benchmarks_own(monkeypatch) -> None:  # noqa: ANN001
    """Found beside the benchmark's Python (or as its module), never through PATH."""
    monkeypatch.setenv("PATH", "")
    found = sqlite_utils()
    assert found is not None
    here = Path(sys.executable).parent
    assert found[0] == sys.executable or Path(found[0]).parent == here


def test_a_command_that_fails_or_is_missing_has_no_time() -> None:
    from tests.bench.measure import processes_ms

    ok, missing, failing = processes_ms(
        [[sys.executable, "-c", "pass"], None, [sys.executable, "-c", "raise SystemExit(3)"]],
        1,
        warm=False,
    )
    assert ok == ok and ok > 0
    assert missing != missing and failing != failing  # nan
    (accepted,) = processes_ms([[sys.executable, "-c", "raise SystemExit(3)"]], 1, ok=(3,))
    assert accepted == accepted
