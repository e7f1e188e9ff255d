"""A report as a JSON file of its own (issue 12 §5): lossless, all or nothing."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from exports import TABLES
from exports.csvfmt import read_csv
from exports.tables import walk, walk_sections
from store.report_json import FORMAT, VERSION
from store.store import Store
from tui.cli import main


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The sample, its VB 2023 (carried, partly reviewed, values entered) and T1 2024."""
    path = tmp_path / "archive.db"
    assert main(["init", str(path), "--sample"]) == 0
    with Store(path) as store:
        vb = store.new_report("Servicenämnden", "VB", 2023, from_report=1)
        doc = store.document(vb)
        for n, ind in enumerate(i for g, _ in walk(doc.goals) for i in g.indicators):
            store.update("indicator", ind.id, "outcome", f"{n},5 %")
        goal = next(g for g, _ in walk(doc.goals) if g.unreviewed)
        store.confirm_reviewed("goal", goal.id)
        store.update("goal", goal.id, "analys", "Granskad och omskriven.\n\n- en punkt")
        store.new_report("Servicenämnden", "T1", 2024, from_report=vb)
    return path


def export_all(db: Path, report: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    """Every table export of one report, md and both CSV dialects, as bytes."""
    out: dict[tuple[str, ...], bytes] = {}
    with Store(db) as store:
        keys = [t.key for t in store.economy_tables(report)]
    jobs: list[list[str]] = []
    for table in TABLES:
        jobs.append([table, "--format", "md"])
        if table in ("goals", "indicators", "activities"):
            for dialect in ("rfc4180", "excel-sv"):
                jobs.append([table, "--format", "csv", "--dialect", dialect])
    for key in keys:
        for dialect in ("rfc4180", "excel-sv"):
            jobs.append(["economy", "--format", "csv", "--dialect", dialect, "--table", key])
    for n, job in enumerate(jobs):
        target = tmp_path / f"export-{n}"
        assert (
            main(
                ["export", *job, "--db", str(db), "--report", str(report), "--output", str(target)]
            )
            == 0
        )
        out[tuple(job)] = target.read_bytes()
    capsys.readouterr()
    return out


def test_round_trip_every_table_byte_for_byte(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "fresh.db"
    assert main(["init", str(fresh)]) == 0
    for report in (1, 2, 3):
        exported = tmp_path / f"r{report}.json"
        assert main(["export", "report", "--format", "json", "--db", str(archive),
                     "--report", str(report), "--output", str(exported)]) == 0  # fmt: skip
        capsys.readouterr()
        assert main(["import", "report", str(exported), "--db", str(fresh)]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"Importerade rapport {report}: Servicenämnden ")
        assert out.count("\n") == 1
        original = export_all(archive, report, tmp_path, capsys)
        copy = export_all(fresh, report, tmp_path, capsys)
        assert len(original) == 17
        for job, data in original.items():
            assert comparable(copy[job], job) == comparable(data, job), job
        # The file as a whole: the copy exports to the same JSON, apart from ids.
        again = tmp_path / f"again{report}.json"
        main(["export", "report", "--format", "json", "--db", str(fresh), "--report", str(report),
              "--output", str(again)])  # fmt: skip
        assert _without_ids(json.loads(again.read_bytes())) == _without_ids(
            json.loads(exported.read_bytes())
        )


# A column that identifies rows or versions within one file (issue 12 allows it to differ).
_ROW_ID = re.compile(r"(?i)^(id|rad-?id|version|rad-?version)$")


def comparable(data: bytes, job: tuple[str, ...]) -> object:
    """The export's bytes, or, where a CSV carries id or version columns, the rest of it."""
    if "csv" not in job:
        return data
    table = read_csv(data)
    keep = [i for i, h in enumerate(table.headers) if not _ROW_ID.match(h)]
    if len(keep) == len(table.headers):
        return data
    return [[table.headers[i] for i in keep]] + [[r.cells[i] for i in keep] for r in table.rows]


def _without_ids(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_without_ids(v) for v in data]
    return data


def test_marks_and_links_travel_with_the_report(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vb_json, t1_json = tmp_path / "vb.json", tmp_path / "t1.json"
    main(["export", "report", "--format", "json", "--db", str(archive), "--report", "2", "--output", str(vb_json)])  # fmt: skip
    main(["export", "report", "--format", "json", "--db", str(archive), "--report", "3", "--output", str(t1_json)])  # fmt: skip
    data = json.loads(t1_json.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == (FORMAT, VERSION) == ("tertial-report", 1)
    assert data["report"]["carried_from"] == {
        "organisation": "Servicenämnden",
        "kind": "VB",
        "year": 2023,
        "id": 2,
    }
    link = data["goals"][0]["carried_from"]
    assert link["path"] == [0] and link["index"] is None and link["report"]["kind"] == "VB"
    ind = data["goals"][0]["children"][0]["children"][0]["indicators"][1]
    assert ind["carried_from"]["path"] == [0, 0, 0] and ind["carried_from"]["index"] == 1
    assert set(ind) >= {"unreviewed", "to_check", "reading_note", "unit", "direction"}

    fresh = tmp_path / "fresh.db"
    main(["init", str(fresh)])
    capsys.readouterr()
    # The T1 first: the VB it came from is not in the file, so its links cannot be tied.
    assert main(["import", "report", str(t1_json), "--db", str(fresh)]) == 0
    assert "kunde inte knytas" in capsys.readouterr().out
    with Store(fresh) as store:
        assert store.previous_values(1) == {} and store.carried_from_report(1) is None
    other = tmp_path / "other.db"
    main(["init", str(other)])
    main(["import", "report", str(vb_json), "--db", str(other)])
    capsys.readouterr()
    assert main(["import", "report", str(t1_json), "--db", str(other)]) == 0
    out = capsys.readouterr().out
    assert "kopplingar till tidigare rapporter knöts" in out and "kunde inte" not in out

    with Store(archive) as a, Store(other) as b:
        assert b.carried_from_report(2).id == 1  # type: ignore[union-attr]
        assert b.carried_from_report(1) is None  # the VB's own source is not in this file
        original, copy = a.document(3), b.document(2)
        items_a = _items(original)
        items_b = _items(copy)
        assert [(k, m.unreviewed) for k, m in items_a] == [(k, m.unreviewed) for k, m in items_b]
        assert sum(1 for _, m in items_b if m.unreviewed) > 50
        # Every link ties to the same item, by what it says, in the other file.
        for (kind, ma), (_, mb) in zip(items_a, items_b, strict=True):
            oa, ob = a.origin(kind, ma.id), b.origin(kind, mb.id)
            assert oa is not None and ob is not None, (kind, ma)
            assert _without_ids(_strip(oa.item)) == _without_ids(_strip(ob.item))
        prev_a = {i.name: o.item.outcome for i, o in _prev(a, 3)}
        prev_b = {i.name: o.item.outcome for i, o in _prev(b, 2)}
        assert prev_a == prev_b and "0,5 %" in prev_b.values()


def _strip(model: object) -> object:
    data = model.model_dump(mode="json")  # type: ignore[attr-defined]
    for key in (
        "carried_from",
        "report_id",
        "parent_id",
        "goal_id",
        "children",
        "indicators",
        "activities",
        "tables",
    ):
        data.pop(key, None)
    return data


def _items(doc):  # noqa: ANN001, ANN202
    out = [("section", s) for s, _ in walk_sections(doc.sections)]
    for g, _ in walk(doc.goals):
        out += [("goal", g), *(("indicator", i) for i in g.indicators)]
        out += [("activity", a) for a in g.activities]
    return out


def _prev(store: Store, report: int):  # noqa: ANN202
    inds = {i.id: i for g, _ in walk(store.document(report).goals) for i in g.indicators}
    return [(inds[i], o) for i, o in store.previous_values(report).items()]


def test_importing_into_the_same_file_ties_links(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report moved out and back in (here: as another organisation's copy)."""
    exported = tmp_path / "t1.json"
    main(["export", "report", "--format", "json", "--db", str(archive), "--report", "3", "--output", str(exported)])  # fmt: skip
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["report"]["organisation"] = "Kulturnämnden"
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "report", str(exported), "--db", str(archive)]) == 0
    assert "Importerade rapport 4: Kulturnämnden Tertialrapport 1 2024" in capsys.readouterr().out
    with Store(archive) as store:
        assert store.carried_from_report(4).id == 2  # type: ignore[union-attr]
        assert {o.item.id for o in store.previous_values(4).values()} == {
            o.item.id for o in store.previous_values(3).values()
        }
        (change,) = store.history(4)
        assert change.field == "created" and change.source == "import"


# -- refusals -------------------------------------------------------------------------


def _valid(tmp_path: Path, archive: Path) -> dict:
    exported = tmp_path / "valid.json"
    main(["export", "report", "--format", "json", "--db", str(archive), "--report", "3",
          "--output", str(exported)])  # fmt: skip
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["report"]["organisation"] = "Kulturnämnden"
    return data


def _indicator_value(data: dict) -> bytes:
    data["goals"][0]["children"][0]["children"][0]["indicators"][1]["target"] = "87.500"
    return json.dumps(data).encode()


def _unknown_field(data: dict) -> bytes:
    data["sections"][2]["colour"] = "röd"
    return json.dumps(data).encode()


def _bad_link(data: dict) -> bytes:
    data["goals"][1]["carried_from"]["path"] = "först"
    return json.dumps(data).encode()


def _bad_mark(data: dict) -> bytes:
    data["goals"][0]["unreviewed"] = ["outcome"]
    return json.dumps(data).encode()


def _no_goals(data: dict) -> bytes:
    del data["goals"]
    return json.dumps(data).encode()


def _year(data: dict) -> bytes:
    data["report"]["year"] = 1800
    return json.dumps(data).encode()


def _exists(data: dict) -> bytes:
    data["report"]["organisation"] = "Servicenämnden"
    return json.dumps(data).encode()


REFUSED = {
    "text": (lambda d: b"Det h\xc3\xa4r \xc3\xa4r ingen rapport.\n", "är ingen JSON-fil (rad 1, kolumn 1"),
    "binary": (lambda d: bytes(range(256)), "är ingen JSON-fil"),
    "other json": (lambda d: b'{"goals": []}', 'är ingen rapport från tertial (saknar "format": "tertial-report")'),
    "a list": (lambda d: b"[1, 2]", "är ingen rapport från tertial"),
    "newer": (lambda d: json.dumps({**d, "version": 2}).encode(), "är skriven av en nyare tertial (format 2, denna version läser till och med 1)"),
    "bad version": (lambda d: json.dumps({**d, "version": "ett"}).encode(), "version: 'ett' är ingen formatversion"),
    "indicator value": (_indicator_value, "goals[0].children[0].children[0].indicators[1].target (indikator 'I centralupphandlingar som berör stadens"),
    "unknown field": (_unknown_field, "sections[2].colour (avsnitt 'Uppföljning av Kommunfullmäktiges inriktningsmål'): okänt fält"),
    "bad link": (_bad_link, "goals[1].carried_from.path: ska vara en lista (fick 'först')"),
    "bad mark": (_bad_mark, "goals[0].unreviewed"),
    "missing part": (_no_goals, "goals: saknas"),
    "year": (_year, "report.year: 1800 går inte: minst 1900"),
    "report exists": (_exists, "Servicenämnden Tertialrapport 1 2024 finns redan i filen (rapport 3)"),
}  # fmt: skip


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_file_changes_nothing(
    archive: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = REFUSED[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(make(_valid(tmp_path, archive)))
    # As a backup leaves a file (rollback journal): any opening for writing would show.
    target = tmp_path / "target.db"
    with Store(archive) as store:
        store.backup(target)
    before = digest(target)
    capsys.readouterr()
    assert main(["import", "report", str(bad), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"tertial: {bad}"), err
    assert message in err and err.rstrip().endswith("inget importerades")
    assert digest(target) == before


def test_the_valid_file_of_the_refusal_tests_imports(archive: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_valid(tmp_path, archive)), encoding="utf-8")
    assert main(["import", "report", str(good), "--db", str(archive)]) == 0


def test_import_is_all_or_nothing_inside_the_store(archive: Path, tmp_path: Path) -> None:
    from store.errors import InvalidValue
    from store.report_json import parse

    with Store(archive) as store:
        file = parse(json.dumps(store.export_json(2)).encode())
        counts = store.conn.execute(
            "SELECT (SELECT count(*) FROM goals), (SELECT count(*) FROM changes)"
        ).fetchone()
        with pytest.raises(InvalidValue, match="finns redan"):
            store.import_json(file)
        assert (
            store.conn.execute(
                "SELECT (SELECT count(*) FROM goals), (SELECT count(*) FROM changes)"
            ).fetchone()
            == counts
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goals", "--format", "json"], "goals går inte att exportera som json"),
        (["report", "--format", "json", "--goal", "1.1"], "--goal gäller inte json"),
        (["report", "--format", "json", "--report", "all"], "--report all gäller bara indicators"),
        (["report", "--format", "json", "--report", "9"], "rapport 9 finns inte"),
    ],
)
def test_export_json_bad_arguments(
    archive: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["export", *args, "--db", str(archive)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_export_json_to_stdout(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert (
        main(["export", "report", "--format", "json", "--db", str(archive), "--report", "1"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["report"] == {
        "organisation": "Servicenämnden",
        "kind": "T2",
        "year": 2023,
        "period": "januari–augusti",
        "id": 1,
        "carried_from": None,
    }
    assert len(data["goals"]) == 3 and data["sections"][0]["title"] == "Sammanfattande analys"


def test_the_export_reads_rows_as_the_models_do(archive: Path) -> None:
    """The JSON is read from rows without the models: it says what Store.document says."""
    from store.report_export import PLACEMENT

    def strip(data: object) -> object:
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k not in PLACEMENT}
        if isinstance(data, list):
            return [strip(v) for v in data]
        return data

    def ids_only(data: object) -> object:
        """Links as the id they carry, as the models hold them."""
        if isinstance(data, dict):
            return {
                k: (v["id"] if k == "carried_from" and isinstance(v, dict) and "path" in v
                    else ids_only(v))
                for k, v in data.items()
            }  # fmt: skip
        if isinstance(data, list):
            return [ids_only(v) for v in data]
        return data

    with Store(archive) as store:
        for report in (1, 2, 3):
            exported = store.export_json(report)
            doc = strip(store.document(report).model_dump(mode="json"))
            assert ids_only(exported["goals"]) == doc["goals"]  # type: ignore[index]
            assert ids_only(exported["sections"]) == doc["sections"]  # type: ignore[index]
