"""The speed benchmark: every figure against a reference measured in the same run.

    python tests/bench/run.py [--archive PATH] [--runs 5] [--runs-of 3]

Builds the archive (tests/bench/generate.py, 50 organisations x 10 years) if it is not
there, and a one-report sample file beside it (PATH's name + "-sample.db"). Each figure
is measured `--runs` times with its reference and the median kept; `--runs-of N`
repeats the whole run N times and prints one Markdown table with the median of the
runs, their spread, and "not met" where any run missed a target (the README's table:
`--runs-of 3`). Figures about starting a process run in their own process: the first
frame in tmux (tests/bench/first_frame.py), the app's own figures headless
(tests/bench/in_app.py). Everything runs with this Python: sqlite-utils too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.documents import carry_figures, document_exports, json_figures  # noqa: E402
from tests.bench.first_frame import first_frame_ms  # noqa: E402
from tests.bench.in_app import QUERIES, run_child  # noqa: E402
from tests.bench.measure import (  # noqa: E402
    PY,
    Table,
    markdown,
    median_ms,
    process_ms,
    sqlite_utils,
)

HERE = Path(__file__).resolve().parent
TERTIAL = [PY, "-m", "tui.cli"]
MARKER = "Tertialrapport"  # in the header of both files' first report, and the minimal app's

# Same rows, columns and order as `tertial export indicators --report all`
# (store.archive): organisation, report, goal as printed, name, eight values.
INDICATORS_SQL = (
    "SELECT o.name, r.kind, r.year, CASE WHEN g.level = 1 THEN g.code || '. ' || g.title "
    "WHEN g.code IS NOT NULL THEN g.code || ' ' || g.title ELSE g.title END AS goal, "
    "i.name, i.outcome, i.outcome_men, i.outcome_women, i.previous, i.forecast, i.target, "
    "i.kf_target, i.period FROM indicators i JOIN goals g ON g.id = i.goal_id "
    "LEFT JOIN goals p ON p.id = g.parent_id LEFT JOIN goals gp ON gp.id = p.parent_id "
    "JOIN reports r ON r.id = g.report_id JOIN organisations o ON o.id = r.organisation_id "
    "{where}ORDER BY o.name, r.year, r.kind, "
    "CASE g.level WHEN 3 THEN gp.position ELSE p.position END, "
    "CASE g.level WHEN 3 THEN p.position ELSE g.position END, "
    "CASE g.level WHEN 3 THEN g.position + 1 ELSE 0 END, i.position, i.id"
)
# What Store.search asks the file's FTS5 index, written out: each word quoted, a prefix
# from two letters, newest first, as many candidates as it reads (50 hits x 4).
FTS_SQL = (
    "SELECT kind, entity_id, report_id, goal_id, title, "
    "snippet(search, 1, '[', ']', '…', 12) FROM search WHERE search MATCH ? "
    "ORDER BY rowid DESC LIMIT 200"
)


def fts_query(text: str) -> str:
    words = dict.fromkeys(w.casefold() for w in re.findall(r"\w+", text))
    return " ".join(f'"{w}"*' if len(w) >= 2 else f'"{w}"' for w in words)


def raw_find_ms(path: Path, runs: int) -> float:
    """The find queries as raw FTS5 through sqlite3: the floor under Store.search."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        queries = iter([fts_query(q) for q in QUERIES] * runs * 2)
        return median_ms(
            lambda: conn.execute(FTS_SQL, (next(queries),)).fetchall(), len(QUERIES) * runs
        )
    finally:
        conn.close()


def switch_reads(store, ids: list[int], runs: int) -> float:  # noqa: ANN001
    """The store's reads when the app switches report."""
    picks = iter(ids[7::97] * runs * 3 if len(ids) > 7 else ids * runs * 3)

    def switch() -> None:
        rid = next(picks)
        store.report(rid)
        store.goal_tree(rid)
        store.sections(rid)
        store.assessment_counts(rid)

    return median_ms(switch, runs * 3)


