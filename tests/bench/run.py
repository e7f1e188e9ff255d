"""The speed benchmark: every figure of issue 7 against its reference, as a Markdown table.

    python tests/bench/run.py [--archive PATH] [--runs N]

Builds the archive (tests/bench/generate.py, 50 organisations x 10 years) under /tmp if
it is not there, and a one-report sample file beside it. Each figure is measured
several times in this run together with its reference; the table shows medians.
Figures about process start run in their own process (tmux for the first frame,
via /work/shared/tools/first_frame.py or the copy named by $FIRST_FRAME).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
FIRST_FRAME = Path(os.environ.get("FIRST_FRAME", "/work/shared/tools/first_frame.py"))
PY = sys.executable
TERTIAL = [PY, "-m", "tui.cli"]
MARKER = "Tertialrapport"  # in the header of both files' first report, and the minimal app's

# Words an author looks for: common, rare, a prefix being typed, two words.
QUERIES = ["verksamhet", "sjukfrånvaro", "upphandl", "kontaktcenter nöjda", "ve", "Dnr"]
# Same rows, columns and order as `tertial export indicators --report all`
# (Store.archive_indicators): organisation, report, goal as printed, name, eight values.
INDICATORS_SQL = (
    "SELECT o.name, r.kind, r.year, CASE WHEN g.level = 1 THEN g.code || '. ' || g.title "
    "WHEN g.code IS NOT NULL THEN g.code || ' ' || g.title ELSE g.title END AS goal, "
    "i.name, i.outcome, i.outcome_men, i.outcome_women, i.previous, i.forecast, i.target, "
    "i.kf_target, i.period FROM indicators i JOIN goals g ON g.id = i.goal_id "
    "LEFT JOIN goals p ON p.id = g.parent_id LEFT JOIN goals gp ON gp.id = p.parent_id "
    "JOIN reports r ON r.id = g.report_id JOIN organisations o ON o.id = r.organisation_id "
    "ORDER BY o.name, r.year, r.kind, "
    "CASE g.level WHEN 3 THEN gp.position ELSE p.position END, "
    "CASE g.level WHEN 3 THEN p.position ELSE g.position END, "
    "CASE g.level WHEN 3 THEN g.position + 1 ELSE 0 END, i.position, i.id"
)


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited via fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def process_ms(cmd: list[str], runs: int) -> float:
    def once() -> None:
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    once()  # warm the page cache and the bytecode
    return median_ms(once, runs)


def first_frame_ms(cmd: list[str], runs: int) -> float:
    if not FIRST_FRAME.exists() or not shutil.which("tmux"):
        return float("nan")
    out = subprocess.run(
        [PY, str(FIRST_FRAME), "--runs", str(runs), MARKER, *cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip()) * 1000


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


async def _minimal_pilot(runs: int) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Tree

    class TreeApp(App[None]):
        def compose(self) -> ComposeResult:
            tree: Tree[None] = Tree("root")
            for i in range(40):
                tree.root.add_leaf(f"node {i}")
            tree.root.expand()
            yield tree

    async with TreeApp().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        times = await _keys_to_frames(pilot.app, pilot, (["down"] * 4 + ["up"] * 4) * runs)
    return statistics.median(times)


def child(args: argparse.Namespace) -> int:
    """`run.py --child app PATH`: figures measured inside the app, printed as JSON."""
    if args.child == "app":
        result = asyncio.run(_in_app(args.archive, args.runs))
    elif args.child == "minimal":
        result = {
            "key_minimal": asyncio.run(_minimal_pilot(args.runs)),
            "peak_mb": peak_mb(),
        }
    else:
        raise SystemExit(f"unknown child {args.child}")
    print(json.dumps(result))
    return 0


def run_child(kind: str, path: Path, runs: int) -> dict[str, float]:
    out = subprocess.run(
        [PY, __file__, "--child", kind, "--archive", str(path), "--runs", str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        print(out.stderr[-2000:], file=sys.stderr)
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the table -----------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

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
        if value != value:  # nan: could not be measured here
            ref = f"{reference} {ref_value:.0f} {unit}" if ref_value is not None else reference
            self.rows.append((figure, "n/a", ref.strip(), "", target, "n/a"))
            return
        ratio = value / ref_value if ref_value else None
        measured = ratio if on_ratio else value
        met = "" if limit is None or measured is None else ("yes" if measured <= limit else "NO")
        ref = f"{reference} {ref_value:.0f} {unit}" if ref_value is not None else reference
        self.rows.append(
            (
                figure,
                f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}",
                ref.strip(),
                f"{ratio:.2f}×" if ratio is not None else "",
                target,
                met,
            )
        )

    def markdown(self) -> str:
        head = ("figure", "median", "reference", "ratio", "target", "met?")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


# -- issue 13: the checker ------------------------------------------------------------


def check_rows(
    t: Table, archive: Path, sample: Path, runs: int, export_all_ms: float, report_id: int
) -> None:
    """`tertial check`: one report from store to findings, and the whole archive."""
    from store.check import check_report
    from store.store import Store

    for label, path, rid in (("sample", sample, None), ("in the archive", archive, report_id)):
        with Store(path) as store:
            rid = rid or store.reports()[0].id
            ms = median_ms(lambda s=store, r=rid: check_report(s.document(r)), runs * 4)
        t.add(f"check, one report {label} (store → findings)", ms, "ms", target="≤ 50 ms", limit=50)
    check_all = [*TERTIAL, "check", "--report", "all", "--db", str(archive)]
    probe = subprocess.run(check_all, cwd=ROOT, capture_output=True)
    # Exit 1 means a fel was found (the archive has some): the command worked.
    ms = process_ms_any(check_all, runs) if probe.returncode in (0, 1) else float("nan")
    t.add(
        "check --report all",
        ms,
        "ms",
        "export indicators csv, all reports",
        export_all_ms,
        "≤ 5×",
        5.0,
        True,
    )


def process_ms_any(cmd: list[str], runs: int) -> float:
    """process_ms for a command whose exit code says something (tertial check: 0 or 1)."""

    def once() -> None:
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)

    once()
    return median_ms(once, runs)


# -- Word and Excel (issue 14) ---------------------------------------------------------

# The reference for the archive's indicators to .xlsx: the same rows (the same reader)
# dumped by openpyxl's write-only mode, every value as it comes, no formats.
BARE_XLSX = """
import sqlite3, sys
sys.path.insert(0, sys.argv[3])
from openpyxl import Workbook
from exports.archive import ARCHIVE_INDICATOR_HEADERS
from store.archive import archive_indicators
conn = sqlite3.connect(sys.argv[1])
wb = Workbook(write_only=True)
ws = wb.create_sheet("Indikatorer")
ws.append(ARCHIVE_INDICATOR_HEADERS)
for row in archive_indicators(conn):
    ws.append(row)
