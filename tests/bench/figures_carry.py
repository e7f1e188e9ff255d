"""Figures of issue 12: carrying a report forward, and a report as a JSON file, each
beside reading the same report."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.bench.measure import ROOT, TERTIAL, Table, median_ms, process_ms


def carry_in(path: Path, picks: list[tuple[str, str, int, int]]) -> list[float]:
    """Milliseconds of each `Store.new_report(..., from_report=...)`; `picks` are
    (organisation, kind, year, source report id), each a report not yet in the file."""
    from store.store import Store

    times = []
    with Store(path) as store:
        for organisation, kind, year, source in picks:
            t = time.perf_counter()
            store.new_report(organisation, kind, year, from_report=source)
            times.append((time.perf_counter() - t) * 1000)
    return times


def carry_figures(t: Table, archive: Path, sample: Path, runs: int) -> None:
    """Carrying the sample forward, and one report inside the archive (a copy of it)."""
    from store.store import Store

    with tempfile.TemporaryDirectory(dir=archive.parent) as tmp:
        copy = Path(tmp) / "sample.db"
        shutil.copyfile(sample, copy)
        with Store(copy) as store:
            read = median_ms(lambda: store.document(1), runs)
        # The sample (T2 2023) to next year's T1, then on, one new report per run.
        picks = [("Servicenämnden", "T1", 2024 + n, 1) for n in range(runs)]
        sample_ms = statistics.median(carry_in(copy, picks))
        t.add(
            "carry the sample forward (store)",
            sample_ms,
            "ms",
            "read the report (Store.document)",
            read,
            "≤ 150 ms",
            150,
        )
        big = Path(tmp) / "archive.db"
        shutil.copyfile(archive, big)
        with Store(big) as store:
            vbs = [r for r in store.reports() if r.kind == "VB" and r.year == 2023]
        step = max(1, len(vbs) // runs)
        picks = [(r.organisation, "T1", 2024, r.id) for r in vbs[::step][:runs]]  # type: ignore[misc]
        archive_ms = statistics.median(carry_in(big, picks))
        t.add(
            "carry one report forward, archive",
            archive_ms,
            "ms",
            "the same in the one-report sample",
            sample_ms,
            "≤ 300 ms",
            300,
        )


def json_figures(t: Table, sample: Path, runs: int) -> None:
    """`tertial export report --format json` then `tertial import report` into a fresh file,
    as a user runs them (two processes), and the same in one process (the store's part)."""
    from store.report_export import dumps
    from store.report_json import parse
    from store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        export = [*TERTIAL, "export", "report", "--format", "json", "--db", str(sample)]
        export += ["--report", "1", "--output", str(out)]
        times = []
        for n in range(runs + 1):
            fresh = Path(tmp) / f"fresh{n}.db"
            subprocess.run(
                [*TERTIAL, "init", str(fresh)], cwd=ROOT, check=True, capture_output=True
            )
            start = time.perf_counter()
            subprocess.run(export, cwd=ROOT, check=True, capture_output=True)
            subprocess.run(
                [*TERTIAL, "import", "report", str(out), "--db", str(fresh)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            times.append((time.perf_counter() - start) * 1000)
        md = process_ms([*TERTIAL, "export", "report", "--db", str(sample), "--report", "1"], runs)
        t.add(
            "export + import report json, sample (2 commands)",
            statistics.median(times[1:]),  # the first warms the page cache and bytecode
            "ms",
            "export report md (1 command)",
            md,
            "≤ 500 ms",
            500,
        )
        in_process = []
        for n in range(runs):
            fresh = Path(tmp) / f"store{n}.db"
            with Store(sample) as src, Store(fresh, create=True) as dst:
                start = time.perf_counter()
                dst.import_json(parse(dumps(src.export_json(1)).encode()))
                in_process.append((time.perf_counter() - start) * 1000)
        with Store(sample) as src:
            read = median_ms(lambda: src.document(1), runs)
        t.add(
            "export + import report json, sample (store)",
            statistics.median(in_process),
            "ms",
            "read the report (Store.document)",
            read,
            "≤ 500 ms",
            500,
        )
