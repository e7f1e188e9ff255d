"""One field's history, newest first, and the deletions that can still be brought back."""

from __future__ import annotations

from store.models import Goal, Indicator
from store.store import Store


def _namndmal(store: Store) -> Goal:
    return store.goal_tree(1)[0].children[0].children[0]


def test_field_history_newest_first_and_only_that_field(store: Store) -> None:
    g = _namndmal(store)
    store.update("goal", g.id, "analys", "Första")
    store.update("goal", g.id, "assessment", "ej")
    store.update("goal", g.id, "analys", "Andra", source="import")
    other = store.goal_tree(1)[1]
    store.update("goal", other.id, "analys", "Annat mål")
    changes = store.field_history("goal", g.id, "analys")
    assert [(c.old, c.new, c.source) for c in changes] == [
        ("Första", "Andra", "import"),
        ("", "Första", "app"),
    ]
    assert [c.new for c in store.field_history("goal", g.id, "assessment")] == ["ej"]
    assert store.field_history("goal", g.id, "description") == []


def test_deletions_skip_restored_and_orphaned(store: Store) -> None:
    g = _namndmal(store)
    first, second = store.indicators(g.id)
    gone = store.delete("indicator", first.id)
    assert [c.entity_id for c in store.deletions(1)] == [first.id]
    store.restore(gone)
    assert store.deletions(1) == []
    store.delete("indicator", first.id)
    # Deleted again: only the latest deletion is offered.
    (latest,) = store.deletions(1)
    assert latest.entity_id == first.id and latest.id > gone.id
    # Its goal goes too: the indicator alone can't come back, the goal can (with its rows).
    goal_gone = store.delete("goal", g.id)
    assert [(c.entity, c.entity_id) for c in store.deletions(1)] == [("goal", g.id)]
    store.restore(goal_gone)
    assert [i.id for i in store.indicators(g.id)] == [second.id]
    assert [(c.entity, c.entity_id) for c in store.deletions(1)] == [("indicator", first.id)]


def test_deletions_belong_to_their_report(store: Store) -> None:
    from tests.factories import small_document

    other = store.add_document(small_document("Andra nämnden", 2024))
    g = _namndmal(store)
    ind = store.get(
        "indicator", store.add("indicator", Indicator(goal_id=g.id, name="Ny")).entity_id
    )
    store.delete("indicator", ind.id)
    assert [c.subject for c in store.deletions(1)] == ["Ny"]
    assert store.deletions(other) == []
