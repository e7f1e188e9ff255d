"""Bad files: a read-only folder and damaged files are opened read-only or refused, never changed."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.errors import NotATertialFile
from store.store import Store
from tests.factories import small_document
from tests.helpers.other_user import run_as_other, shared_folder, writable_by_other

ROOT = Path(__file__).resolve().parents[1]


# -- (c) read-only folder, damaged file -----------------------------------------------


@pytest.mark.permissions
def test_read_only_folder_opens_read_only_and_changes_nothing() -> None:
    # As an unprivileged user: root may write into a folder whatever its mode says.
    with shared_folder() as top:
        folder = top / "rapporter"
        folder.mkdir()
        db_path = folder / "report.db"
        with Store(db_path, create=True) as store:
            store.add_document(small_document())
        data = writable_by_other(top / "data")
        for p in folder.iterdir():
            p.chmod(0o644)
        folder.chmod(0o555)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        code = (
            "from store.store import Store\n"
            "from store.errors import ReadOnlyFile\n"
            f"with Store({str(db_path)!r}) as store:\n"
            "    assert store.read_only\n"
            "    print([g.code for g in store.document(1).goals])\n"
            "    try:\n"
            "        store.update('goal', 1, 'analys', 'Ändrad')\n"
            "    except ReadOnlyFile as exc:\n"
            "        print('refused:', exc)\n"
            "    store.save_draft('goal', 1, 'analys', 'utkast', '')  # quietly not saved\n"
            "    print('drafts:', store.drafts())\n"
        )
        result = run_as_other([], data_dir=data, python=code)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "['1', '2']"
        assert lines[1].startswith("refused:") and "skrivskyddad" in lines[1]
        assert lines[2] == "drafts: []"
        result = run_as_other(["reports", "--db", str(db_path)], data_dir=data)
        assert result.returncode == 0 and "Testnämnden" in result.stdout, result.stderr
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )


def _damaged_copies(db: Path) -> list[tuple[str, Path]]:
    """Copies with a b-tree page's cells overwritten, and one page zeroed (not page 1)."""
    data = db.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    rng = random.Random(7)
    # Table and index b-tree pages (type byte 2, 5, 10, 13), past the header page.
    pages = [
        n
        for n in range(1, len(data) // page_size)
        if data[n * page_size] in (2, 5, 10, 13)
        and data[n * page_size + 3 : n * page_size + 5] != b"\0\0"
    ]
    out = []
    for n in rng.sample(pages, 8):
        damaged = bytearray(data)
        start = n * page_size + 8
        damaged[start : start + 64] = rng.randbytes(64)
        out.append((f"page {n + 1} scrambled", bytes(damaged)))
    zeroed = bytearray(data)
    n = pages[len(pages) // 2]
    zeroed[n * page_size : (n + 1) * page_size] = bytes(page_size)
    out.append((f"page {n + 1} zeroed", bytes(zeroed)))
    paths = []
    for i, (what, content) in enumerate(out):
        path = db.with_name(f"damaged-{i}.db")
        path.write_bytes(content)
        paths.append((what, path))
    return paths


def test_a_damaged_file_is_refused_with_one_line_and_left_as_it_was(db_path: Path) -> None:
    for what, path in _damaged_copies(db_path):
        before = path.read_bytes()
        with pytest.raises(NotATertialFile) as exc:
            Store(path)
        message = str(exc.value)
        assert "\n" not in message and str(path) in message and "skadad" in message, what
        for command in (["reports"], ["export", "report"]):
            result = _cli(*command, "--db", str(path))
            assert result.returncode == 2, (what, command, result.stderr)
            assert result.stderr.startswith("tertial: ") and result.stderr.count("\n") == 1
            assert "Traceback" not in result.stderr
        assert path.read_bytes() == before, f"{what}: the file was changed"


def test_damaged_text_shows_its_damage_instead_of_failing(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    at = data.find("Inga väsentliga".encode())
    data[at : at + 4] = b"\xff\xfe\xff\xfe"  # not UTF-8
    damaged = db_path.with_name("damaged-text.db")
    damaged.write_bytes(bytes(data))
    with Store(damaged) as store:
        (section,) = [s for s in store.sections(1) if s.title == "Intern kontroll"]
        assert section.body == "\ufffd" * 4 + " väsentliga avvikelser."
    result = _cli("export", "report", "--db", str(damaged))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert damaged.read_bytes() == bytes(data)


def test_a_copy_of_a_good_file_is_still_good(db_path: Path, tmp_path: Path) -> None:
    """The damaged-file tests above start from a file that opens cleanly (control)."""
    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    with Store(copy) as store:
        assert store.reports()[0].organisation == "Testnämnden"
