"""Goal numbers follow moves (issue 12 §4): K/J among siblings and M under another parent
renumber the goal, its siblings and the numbers below them where the numbers were the
automatic ones; a hand-typed sequence is left; one batch undoes it all."""

from __future__ import annotations

from store.models import Change, Goal
from store.store import Store
from tests.util import content


def _undo(store: Store, changes: list[Change]) -> None:
    with store.batch():
        for c in reversed(changes):
            store.revert(c)


def _codes(store: Store) -> list[tuple[str | None, str]]:
    """Every goal's (number, title) in the tree's order."""
    out: list[tuple[str | None, str]] = []

    def walk(goals: list[Goal]) -> None:
        for g in goals:
            out.append((g.code, g.title))
            walk(g.children)

    walk(store.goal_tree(1))
    return out


def _area(store: Store, parent_id: int, title: str, code: str | None = None) -> int:
    return store.add("goal", Goal(level=2, code=code, title=title, parent_id=parent_id)).entity_id


def _tops(store: Store) -> tuple[int, int]:
    first, second = store.goal_tree(1)
    return first.id or 0, second.id or 0


def test_moving_an_inriktningsmal_renumbers_it_its_sibling_and_their_omradesmal(
    store: Store,
) -> None:
    first, second = _tops(store)
    _area(store, second, "Klimat")  # numbered 2.1 when added
    _area(store, second, "Natur")  # 2.2
    before = content(store.document(1))
    changes = store.move("goal", second, -1)
    assert [(c, t) for c, t in _codes(store) if c] == [
        ("1", "Ett grönt Stockholm"),
        ("1.1", "Klimat"),
        ("1.2", "Natur"),
        ("2", "Ett Stockholm som håller samman"),
        ("2.1", "Alla barn ska ges goda villkor"),
    ]
    # Recorded like any change: the history says what each number was.
    assert {(c.field_label, c.old, c.new) for c in changes if c.field == "code"} >= {
        ("Nummer", "2", "1"),
        ("Nummer", "2.1", "1.1"),
        ("Nummer", "1.1", "2.1"),
    }
    _undo(store, changes)
    assert content(store.document(1)) == before


def test_moving_an_omradesmal_renumbers_its_siblings(store: Store) -> None:
    first, _ = _tops(store)
    area = store.goal_tree(1)[0].children[0].id or 0
    second = _area(store, first, "Trygg skola")  # 1.2
    third = _area(store, first, "Unga vuxna")  # 1.3
    store.move("goal", third, -1)
    store.move("goal", area, 1)
    kids = store.goal_tree(1)[0].children
    assert [(g.id, g.code) for g in kids] == [(third, "1.1"), (area, "1.2"), (second, "1.3")]


def test_numbers_typed_by_hand_are_left_as_they_are(store: Store) -> None:
    first, _ = _tops(store)
    area = store.goal_tree(1)[0].children[0].id or 0
    other = _area(store, first, "Trygg skola", "1.5")  # 1.1, 1.5: not the regular sequence
    changes = store.move("goal", other, -1)
    assert {c.field for c in changes} == {"position"}
    kids = store.goal_tree(1)[0].children
    assert [(g.id, g.code) for g in kids] == [(other, "1.5"), (area, "1.1")]


def test_moving_under_another_inriktningsmal_takes_the_next_number_there(store: Store) -> None:
    first, second = _tops(store)
    area = store.goal_tree(1)[0].children[0].id or 0
    later = _area(store, first, "Trygg skola")  # 1.2
    _area(store, second, "Klimat")  # 2.1
    before = content(store.document(1))
    changes = store.reparent_goal(area, second)
    assert [(c, t) for c, t in _codes(store) if c] == [
        ("1", "Ett Stockholm som håller samman"),
        ("1.1", "Trygg skola"),  # its old sibling closed up
        ("2", "Ett grönt Stockholm"),
        ("2.1", "Klimat"),
        ("2.2", "Alla barn ska ges goda villkor"),
    ]
    assert store.goal(later).code == "1.1"
    _undo(store, changes)
    assert content(store.document(1)) == before


def test_moving_under_a_parent_with_hand_typed_numbers_takes_one_after_the_highest(
    store: Store,
) -> None:
    first, second = _tops(store)
    area = store.goal_tree(1)[0].children[0].id or 0
    _area(store, second, "Klimat", "2.7")
    store.reparent_goal(area, second)
    assert store.goal(area).code == "2.8"
