"""Per-entity rules and batches: an economy row and a section are one more entry, compound
edits are one transaction, and `add` returns its change."""

from __future__ import annotations

import pytest

from store.entities import ENTITIES
from store.errors import Conflict, InvalidValue
from store.models import EconomyRow, Indicator, Section
from store.store import Store
from tests.util import content


def _namndmal_id(store: Store) -> int:
    return store.goal_tree(1)[0].children[0].children[0].id  # type: ignore[return-value]


def test_add_returns_its_change(store: Store) -> None:
    gid = _namndmal_id(store)
    change = store.add("indicator", Indicator(goal_id=gid, name="Antal besök"))
    assert (change.entity, change.field, change.goal_id) == ("indicator", "created", gid)
    assert change.id == store.history(1)[-1].id
    assert store.get("indicator", change.entity_id).name == "Antal besök"


def test_batch_is_one_transaction_all_or_nothing(store: Store) -> None:
    gid = _namndmal_id(store)
    before = content(store.document(1))
    with pytest.raises(Conflict), store.batch():
        store.update("goal", gid, "analys", "Ny analys")
        store.add("indicator", Indicator(goal_id=gid, name="Antal besök"))
        store.update("goal", gid, "title", "Annat", expected="inte det som står")
    assert content(store.document(1)) == before
    assert store.history(1) == []
    with store.batch():
        first = store.update("goal", gid, "analys", "Ny analys")
        with store.batch():  # nested: joins the outer one
            added = store.add("indicator", Indicator(goal_id=gid, name="Antal besök"))
        assert store.conn.in_transaction  # nothing committed before the outer batch ends
    assert not store.conn.in_transaction
    assert [c.id for c in store.history(1)] == [first.id, added.id]  # type: ignore[union-attr]


def test_economy_row_is_edited_undone_removed_and_restored(store: Store) -> None:
    (table,) = store.economy_tables(1)
    row = table.rows[0]
    change = store.update("economy_row", row.id, "cells", ["52,7", "42,3", "10,4"])  # type: ignore[arg-type]
    assert change is not None and change.subject == "Ekonomi" and change.report_id == 1
    assert store.economy_table(table.id).rows[0].cells == ["52,7", "42,3", "10,4"]  # type: ignore[arg-type]
    store.revert(change)  # the history's JSON text read back as the list it was
    assert store.economy_table(table.id).rows[0].cells == ["52,6", "42,3", "10,2"]  # type: ignore[arg-type]
    added = store.add(
        "economy_row", EconomyRow(table_id=table.id, label="Ny", cells=["1", "2", "3"])
    )
    assert [r.label for r in store.economy_table(table.id).rows][-1] == "Ny"  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="kolumner"):
        store.add("economy_row", EconomyRow(table_id=table.id, label="Fel", cells=["1"]))
    gone = store.delete("economy_row", added.entity_id)
    assert len(store.economy_table(table.id).rows) == 3  # type: ignore[arg-type]
    store.revert(gone)
    assert store.get("economy_row", added.entity_id).cells == ["1", "2", "3"]


def test_section_with_its_tables_removed_and_put_back(store: Store) -> None:
    before = content(store.document(1))
    economy = next(s for s in store.sections(1) if s.tables)
    deletion = store.delete("section", economy.id)  # type: ignore[arg-type]
    assert store.economy_tables(1) == []
    store.restore(deletion)
    assert content(store.document(1)) == before
    added = store.add("section", Section(report_id=1, title="Investeringar", body="Text."))
    assert store.sections(1)[-1].title == "Investeringar"
    child = store.add("section", Section(parent_id=added.entity_id, title="Del", body=""))
    assert [s.title for s in store.sections(1)[-1].children] == ["Del"]
    assert child.report_id == 1


def test_every_entity_has_its_rules() -> None:
    for name, e in ENTITIES.items():
        assert e.name == name and e.labels and e.parent is not None and e.place is not None
