"""The speed benchmark: every figure of issue 7 beside a reference measured in the same run.

    python tests/bench/run.py --repeat 3 --markdown     # the README's table

Builds the archive (tests/bench/generate.py, 50 organisations x 10 years) under the
temporary folder if it is not there, and a one-report sample file beside it. The whole
benchmark runs `--repeat` times (default 3); in each run every figure and its reference
are the median of `--runs` timings. The table shows, for each figure, the median of the
runs' medians and their spread (min–max), its ratio to the reference likewise, and
"met" only if every run meets the target. Figures about process start run in their own
process (tmux for the first frame, tests/bench/first_frame.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bench.measure import (  # noqa: E402
    TERTIAL,
    Sample,
    Table,
    heavy_runs,
    markdown,
    plain,
    summarise,
)


def ensure_files(archive: Path) -> tuple[Path, Path]:
    from tests.bench.generate import generate

    if not archive.exists():
        t = time.perf_counter()
        n = generate(archive, 50, 10, seed=1, workers=2)
        print(f"built {archive}: {n} reports in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    sample = archive.with_name("tertial-bench-sample.db")
    if not sample.exists():
        subprocess.run([*TERTIAL, "init", str(sample), "--sample"], cwd=ROOT, check=True)
    return archive, sample


def one_run(archive: Path, sample: Path, runs: int, only: str | None) -> list[Sample]:
    """Every figure once (each the median of `runs` timings), in the table's order."""
    from tests.bench.figures_app import app_figures, memory_figure, start_figures
    from tests.bench.figures_carry import carry_figures, json_figures
    from tests.bench.figures_documents import document_figures, import_figures
    from tests.bench.figures_export import export_figures
    from tests.bench.figures_store import store_figures

    t = Table()
    if only == "start":
        start_figures(t, archive, sample, runs)
        return t.samples
    if only != "carry":
        start_figures(t, archive, sample, runs)
        app = app_figures(t, archive, runs)
        report_id = store_figures(t, archive, sample, runs, app)
        one_csv = export_figures(t, archive, sample, runs, report_id)
        document_figures(t, sample, archive, runs)
        import_figures(t, archive, report_id, runs, one_csv)
        memory_figure(t, app)
    carry_figures(t, archive, sample, runs)
    json_figures(t, sample, runs)
    return t.samples


def main() -> int:
    p = argparse.ArgumentParser(description="tertial's speed benchmark (issue 7)")
    p.add_argument("--archive", type=Path, default=Path(tempfile.gettempdir()) / "tertial-bench.db")
    p.add_argument("--runs", type=int, default=3, help="timings per figure in one run")
    p.add_argument("--repeat", type=int, default=3, help="runs of the whole benchmark")
    p.add_argument("--markdown", action="store_true", help="the table as Markdown (README)")
    p.add_argument("--save", type=Path, default=None, help="every run's figures as JSON")
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument(
        "--only",
        choices=["carry", "start"],
        default=None,
        help="issue 12's figures alone (carry), or the first frame's (start)",
    )
    args = p.parse_args()
    if args.child:
        from tests.bench.figures_app import child

        return child(args.child, args.archive, args.runs)
    if args.runs < 1 or args.repeat < 1:
        p.error("--runs and --repeat must be at least 1")

    # The commands are timed as installed, their bytecode cached (the warm-up run writes
    # it), as sqlite-utils' and Textual's is: even where the environment says not to.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    archive, sample = ensure_files(args.archive)
    started = time.perf_counter()
    runs: list[list[Sample]] = []
    for n in range(args.repeat):
        t = time.perf_counter()
        runs.append(one_run(archive, sample, args.runs, args.only))
        print(f"run {n + 1}/{args.repeat}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    if args.save:
        args.save.write_text(
            json.dumps([[dataclasses.asdict(s) for s in r] for r in runs], indent=1),
            encoding="utf-8",
        )

    rows = summarise(runs)
    print(markdown(rows) if args.markdown else plain(rows))
    reports = _report_count(archive)
    size = archive.stat().st_size / 1e6
    print(
        f"\n{args.repeat} runs of the whole benchmark on {reports} reports ({size:.0f} MB); "
        f"in each run a figure is the median of {args.runs} timings ({args.runs * 2} for "
        f"the all-reports CSV export, {heavy_runs(args.runs)} for the archive to Excel and "
        "check --report all); the spread is the lowest and highest of the runs' medians; "
        f"a target is met only if every run meets it. Took {time.perf_counter() - started:.0f} s."
    )
    return 0


def _report_count(archive: Path) -> int:
    from store.store import Store

    with Store(archive) as store:
        return len(store.reports())


if __name__ == "__main__":
    sys.exit(main())
