"""One report as a JSON file of its own, and back (issue 12).

The file holds everything the store holds for the report's content: the report,
its sections with economy tables, and its goal tree with indicators and
activities, every field of each, with the review marks of carried items. Order is
the order of the lists; the ids of the file it came from are kept as `id` (they
mean nothing in another file). Not included: the file's history and drafts.

A carried item's link (`carried_from`) names the report it came from (organisation,
kind, year) and where the item stood in that report when exported: `path`, the
indices among siblings from the top of the goal tree (or the sections), `index`
for an indicator or activity among its goal's, and its `name`. On import a link is
tied again when the file holds that report and the item at that place has that
name; otherwise it is dropped and counted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from store.carry import check_new, record_created
from store.models import Carried, Goal, Report, ReportDocument, ReportKind, Section

FORMAT = "tertial-report"
VERSION = 1

# Where a row is stored, not what it says: left out (ids are kept as `id`).
_PLACEMENT = {"report_id", "parent_id", "goal_id", "section_id", "table_id", "position"}
# The field that names an item in its report, per kind of item.
_NAME = {"goal": "title", "indicator": "name", "activity": "text", "section": "title"}


class ReportFileError(ValueError):
    """The JSON cannot be imported; the message says where and why. Nothing was written."""


class _Identity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organisation: str
    kind: ReportKind
    year: int
    id: int | None = None


class _Link(BaseModel):
    model_config = ConfigDict(extra="forbid")
    report: _Identity | None = None
    id: int | None = None
    path: list[int] | None = None
    index: int | None = None
    name: str | None = None


# A place in a report: (entity, path of sibling indices, index under the goal or None).
_Place = tuple[str, tuple[int, ...], int | None]


@dataclass
class Imported:
    report_id: int
    report: Report
    links: int  # carried-from links tied in this file
    dropped: int  # links whose report or item is not in this file


# -- places of items in a report ----------------------------------------------------------


def _places(conn: sqlite3.Connection, report_id: int) -> dict[tuple[str, int], tuple[_Place, str]]:
    """Every goal, indicator, activity and section of a report: its place and its name."""
    out: dict[tuple[str, int], tuple[_Place, str]] = {}
    for table, entity in (("goals", "goal"), ("sections", "section")):
        order = "level, position, id" if table == "goals" else "position, id"
        name = _NAME[entity]
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
        name = _NAME[entity]
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


def _identity(conn: sqlite3.Connection, report_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT r.id, o.name, r.kind, r.year FROM reports r "
        "JOIN organisations o ON o.id = r.organisation_id WHERE r.id = ?",
        (report_id,),
    ).fetchone()
    if row is None:
        return None
    return {"organisation": row[1], "kind": row[2], "year": row[3], "id": row[0]}


def _report_of(conn: sqlite3.Connection, entity: str, row_id: int) -> int | None:
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


def _walk_models(doc: ReportDocument) -> Iterator[tuple[str, Any]]:
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


def _walk_dicts(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
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


def _no_ids(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _no_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_no_ids(v) for v in data]
    return data


# An item's own fields first, then what it remembers of a carry, then what is under it.
_UNDER = ("tables", "indicators", "activities", "children")


def _ordered(item: dict[str, Any]) -> dict[str, Any]:
    first = {k: v for k, v in item.items() if k not in _UNDER and k not in Carried.model_fields}
    last = {k: item[k] for k in _UNDER if k in item}
    return {**first, **{k: item[k] for k in Carried.model_fields}, **last}


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in _PLACEMENT}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


# -- export -------------------------------------------------------------------------------


def export_report(conn: sqlite3.Connection, doc: ReportDocument) -> dict[str, Any]:
    """The report (read with Store.document) as the JSON file's content."""
    report_id = doc.report.id
    assert report_id is not None
    body = _strip(doc.model_dump(mode="json"))
    row = conn.execute("SELECT carried_from FROM reports WHERE id = ?", (report_id,)).fetchone()
    report = {k: v for k, v in body["report"].items() if k != "id"}
    report["id"] = report_id
    report["carried_from"] = _identity(conn, row[0]) if row and row[0] is not None else None
    places: dict[int, dict[tuple[str, int], tuple[_Place, str]]] = {}
    identities: dict[int, dict[str, Any] | None] = {}
    for (entity, model), (_, item, _where) in zip(
        _walk_models(doc), _walk_dicts(body), strict=True
    ):
        ordered = _ordered(item)
        item.clear()
        item.update(ordered)
        source = model.carried_from
        if source is None:
            continue
        link: dict[str, Any] = {"report": None, "id": source, "path": None, "index": None}
        link["name"] = None
        rid = _report_of(conn, entity, source)
        if rid is not None:
            if rid not in places:
                places[rid] = _places(conn, rid)
                identities[rid] = _identity(conn, rid)
            link["report"] = identities[rid]
            if found := places[rid].get((entity, source)):
                (_, path, index), name = found
                link.update(path=list(path), index=index, name=name)
        item["carried_from"] = link
    return {
        "format": FORMAT,
        "version": VERSION,
        "report": report,
        "sections": body["sections"],
        "goals": body["goals"],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- import -------------------------------------------------------------------------------


@dataclass
class ReportFile:
    """A report file read and validated, ready to add to a file."""

    doc: ReportDocument
    origin: _Identity | None  # the report-level link
    links: list[_Link | None]  # per item, in `_walk_models` order


def parse(data: bytes, name: str = "filen") -> ReportFile:
    """Read and validate a report file; ReportFileError says where and why."""
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReportFileError(f"{name} är ingen JSON-fil (inte UTF-8-text)") from None
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"{name} är ingen JSON-fil (rad {exc.lineno}, kolumn {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise ReportFileError(
            f'{name} är ingen rapport från tertial (saknar "format": "{FORMAT}"); '
            "skapa en med tertial export report --format json"
        )
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReportFileError(f"{name}: version: {version!r} är ingen formatversion")
    if version > VERSION:
        raise ReportFileError(
            f"{name} är skriven av en nyare tertial (format {version}, denna version läser "
            f"till och med {VERSION}); uppgradera tertial"
        )
    unknown = set(content) - {"format", "version", "report", "sections", "goals"}
    if unknown:
        raise ReportFileError(f"{name}: {sorted(unknown)[0]}: okänt fält")
    for key in ("report", "sections", "goals"):
        if key not in content:
            raise ReportFileError(f"{name}: {key}: saknas")

    report = content["report"]
    if not isinstance(report, dict):
        raise ReportFileError(f"{name}: report: ska vara ett objekt")
    report = dict(report)
    report.pop("id", None)
    origin = _validated(_Identity, report.pop("carried_from", None), f"{name}: report.carried_from")
    links: list[_Link | None] = []
    for _entity, item, where in _walk_dicts(content):
        links.append(
            _validated(_Link, item.pop("carried_from", None), f"{name}: {where}.carried_from")
        )
    # The ids of the file it came from mean nothing here: new ones are given.
    content["sections"], content["goals"] = _no_ids(content["sections"]), _no_ids(content["goals"])
    try:
        doc = ReportDocument.model_validate(
            {"report": report, "sections": content["sections"], "goals": content["goals"]}
        )
    except ValidationError as exc:
        raise ReportFileError(f"{name}: {_where(exc, content)}") from None
    if sum(1 for _ in _walk_models(doc)) != len(links):  # pragma: no cover - same walk
        raise ReportFileError(f"{name}: innehållet kunde inte läsas i ordning")
    return ReportFile(doc, origin, links)


