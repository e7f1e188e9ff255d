"""Shaping a report in the store (issue 12 §4): moves, a goal under another parent, a goal's
number and title, economy cells, rows and columns. Each is recorded and undone by revert."""

from __future__ import annotations

import pytest

from store.errors import InvalidValue
from store.models import Change, Goal, Level
from store.store import Store
from tests.util import content


def _undo(store: Store, changes: list[Change]) -> None:
    with store.batch():
        for c in reversed(changes):
            store.revert(c)


def _redo(store: Store, changes: list[Change]) -> None:
    with store.batch():
        for c in changes:
            store.reapply(c)


def _order(store: Store, parent_id: int | None) -> list[int]:
    cur = store.conn.execute(
        "SELECT id FROM goals WHERE report_id = 1 AND parent_id IS ? ORDER BY position, id",
        (parent_id,),
    )
    return [r[0] for r in cur]


def test_move_goal_among_siblings_and_undo(store: Store) -> None:
    before = content(store.document(1))
    top = _order(store, None)
    changes = store.move("goal", top[1], -1)
    assert _order(store, None) == [top[1], top[0], *top[2:]]
    # The automatic numbers follow the order (tests/test_store_numbering.py has the rest).
    assert {c.field for c in changes} == {"position", "code"}
    assert [g.code for g in store.goal_tree(1)] == [str(n) for n in range(1, len(top) + 1)]
    assert store.move("goal", top[1], -1) == []  # first already: nothing to do
    _undo(store, changes)
    assert _order(store, None) == top
    assert content(store.document(1)) == before
    _redo(store, changes)
    assert _order(store, None) == [top[1], top[0], *top[2:]]


def test_move_indicator_and_economy_row(store: Store) -> None:
    from store.store import walk_goals

    goal = next(g for g in walk_goals(store.document(1).goals) if len(g.indicators) > 1)
    ids = [i.id for i in store.indicators(goal.id)]  # type: ignore[arg-type]
    store.move("indicator", ids[0], 1)
    assert [i.id for i in store.indicators(goal.id)] == [ids[1], ids[0], *ids[2:]]  # type: ignore[arg-type]
    table = store.economy_tables(1)[0]
    rows = [r.id for r in table.rows]
    store.move("economy_row", rows[-1], -1)
    assert [r.id for r in store.economy_table(table.id).rows] == [*rows[:-2], rows[-1], rows[-2]]  # type: ignore[arg-type]


def _area(store: Store, parent_id: int, code: str) -> int:
    goal = Goal(level=2, code=code, title=f"Områdesmål {code}", parent_id=parent_id)
    return store.add("goal", goal).entity_id


def test_reparent_goal_and_undo(store: Store) -> None:
    first, second = store.goal_tree(1)[:2]
    area = first.children[0]
    other = _area(store, second.id, "2.1")  # type: ignore[arg-type]
    assert [g.id for g in store.parent_choices(area.id)] == [second.id]  # type: ignore[arg-type]
    changes = store.reparent_goal(area.id, second.id)  # type: ignore[arg-type]
    assert store.goal(area.id).parent_id == second.id  # type: ignore[arg-type]
    assert _order(store, second.id) == [other, area.id]
    assert _order(store, first.id) == []
    assert [c.field for c in changes] == ["parent_id", "position", "code"]
    assert store.goal(area.id).code == "2.2"  # type: ignore[arg-type]  # the next under 2
    # Its nämndmål went with it.
    moved = store.goal_tree(1)[1].children[1]
    assert (moved.id, len(moved.children)) == (area.id, len(area.children))
    _undo(store, changes)
    assert store.goal(area.id).parent_id == first.id  # type: ignore[arg-type]
    assert _order(store, first.id) == [area.id]
    assert store.reparent_goal(area.id, first.id) == []  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="kan bara ligga under"):
        store.reparent_goal(area.id, area.children[0].id)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="överst"):
        store.reparent_goal(first.id, second.id)  # type: ignore[arg-type]


def test_goal_heading_renumbered_and_undone(store: Store) -> None:
    first = store.goal_tree(1)[0]
    area = first.children[0]
    changes = store.set_goal_heading(area.id, "1.9", "Ny titel")  # type: ignore[arg-type]
    g = store.goal(area.id)  # type: ignore[arg-type]
    assert (g.code, g.title) == ("1.9", "Ny titel")
    assert [c.field for c in changes] == ["code", "title"]
    _undo(store, changes)
    g = store.goal(area.id)  # type: ignore[arg-type]
    assert (g.code, g.title) == (area.code, area.title)
    _area(store, first.id, "1.2")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="finns redan"):
        store.set_goal_heading(area.id, "1.2", "X")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="passar inte"):
        store.set_goal_heading(area.id, "1", "X")  # type: ignore[arg-type]
    assert store.goal(area.id).code == area.code  # type: ignore[arg-type]


