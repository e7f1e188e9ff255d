"""Figures of Word and Excel (issue 14) and of a command that writes (issue 10), each
beside the same work in a simpler form, measured in the same run."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from tests.bench.measure import PY, ROOT, TERTIAL, Table, heavy_runs, median_ms, processes_ms

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


def document_figures(t: Table, sample: Path, archive: Path, runs: int) -> None:
    """The sample to .docx and .xlsx against its Markdown export, as whole commands (as
    the other exports are measured) and as the writers alone in this process; the
    archive's indicators to .xlsx against a bare openpyxl write-only dump."""
    from exports.docx import write_docx
    from exports.report import report_markdown
    from exports.xlsx import write_xlsx
    from store.store import Store

    out = Path(tempfile.mkdtemp(prefix="tertial-bench-docs-"))
    try:
        base = [*TERTIAL, "export", "report", "--db", str(sample), "--format"]
        md, docx_ms, xlsx_ms = processes_ms(
            [[*base, f, "--output", str(out / f"r.{f}")] for f in ("md", "docx", "xlsx")], runs
        )
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
        n = heavy_runs(runs)
        ours, bare = processes_ms(
            [
                [*cmd, "--db", str(archive), "--output", str(out / "a.xlsx")],
                [PY, "-c", BARE_XLSX, str(archive), str(out / "b.xlsx"), str(ROOT)],
            ],
            n,
            warm=False,
        )
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


def import_figures(t: Table, archive: Path, report_id: int, runs: int, one_csv: float) -> None:
    """A command that writes: the whole-file check before a large file's first write."""
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
