import sqlite3
from pathlib import Path
from typing import Any

import pytest

from store.errors import Conflict, InvalidValue, NotFound, ReadOnlyFile
from store.models import Activity, Goal, Indicator, Level
from store.store import Store, walk_goals
from tests.factories import small_document
from tests.util import content


def test_round_trip_of_every_table(store: Store) -> None:
    (report,) = store.reports()
    assert content(store.document(report.id)) == content(small_document())


def test_many_reports_in_one_file(store: Store) -> None:
    store.add_document(small_document("Kulturnämnden", 2022))
    store.add_document(small_document("Testnämnden", 2024))
    names = [(r.organisation, r.year) for r in store.reports()]
    assert names == [("Kulturnämnden", 2022), ("Testnämnden", 2023), ("Testnämnden", 2024)]
    # Which report the workbench opens is picked from the ids alone, in the same order.
    assert store.report_ids() == [r.id for r in store.reports()] == [2, 1, 3]
    with pytest.raises(Exception, match="finns redan"):
        store.add_document(small_document("Kulturnämnden", 2022))


def test_goal_tree_and_goal(store: Store) -> None:
    tree = store.goal_tree(1)
    assert [g.code for g in tree] == ["1", "2"]
    namndmal = tree[0].children[0].children[0]
    assert namndmal.level == Level.NAMNDMAL and namndmal.indicators == []
    full = store.goal(namndmal.id)
    assert [i.name for i in full.indicators] == ["Andel nöjda medborgare", "Sjukfrånvaro dag 1-14"]


def _namndmal(store: Store) -> Goal:
    return store.goal_tree(1)[0].children[0].children[0]


def test_update_records_history_in_one_transaction(store: Store, db_path: Path) -> None:
    g = _namndmal(store)
    change = store.update("goal", g.id, "assessment", "Uppfylls helt")
    assert change is not None and (change.old, change.new) == ("delvis", "helt")
    assert change.subject == g.title and change.field_label == "Bedömning"
    # Seen by another connection at once: committed, not pending.
    with sqlite3.connect(db_path) as other:
        assert other.execute("SELECT assessment FROM goals WHERE id = ?", (g.id,)).fetchone() == (
            "helt",
        )
        assert other.execute("SELECT count(*) FROM changes").fetchone() == (1,)
    assert store.update("goal", g.id, "assessment", "helt") is None  # unchanged: no record


def test_refused_value_changes_nothing(store: Store) -> None:
    ind = store.indicators(_namndmal(store).id)[0]
    with pytest.raises(InvalidValue) as exc:
        store.update("indicator", ind.id, "outcome", "87.500")  # thousands or decimals?
    assert exc.value.field == "Periodens utfall" and "decimalkomma" in exc.value.reason
    assert store.get("indicator", ind.id).outcome == "87"
    assert store.history(1) == []


def test_conflict_when_changed_on_disk(store: Store, db_path: Path) -> None:
    ind = store.indicators(_namndmal(store).id)[0]
    with Store(db_path) as other:
        other.update("indicator", ind.id, "outcome", "90")
    with pytest.raises(Conflict) as exc:
        store.update("indicator", ind.id, "outcome", "91", expected="87")
    assert (exc.value.shown, exc.value.on_disk) == ("87", "90")
    assert store.get("indicator", ind.id).outcome == "90"


def test_update_many_is_all_or_nothing(store: Store) -> None:
    a, b = store.indicators(_namndmal(store).id)
    with pytest.raises(InvalidValue):
        store.update_many(
            [("indicator", a.id, "outcome", "88"), ("indicator", b.id, "target", "2.000")]
        )
    assert store.get("indicator", a.id).outcome == "87"
    changes = store.update_many(
        [("indicator", a.id, "outcome", "88"), ("indicator", b.id, "target", "3 %")]
    )
    assert [c.source for c in changes] == ["import", "import"]


def _stamp(path: Path) -> int:
    """The file's write counter (store.wal): one higher for every committed transaction."""
    import sqlite3

    from store.wal import STAMP_KEY, parse_stamp

    conn = sqlite3.connect(path)
    try:
        (value,) = conn.execute(
            "SELECT value FROM app_state WHERE key = ?", (STAMP_KEY,)
        ).fetchone()
    finally:
        conn.close()
    return parse_stamp(value)[1]


def test_update_many_is_one_transaction(store: Store, db_path: Path) -> None:
    """Three edits, one commit: another program sees all of them or none, never a part."""
    a, b = store.indicators(_namndmal(store).id)
    store.update("indicator", a.id, "outcome", "86")  # so the file has a stamp
    before = _stamp(db_path)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        changes = store.update_many(
            [
                ("indicator", a.id, "outcome", "88"),
                ("indicator", b.id, "target", "3 %"),
                ("indicator", a.id, "previous", "70"),
            ]
        )
    finally:
        store.conn.set_trace_callback(None)
    assert len(changes) == 3
    assert _stamp(db_path) == before + 1
    assert [s for s in statements if s.split()[0] in ("BEGIN", "COMMIT")] == [
        "BEGIN IMMEDIATE",
        "COMMIT",
    ]
    with Store(db_path) as other:
        assert [c.id for c in other.history(1)[-3:]] == [c.id for c in changes]


