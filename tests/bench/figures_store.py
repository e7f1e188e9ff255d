"""Figures of reading the archive: a report's rows for a switch, and find, each beside
the same question put to SQLite directly (plain `sqlite3`, rows as tuples)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.bench.figures_app import QUERIES
from tests.bench.measure import NAN, Table, median_ms

# What a switch reads (Store.report, goal_tree, sections, assessment_counts), as rows.
SWITCH_SQL = (
    "SELECT r.id, o.name, r.kind, r.year, r.period FROM reports r "
    "JOIN organisations o ON o.id = r.organisation_id WHERE r.id = ?",
    "SELECT * FROM goals WHERE report_id = ? ORDER BY level, position, id",
    "SELECT * FROM sections WHERE report_id = ? ORDER BY position, id",
    "SELECT level, assessment, count(*) FROM goals WHERE report_id = ? GROUP BY level, assessment",
)
# Find, put to the file's FTS5 index directly: the newest 200 matches with a snippet
# (what Store.search reads over the whole file); within one report, the best 100 of a
# file that holds one report of the same shape (the sample), ranked as the app ranks.
FIND_SQL = (
    "SELECT kind, entity_id, report_id, goal_id, title, snippet(search, 1, '[', ']', '…', 12) "
    "FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 200"
)
FIND_REPORT_SQL = (
    "SELECT kind, entity_id, report_id, goal_id, title, snippet(search, 1, '[', ']', '…', 12) "
    "FROM search WHERE search MATCH ? ORDER BY bm25(search, 10.0, 1.0) LIMIT 100"
)


def fts_query(text: str, prefix_from: int = 2) -> str:
    """The words as FTS5 reads them: each quoted, a prefix from `prefix_from` letters."""
    from store.search import query_words

    words = query_words(text)
    return " ".join(f'"{w}"*' if len(w) >= prefix_from else f'"{w}"' for w in words)


def store_figures(t: Table, archive: Path, sample: Path, runs: int, app: dict[str, float]) -> int:
    """Returns a report id from the middle of the archive (for the exports' figures)."""
    from store.store import Store

    conn = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    try:
        with Store(archive) as store:
            ids = [r.id for r in store.reports()]
            picks = ids[7::97]

            def switch(read: object) -> float:
                it = iter(picks * (runs * 3))
                return median_ms(lambda: read(next(it)), runs * 3)  # type: ignore[operator]

            def store_reads(rid: int) -> None:
                store.report(rid)
                store.goal_tree(rid)
                store.sections(rid)
                store.assessment_counts(rid)

            def raw_reads(rid: int) -> None:
                for sql in SWITCH_SQL:
                    conn.execute(sql, (rid,)).fetchall()

            switch(raw_reads)  # the page cache warm for both
            t.add(
                "switch report (store reads)",
                switch(store_reads),
                "ms",
                "the same rows as tuples (sqlite3)",
                switch(raw_reads),
                "≤ 100 ms",
                100,
            )

            queries = QUERIES * (runs * 2)
            ours = iter(queries)
            raw = iter(queries)
            n = len(QUERIES) * runs
            t.add(
                "find, whole archive",
                median_ms(lambda: store.search(next(ours)), n),
                "ms",
                "the FTS5 query alone (sqlite3)",
                median_ms(lambda: conn.execute(FIND_SQL, (fts_query(next(raw)),)).fetchall(), n),
                "≤ 50 ms",
                50,
            )
    finally:
        conn.close()
    one = sqlite3.connect(f"file:{sample}?mode=ro", uri=True)
    try:
        raw = iter(QUERIES * (runs * 2))
        t.add(
            "find, one report (app)",
            app.get("find_report", NAN),
            "ms",
            "the FTS5 query in a file of one report (sqlite3)",
            median_ms(
                lambda: one.execute(FIND_REPORT_SQL, (fts_query(next(raw), 1),)).fetchall(),
                len(QUERIES) * runs,
            ),
            "≤ 50 ms",
            50,
        )
    finally:
        one.close()
    return ids[len(ids) // 2]
