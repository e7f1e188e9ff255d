"""Carrying a report forward (issue 12 §2): the table's rules, checked in the database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from exports.tables import (
    activities_table,
    economy_table,
    economy_tables,
    goals_table,
    indicators_table,
    walk,
    walk_sections,
)
from store.carry import PERIODS
from store.errors import InvalidValue, NotFound
from store.models import Activity, Goal, Indicator, ReportDocument, ReportKind, Section
from store.sample import load_sample
from store.schema import SCHEMA_VERSION
from store.store import Store
from tests.util import older_copy


@pytest.fixture
def sample(tmp_path: Path):  # noqa: ANN201
    with Store(tmp_path / "sample.db", create=True) as store:
        store.add_document(load_sample(), source="sample")
        yield store


def items(doc: ReportDocument) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("section", s) for s, _ in walk_sections(doc.sections)]
    for g, _ in walk(doc.goals):
        out.append(("goal", g))
        out += [("indicator", i) for i in g.indicators]
        out += [("activity", a) for a in g.activities]
    return out


def not_empty(model: object, fields: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f for f in fields if getattr(model, f) not in (None, ""))


def test_same_year_carries_by_the_table(sample: Store) -> None:
    # One activity flagged, so "carried with dates and Avvikelse" can be seen.
    src_doc = sample.document(1)
    flagged = next(a for g, _ in walk(src_doc.goals) for a in g.activities)
    sample.update("activity", flagged.id, "deviation", True)
    src = sample.document(1)

    new_id = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    new = sample.document(new_id)

    assert new.report.period == "januari–december" == PERIODS[ReportKind.VB]
    assert sample.carried_from_report(new_id).id == 1  # type: ignore[union-attr]
    # Goal tree at every level: titles, numbers, order, and assessments.
    assert goals_table(new).rows == goals_table(src).rows
    # Activities: all of them, with dates and Avvikelse.
    assert activities_table(new).rows == activities_table(src).rows
    assert any(r[-1] == "Avvikelse" for r in activities_table(new).rows)
    # Indicators: name, unit, direction, Period, Utfall VB 2022, targets carried; this
    # period's values empty.
    src_items, new_items = items(src), items(new)
    assert [k for k, _ in src_items] == [k for k, _ in new_items]
    for (kind, old), (_, copy) in zip(src_items, new_items, strict=True):
        assert copy.carried_from == old.id, (kind, old)  # type: ignore[attr-defined]
        if isinstance(old, Indicator):
            for f in ("name", "unit", "direction", "period", "previous", "target", "kf_target"):
                assert getattr(copy, f) == getattr(old, f), f
            for f in ("outcome", "outcome_men", "outcome_women", "forecast", "to_check"):
                assert getattr(copy, f) == "", f
            assert copy.analys == old.analys  # type: ignore[attr-defined]
            assert copy.unreviewed == not_empty(old, ("analys",))  # type: ignore[attr-defined]
        elif isinstance(old, Goal):
            assert (copy.analys, copy.expected_result, copy.description) == (  # type: ignore[attr-defined]
                old.analys,
                old.expected_result,
                old.description,
            )
            assert copy.unreviewed == not_empty(old, Goal.REVIEWABLE)  # type: ignore[attr-defined]
        elif isinstance(old, Activity):
            assert copy.unreviewed == not_empty(old, ("analys",))  # type: ignore[attr-defined]
        elif isinstance(old, Section):
            assert (copy.title, copy.body, copy.kind) == (old.title, old.body, old.kind)  # type: ignore[attr-defined]
            assert copy.unreviewed == not_empty(old, ("body",))  # type: ignore[attr-defined]
    # The sample has them all: assessments, every goal text, indicator analyses, prose.
    marked = {f for _, m in new_items for f in m.unreviewed}  # type: ignore[attr-defined]
    assert marked == {"assessment", "analys", "expected_result", "description", "body"}
    # Economy: headings, row labels and totals carried, every value empty.
    old_tables, new_tables = economy_tables(src), economy_tables(new)
    assert len(new_tables) == len(old_tables) == 3
    for old_t, new_t in zip(old_tables, new_tables, strict=True):
        a, b = economy_table(old_t), economy_table(new_t)
        assert (b.headers, b.title, b.key, b.totals) == (a.headers, a.title, a.key, a.totals)
        assert [r[0] for r in b.rows] == [r[0] for r in a.rows]
        assert all(cell == "" for r in b.rows for cell in r[1:])
    # In the database itself.
    (n,) = sample.conn.execute(
        "SELECT count(*) FROM indicators i JOIN goals g ON g.id = i.goal_id "
        "WHERE g.report_id = ? AND (i.outcome != '' OR i.forecast != '')",
        (new_id,),
    ).fetchone()
    assert n == 0
    # One entry in the history for the whole carry.
    (change,) = sample.history(new_id)
    assert (change.entity, change.field, change.entity_id) == ("report", "created", new_id)
    assert "förd vidare från Servicenämnden Tertialrapport 2 2023" in change.field_label


def test_next_year_from_the_vb(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    doc = sample.document(vb)
    indicators = [i for g, _ in walk(doc.goals) for i in g.indicators]
    for n, ind in enumerate(indicators):
        sample.update("indicator", ind.id, "outcome", f"{n},5 %")
    acts = [a for g, _ in walk(doc.goals) for a in g.activities]
    # Ends in the new year (flagged), has no end, ends on the last day of the old year.
    sample.update("activity", acts[0].id, "end_date", "2024-06-30")
    sample.update("activity", acts[0].id, "deviation", True)
    sample.update("activity", acts[1].id, "end_date", None)
    sample.update("activity", acts[2].id, "end_date", "2023-12-31")

    t1 = sample.new_report("Servicenämnden", "T1", 2024, from_report=vb)
    new = sample.document(t1)
    assert new.report.period == "januari–april"
    new_indicators = [i for g, _ in walk(new.goals) for i in g.indicators]
    # Utfall VB 2023 is the VB's Periodens utfall, row for row.
    assert [i.previous for i in new_indicators] == [f"{n},5 %" for n in range(len(indicators))]
    assert indicators_table(new).headers[2 + 3] == "Utfall VB 2023"
    # Årsmål and KF:s årsmål carried, and marked unreviewed where there is one.
    for old, copy in zip(indicators, new_indicators, strict=True):
        assert (copy.target, copy.kf_target) == (old.target, old.kf_target)
        assert copy.unreviewed == not_empty(old, ("target", "kf_target", "analys"))
        assert copy.outcome == ""
    assert any("kf_target" in i.unreviewed for i in new_indicators)
    # Only activities still running on 1 January 2024, with Avvikelse cleared.
    carried = {a.carried_from: a for g, _ in walk(new.goals) for a in g.activities}
    assert set(carried) == {acts[0].id, acts[1].id}
    assert carried[acts[0].id].end_date == dt.date(2024, 6, 30)
    assert not carried[acts[0].id].deviation
    assert carried[acts[1].id].end_date is None


def test_next_year_from_a_t2_leaves_utfall_vb_empty(sample: Store) -> None:
    t1 = sample.new_report("Servicenämnden", "T1", 2024, from_report=1)
    new = sample.document(t1)
    assert all(i.previous == "" for g, _ in walk(new.goals) for i in g.indicators)
    # Every activity of the sample ends in 2023.
    assert activities_table(new).rows == []
    # Targets are marked unreviewed next year.
    assert any("target" in i.unreviewed for g, _ in walk(new.goals) for i in g.indicators)


def test_a_year_skipped_leaves_utfall_vb_empty(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    ind = next(i for g, _ in walk(sample.document(vb).goals) for i in g.indicators)
    sample.update("indicator", ind.id, "outcome", "90")
    t1 = sample.new_report("Servicenämnden", "T1", 2025, from_report=vb)
    assert all(i.previous == "" for g, _ in walk(sample.document(t1).goals) for i in g.indicators)


def test_carry_refuses_backwards_existing_and_unknown(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    before = sample.conn.execute("SELECT count(*) FROM goals").fetchone()
    with pytest.raises(InvalidValue, match="bakåt"):
        sample.new_report("Servicenämnden", "T1", 2023, from_report=vb)
    with pytest.raises(InvalidValue, match="finns redan"):
        sample.new_report("Servicenämnden", "T2", 2023, from_report=vb)
    with pytest.raises(NotFound):
        sample.new_report("Servicenämnden", "T1", 2024, from_report=99)
    with pytest.raises(InvalidValue, match="1900"):
        sample.new_report("Servicenämnden", "T1", 1899)
    with pytest.raises(InvalidValue, match="Typ"):
        sample.new_report("Servicenämnden", "T3", 2024)
    assert sample.conn.execute("SELECT count(*) FROM goals").fetchone() == before
    assert len(sample.reports()) == 2


def test_carry_is_one_transaction(sample: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import store.carried

    def fail(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.carried, "record_created", fail)
    counts = [
        sample.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("reports", "goals", "indicators", "sections", "economy_rows", "changes")
    ]
    with pytest.raises(Exception, match="disk I/O"):
        sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    assert counts == [
        sample.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("reports", "goals", "indicators", "sections", "economy_rows", "changes")
    ]


def test_another_organisation_may_start_from_a_report(sample: Store) -> None:
    other = sample.new_report("Kulturnämnden", "T2", 2023, from_report=1)
    assert goals_table(sample.document(other)).rows == goals_table(sample.document(1)).rows
    assert sample.report(other).organisation == "Kulturnämnden"


# -- unreviewed marks ------------------------------------------------------------------


def test_editing_a_field_clears_its_mark_only(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    goal = next(g for g, _ in walk(sample.document(vb).goals) if g.expected_result and g.assessment)
    assert {"assessment", "expected_result"} <= goal.unreviewed
    sample.update("goal", goal.id, "expected_result", "Ny text.")
    (marks,) = sample.conn.execute(
        "SELECT unreviewed FROM goals WHERE id = ?", (goal.id,)
    ).fetchone()
    assert "expected_result" not in marks.split(",") and "assessment" in marks.split(",")
    sample.update("goal", goal.id, "assessment", "ej")
    assert sample.get("goal", goal.id).unreviewed == goal.unreviewed - {
        "expected_result",
        "assessment",
    }
    # Indicators and sections too.
    ind = next(i for i in sample.previous_values(vb) if sample.get("indicator", i).unreviewed)
    sample.update("indicator", ind, "analys", "Ny analys.")
    assert "analys" not in sample.get("indicator", ind).unreviewed
    section = next(s for s, _ in walk_sections(sample.sections(vb)) if s.unreviewed)
    sample.update("section", section.id, "body", "Ny text.")
    assert sample.get("section", section.id).unreviewed == frozenset()


def test_confirming_an_item_is_recorded_and_undone(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    items_before = sample.unreviewed_items(vb)
    first = items_before[0]
    assert first.entity == "goal" and first.fields
    change = sample.confirm_reviewed("goal", first.id)
    assert change is not None and change.field == "unreviewed"
    assert change.field_label == "Ej granskad"
    assert sample.get("goal", first.id).unreviewed == frozenset()
    assert len(sample.unreviewed_items(vb)) == len(items_before) - 1
    assert sample.history(vb)[-1].id == change.id
    assert sample.confirm_reviewed("goal", first.id) is None  # nothing left to confirm
    sample.revert(change)
    assert sample.get("goal", first.id).unreviewed == first.fields
    sample.reapply(change)
    assert sample.get("goal", first.id).unreviewed == frozenset()
    # Part of an item: the other marks stay.
    second = next(u for u in items_before[1:] if u.entity == "goal" and len(u.fields) > 1)
    one = sorted(second.fields)[0]
    sample.confirm_reviewed("goal", second.id, [one])
    assert sample.get("goal", second.id).unreviewed == second.fields - {one}


def test_unreviewed_items_count_everything_carried(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    doc = sample.document(vb)
    expected = sum(1 for _, m in items(doc) if m.unreviewed)  # type: ignore[attr-defined]
    found = sample.unreviewed_items(vb)
    assert len(found) == expected > 0
    assert {u.entity for u in found} == {"goal", "indicator", "activity", "section"}
    assert sample.unreviewed_items(1) == []


# -- where things came from ------------------------------------------------------------


def test_previous_values_and_origin(sample: Store) -> None:
    ind = next(i for g, _ in walk(sample.document(1).goals) for i in g.indicators)
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    previous = sample.previous_values(vb)
    assert len(previous) == 42
    copy = next(i for i, o in previous.items() if o.item.id == ind.id)
    origin = previous[copy]
    assert f"{origin.label}: {origin.item.outcome}" == f"T2 2023: {ind.outcome}" == "T2 2023: 87"
    assert origin.report.id == 1
    assert sample.origin("indicator", copy).item == ind  # type: ignore[union-attr]
    goal = next(g for g, _ in walk(sample.document(vb).goals) if g.analys)
    before = sample.origin("goal", goal.id)
    sample.update("goal", goal.id, "analys", "Omskriven.")
    assert before is not None and sample.origin("goal", goal.id).item.analys == before.item.analys  # type: ignore[union-attr]
    assert sample.origin("goal", goal.carried_from) is None  # type: ignore[arg-type]


def test_a_link_comes_back_when_its_source_is_restored(sample: Store) -> None:
    vb = sample.new_report("Servicenämnden", "VB", 2023, from_report=1)
    nm = next(g for g, _ in walk(sample.document(vb).goals) if g.level == 3 and g.indicators)
    source_goal = nm.carried_from
    deleted = sample.delete("goal", source_goal)  # type: ignore[arg-type]
    assert sample.origin("goal", nm.id) is None
    assert sample.get("goal", nm.id).carried_from == source_goal  # stored, not cleared
    sample.restore(deleted)
    assert sample.origin("goal", nm.id).item.id == source_goal  # type: ignore[union-attr]


def test_new_report_from_goals_or_empty(sample: Store) -> None:
    from store.sample import load_city_goals

    kf = sample.new_report("Kulturnämnden", "T1", 2024, goals=load_city_goals(2023))
    doc = sample.document(kf)
    goals = [g for g, _ in walk(doc.goals)]
    assert [g.level for g in goals].count(1) == 3 and [g.level for g in goals].count(2) == 16
    assert len(goals) == 19 and doc.sections == []
    src = [(g.level, g.code, g.title) for g, _ in walk(sample.document(1).goals) if g.level < 3]
    assert [(g.level, g.code, g.title) for g in goals] == src
    assert all(
        g.assessment is None and not (g.analys or g.indicators or g.activities or g.unreviewed)
        for g in goals
    )
    assert all(g.carried_from is None for g in goals)
    empty = sample.new_report("Kulturnämnden", "T2", 2024)
    assert sample.goal_tree(empty) == [] and sample.sections(empty) == []
    assert sample.report(empty).period == "januari–augusti"
    with pytest.raises(InvalidValue):
        sample.new_report("Kulturnämnden", "VB", 2024, from_report=1, goals=load_city_goals(2023))


# -- the schema ------------------------------------------------------------------------


def test_migration_from_version_3_keeps_every_report(sample: Store, tmp_path: Path) -> None:
    old = tmp_path / "v3.db"
    sample.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    older_copy(sample.path, old, 3)
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 3
    with Store(old) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert store.document(1) == sample.document(1)
        assert store.unreviewed_items(1) == []
        vb = store.new_report("Servicenämnden", "VB", 2023, from_report=1)
        assert store.unreviewed_items(vb)