def test_add_delete_restore_undo_redo(store: Store) -> None:
    area = store.goal_tree(1)[0].children[0]

    def add(entity: str, model: Any) -> Any:  # add returns its change: read the new row
        return store.get(entity, store.add(entity, model).entity_id)

    added = add("goal", Goal(level=3, parent_id=area.id, title="Nytt nämndmål"))
    ind = add("indicator", Indicator(goal_id=added.id, name="Ny indikator", outcome="5 st"))
    act = add("activity", Activity(goal_id=added.id, text="Ny aktivitet"))
    assert [i.name for i in store.goal(added.id).indicators] == ["Ny indikator"]
    deletion = store.delete("goal", added.id)
    with pytest.raises(NotFound):
        store.goal(added.id)
    with pytest.raises(NotFound):
        store.get("indicator", ind.id)
    restored = store.revert(deletion)
    assert restored is not None and restored.field == "created"
    again = store.goal(added.id)
    assert [i.name for i in again.indicators] == ["Ny indikator"]
    assert [a.id for a in again.activities] == [act.id]
    # redo the deletion, undo it again
    store.reapply(deletion)
    with pytest.raises(NotFound):
        store.goal(added.id)


def test_add_refuses_wrong_places(store: Store) -> None:
    namndmal = _namndmal(store)
    with pytest.raises(InvalidValue):
        store.add("goal", Goal(level=3, parent_id=namndmal.id, title="Under ett nämndmål"))
    with pytest.raises(InvalidValue):
        store.add(
            "indicator", Indicator(goal_id=store.goal_tree(1)[0].id, name="På inriktningsmål")
        )


def test_history_filtered_by_goal(store: Store) -> None:
    g = _namndmal(store)
    store.update("goal", g.id, "analys", "Ny analys")
    store.update("goal", store.goal_tree(1)[1].id, "analys", "Annan")
    area = store.goal_tree(1)[0].children[0]
    assert [c.subject for c in store.history(1, area.id)] == [g.title]
    assert len(store.history(1)) == 2


def test_search_ranks_titles_first(store: Store) -> None:
    hits = store.search("nöjda", 1)
    assert [(h.kind, h.in_title) for h in hits] == [("indicator", True), ("goal", False)]
    assert "[Nöjda]" in hits[1].snippet
    ind = store.indicators(_namndmal(store).id)[1]
    store.update("indicator", ind.id, "name", "Korttidsfrånvaro")
    assert [h.title for h in store.search("korttid", 1)] == ["Korttidsfrånvaro"]
    assert store.search("sjukfrånvaro", 1) == []
    assert store.search('"OR NEAR(', 1) == []  # typed text is never FTS syntax


@pytest.mark.permissions
def test_read_only_file(db_path: Path) -> None:
    db_path.chmod(0o444)
    try:
        with Store(db_path) as store:
            assert store.read_only
            with pytest.raises(ReadOnlyFile):
                store.update("goal", 1, "analys", "x")
    finally:
        db_path.chmod(0o644)


def test_walk_goals_in_document_order(store: Store) -> None:
    titles = [g.label for g in walk_goals(store.goal_tree(1))]
    assert titles[:3] == [
        "1. Ett Stockholm som håller samman",
        "1.1 Alla barn ska ges goda villkor",
        "Servicenämnden ger god service",
    ]


def test_sample_round_trips_through_sqlite(tmp_path: Path) -> None:
    from store.sample import load_sample

    sample = load_sample()
    with Store(tmp_path / "s.db", create=True) as store:
        report_id = store.add_document(sample)
        assert content(store.document(report_id)) == content(sample)
        goals = list(walk_goals(store.goal_tree(report_id)))
        assert [len([g for g in goals if g.level == lvl]) for lvl in Level] == [3, 16, 20]


def test_one_section_and_one_economy_table(store: Store) -> None:
    economy = next(s for s in store.sections(1) if s.title == "Uppföljning av ekonomi")
    alone = store.section(economy.id)
    assert (alone.title, alone.children) == (economy.title, [])
    assert content(alone.tables) == content(economy.tables)
    table = store.economy_table(economy.tables[0].id)
    assert [r.label for r in table.rows] == [
        "Ekonomi",
        "Upphandling",
        "Resultat före bokslutsdisposition",
    ]
    with pytest.raises(NotFound):
        store.section(9999)
    with pytest.raises(NotFound):
        store.economy_table(9999)
