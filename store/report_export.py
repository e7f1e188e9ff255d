"""A report as a JSON file's content, read straight from its rows (issue 12).

No models: `tertial export report --format json` starts without pydantic (about
half its time otherwise). Each item is its row as stored, less where it is stored
(report, parent, position), with the stored forms made JSON (flags as booleans, JSON
text columns as lists, review marks as a sorted list); the lists keep the report's
order. store/report_json.py reads such a file back through the models, which check
every value; tests/test_report_json.py checks both agree with `Store.document`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from store.report_places import Place, identity, item_places, report_of
from store.terms import ReportKind

FORMAT = "tertial-report"
VERSION = 1

# Where a row is stored, not what it says: left out (ids are kept as `id`).
PLACEMENT = {"report_id", "parent_id", "goal_id", "section_id", "table_id", "position"}
# An item's own fields first, then what it remembers of a carry, then what is under it.
_UNDER = {
    "section": ("tables", "children"),
    "goal": ("indicators", "activities", "children"),
}


@dataclass(frozen=True)
class ReportRef:
    """A report as a command names it, without the models."""

    id: int
    organisation: str
    kind: str
    year: int
    period: str

    @property
    def title(self) -> str:
        return f"{ReportKind(self.kind).label} {self.year}"


def report_refs(conn: sqlite3.Connection) -> list[ReportRef]:
    cur = conn.execute(
        "SELECT r.id, o.name, r.kind, r.year, r.period FROM reports r "
        "JOIN organisations o ON o.id = r.organisation_id ORDER BY o.name, r.year, r.kind"
    )
    return [ReportRef(*row) for row in cur]


def _item(row: sqlite3.Row, entity: str) -> dict[str, Any]:
    d = {k: row[k] for k in row.keys() if k not in PLACEMENT}  # noqa: SIM118 - sqlite3.Row
    marks = d.pop("unreviewed", "")
    carried = d.pop("carried_from", None)
    if entity == "activity":
        d["deviation"] = bool(d["deviation"])
    d["carried_from"] = carried
    d["unreviewed"] = sorted(f for f in (marks or "").split(",") if f)
    for key in _UNDER.get(entity, ()):
        d[key] = []
    return d


def export_report(conn: sqlite3.Connection, report_id: int) -> dict[str, Any]:
    """The whole report as the JSON file's content (write it with `dumps`)."""
    head = conn.execute(
        "SELECT o.name, r.kind, r.year, r.period, r.carried_from FROM reports r "
        "JOIN organisations o ON o.id = r.organisation_id WHERE r.id = ?",
        (report_id,),
    ).fetchone()
    if head is None:
        from store.errors import NotFound

        raise NotFound(f"rapport {report_id} finns inte")
    report = {
        "organisation": head[0],
        "kind": head[1],
        "year": head[2],
        "period": head[3],
        "id": report_id,
        "carried_from": identity(conn, head[4]) if head[4] is not None else None,
    }
    links = _Links(conn)
    sections = _sections(conn, report_id, links)
    goals = _goals(conn, report_id, links)
    return {
        "format": FORMAT,
        "version": VERSION,
        "report": report,
        "sections": sections,
        "goals": goals,
    }


def _nest(items: list[tuple[int | None, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Items in sibling order, each with its parent's id: the tree, roots first."""
    by_id = {d["id"]: d for _, d in items}
    roots: list[dict[str, Any]] = []
    for parent, d in items:
        (by_id[parent]["children"] if parent in by_id else roots).append(d)
    return roots


def _sections(conn: sqlite3.Connection, report_id: int, links: _Links) -> list[dict[str, Any]]:
    rows = []
    for r in conn.execute(
        "SELECT * FROM sections WHERE report_id = ? ORDER BY position, id", (report_id,)
    ):
        rows.append((r["parent_id"], links.set(_item(r, "section"), "section")))
    by_id = {d["id"]: d for _, d in rows}
    tables: dict[int, dict[str, Any]] = {}
    for r in conn.execute(
        "SELECT t.* FROM economy_tables t JOIN sections s ON s.id = t.section_id "
        "WHERE s.report_id = ? ORDER BY s.position, t.position, t.id",
        (report_id,),
    ):
        t = {k: r[k] for k in r.keys() if k not in PLACEMENT}  # noqa: SIM118 - sqlite3.Row
        t["columns"] = json.loads(t["columns"])
        t["rows"] = []
        tables[t["id"]] = t
        by_id[r["section_id"]]["tables"].append(t)
    for r in conn.execute(
        "SELECT er.* FROM economy_rows er JOIN economy_tables t ON t.id = er.table_id "
        "JOIN sections s ON s.id = t.section_id WHERE s.report_id = ? "
        "ORDER BY er.table_id, er.position, er.id",
        (report_id,),
    ):
        tables[r["table_id"]]["rows"].append(
            {
                "id": r["id"],
                "label": r["label"],
                "cells": json.loads(r["cells"]),
                "is_total": bool(r["is_total"]),
            }  # fmt: skip
        )
    return _nest(rows)


def _goals(conn: sqlite3.Connection, report_id: int, links: _Links) -> list[dict[str, Any]]:
    rows = []
    for r in conn.execute(
        "SELECT * FROM goals WHERE report_id = ? ORDER BY level, position, id", (report_id,)
    ):
        rows.append((r["parent_id"], links.set(_item(r, "goal"), "goal")))
    by_id = {d["id"]: d for _, d in rows}
    for table, entity, key in (
        ("indicators", "indicator", "indicators"),
        ("activities", "activity", "activities"),
    ):
        for r in conn.execute(
            f"SELECT t.* FROM {table} t JOIN goals g ON g.id = t.goal_id "
            "WHERE g.report_id = ? ORDER BY t.goal_id, t.position, t.id",
            (report_id,),
        ):
            by_id[r["goal_id"]][key].append(links.set(_item(r, entity), entity))
    return _nest(rows)


class _Links:
    """A carried item's link: the report it came from and its place there when exported."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.places: dict[int, dict[tuple[str, int], tuple[Place, str]]] = {}
        self.identities: dict[int, dict[str, Any] | None] = {}

    def set(self, item: dict[str, Any], entity: str) -> dict[str, Any]:
        source = item["carried_from"]
        if source is None:
            return item
        link: dict[str, Any] = {"report": None, "id": source, "path": None, "index": None}
        link["name"] = None
        rid = report_of(self.conn, entity, source)
        if rid is not None:
            if rid not in self.places:
                self.places[rid] = item_places(self.conn, rid)
                self.identities[rid] = identity(self.conn, rid)
            link["report"] = self.identities[rid]
            if found := self.places[rid].get((entity, source)):
                (_, path, index), name = found
                link.update(path=list(path), index=index, name=name)
        item["carried_from"] = link
        return item


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