def test_economy_cell_validated_and_undone(store: Store) -> None:
    table = store.economy_tables(1)[0]
    row = table.rows[0]
    change = store.set_cell(row.id, 1, "12,5")  # type: ignore[arg-type]
    assert change is not None
    assert store.get("economy_row", row.id).cells[1] == "12,5"
    with pytest.raises(InvalidValue) as refused:
        store.set_cell(row.id, 1, "12.5")  # type: ignore[arg-type]
    assert refused.value.reason
    assert store.get("economy_row", row.id).cells[1] == "12,5"
    store.revert(change)
    assert store.get("economy_row", row.id).cells == row.cells


def test_economy_columns_added_renamed_removed_and_undone(store: Store) -> None:
    before = content(store.document(1))
    table = store.economy_tables(1)[0]
    width = len(table.columns)
    added = store.add_column(table.id, "Prognos", at=1)  # type: ignore[arg-type]
    t = store.economy_table(table.id)  # type: ignore[arg-type]
    assert t.columns[1] == "Prognos" and len(t.columns) == width + 1
    assert all(len(r.cells) == width + 1 and r.cells[1] == "" for r in t.rows if r.cells)
    renamed = store.rename_column(table.id, 1, "Prognos helår")  # type: ignore[arg-type]
    assert store.economy_table(table.id).columns[1] == "Prognos helår"  # type: ignore[arg-type]
    removed = store.remove_column(table.id, 0)  # type: ignore[arg-type]
    t = store.economy_table(table.id)  # type: ignore[arg-type]
    assert t.columns[0] == "Prognos helår" and len(t.columns) == width
    _undo(store, [*added, renamed, *removed])  # type: ignore[list-item]
    assert content(store.document(1)) == before


def test_economy_row_added_marked_total_and_removed(store: Store) -> None:
    table = store.economy_tables(1)[0]
    change = store.add_economy_row(table.id, "Övrigt")  # type: ignore[arg-type]
    row = store.get("economy_row", change.entity_id)
    assert row.cells == [""] * len(table.columns)
    store.update("economy_row", row.id, "is_total", True)
    assert store.economy_table(table.id).rows[-1].is_total  # type: ignore[arg-type]
    gone = store.delete("economy_row", row.id)
    assert len(store.economy_table(table.id).rows) == len(table.rows)  # type: ignore[arg-type]
    store.revert(gone)
    assert store.economy_table(table.id).rows[-1].label == "Övrigt"  # type: ignore[arg-type]


def test_goal_levels_kept(store: Store) -> None:
    area = store.goal_tree(1)[0].children[0]
    assert area.level == Level.OMRADESMAL
    with pytest.raises(InvalidValue, match="inget nummer"):
        store.set_goal_heading(area.children[0].id, "1.1", "X")  # type: ignore[arg-type]


def test_report_fields_changed_in_one_step_and_undone(store: Store) -> None:
    before = store.report(1)
    changes = store.set_report(1, "Kulturnämnden", "vb", "2024", "januari–december")
    r = store.report(1)
    assert (r.organisation, r.kind, r.year, r.period) == (
        "Kulturnämnden",
        "VB",
        2024,
        "januari–december",
    )
    assert [c.field for c in changes] == ["organisation_id", "kind", "year", "period"]
    assert all(c.report_id == 1 and c.entity == "report" for c in changes)
    _undo(store, changes)
    assert store.report(1) == before
    with pytest.raises(InvalidValue, match="T1, T2 eller VB"):
        store.set_report(1, before.organisation, "T3", 2023, "")
    with pytest.raises(InvalidValue, match="1900"):
        store.set_report(1, before.organisation, "T1", 1800, "")
    assert store.report(1) == before


def test_report_clash_refused(store: Store) -> None:
    from tests.factories import small_document

    store.add_document(small_document(year=2024))
    with pytest.raises(InvalidValue, match="har redan Tertialrapport 2 2024"):
        store.set_report(1, store.report(1).organisation, "T2", 2024, "")
    assert store.report(1).year == 2023
