"""Records without pydantic on the read path (issue 15, item 10).

The report's data are plain records (store/records.py); reading a file builds them
straight from the rows (store/rows.py), and what comes from outside is validated by
their pydantic twins (store/validation.py). These tests hold the two paths to one
result: a row reads as the models' validation read it, a record dumps as its twin,
and everything from outside is still checked, assignment included.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from store import rows
from store.entities import ENTITIES
from store.models import (
    Activity,
    Assessment,
    Change,
    Direction,
    EconomyRow,
    EconomyTable,
    Goal,
    Indicator,
    Level,
    Report,
    ReportDocument,
    Section,
)
from store.report_row import ReportRow
from store.store import Store, walk_goals
from store.textchecks import as_stored
from store.validation import _CHECKS, _as_twins, twin_of
from tui.cli_common import create_database

ROOT = Path(__file__).resolve().parents[1]
RECORDS = (
    Report,
    Indicator,
    Activity,
    Goal,
    EconomyRow,
    EconomyTable,
    Section,
    ReportDocument,
    Change,
    ReportRow,
)


@pytest.fixture
def carried_sample(tmp_path: Path) -> Path:
    """The sample, a report carried from it (carried_from, review marks), dates, history."""
    path = tmp_path / "sample.db"
    create_database(path, sample=True)
    with Store(path) as store:
        first = store.reports()[0]
        store.new_report(first.organisation, "VB", first.year, from_report=first.id)
        goal = store.goal_tree(first.id)[0].children[0].id
        added = store.add("activity", Activity(goal_id=goal, text="Ny", start_date="2023-02-01"))
        store.update("activity", added.entity_id, "end_date", "2023-09-30")
        store.update("activity", added.entity_id, "deviation", "Avvikelse")
    return path


def _old_read(table: str, row: sqlite3.Row) -> object:
    """How store/rows.py read a row before: through the model's validation, as stored."""
    d = dict(row)
    if table == "activities":
        d["deviation"] = bool(d["deviation"])
    if table == "economy_tables":
        d["columns"] = json.loads(d["columns"])
    if table == "economy_rows":
        d["cells"], d["is_total"] = json.loads(d["cells"]), bool(d["is_total"])
    model = next(e.model for e in ENTITIES.values() if e.table == table)
    if table == "reports":
        d = {c: d[c] for c in ("id", "organisation_id", "kind", "year", "period", "carried_from")}
    with as_stored():
        return model.model_validate(d)


def _same(read: object, old: object) -> None:
    assert read == old
    for f in type(read).FIELDS:  # type: ignore[attr-defined]
        # the same types too: Level.OMRADESMAL == 2, but only one is the model's
        assert type(getattr(read, f)) is type(getattr(old, f)), f


def test_every_row_reads_as_the_models_validation_read_it(carried_sample: Path) -> None:
    conn = sqlite3.connect(carried_sample)
    conn.row_factory = sqlite3.Row
    seen: set[str] = set()
    for e in ENTITIES.values():
        for row in conn.execute(f"SELECT * FROM {e.table}"):
            read = e.read(row)
            assert type(read) is e.model
            _same(read, _old_read(e.table, row))
            seen.add(e.table)
    heading = "SELECT r.id, o.name AS organisation, r.kind, r.year, r.period FROM reports r "
    for row in conn.execute(heading + "JOIN organisations o ON o.id = r.organisation_id"):
        with as_stored():
            _same(rows.report(row), Report.model_validate(dict(row)))
    for row in conn.execute("SELECT * FROM changes"):
        with as_stored():
            _same(rows.change(row), Change.model_validate(dict(row)))
    conn.close()
    assert len(seen) == 7
    with Store(carried_sample) as store:
        carried = store.reports()[-1].id
        doc = store.document(carried)
        marked = [g for g in doc.goals if g.unreviewed]
        assert marked and isinstance(marked[0].unreviewed, frozenset)
        assert isinstance(marked[0].assessment, Assessment | None)
        ind = next(i for g in walk_goals(doc.goals) for i in g.indicators)
        assert ind.carried_from is not None and isinstance(ind.direction, Direction | None)


def test_a_value_that_does_not_convert_is_refused_as_before(carried_sample: Path) -> None:
    conn = sqlite3.connect(carried_sample)
    with conn:
        conn.execute("UPDATE activities SET start_date = '30/6' WHERE text = 'Ny'")
    conn.close()
    with Store(carried_sample) as store:
        found = store.conn.execute("SELECT * FROM activities WHERE text = 'Ny'").fetchone()
        with pytest.raises(ValidationError) as exc:
            rows.activity(found)
    assert exc.value.errors()[0]["loc"] == ("start_date",) and "'30/6'" in str(exc.value)


