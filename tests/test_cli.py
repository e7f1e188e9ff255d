import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store import schema
from store.store import Store
from tests.factories import small_document
from tests.util import older_copy
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_init_creates_empty_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.db"
    assert main(["init", str(path)]) == 0
    with Store(path) as store:
        assert store.reports() == []
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert "Skapade" in capsys.readouterr().out


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.db"
    path.write_text("my notes")
    assert main(["init", str(path), "--sample"]) == 1
    assert path.read_text() == "my notes"
    assert "finns redan" in capsys.readouterr().err


def test_init_sample(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    assert main(["init", str(path), "--sample"]) == 0
    with Store(path) as store:
        (report,) = store.reports()
        assert report.organisation == "Servicenämnden" and report.title == "Tertialrapport 2 2023"


@pytest.mark.parametrize("sample", [False, True], ids=["empty", "sample"])
def test_init_builds_beside_the_name_and_renames_into_place(
    sample: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the file is being built the name stays free; the finished file is renamed to
    it in one step, so the name never holds a half-made file."""
    import store.store

    path = tmp_path / "t.db"
    built: list[tuple[Path, bool]] = []
    renamed: list[tuple[Path, Path, bool]] = []

    class Watched(store.store.Store):
        def __init__(self, where: Path, *args: object, **kwargs: object) -> None:
            built.append((Path(where), path.exists()))
            super().__init__(where, *args, **kwargs)  # type: ignore[arg-type]

    def watching(real):  # noqa: ANN001, ANN202
        def move(src, dst) -> None:  # noqa: ANN001
            renamed.append((Path(src), Path(dst), path.exists()))
            real(src, dst)

        return move

    # Path.rename and Path.replace call these too.
    monkeypatch.setattr(store.store, "Store", Watched)
    monkeypatch.setattr(os, "rename", watching(os.rename))
    monkeypatch.setattr(os, "replace", watching(os.replace))
    assert main(["init", str(path), *(["--sample"] if sample else [])]) == 0
    ((where, existed),) = built
    assert where.parent == path.parent and where != path and not existed
    assert [(src, dst, before) for src, dst, before in renamed] == [(where, path, False)]
    assert sorted(os.listdir(tmp_path)) == ["t.db"]
    with Store(path) as s:
        assert len(s.reports()) == (1 if sample else 0)


def test_a_failed_init_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the sample is written: no file under the name, nothing beside."""
    import store.sample

    def full(*args: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.sample, "load_sample", full)
    path = tmp_path / "t.db"
    assert main(["init", str(path), "--sample"]) == 1
    assert os.listdir(tmp_path) == []


def test_default_database_created_on_first_use(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports"]) == 0
    captured = capsys.readouterr()
    assert "tertial.db" in captured.err and "Servicenämnden" in captured.out


def _other_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text)")
        conn.execute("INSERT INTO notes VALUES ('hej')")
    conn.close()


def _truncated(path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    with Store(good, create=True) as store:
        for year in range(2010, 2030):
            store.add_document(small_document(year=year))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])


def _newer(path: Path, tmp_path: Path) -> None:
    with Store(path, create=True):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()


BAD_FILES = {
    "empty": (lambda p, t: p.write_bytes(b""), "tom"),
    "text": (lambda p, t: p.write_text("Tertialrapport 2\nAnalys...\n" * 20), "ingen SQLite"),
    "other sqlite": (lambda p, t: _other_sqlite(p), "inte en tertial-fil"),
    "truncated": (_truncated, "avkortad"),
    "newer schema": (_newer, "nyare tertial"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("command", [["reports", "--db"], ["history", "--db"], []])
def test_bad_file_exit_2_unchanged(
    kind: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.db"
    make, words = BAD_FILES[kind]
    make(path, tmp_path)
    before = digest(path)
    assert main([*command, str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bad")) == ["bad.db"]


def test_bad_file_through_real_command(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("inte en databas")
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("tertial: ") and result.stderr.count("\n") == 1


def test_unknown_option_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports", "--bogus"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_migration_from_version_1(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "old.db"
    # The rows as today's tertial writes them, in a file of schema version 1.
    older_copy(db_path, path, 1)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert [h.title for h in store.search("kolloplatser", 1)] == ["Utreda kolloplatser"]


def test_history_and_backup_commands(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(db_path) as store:
        goal = store.goal_tree(1)[0]
        store.update("goal", goal.id, "analys", "Ny analys")
    assert main(["history", "--db", str(db_path), "--goal", "1"]) == 0
    out = capsys.readouterr().out
    assert "Ett Stockholm som håller samman" in out and "Ny analys" in out
    dest = tmp_path / "copy.db"
    assert main(["backup", str(dest), "--db", str(db_path)]) == 0
    with Store(dest) as copy:
        assert copy.goal(goal.id).analys == "Ny analys"
    assert main(["backup", str(dest), "--db", str(db_path)]) == 1
    assert main(["history", "--db", str(db_path), "--goal", "9.9"]) == 2