def one_run(archive: Path, sample: Path, runs: int) -> Table:
    from store.store import Store

    t = Table()
    # First interactive frame, from process start (tmux, a real terminal).
    ff_archive = first_frame_ms(MARKER, [*TERTIAL, str(archive)], runs, ROOT)
    ff_sample = first_frame_ms(MARKER, [*TERTIAL, str(sample)], runs, ROOT)
    ff_minimal = first_frame_ms(MARKER, [PY, str(HERE / "minimal_app.py")], runs, ROOT)
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

    # Switching report: the store's reads, and the app's whole switch to its frame.
    with Store(sample) as store:
        sample_reads = switch_reads(store, [r.id for r in store.reports()], runs)
    with Store(archive) as store:
        ids = [r.id for r in store.reports()]
        reads = switch_reads(store, ids, runs)
        t.add(
            "switch report (store reads)",
            reads,
            "ms",
            "the same in the one-report sample",
            sample_reads,
            "≤ 100 ms",
            100,
        )
        app = run_child("app", archive, runs)
        minimal = run_child("minimal", runs)
        nan = float("nan")
        t.add(
            "switch report (app, to frame)",
            app.get("switch_app", nan),
            "ms",
            "screen switch in a minimal app",
            minimal.get("switch_minimal"),
            "≤ 100 ms",
            100,
        )
        t.add(
            "key press in tree to frame",
            app.get("key_tree", nan),
            "ms",
            "Tree in a minimal app",
            minimal.get("key_minimal"),
            "≤ 16 ms",
            16,
        )

        # Find over every text of the archive (FTS5), and within one report.
        qs = iter(QUERIES * runs * 2)
        find_all = median_ms(lambda: store.search(next(qs)), len(QUERIES) * runs)
        t.add(
            "find, whole archive",
            find_all,
            "ms",
            "raw FTS5 query (sqlite3)",
            raw_find_ms(archive, runs),
            "≤ 50 ms",
            50,
        )
        t.add(
            "find, one report (app)",
            app.get("find_report", nan),
            "ms",
            "raw FTS5 query, one-report sample (sqlite3)",
            raw_find_ms(sample, runs),
            "≤ 50 ms",
            50,
        )
        report_id = ids[len(ids) // 2]

    # Exports against the SQLite tools over the same rows and columns.
    utils = sqlite_utils()
    shell = shutil.which("sqlite3")
    everything = INDICATORS_SQL.format(where="")
    one = INDICATORS_SQL.format(where=f"WHERE r.id = {report_id} ")
    export = [*TERTIAL, "export", "indicators", "--format", "csv", "--db", str(archive)]
    all_csv = process_ms([*export, "--report", "all"], runs)
    ref_utils = (
        process_ms([*utils, "query", str(archive), everything, "--csv"], runs)
        if utils
        else float("nan")
    )
    ref_shell = (
        process_ms([shell, "-csv", "-header", str(archive), everything], runs)
        if shell
        else float("nan")
    )
    t.add(
        "export indicators csv, all reports",
        all_csv,
        "ms",
        "sqlite-utils",
        ref_utils,
        "≤ 1.0×",
        1.0,
        True,
    )
    t.add(
        "export indicators csv, all reports",
        all_csv,
        "ms",
        "sqlite3 shell",
        ref_shell,
        "≤ 3×",
        3.0,
        True,
    )
    one_csv = process_ms([*export, "--report", str(report_id)], runs)
    one_utils = (
        process_ms([*utils, "query", str(archive), one, "--csv"], runs) if utils else float("nan")
    )
    t.add(
        "export indicators csv, one report",
        one_csv,
        "ms",
        "sqlite-utils, the same report",
        one_utils,
    )
    md = process_ms(
        [
            *TERTIAL,
            "export",
            "report",
            "--format",
            "md",
            "--db",
            str(archive),
            "--report",
            str(report_id),
        ],
        runs,
    )
    bare = process_ms([PY, "-c", "pass"], runs)
    t.add("export report md, one report", md, "ms", "python -c pass", bare, "≤ 200 ms", 200)

    document_exports(t, sample, archive, runs)
    # A command that writes: the whole-file check before a large file's first write.
    from tests.bench.writes import import_ms

    first_write, remembered = import_ms(archive, report_id, runs)
    t.add(
        "import indicators, one value: check remembered",
        remembered,
        "ms",
        "export indicators csv, one report",
        one_csv,
    )
    t.add(
        "import indicators, one value: first write, whole-file check",
        first_write,
        "ms",
        "the same, check remembered",
        remembered,
        "≤ 1000 ms",
        1000,
    )
    t.add(
        "peak memory, archive open (app)",
        app.get("peak_mb", float("nan")),
        "MB",
        "minimal app",
        minimal.get("peak_mb"),
        "≤ 150 MB",
        150,
    )

    carry_figures(t, archive, sample, runs)
    json_figures(t, sample, runs)
    return t


def ensure_files(archive: Path) -> tuple[Path, Path]:
    from tests.bench.generate import generate

    if not archive.exists():
        start = time.perf_counter()
        n = generate(archive, 50, 10, seed=1, workers=2)
        print(
            f"built {archive}: {n} reports in {time.perf_counter() - start:.1f} s", file=sys.stderr
        )
    sample = archive.with_name(f"{archive.stem}-sample.db")
    if not sample.exists():
        subprocess.run([*TERTIAL, "init", str(sample), "--sample"], cwd=ROOT, check=True)
    return archive, sample


def main() -> int:
    p = argparse.ArgumentParser(description="tertial's speed benchmark")
    p.add_argument("--archive", type=Path, default=Path(tempfile.gettempdir()) / "tertial-bench.db")
    p.add_argument("--runs", type=int, default=5, help="measurements per figure in a run")
    p.add_argument("--runs-of", type=int, default=1, help="whole runs; the table holds all")
    p.add_argument("--only", choices=["carry"], default=None, help="issue 12's figures alone")
    args = p.parse_args()
    archive, sample = ensure_files(args.archive)
    started = time.perf_counter()
    tables = []
    for n in range(args.runs_of):
        t = Table()
        if args.only == "carry":
            carry_figures(t, archive, sample, args.runs)
            json_figures(t, sample, args.runs)
        else:
            t = one_run(archive, sample, args.runs)
        tables.append(t)
        print(f"run {n + 1} of {args.runs_of} done", file=sys.stderr)
    print(markdown(tables))
    print(
        f"\n{archive.stat().st_size / 1e6:.0f} MB archive; each figure the median of "
        f"{args.runs} measurements, {args.runs_of} run(s); {time.perf_counter() - started:.0f} s.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
