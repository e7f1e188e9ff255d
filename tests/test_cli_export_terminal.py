"""`tertial export` to a terminal shows the data printable; redirected, it is the data
(issue 11, item 7). A name another program wrote into the file holds an escape sequence
(`ESC ] 0 ; PWNED BEL` sets a terminal's title), a C1 control (U+009B, CSI) and a bidi
override (U+202E): none reaches a terminal raw, and a file or pipe gets them byte for byte.
"""

from __future__ import annotations

import os
import re
import select
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.store import Store
from tests.factories import small_document
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
NAME = "Sjuk\x1b]0;PWNED\x07frånvaro \x9b31m \u202eevil"
# What a terminal must never get raw: C0 but tab and line break, DEL, C1, the line and
# paragraph separators, bidi embeddings, overrides and isolates (CSV's CRLF shows as LF).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
EXPORTS = {
    "indicators-md": ["export", "indicators"],
    "indicators-csv": ["export", "indicators", "--format", "csv"],
    "indicators-excel-sv": ["export", "indicators", "--format", "csv", "--dialect", "excel-sv"],
    "goals-md": ["export", "goals"],
    "report-md": ["export", "report"],
    "report-json": ["export", "report", "--format", "json"],
    "archive-md": ["export", "indicators", "--report", "all"],
    "archive-csv": ["export", "indicators", "--report", "all", "--format", "csv"],
}


def _hostile_db(path: Path, text: str) -> Path:
    """The small report, with `text` written into names by another program (sqlite3)."""
    path.unlink(missing_ok=True)
    with Store(path, create=True) as store:
        store.add_document(small_document())
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE indicators SET name = ? WHERE id = 1", (text,))
        conn.execute("UPDATE goals SET title = ?", (text,))
        conn.execute("UPDATE organisations SET name = ?", (text,))
    conn.close()
    return path


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    return _hostile_db(tmp_path / "hostile.db", NAME)


def _on_a_terminal(args: list[str]) -> tuple[int, bytes, bytes]:
    """Run `tertial ARGS` with stdout on a pseudo-terminal; what the terminal got."""
    pty = pytest.importorskip("pty")
    tty = pytest.importorskip("tty")
    master, slave = pty.openpty()
    tty.setraw(slave)  # no CR added before LF: the bytes as the command wrote them
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    shown = bytearray()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            assert ready, "the command wrote nothing for 60 s"
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the command closed the terminal's other end
                break
            if not data:
                break
            shown += data
    finally:
        os.close(master)
    assert process.stderr is not None
    err = process.stderr.read()
    return process.wait(timeout=60), bytes(shown), err


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
@pytest.mark.parametrize("export", EXPORTS)
def test_an_export_to_a_terminal_shows_no_control_raw(hostile_db: Path, export: str) -> None:
    code, shown, err = _on_a_terminal([*EXPORTS[export], "--db", str(hostile_db)])
    assert code == 0, err
    text = shown.decode("utf-8")
    assert not UNSAFE.findall(text), [c for c in UNSAFE.findall(text)][:5]
    assert b"\x1b" not in shown and b"\x07" not in shown
    # The name is there, its controls shown as text (JSON escapes ESC and BEL itself).
    assert "PWNED" in text and "⟨RLO⟩evil" in text and "\\x9b31m" in text


@pytest.mark.parametrize("export", EXPORTS)
def test_an_export_to_a_file_or_pipe_is_the_data_byte_for_byte(
    hostile_db: Path, tmp_path: Path, export: str
) -> None:
    args = [*EXPORTS[export], "--db", str(hostile_db)]
    redirected = tmp_path / "redirected"
    with redirected.open("wb") as out:
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", *args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    piped = subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], cwd=ROOT, capture_output=True, timeout=60
    )
    written = tmp_path / "written"
    assert main([*args, "--output", str(written)]) == 0
    data = redirected.read_bytes()
    assert data == written.read_bytes() == piped.stdout
    assert "\u202eevil".encode() in data and "\x9b31m".encode() in data
    if export != "report-json":  # JSON writes ESC and BEL as \u001b and \u0007
        assert NAME.encode() in data


# -- any text, any text export, in-process (stdout a terminal or not) ---------------------

NASTY = list("\x1b\x9b\x07\x00\r\n\t\x08\x85\u202e\u2066\u2069\u2028|;,\"'") + [
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\r\n",
]
hostile = st.lists(
    st.one_of(st.sampled_from(NASTY), st.characters(exclude_categories=["Cs"])),
    min_size=1,
    max_size=12,
).map("".join)


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile)
def test_any_stored_text_reaches_a_terminal_printable_and_a_file_as_it_is(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch,
    text: str,
) -> None:  # fmt: skip
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example: no file left over
    db = _hostile_db(folder / "any.db", text)
    for export in ("indicators-md", "indicators-csv", "report-md", "report-json", "archive-csv"):
        args = [*EXPORTS[export], "--db", str(db)]
        capsysbinary.readouterr()
        with monkeypatch.context() as patch:
            patch.setattr(sys.stdout, "isatty", lambda: True)
            assert main(args) == 0
        shown = capsysbinary.readouterr()
        printed = (shown.out + shown.err).decode("utf-8")
        assert not UNSAFE.findall(printed), (export, UNSAFE.findall(printed), printed[:300])
        # Not a terminal: the file's data, as the --output file has it.
        out = folder / f"{export}.out"
        assert main([*args, "--output", str(out)]) == 0
        capsysbinary.readouterr()
        assert main(args) == 0
        assert capsysbinary.readouterr().out == out.read_bytes(), export
