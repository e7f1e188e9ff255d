"""No control character reaches the terminal through a command (issue 11, item 7).

Arbitrary text is put where a command prints it from: the names in a report (organisation,
goal titles and codes, indicator names, activities), a CSV file's headers and cells on
import, a goals file, an argument echoed back. Whatever the text, stdout and stderr hold
no C0 or C1 control (other than tab and line break) and no bidi override or isolate.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from store.errors import InvalidValue
from store.store import Store
from tests.factories import small_document
from tui.cli import main

# What must never reach the terminal raw (tab and line break are layout).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
NASTY = list("\x1b\x9b\x07\x00\r\x08\x85\u202e\u2066\u2069\u2028[];0") + [
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
]
hostile = st.lists(
    st.one_of(st.sampled_from(NASTY), st.characters(exclude_categories=["Cs"])),
    min_size=1,
    max_size=12,
).map("".join)
# What the store accepts in a name: no C0 control but tab (it refuses those itself).
stored = hostile.map(lambda t: re.sub("[\x00-\x08\x0a-\x1f\x7f]", "", t)).filter(str.strip)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    main(list(args))
    captured = capsys.readouterr()
    return captured.out + captured.err


def _assert_safe(text: str) -> None:
    bad = UNSAFE.findall(text)
    assert not bad, (bad, text)


def _hostile_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.db"
    path.unlink(missing_ok=True)
    try:
        doc = small_document(organisation=text)
        goal = doc.goals[0]
        goal.title = text
        child = goal.children[0]
        child.activities[0].text = text
        child.children[0].title = text
        child.children[0].indicators[0].name = text
        with Store(path, create=True) as store:
            store.add_document(doc)
            store.update("goal", 1, "assessment", "ej", source="cli")
            store.update("goal", 1, "title", text + " ändrad", source="cli")
    except (InvalidValue, ValidationError):
        path.unlink(missing_ok=True)
        assume(False)
    return path


@SETTINGS
@given(text=stored)
def test_names_from_the_file_reach_no_terminal_raw(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
) -> None:
    db = _hostile_file(tmp_path, text)
    out = tmp_path / "ind.csv"
    printed = [
        _run(capsys, "reports", "--db", str(db)),
        _run(capsys, "history", "--db", str(db)),
        _run(capsys, "history", "--db", str(db), "--goal", "9.9.9"),  # lists the goal codes
        _run(capsys, "history", "--db", str(db), "--report", "99"),  # names the reports
        _run(capsys, "check", "--db", str(db)),
        _run(capsys, "export", "indicators", "--format", "csv", "--db", str(db), "-o", "x"),
    ]
    assert (
        main(["export", "indicators", "--format", "csv", "--db", str(db), "--output", str(out)])
        == 0
    )
    with monkeypatch.context() as terminal:  # an export to no file, on a terminal
        terminal.setattr(sys.stdout, "isatty", lambda: True)
        for fmt in ("md", "csv", "json"):
            table = "report" if fmt == "json" else "indicators"
            printed.append(_run(capsys, "export", table, "--format", fmt, "--db", str(db)))
        printed.append(_run(capsys, "export", "report", "--db", str(db)))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    rows[1][2] = "12"  # one value changed: the import names its goal and indicator
    _write_csv(out, rows)
    printed.append(_run(capsys, "import", "indicators", str(out), "--db", str(db)))
    for text_printed in printed:
        _assert_safe(text_printed)


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@SETTINGS
@given(text=hostile)
def test_a_csv_files_headers_and_cells_reach_no_terminal_raw(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    out = tmp_path / "ind.csv"
    assert (
        main(
            ["export", "indicators", "--format", "csv", "--db", str(db_path), "--output", str(out)]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header, first = rows[0], rows[1]
    variants = [
        [[*header, text], [*first, text]],  # an unknown column, echoed
        [header, [first[0], text, *first[2:]]],  # a row not found: its names, echoed
        [header, [*first[:2], text, *first[3:]]],  # a value refused: echoed
        [[text, *header[1:]], first],  # a required column missing, the headers echoed
    ]
    for rows in variants:
        _write_csv(out, rows)
        _assert_safe(_run(capsys, "import", "indicators", str(out), "--db", str(db_path)))
    goals = tmp_path / "goals.csv"
    _write_csv(goals, [["Nivå", "Nummer", text], [text, text, text]])
    _assert_safe(
        _run(
            capsys, "new", "--organisation", "X", "--kind", "T1", "--year", "2030",
            "--goals", str(goals), "--db", str(db_path),
        )
    )  # fmt: skip
    # Arguments are echoed too.
    _assert_safe(_run(capsys, "history", "--db", str(db_path), "--goal", text))
    _assert_safe(_run(capsys, "export", text))