def _validated(model: type[BaseModel], value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        raise ReportFileError(f"{where}{loc}: {_reason(err)}") from None


# pydantic's words for what a value should be, in the report's language.
_EXPECTED = {
    "list_type": "ska vara en lista",
    "dict_type": "ska vara ett objekt",
    "model_type": "ska vara ett objekt",
    "model_attributes_type": "ska vara ett objekt",
    "string_type": "ska vara text",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "string_too_short": "får inte vara tomt",
    "date_from_datetime_parsing": "ska vara ett datum, ÅÅÅÅ-MM-DD",
    "date_parsing": "ska vara ett datum, ÅÅÅÅ-MM-DD",
}


def _reason(err: Any) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        return "okänt fält"
    if kind == "missing":
        return "saknas"
    if kind == "greater_than_equal":
        return f"{err['input']!r} går inte: minst {ctx['ge']}"
    if kind == "less_than_equal":
        return f"{err['input']!r} går inte: högst {ctx['le']}"
    if kind == "enum":
        return f"{err['input']!r} går inte: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} går inte (små bokstäver, siffror och -)"
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]} (fick {err['input']!r})"[:200]
    return str(err["msg"]).removeprefix("Value error, ")


# The list an item stands in, and what the report calls such an item.
_WORDS = {
    "goals": "mål",
    "children": "",
    "sections": "avsnitt",
    "indicators": "indikator",
    "activities": "aktivitet",
    "tables": "tabell",
    "rows": "rad",
}
_LABEL_KEYS = ("title", "name", "text", "label")


