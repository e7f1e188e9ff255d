"""The Editor: a compound edit is one ctrl+z, refusals are said in one place, and it says
what it touched. Checked in the file, through a second connection."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store.errors import Conflict
from store.store import Store
from tests.test_app_support import goal_id, read
from tui.editor import READ_ONLY, Editor, Refused, Touched

ROOT = Path(__file__).resolve().parents[1]
SERVICE = "Servicenämnden ger god service"


def _analys(db: Path, gid: int) -> str:
    with read(db) as s:
        return s.get("goal", gid).analys


def test_a_compound_edit_is_one_step(db_path: Path) -> None:
    gid = goal_id(db_path, SERVICE)
    heard: list[list[Touched]] = []
    with Store(db_path) as store:
        editor = Editor(store, heard.append)
        before = store.goal(gid)
        with editor.compound():
            editor.edit("goal", gid, "analys", "Ny analys.", before.analys)
            added = editor.add("indicator", {"name": "Antal besök", "goal_id": gid})
        assert editor.position == 1 and len(editor.steps[0]) == 2
        assert heard == [
            [
                Touched("goal", gid, "analys", gid),
                Touched("indicator", added.entity_id, "created", gid),
            ]
        ]
        assert _analys(db_path, gid) == "Ny analys."
        result = editor.undo()  # both, with one ctrl+z
        assert result.done and result.message.endswith("(och 1 ändringar till)")
        assert _analys(db_path, gid) == before.analys
        with read(db_path) as s:
            assert [i.name for i in s.indicators(gid)] == [i.name for i in before.indicators]
        assert editor.redo().done
        assert _analys(db_path, gid) == "Ny analys."
        with read(db_path) as s:
            assert s.indicators(gid)[-1].name == "Antal besök"


def test_a_compound_edit_that_fails_writes_nothing(db_path: Path) -> None:
    gid = goal_id(db_path, SERVICE)
    with Store(db_path) as store:
        heard: list[tuple[list[Touched], str, bool]] = []

        def listen(touched: list[Touched]) -> None:  # what the workbench would read then
            heard.append((touched, store.get("goal", gid).analys, store.conn.in_transaction))

        editor = Editor(store, listen)
        before = store.get("goal", gid).analys
        with pytest.raises(Conflict), editor.compound():
            editor.edit("goal", gid, "analys", "Ny analys.", before)
            editor.edit("goal", gid, "title", "Annat", "inte det som står")
        assert editor.steps == [] and editor.position == 0
        # Said once, after the rollback: both fields are shown as the file has them.
        assert heard == [
            ([Touched("goal", gid, "analys", gid), Touched("goal", gid, "title")], before, False)
        ]
    assert _analys(db_path, gid) == before
    with read(db_path) as s:
        assert s.history(1) == []


def test_refusals_in_the_authors_words(db_path: Path) -> None:
    gid = goal_id(db_path, SERVICE)
    with Store(db_path) as store:
        editor = Editor(store)
        with pytest.raises(Refused) as refused:
            editor.edit("indicator", 999, "outcome", "1", "")
        assert "finns inte" in refused.value.message
        with pytest.raises(Refused) as refused:
            editor.add("indicator", {"name": "", "goal_id": gid})
        assert refused.value.message.startswith("Indikator:")
        assert editor.steps == []
    with Store(db_path, create=False) as store:
        store.read_only = True  # as a file opened where it cannot be written
        editor = Editor(store)
        for write in (
            lambda: editor.edit("goal", gid, "analys", "x", None),
            lambda: editor.delete("goal", gid),
            editor.check_writable,
        ):
            with pytest.raises(Refused, match=READ_ONLY):
                write()
    assert _analys(db_path, gid) != "x"


def test_the_editor_starts_without_textual() -> None:
    code = "import sys, tui.editor; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# -- undo after a restart: a compound edit is still one step (schema v5: changes.step) --


def _positions(db: Path, gid: int) -> list[int]:
    with read(db) as s:
        return [i.id or 0 for i in s.indicators(gid)]


def test_a_compound_edit_is_one_step_after_a_restart(db_path: Path) -> None:
    gid = goal_id(db_path, SERVICE)
    before = _analys(db_path, gid)
    with read(db_path) as s:
        expected = s.get("goal", gid).expected_result
    order = _positions(db_path, gid)
    assert len(order) >= 2
    with Store(db_path) as store:  # the last session
        editor = Editor(store)
        editor.resume(1)
        with editor.compound():  # a paste, say: two writes, one step
            editor.edit("goal", gid, "analys", "Ny analys.", before)
            added = editor.add("indicator", {"name": "Antal besök", "goal_id": gid})
        moved = editor.apply(lambda s: s.move("indicator", order[-1], -1))  # renumbering
        editor.edit("goal", gid, "expected_result", "Fler besök.", expected)
    assert len(moved) >= 2  # a move rewrites its siblings' positions: several changes
    with read(db_path) as s:  # the grouping is in the file
        rows = [c for c in s.history(1) if c.source == "app"]
        compound, move = rows[:2], rows[2 : 2 + len(moved)]
        assert compound[0].step == compound[1].step == compound[0].id
        assert {c.step for c in move} == {move[0].id} and rows[-1].step == rows[-1].id
    with Store(db_path) as store:  # opened again
        editor = Editor(store)
        editor.resume(1)
        assert [len(step) for step in editor.steps] == [2, len(moved), 1]
        assert editor.undo().done  # the expected result
        with read(db_path) as s:
            assert s.get("goal", gid).expected_result == expected
        assert editor.undo().done  # the whole move, all its positions
        assert _positions(db_path, gid)[: len(order)] == order
        result = editor.undo()  # the whole compound edit, with one ctrl+z
        assert result.done and result.message.endswith("(och 1 ändringar till)")
        assert _analys(db_path, gid) == before
        with read(db_path) as s:
            assert added.entity_id not in [i.id for i in s.indicators(gid)]
        assert editor.undo().message == "Det finns inget att ångra."


def test_history_from_before_version_5_is_undone_one_change_a_step(
    db_path: Path, tmp_path: Path
) -> None:
    """A file a v4 tertial wrote has no steps: each of its changes is a step of its own."""
    from tests.util import older_copy

    gid = goal_id(db_path, SERVICE)
    with Store(db_path) as store:
        editor = Editor(store)
        editor.resume(1)
        expected = store.get("goal", gid).expected_result
        with editor.compound():
            editor.edit("goal", gid, "analys", "Ett.", _analys(db_path, gid))
            editor.edit("goal", gid, "expected_result", "Två.", expected)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old = tmp_path / "v4.db"
    older_copy(db_path, old, 4)
    with Store(old) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 5
        assert {c.step for c in store.history(1)} == {None}
        editor = Editor(store)
        editor.resume(1)  # no session key in the copy: every app change of the report
        assert [len(step) for step in editor.steps] == [1, 1]
        assert editor.undo().done
        goal = store.get("goal", gid)
        assert goal.expected_result == expected and goal.analys == "Ett."