wb.save(sys.argv[2])
"""


def document_exports(t: Table, sample: Path, archive: Path, runs: int) -> None:
    """The sample to .docx and .xlsx against its Markdown export, as whole commands (as
    the other exports are measured) and as the writers alone in this process; the
    archive's indicators to .xlsx against a bare openpyxl write-only dump."""
    import io

    from exports.docx import write_docx
    from exports.report import report_markdown
    from exports.xlsx import write_xlsx
    from store.store import Store

    out = Path(tempfile.mkdtemp(prefix="tertial-bench-docs-"))
    try:
        base = [*TERTIAL, "export", "report", "--db", str(sample), "--format"]
        md = process_ms([*base, "md", "--output", str(out / "r.md")], runs)
        docx_ms = process_ms([*base, "docx", "--output", str(out / "r.docx")], runs)
        xlsx_ms = process_ms([*base, "xlsx", "--output", str(out / "r.xlsx")], runs)
        t.add("export sample docx (command)", docx_ms, "ms", "md", md, "≤ 4×", 4.0, True)
        t.add("export sample xlsx (command)", xlsx_ms, "ms", "md", md, "≤ 3×", 3.0, True)

        with Store(sample) as store:
            doc = store.document(store.reports()[0].id)
        writers = {
            "md": lambda: report_markdown(doc),
            "docx": lambda: write_docx(doc, io.BytesIO()),
            "xlsx": lambda: write_xlsx(doc, io.BytesIO()),
        }
        for w in writers.values():
            w()  # imports and caches warm
        times = {k: median_ms(w, runs * 3) for k, w in writers.items()}
        t.add("sample docx writer (in process)", times["docx"], "ms", "md", times["md"])
        t.add("sample xlsx writer (in process)", times["xlsx"], "ms", "md", times["md"])

        cmd = [*TERTIAL, "export", "indicators", "--report", "all", "--format", "xlsx"]
        ours = process_ms([*cmd, "--db", str(archive), "--output", str(out / "a.xlsx")], runs)
        bare = process_ms([PY, "-c", BARE_XLSX, str(archive), str(out / "b.xlsx"), str(ROOT)], runs)
        t.add(
            "export indicators xlsx, all reports",
            ours,
            "ms",
            "bare openpyxl write-only",
            bare,
            "≤ 1.5×",
            1.5,
            True,
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)