def _where(exc: ValidationError, content: dict[str, Any]) -> str:
    """'goals[0].children[2].indicators[1].outcome (indikator 'Sjukfrånvaro'): reason'."""
    err = exc.errors()[0]
    where, named, node, word = "", "", content, ""
    for part in err["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        if isinstance(part, str) and part in _WORDS:
            # children of goals are goals, of sections sections: the word stays.
            word = _WORDS[part] or word
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
        if isinstance(node, dict) and isinstance(part, int):
            label = next((node[k] for k in _LABEL_KEYS if isinstance(node.get(k), str)), None)
            if label:
                named = f" ({word} {label[:60]!r})"
    return f"{where}{named}: {_reason(err)}"


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)


def insert(conn: sqlite3.Connection, file: ReportFile, *, source: str = "import") -> Imported:
    """Add the report as a new one (the caller holds the transaction): links are tied where
    this file holds what they point to."""
    from store.bulk import insert_document

    doc = file.doc
    check_new(conn, doc.report, None)
    tied = dropped = 0
    places: dict[int, dict[_Place, tuple[int, str]]] = {}
    for (entity, model), link in zip(_walk_models(doc), file.links, strict=True):
        target = _tie(conn, entity, link, places) if link is not None else None
        if link is not None:
            tied, dropped = (tied + 1, dropped) if target is not None else (tied, dropped + 1)
        model.carried_from = target  # an id in this file, or None
    report_id = insert_document(conn, doc)
    origin = _find_report(conn, file.origin) if file.origin else None
    if origin is not None:
        conn.execute("UPDATE reports SET carried_from = ? WHERE id = ?", (origin, report_id))
    record_created(conn, doc.report, report_id, "importerad från en JSON-fil", source)
    return Imported(report_id, doc.report, tied, dropped)


def _find_report(conn: sqlite3.Connection, who: _Identity) -> int | None:
    row = conn.execute(
        "SELECT r.id FROM reports r JOIN organisations o ON o.id = r.organisation_id "
        "WHERE o.name = ? AND r.kind = ? AND r.year = ?",
        (who.organisation, who.kind.value, who.year),
    ).fetchone()
    return None if row is None else int(row[0])


def _tie(
    conn: sqlite3.Connection,
    entity: str,
    link: _Link,
    places: dict[int, dict[_Place, tuple[int, str]]],
) -> int | None:
    if link.report is None or link.path is None:
        return None
    rid = _find_report(conn, link.report)
    if rid is None:
        return None
    if rid not in places:
        places[rid] = {
            place: (row_id, name) for (_, row_id), (place, name) in _places(conn, rid).items()
        }
    found = places[rid].get((entity, tuple(link.path), link.index))
    if found is None or found[1] != link.name:
        return None
    return found[0]


class ReportFileMixin:
    """The Store's side of report files. The Store gives it `conn`, `_write()`, `document()`."""

    conn: sqlite3.Connection

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def export_json(self, report_id: int) -> dict[str, Any]:
        """The report as a JSON file's content (write it with `dumps`)."""
        return export_report(self.conn, self.document(report_id))  # type: ignore[attr-defined]

    def import_json(self, file: ReportFile, *, source: str = "import") -> Imported:
        """Add a report read with `parse` as a new report: one transaction, all or nothing.
        InvalidValue when the file already holds that organisation's report for the period."""
        with self._write() as conn:
            return insert(conn, file, source=source)
