"""Where each item stands in a report, and the report's items in one fixed order.

A place survives a move between files where an id does not: the indices among
siblings from the top of the goal tree (or the sections), and for an indicator or
activity its index among its goal's. Used by report files (store/report_json.py)
to write carried-from links and to tie them again on import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the export reads rows without the models
    from store.models import Goal, ReportDocument, Section

# A place in a report: (entity, path of sibling indices, index under the goal or None).
Place = tuple[str, tuple[int, ...], int | None]


# The field that names an item in its report, per kind of item.
NAME = {"goal": "title", "indicator": "name", "activity": "text", "section": "title"}


def item_places(
    conn: sqlite3.Connection, report_id: int
) -> dict[tuple[str, int], tuple[Place, str]]:
    """Every goal, indicator, activity and section of a report: its place and its name."""
    out: dict[tuple[str, int], tuple[Place, str]] = {}
    for table, entity in (("goals", "goal"), ("sections", "section")):
        order = "level, position, id" if table == "goals" else "position, id"
        name = NAME[entity]
        paths: dict[int, tuple[int, ...]] = {}
        counts: dict[int | None, int] = {}
        pending = list(
            conn.execute(
                f"SELECT id, parent_id, {name} FROM {table} WHERE report_id = ? ORDER BY {order}",
                (report_id,),
            )
        )
        # Sections are ordered by position only: a parent may come after its child.
        while pending:
            later = []
            for row_id, parent, text in pending:
                if parent is not None and parent not in paths:
                    later.append((row_id, parent, text))
                    continue
                n = counts.get(parent, 0)
                counts[parent] = n + 1
                paths[row_id] = (*(paths[parent] if parent is not None else ()), n)
                out[(entity, row_id)] = ((entity, paths[row_id], None), text)
            if len(later) == len(pending):
                break  # parents outside the report: not places in it
            pending = later
        if entity == "goal":
            goal_paths = paths
    for table, entity in (("indicators", "indicator"), ("activities", "activity")):
        name = NAME[entity]
        counts = {}
        for row_id, goal_id, text in conn.execute(
            f"SELECT t.id, t.goal_id, t.{name} FROM {table} t JOIN goals g ON g.id = t.goal_id "
            "WHERE g.report_id = ? ORDER BY t.goal_id, t.position, t.id",
            (report_id,),
        ):
            n = counts.get(goal_id, 0)
            counts[goal_id] = n + 1
            out[(entity, row_id)] = ((entity, goal_paths[goal_id], n), text)
    return out


def identity(conn: sqlite3.Connection, report_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT r.id, o.name, r.kind, r.year FROM reports r "
        "JOIN organisations o ON o.id = r.organisation_id WHERE r.id = ?",
        (report_id,),
    ).fetchone()
    if row is None:
        return None
    return {"organisation": row[1], "kind": row[2], "year": row[3], "id": row[0]}


def report_of(conn: sqlite3.Connection, entity: str, row_id: int) -> int | None:
    sql = {
        "goal": "SELECT report_id FROM goals WHERE id = ?",
        "section": "SELECT report_id FROM sections WHERE id = ?",
        "indicator": "SELECT g.report_id FROM indicators t JOIN goals g ON g.id = t.goal_id "
        "WHERE t.id = ?",
        "activity": "SELECT g.report_id FROM activities t JOIN goals g ON g.id = t.goal_id "
        "WHERE t.id = ?",
    }[entity]
    row = conn.execute(sql, (row_id,)).fetchone()
    return None if row is None else int(row[0])


# -- walking a report's items in one fixed order --------------------------------------------


def walk_models(doc: ReportDocument) -> Iterator[tuple[str, Any]]:
    def goals(gs: list[Goal]) -> Iterator[tuple[str, Any]]:
        for g in gs:
            yield "goal", g
            for i in g.indicators:
                yield "indicator", i
            for a in g.activities:
                yield "activity", a
            yield from goals(g.children)

    def sections(ss: list[Section]) -> Iterator[tuple[str, Any]]:
        for s in ss:
            yield "section", s
            yield from sections(s.children)

    yield from sections(doc.sections)
    yield from goals(doc.goals)


def walk_dicts(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The same items as `_walk_models`, as the file's dicts, with where each is."""

    def items(value: Any, where: str) -> list[Any]:
        return value if isinstance(value, list) else []

    def goals(gs: Any, where: str) -> Iterator[tuple[str, dict[str, Any], str]]:
        for n, g in enumerate(items(gs, where)):
            if not isinstance(g, dict):
                continue
            here = f"{where}[{n}]"
            yield "goal", g, here
            for key, entity in (("indicators", "indicator"), ("activities", "activity")):
                for k, x in enumerate(items(g.get(key), here)):
                    if isinstance(x, dict):
                        yield entity, x, f"{here}.{key}[{k}]"
            yield from goals(g.get("children"), f"{here}.children")

    def sections(ss: Any, where: str) -> Iterator[tuple[str, dict[str, Any], str]]:
        for n, s in enumerate(items(ss, where)):
            if isinstance(s, dict):
                yield "section", s, f"{where}[{n}]"
                yield from sections(s.get("children"), f"{where}[{n}].children")

    yield from sections(data.get("sections"), "sections")
    yield from goals(data.get("goals"), "goals")