# -- issue 12: carrying a report forward, and a report as a JSON file --------------------


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
        t.add(
            "export + import report json, sample (store)",
            statistics.median(in_process),
            "ms",
            target="≤ 500 ms",
            limit=500,
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


def main() -> int:
    p = argparse.ArgumentParser(description="tertial's speed benchmark (issue 7)")
    p.add_argument("--archive", type=Path, default=Path(tempfile.gettempdir()) / "tertial-bench.db")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--only", choices=["carry"], default=None, help="issue 12's figures alone")
    args = p.parse_args()
    if args.child:
        return child(args)

    from store.store import Store

    archive, sample = ensure_files(args.archive)
    runs = args.runs
    t = Table()
    started = time.perf_counter()
    if args.only == "carry":
        carry_figures(t, archive, sample, runs)
        json_figures(t, sample, runs)
        print(t.markdown())
        return 0

    # First interactive frame, from process start (tmux, real terminal).
    ff_archive = first_frame_ms([*TERTIAL, str(archive)], runs)
    ff_sample = first_frame_ms([*TERTIAL, str(sample)], runs)
    ff_minimal = first_frame_ms([PY, str(HERE / "minimal_app.py")], runs)
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
    with Store(archive) as store:
        ids = [r.id for r in store.reports()]
        picks = iter(ids[7::97] * runs)

        def switch() -> None:
            rid = next(picks)
            store.report(rid)
            store.goal_tree(rid)
            store.sections(rid)
            store.assessment_counts(rid)

        t.add(
            "switch report (store reads)",
            median_ms(switch, runs * 3),
            "ms",
            target="≤ 100 ms",
            limit=100,
        )
        app = run_child("app", archive, runs)
        minimal = run_child("minimal", archive, runs)
        t.add(
            "switch report (app, to frame)",
            app.get("switch_app", float("nan")),
            "ms",
            target="≤ 100 ms",
            limit=100,
        )
        t.add(
            "key press in tree to frame",
            app.get("key_tree", float("nan")),
            "ms",
            "Tree in a minimal app",
            minimal.get("key_minimal"),
            "≤ 16 ms",
            16,
        )

        # Find over every text of the archive (FTS5), and within one report.
        qs = iter(QUERIES * runs * 2)
        t.add(
            "find, whole archive",
            median_ms(lambda: store.search(next(qs)), len(QUERIES) * runs),
            "ms",
            target="≤ 50 ms",
            limit=50,
        )
        t.add(
            "find, one report (app)",
            app.get("find_report", float("nan")),
            "ms",
            target="≤ 50 ms",
            limit=50,
        )
        report_id = ids[len(ids) // 2]

    # Exports against the SQLite tools over the same rows and columns.
    export_all = [*TERTIAL, "export", "indicators", "--format", "csv", "--db", str(archive)]
    export_all += ["--report", "all"]
    probe = subprocess.run(export_all, cwd=ROOT, capture_output=True)
    ref_utils = (
        process_ms(["sqlite-utils", "query", str(archive), INDICATORS_SQL, "--csv"], runs)
        if shutil.which("sqlite-utils")
        else float("nan")
    )
    ref_shell = (
        process_ms(["sqlite3", "-csv", "-header", str(archive), INDICATORS_SQL], runs)
        if shutil.which("sqlite3")
        else float("nan")
    )
    all_csv = process_ms(export_all, runs) if probe.returncode == 0 else float("nan")
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
    one_csv = process_ms(
        [
            *TERTIAL,
            "export",
            "indicators",
            "--format",
            "csv",
            "--db",
            str(archive),
            "--report",
            str(report_id),
        ],
        runs,
    )
    t.add(
        "export indicators csv, one report", one_csv, "ms", "sqlite3 shell, all reports", ref_shell
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
    check_rows(t, archive, sample, runs, all_csv, report_id)

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

    print(t.markdown())
    size = archive.stat().st_size / 1e6
    print(
        f"\n{len(ids)} reports, {size:.0f} MB; medians of {runs} runs; "
        f"benchmark took {time.perf_counter() - started:.0f} s.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
