"""Nothing an author writes is lost in the workbench (issue 10, items 3-4).

An undo that cannot be done, a backup that cannot be made: neither costs the author
anything else. What counts is what the file holds, read through a second connection.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from store.locations import backup_dir
from store.models import Activity, Assessment, Goal, Indicator
from store.store import Store
from tests.test_app_support import SIZE, goal_id, indicator, make_app, read, sync
from tests.test_loss_workbench import (
    CHILDREN,
    SERVICE,
    SICK,
    TOP,
    _cell,
    _messages,
    _sick_outcome_cell,
)
from tui.screens.main import MainScreen
from tui.widgets.report_tree import Ref

# -- 3. undo compares values by type; a step that cannot be undone never blocks ---------


@pytest.mark.parametrize(
    ("entity", "field", "value"),
    [
        ("activity", "deviation", True),  # bool, stored as 1
        ("activity", "end_date", dt.date(2023, 12, 31)),  # date, stored as text
        ("activity", "start_date", None),  # date to null
        ("goal", "assessment", Assessment.EJ),  # enum
        ("goal", "assessment", None),  # enum to null
        ("goal", "analys", "Ny analys."),  # text
        ("goal", "description", "Från tomt."),  # empty text to text
        ("indicator", "outcome", "1,9 %"),  # a value as printed
        ("indicator", "direction", None),  # enum to null
    ],
)
def test_revert_and_reapply_every_field_type(
    db_path: Path, entity: str, field: str, value: Any
) -> None:
    with Store(db_path) as s:
        report = s.reports()[0].id
        model: Activity | Goal | Indicator
        if entity == "activity":
            model = s.activities(goal_id(db_path, CHILDREN))[0]
        elif entity == "indicator":
            model = s.get("indicator", indicator(db_path, SICK).id)
        else:
            model = s.get("goal", goal_id(db_path, SERVICE))
        before = getattr(model, field)
        change = s.update(entity, model.id, field, value, expected=before)
        assert change is not None
        assert s.history(report)[-1] == change
        s.revert(change)
        assert getattr(s.get(entity, model.id), field) == before
        s.reapply(change)
        assert getattr(s.get(entity, model.id), field) == value


@sync
async def test_undo_of_a_deviation_toggle(db_path: Path) -> None:
    gid = goal_id(db_path, CHILDREN)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        app.screen.detail.activity_table.focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        with read(db_path) as s:
            assert s.activities(gid)[0].deviation is True
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not [m for m in _messages(app) if m[0].startswith("Kunde inte")]
        with read(db_path) as s:
            assert s.activities(gid)[0].deviation is False
        await pilot.press("ctrl+y")
        await pilot.pause()
    with read(db_path) as s:
        assert s.activities(gid)[0].deviation is True
        act_id = s.activities(gid)[0].id
        changes = [(c.old, c.new) for c in s.field_history("activity", act_id, "deviation")]
        assert changes == [("0", "1"), ("1", "0"), ("0", "1")]  # newest first


@sync
async def test_a_step_that_cannot_be_undone_does_not_block_the_older_ones(db_path: Path) -> None:
    gid = goal_id(db_path, TOP)
    ind = indicator(db_path, SICK)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        table = await _sick_outcome_cell(app, pilot, db_path)
        await pilot.press("e", *"1,9 %", "enter")  # the older step
        await pilot.pause()
        app.screen.select(Ref("goal", gid))
        await pilot.pause()
        await pilot.press("a", "e")  # the newest step: helt → ej
        await pilot.pause()
        with Store(db_path) as other:  # someone sets the assessment again meanwhile
            other.update("goal", gid, "assessment", "delvis")
        await pilot.press("ctrl+z")
        await pilot.pause()
        failed = [m for m in _messages(app) if m[0].startswith("Kunde inte")]
        assert len(failed) == 1
        title, text = failed[0]
        assert title == "Kunde inte ångra"
        assert "Uppfylls delvis" in text and "Uppfylls ej" in text
        with read(db_path) as s:
            assert s.get("goal", gid).assessment == Assessment.DELVIS  # theirs, untouched
        await pilot.press("ctrl+z")  # goes on to the older step
        await pilot.pause()
        assert len([m for m in _messages(app) if m[0].startswith("Kunde inte")]) == 1
        assert app.screen.editor.position == 0
        app.screen.select(Ref("goal", goal_id(db_path, SERVICE)))
        await pilot.pause()
        assert any(r == "2,1 %" for r in map(str, table.get_row_at(1)))
    assert indicator(db_path, SICK).outcome == "2,1 %"
    with read(db_path) as s:
        assert s.get("goal", gid).assessment == Assessment.DELVIS
        assert s.field_history("indicator", ind.id, "outcome")[0].new == "2,1 %"


# -- 4. a backup that cannot be made costs no edit --------------------------------------


def test_backup_folder_name_taken_costs_no_edit(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = backup_dir(db_path)
    taken.write_text("not a folder")
    with Store(db_path, auto_backup=True) as s:
        heard: list[str] = []
        s.on_backup_failure = heard.append
        gid = goal_id(db_path, TOP)
        s.update("goal", gid, "analys", "Dagens första ändring.")
        s.update("goal", gid, "analys", "Och den andra.")
        assert s.get("goal", gid).analys == "Och den andra."
        assert len(heard) == 1 and taken.name in heard[0]  # said once
        assert s.backup_failure == heard[0]
    assert taken.read_text() == "not a folder"
    assert capsys.readouterr() == ("", "")  # the store prints nothing


@sync
async def test_backup_failure_is_said_once_in_the_workbench(db_path: Path) -> None:
    backup_dir(db_path).write_text("")
    store = Store(db_path, auto_backup=True)
    from tui.app import TertialApp

    app = TertialApp(store)
    async with app.run_test(size=SIZE) as pilot:
        table = await _sick_outcome_cell(app, pilot, db_path)
        await pilot.press("e", *"1,9 %", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # no crash, the editor closed: saved
        assert _cell(table) == "1,9 %"
        await pilot.press("e", *"1,8 %", "enter")
        await pilot.pause()
        said = [m for t, m in _messages(app) if t == "Ingen säkerhetskopia"]
        assert len(said) == 1 and "report-backups" in said[0]
    store.close()
    assert indicator(db_path, SICK).outcome == "1,8 %"
