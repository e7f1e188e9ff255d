"""Find: full-text search over every title, name and text.

Over the whole file the FTS5 index of schema v2 answers. It is read in rowid order
(newest rows first) and stops at a bounded number of candidates, so the cost of a
word found in a hundred thousand rows is that of reading a few hundred; ranking all
of them with bm25 took 0.1–0.6 s on a 1,500-report archive. Words of one letter match
whole words only there: as prefixes they would merge the doclists of most of the
vocabulary.

Within one report (what the app's find asks for) the file's index cannot filter on
the report without reading every matching row of every report (0.1–0.2 s). The
report's own rows, some 150, are put in a temporary FTS5 index of the same shape
(temp.search_report, a few milliseconds, made again after any change) and ranked there
with bm25 as before: in a file of one report the answers are the same as the file
index would give.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

KINDS = ("goal", "indicator", "activity", "section")
KIND_LABELS = {
    "goal": "Mål",
    "indicator": "Indikator",
    "activity": "Aktivitet",
    "section": "Avsnitt",
}
# How many FTS matches a search over the whole file reads, per hit it returns.
CANDIDATES_PER_HIT = 4

_WORD = re.compile(r"\w+")
# A query is bounded: FTS5's cost grows with every term (400 copies of "och" took 15 s),
# while a search box is useful for a few words. Repeats add nothing and are dropped.
MAX_WORDS = 8
MAX_QUERY = 200


def query_words(text: str) -> list[str]:
    """The distinct words searched for, in the order typed, at most MAX_WORDS of them."""
    words = dict.fromkeys(w.casefold() for w in _WORD.findall(text[:MAX_QUERY]))
    return list(words)[:MAX_WORDS]


@dataclass(frozen=True)
class SearchHit:
    kind: str  # goal, indicator, activity, section
    id: int
    report_id: int
    goal_id: int | None
    title: str
    snippet: str  # where the words were found, with the match in [brackets]
    in_title: bool


def _fts_query(words: list[str], prefix_from: int) -> str:
    # Each word quoted, so nothing typed is read as FTS syntax.
    return " ".join(f'"{w}"*' if len(w) >= prefix_from else f'"{w}"' for w in words)


def search(
    conn: sqlite3.Connection, text: str, report_id: int | None = None, limit: int = 50
) -> list[SearchHit]:
    """Titles and names first (exact match before prefix), then hits in the texts."""
    words = query_words(text)
    if not words:
        return []
    if report_id is None:
        # The newest matches, read in rowid order: no ranking of every match.
        sql = _SELECT.format(table="search") + " ORDER BY rowid DESC LIMIT ?"
        args: tuple[object, ...] = (_fts_query(words, 2), limit * CANDIDATES_PER_HIT)
    else:
        _report_index(conn, report_id)
        sql = _SELECT.format(table="search_report") + " ORDER BY bm25(search_report, 10.0, 1.0)"
        sql += " LIMIT ?"
        args = (_fts_query(words, 1), limit * 2)
    hits = []
    for kind, entity_id, rep, goal_id, title, snip in conn.execute(sql, args):
        folded = title.casefold()
        in_title = all(re.search(rf"\b{re.escape(w)}", folded) for w in words)
        hits.append(
            SearchHit(
                kind=KINDS[kind],
                id=entity_id,
                report_id=rep,
                goal_id=goal_id,
                title=title,
                snippet="" if in_title else " ".join(snip.split()),
                in_title=in_title,
            )
        )
    needle = text.strip().casefold()
    # Exact title first, then titles containing the words, then body text (order kept).
    hits.sort(key=lambda h: (h.title.casefold() != needle, not h.in_title))
    return hits[:limit]


_SELECT = (
    "SELECT kind, entity_id, report_id, goal_id, title, "
    "snippet({table}, 1, '[', ']', '…', 12) FROM {table} WHERE {table} MATCH ?"
)


# One report's rows, as the index of schema v2 holds them.
_REPORT_ROWS = """
SELECT id * 4 + 3, title, body, 3, id, report_id, NULL FROM sections WHERE report_id = :r
UNION ALL
SELECT id * 4, title, analys || char(10) || expected_result || char(10) || description,
    0, id, report_id, id
FROM goals WHERE report_id = :r
UNION ALL
SELECT i.id * 4 + 1, i.name, i.analys, 1, i.id, g.report_id, i.goal_id
FROM goals g JOIN indicators i ON i.goal_id = g.id WHERE g.report_id = :r
UNION ALL
SELECT a.id * 4 + 2, a.text, a.analys, 2, a.id, g.report_id, a.goal_id
FROM goals g JOIN activities a ON a.goal_id = g.id WHERE g.report_id = :r
"""


def _report_index(conn: sqlite3.Connection, report_id: int) -> None:
    """temp.search_report: the report's rows in an index of their own, kept while unchanged.

    Made again after any change to the file, from this connection (total_changes) or
    another (data_version): some 150 rows, a few milliseconds.
    """
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_report USING fts5("
        "title, body, kind UNINDEXED, entity_id UNINDEXED, report_id UNINDEXED, "
        "goal_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS temp.search_report_state "
        "(report_id INTEGER, data_version INTEGER, changes INTEGER)"
    )
    if conn.execute(
        "SELECT 1 FROM temp.search_report_state WHERE report_id = ? AND data_version = ? "
        "AND changes = ?",
        (report_id, version, conn.total_changes),
    ).fetchone():
        return
    in_transaction = conn.in_transaction
    if not in_transaction:
        conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM temp.search_report")
        conn.execute(
            "INSERT INTO temp.search_report "
            "(rowid, title, body, kind, entity_id, report_id, goal_id) " + _REPORT_ROWS,
            {"r": report_id},
        )
        conn.execute("DELETE FROM temp.search_report_state")
        conn.execute(
            "INSERT INTO temp.search_report_state VALUES (?, ?, ?)",
            (report_id, version, conn.total_changes + 1),
        )
        if not in_transaction:
            conn.execute("COMMIT")
    except BaseException:
        if not in_transaction and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