def test_a_record_dumps_as_its_twin(carried_sample: Path) -> None:
    with Store(carried_sample) as store:
        for report in store.reports():
            doc = store.document(report.id)
            twin = _as_twins(doc)
            assert type(twin) is twin_of(ReportDocument)
            assert doc.model_dump(mode="json") == twin.model_dump(mode="json")
            assert doc.model_dump() == twin.model_dump()
            assert json.dumps(doc.model_dump(mode="json")) == json.dumps(
                twin.model_dump(mode="json")
            )  # the same order of fields too
        change = store.history(report.id)[-1]
        assert change.model_dump(exclude={"id"}) == _as_twins(change).model_dump(exclude={"id"})


def test_the_twins_have_the_records_fields_and_defaults() -> None:
    # Checks are found by the record class's name: a renamed class must not lose them.
    assert set(_CHECKS) == {r.__name__ for r in RECORDS} - {"Change"} | {"Carried"}
    for record in RECORDS:
        fields = twin_of(record).model_fields
        assert tuple(fields) == record.FIELDS, record
        for name, info in fields.items():
            if info.is_required():
                assert name not in record.DEFAULTS
            else:
                default = info.get_default(call_default_factory=True)
                assert default == record.DEFAULTS[name], (record, name)


def test_records_from_outside_are_validated() -> None:
    with pytest.raises(ValidationError) as exc:
        Goal(level=2, code="1.1", title="Rad\nbrytning")
    assert exc.value.errors()[0]["loc"] == ("title",)
    with pytest.raises(ValidationError):
        Goal.model_validate({"level": 1, "title": "A", "okänt": 1})  # extra="forbid"
    with pytest.raises(ValidationError):
        Indicator.model_validate_json('{"name": "A", "unit": "%", "outcome": "abc"}')
    doc = ReportDocument.model_validate(
        {
            "report": {"organisation": "N", "kind": "T2", "year": 2023},
            "sections": [{"title": "S", "tables": [{"key": "k", "title": "T", "columns": ["a"]}]}],
            "goals": [
                {"level": 1, "code": "1", "title": "A", "children": [{"level": 3, "title": "B"}]}
            ],
        }
    )
    # Records all the way down, typed as validation made them.
    assert (
        type(doc.goals[0].children[0]) is Goal and doc.goals[0].children[0].level is Level.NAMNDMAL
    )
    assert type(doc.sections[0].tables[0]) is EconomyTable
    act = Activity(text="A", start_date="2023-01-31", deviation="ja")
    assert act.start_date == dt.date(2023, 1, 31) and act.deviation is True


def test_assignment_is_validated_as_pydantics_validate_assignment() -> None:
    act = Activity(text="A", start_date="2023-06-30")
    act.end_date = "2023-12-31"  # type: ignore[assignment]
    assert act.end_date == dt.date(2023, 12, 31)
    with pytest.raises(ValidationError) as exc:
        act.end_date = "2023-01-01"  # type: ignore[assignment]
    assert "Slutdatum 2023-01-01" in str(exc.value)
    assert act.end_date == dt.date(2023, 12, 31)  # unchanged by a refused value
    goal = Goal(level=1, code="1", title="A")
    with pytest.raises(ValidationError):
        goal.assessment = "Uppfylls nästan"  # type: ignore[assignment]
    with pytest.raises(ValueError):
        goal.okänt = 1  # type: ignore[attr-defined]


def test_copy_equality_and_repr() -> None:
    goal = Goal(level=1, code="1", title="A")
    copy = goal.model_copy(update={"title": "Rad\nbrytning"})  # not validated, as pydantic
    assert copy.title == "Rad\nbrytning" and goal.title == "A"
    assert goal == goal.model_copy() and goal != copy and goal != Section(title="A")
    assert goal.children is not Goal(level=1, code="1", title="B").children  # own lists
    assert repr(goal).startswith("Goal(carried_from=None, unreviewed=frozenset(), id=None")
    with pytest.raises(TypeError):
        hash(goal)


_READS = """
import sys
from store.store import Store, walk_goals
from store import versions
from tui.editor import Editor

with Store(sys.argv[1]) as store:
    for report in store.reports():
        doc = store.document(report.id)
        store.goal(doc.goals[0].children[0].id)
        store.sections(report.id)
        store.previous_values(report.id)
        store.unreviewed_items(report.id)
        store.field_history("activity", 1, "end_date")
        versions.changes_since(store, 1, 0)
        store.deletions(report.id)
        Editor(store).resume(report.id)
        for entity in ("goal", "indicator", "activity", "section", "economy_table", "report"):
            store.get(entity, 1)
print(sorted(m for m in sys.modules if m.split(".")[0] == "pydantic" or m == "store.validation"))
"""


def test_reading_a_file_and_its_history_needs_no_pydantic(carried_sample: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _READS, str(carried_sample)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_markdown_export_needs_no_pydantic(carried_sample: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from tui import cli; "
        "rc = cli.main(['export', 'report', '--db', sys.argv[1], '--report', '2', '--output', sys.argv[2]]); "
        "print(rc, 'pydantic' in sys.modules)"
    )
    out = tmp_path / "r.md"
    done = subprocess.run(
        [sys.executable, "-c", code, str(carried_sample), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "0 False", done.stdout + done.stderr
    assert "Verksamhetsberättelse 2023" in out.read_text(encoding="utf-8")
