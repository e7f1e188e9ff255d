"""One report as a JSON file of its own, and back (issue 12). Written by
store/report_export.py; read, checked and added to a file here.

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
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from store.carried import check_new, record_created
from store.models import Report, ReportDocument, ReportKind
from store.report_export import FORMAT, VERSION
from store.report_places import Place, item_places, walk_dicts, walk_models


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


@dataclass
class Imported:
    report_id: int
    report: Report
    links: int  # carried-from links tied in this file
    dropped: int  # links whose report or item is not in this file


@dataclass
class ReportFile:
    """A report file read and validated, ready to add to a file."""

    doc: ReportDocument
    origin: _Identity | None  # the report-level link
    links: list[_Link | None]  # per item, in `walk_models` order


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
    for _entity, item, where in walk_dicts(content):
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
    if sum(1 for _ in walk_models(doc)) != len(links):  # pragma: no cover - same walk
        raise ReportFileError(f"{name}: innehållet kunde inte läsas i ordning")
    return ReportFile(doc, origin, links)


def _no_ids(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _no_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_no_ids(v) for v in data]
    return data


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
    places: dict[int, dict[Place, tuple[int, str]]] = {}
    for (entity, model), link in zip(walk_models(doc), file.links, strict=True):
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
    places: dict[int, dict[Place, tuple[int, str]]],
) -> int | None:
    if link.report is None or link.path is None:
        return None
    rid = _find_report(conn, link.report)
    if rid is None:
        return None
    if rid not in places:
        places[rid] = {
            place: (row_id, name) for (_, row_id), (place, name) in item_places(conn, rid).items()
        }
    found = places[rid].get((entity, tuple(link.path), link.index))
    if found is None or found[1] != link.name:
        return None
    return found[0]
