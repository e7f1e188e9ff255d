"""What the speed work must not break, on a small archive made by the benchmark's generator.

The FTS index matches the content after every kind of change; reading one report
touches only that report's rows (indexes, never a scan of a whole table); the
generator is deterministic.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.search import _REPORT_ROWS
from store.store import Store, walk_goals
from tests.bench.generate import archive_digest, generate

ORGS, YEARS = 3, 2  # 18 reports


@pytest.fixture(scope="module")
def archive_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "archive.db"
    assert generate(path, ORGS, YEARS, seed=1) == ORGS * YEARS * 3
    return path


@pytest.fixture
def archive(archive_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    path.write_bytes(archive_master.read_bytes())
    return path


def _index(conn: sqlite3.Connection) -> set[tuple]:
    sql = "SELECT rowid, title, body, kind, entity_id, report_id, goal_id FROM search"
    return {tuple(r) for r in conn.execute(sql)}


def _content(conn: sqlite3.Connection) -> set[tuple]:
    rows: set[tuple] = set()
    for (rid,) in conn.execute("SELECT id FROM reports"):
        rows |= {tuple(r) for r in conn.execute(_REPORT_ROWS, {"r": rid})}
    return rows


def test_generator_is_deterministic(archive_master: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    generate(again, ORGS, YEARS, seed=1, workers=2)
    assert archive_digest(again) == archive_digest(archive_master)
    other = tmp_path / "other.db"
    generate(other, 1, 1, seed=2)
    first = tmp_path / "first.db"
    generate(first, 1, 1, seed=1)
    assert archive_digest(other) != archive_digest(first)


def test_archive_has_the_sample_shape(archive: Path) -> None:
    with Store(archive) as store:
        reports = store.reports()
        assert len(reports) == ORGS * YEARS * 3
        assert {r.kind.value for r in reports} == {"T1", "T2", "VB"}
        counts = store.conn.execute(
            "SELECT (SELECT count(*) FROM goals), (SELECT count(*) FROM indicators), "
            "(SELECT count(*) FROM activities), (SELECT count(*) FROM sections)"
        ).fetchone()
        assert tuple(counts) == tuple(n * len(reports) for n in (39, 42, 42, 31))
        doc = store.document(reports[-1].id)
        assert doc.report.year == 2023
        assert len({r.organisation for r in reports}) == ORGS


def test_fts_index_matches_content_after_changes(archive: Path) -> None:
    with Store(archive) as store:
        conn = store.conn
        assert _index(conn) == _content(conn)
        rid = store.reports()[4].id
        goal = store.goal_tree(rid)[0].children[0]
        old_word = "Zyxwordgammal"
        store.update("goal", goal.id, "analys", f"Analys med {old_word}.")
        assert [h.id for h in store.search(old_word)] == [goal.id]
        assert [h.id for h in store.search(old_word, rid)] == [goal.id]
        store.update("goal", goal.id, "analys", "Analys med Zyxwordny.")
        assert store.search(old_word) == [] and store.search(old_word, rid) == []
        assert [h.id for h in store.search("zyxwordny")] == [goal.id]

        holder = next(g for g in walk_goals(store.goal_tree(rid)) if store.indicators(g.id))
        ind = store.indicators(holder.id)[0]
        store.update("indicator", ind.id, "name", "Zyxindikator kvar")
        change = store.delete("indicator", ind.id)
        assert store.search("zyxindikator") == [] and store.search("zyxindikator", rid) == []
        store.restore(change)
        assert [h.id for h in store.search("zyxindikator", rid)] == [ind.id]
        assert [h.id for h in store.search("zyxindikator")] == [ind.id]
        assert _index(conn) == _content(conn)


def test_report_search_sees_other_connections_changes(archive: Path) -> None:
    with Store(archive) as reader, Store(archive) as writer:
        rid = reader.reports()[2].id
        goal = reader.goal_tree(rid)[1]
        assert reader.search("zyxandra", rid) == []
        writer.update("goal", goal.id, "title", "Zyxandra målet")
        assert [h.title for h in reader.search("zyxandra", rid)] == ["Zyxandra målet"]
        assert [h.report_id for h in reader.search("zyxandra")] == [rid]


def test_report_search_stays_within_the_report(archive: Path) -> None:
    with Store(archive) as store:
        ids = [r.id for r in store.reports()]
        for rid in ids[:3]:
            hits = store.search("förvaltningen", rid)
            assert hits and {h.report_id for h in hits} == {rid}
        assert len({h.report_id for h in store.search("förvaltningen")}) > 1


def _plans(store: Store, read) -> list[str]:  # noqa: ANN001
    """The query plan of every statement `read` runs."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        store.conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            rows = store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            plans += [r[3] for r in rows]
    return plans


BIG = ("goals", "indicators", "activities", "sections", "economy_tables", "economy_rows")


@pytest.mark.parametrize(
    "read",
    ["goal_tree", "sections", "document", "goal", "assessment_counts", "search_report"],
)
def test_reading_one_report_reads_only_its_rows(archive: Path, read: str) -> None:
    with Store(archive) as store:
        rid = store.reports()[7].id
        goal_id = store.goal_tree(rid)[0].children[0].id
        calls = {
            "goal_tree": lambda: store.goal_tree(rid),
            "sections": lambda: store.sections(rid),
            "document": lambda: store.document(rid),
            "goal": lambda: store.goal(goal_id),
            "assessment_counts": lambda: store.assessment_counts(rid),
            "search_report": lambda: store.search("förvaltningen", rid),
        }
        plans = _plans(store, calls[read])
        assert plans
        scans = [p for p in plans if p.startswith("SCAN") and p.split()[1] in BIG]
        assert scans == [], scans


def test_goal_tree_is_only_that_report(archive: Path) -> None:
    with Store(archive) as store:
        ids = [r.id for r in store.reports()]
        for rid in (ids[0], ids[-1]):
            stack = list(store.goal_tree(rid))
            seen = 0
            while stack:
                g = stack.pop()
                assert g.report_id == rid
                seen += 1
                stack += g.children
            assert seen == 39


def test_the_csv_references_read_the_exports_rows(archive: Path) -> None:
    """sqlite-utils and the sqlite3 shell are timed on the rows, columns and order that
    `tertial export indicators` writes: all reports, and one report."""
    from store.archive import archive_indicators
    from tests.bench.figures_export import INDICATORS_SQL, one_report_sql

    conn = sqlite3.connect(archive)
    try:
        exported = archive_indicators(conn)
        assert conn.execute(INDICATORS_SQL).fetchall() == exported
        rid, name, kind, year = conn.execute(
            "SELECT r.id, o.name, r.kind, r.year FROM reports r "
            "JOIN organisations o ON o.id = r.organisation_id ORDER BY r.id LIMIT 1 OFFSET 7"
        ).fetchone()
        one = conn.execute(one_report_sql(rid)).fetchall()
        label = {"T1": "Tertialrapport 1", "T2": "Tertialrapport 2"}.get(
            kind, "Verksamhetsberättelse"
        )
        assert one and one == [r for r in exported if r[:2] == (name, f"{label} {year}")]
    finally:
        conn.close()
