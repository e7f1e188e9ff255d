"""Find: full-text search over every title, name and text (the FTS5 index of schema v2)."""

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


@dataclass(frozen=True)
class SearchHit:
    kind: str  # goal, indicator, activity, section
    id: int
    report_id: int
    goal_id: int | None
    title: str
    snippet: str  # where the words were found, with the match in [brackets]
    in_title: bool


def _fts_query(text: str) -> str | None:
    # Each word a quoted prefix, so nothing typed is read as FTS syntax.
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def search(
    conn: sqlite3.Connection, text: str, report_id: int | None = None, limit: int = 50
) -> list[SearchHit]:
    """Titles and names first (exact match before prefix), then hits in the texts."""
    query = _fts_query(text)
    if query is None:
        return []
    sql = (
        "SELECT kind, entity_id, report_id, goal_id, title, "
        "snippet(search, 1, '[', ']', '…', 12) AS snip, "
        "bm25(search, 10.0, 1.0) AS score FROM search WHERE search MATCH ?"
    )
    args: list[object] = [query]
    if report_id is not None:
        sql += " AND report_id = ?"
        args.append(report_id)
    sql += " ORDER BY score LIMIT ?"
    args.append(limit * 2)
    needle = text.strip().casefold()
    words = [w.casefold() for w in re.findall(r"\w+", text)]
    hits = []
    for r in conn.execute(sql, args):
        title = r["title"]
        folded = title.casefold()
        in_title = all(re.search(rf"\b{re.escape(w)}", folded) for w in words)
        hits.append(
            SearchHit(
                kind=KINDS[r["kind"]],
                id=r["entity_id"],
                report_id=r["report_id"],
                goal_id=r["goal_id"],
                title=title,
                snippet="" if in_title else " ".join(r["snip"].split()),
                in_title=in_title,
            )
        )
    # Exact title first, then titles containing the words, then body text (bm25 order kept).
    hits.sort(key=lambda h: (h.title.casefold() != needle, not h.in_title))
    return hits[:limit]
