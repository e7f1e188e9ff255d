"""Benchmark figures for a command that writes to the archive (issue 10, item 10).

A file over the 16 MB open check is checked as a whole before its first write
(store/integrity.py), unless the same file was checked and has not changed since. Each
import changes one value of one report (two CSVs used in turn, so every run writes), on
a copy of the archive, with its own data folder for the record of checked files:

- first write: the record emptied before each run, so the whole-file check runs;
- remembered: the record kept, so the check is skipped (the usual case: the file was
  checked, or written by tertial, before).
"""

from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TERTIAL = [sys.executable, "-m", "tui.cli"]


def _csvs(db: Path, report_id: int, folder: Path, env: dict[str, str]) -> list[Path]:
    exported = folder / "indikatorer.csv"
    subprocess.run(
        [*TERTIAL, "export", "indicators", "--format", "csv", "--db", str(db)]
        + ["--report", str(report_id), "--output", str(exported)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with exported.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("Periodens utfall")
    out = []
    for n, value in enumerate(("123", "124")):
        rows[1][column] = value
        path = folder / f"import-{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(rows)
        out.append(path)
    return out


def import_ms(archive: Path, report_id: int, runs: int) -> tuple[float, float]:
    """Median ms of one import: (first write, check remembered)."""
    with tempfile.TemporaryDirectory(prefix="tertial-bench-import-") as tmp:
        folder = Path(tmp)
        db = folder / "archive.db"
        shutil.copy(archive, db)
        env = {**os.environ, "TERTIAL_DATA_DIR": str(folder / "data")}
        csvs = _csvs(db, report_id, folder, env)
        record = folder / "data" / "checked-files.json"

        def once(n: int, *, forget: bool) -> float:
            if forget:
                record.unlink(missing_ok=True)
            # --force: both CSVs come from one export, and the other one was imported
            # since; its own change is written all the same (the write is the figure).
            cmd = [*TERTIAL, "import", "indicators", str(csvs[n % 2]), "--db", str(db), "--force"]
            t = time.perf_counter()
            subprocess.run(
                [*cmd, "--report", str(report_id)],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            return (time.perf_counter() - t) * 1000

        once(0, forget=True)  # warm the page cache
        first = statistics.median(once(n + 1, forget=True) for n in range(runs))
        remembered = statistics.median(once(n, forget=False) for n in range(runs))
    return first, remembered
