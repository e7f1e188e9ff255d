"""A nämndmål directly under an inriktningsmål (issue 12 §4: "nämndmål under either"):
the store's rules, carrying forward, the JSON and goals CSV round trips, the document
exports and the check each handle a level-3 goal whose parent is level 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exports.goals_csv import read_goals
from exports.tables import goal_heading
from store.errors import InvalidValue
from store.models import Goal, Indicator, Level
from store.store import Store
from tui.cli import main

DIRECT = "Nämnden minskar sina utsläpp"
UNDER_FIRST = "Nämnden har öppna data"


def _direct(store: Store) -> tuple[int, int, int]:
    """(the first inriktningsmål, the second, the nämndmål added directly under the second).
    The first gets one too, after its områdesmål."""
    first, second = (g.id or 0 for g in store.goal_tree(1))
    goal = Goal(level=3, title=DIRECT, parent_id=second)
    direct = store.add("goal", goal).entity_id
    store.add("indicator", Indicator(goal_id=direct, name="Utsläpp", unit="ton", outcome="12"))
    store.add("goal", Goal(level=3, title=UNDER_FIRST, parent_id=first, assessment="helt"))
    return first, second, direct


@pytest.fixture
def shaped(db_path: Path) -> Path:
    with Store(db_path) as store:
        _direct(store)
    return db_path


def _shape(goals: list[Goal], depth: int = 0) -> list[tuple[int, int, str | None, str]]:
    out = []
    for g in goals:
        out.append((depth, int(g.level), g.code, g.title))
        out += _shape(g.children, depth + 1)
    return out


EXPECTED = [
    (0, 1, "1", "Ett Stockholm som håller samman"),
    (1, 2, "1.1", "Alla barn ska ges goda villkor"),
    (2, 3, None, "Servicenämnden ger god service"),
    (2, 3, None, "Ett nytt mål utan bedömning"),
    (1, 3, None, UNDER_FIRST),  # after the områdesmål of its inriktningsmål
    (0, 1, "2", "Ett grönt Stockholm"),
    (1, 3, None, DIRECT),
]


def test_the_store_takes_a_namndmal_under_an_inriktningsmal(store: Store) -> None:
    first, second, direct = _direct(store)
    assert _shape(store.goal_tree(1)) == EXPECTED
    area = store.goal_tree(1)[0].children[0]
    # Under an områdesmål only a nämndmål; under a nämndmål nothing.
    with pytest.raises(InvalidValue, match="kan bara Nämndmål ligga"):
        store.add("goal", Goal(level=2, title="Fel", parent_id=area.id))
    with pytest.raises(InvalidValue, match="inga mål"):
        store.add("goal", Goal(level=3, title="Fel", parent_id=direct))
    # M: a nämndmål may go under any områdesmål or inriktningsmål but its own parent.
    nested = area.children[0].id or 0
    assert [g.id for g in store.parent_choices(nested)] == [first, second]
    assert [g.id for g in store.parent_choices(direct)] == [first, area.id]
    # An områdesmål under an inriktningsmål only.
    assert [g.id for g in store.parent_choices(area.id or 0)] == [second]
    with pytest.raises(InvalidValue, match="bara ligga under ett inriktningsmål"):
        store.reparent_goal(area.id or 0, direct)
    changes = store.reparent_goal(nested, second)
    assert [c.title for c in store.goal_tree(1)[1].children] == [DIRECT, area.children[0].title]
    with store.batch():
        for c in reversed(changes):
            store.revert(c)
    assert _shape(store.goal_tree(1)) == EXPECTED
    # K/J move it among the nämndmål of its level there, never before the områdesmål.
    assert store.move("goal", store.goal_tree(1)[0].children[1].id or 0, -1) == []


def test_carried_forward_and_through_json_and_the_goals_csv(shaped: Path, tmp_path: Path) -> None:
    with Store(shaped) as store:
        vb = store.new_report("Testnämnden", "VB", 2023, from_report=1)
        assert _shape(store.goal_tree(vb)) == EXPECTED
        carried = store.goal_tree(vb)[1].children[0]
        assert store.origin("goal", carried.id or 0).item.title == DIRECT  # type: ignore[union-attr]
    # JSON: exported and imported into a fresh file, the same tree.
    out = tmp_path / "rapport.json"
    args = ["export", "report", "--format", "json", "--db", str(shaped), "--report", "1"]
    assert main([*args, "--output", str(out)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["init", str(fresh)]) == 0
    assert main(["import", "report", str(out), "--db", str(fresh)]) == 0
    with Store(fresh) as store:
        assert _shape(store.goal_tree(store.reports()[0].id)) == EXPECTED
        assert store.reports()[0].kind == "T2"
    # The goals CSV names the inriktningsmål as its parent, and reads back as the same tree.
    csv_file = tmp_path / "mal.csv"
    args = ["export", "goals", "--format", "csv", "--db", str(shaped), "--report", "1"]
    assert main([*args, "--output", str(csv_file)]) == 0
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    assert f"Nämndmål,,{DIRECT},,2. Ett grönt Stockholm" in lines
    assert _shape(read_goals(csv_file.read_bytes())) == EXPECTED
    assert main(["new", "--db", str(fresh), "--organisation", "Kulturnämnden", "--kind", "T1",
                 "--year", "2024", "--goals", str(csv_file)]) == 0  # fmt: skip
    with Store(fresh) as store:
        (new,) = [r for r in store.reports() if r.organisation == "Kulturnämnden"]
        assert _shape(store.goal_tree(new.id)) == EXPECTED


def _export(db: Path, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.{args[args.index('--format') + 1]}"
    assert main(["export", *args, "--db", str(db), "--output", str(out)]) == 0
    return out


def test_document_exports_put_it_one_level_below_its_inriktningsmal(
    shaped: Path, tmp_path: Path
) -> None:
    with Store(shaped) as store:
        doc = store.document(1)
    top, area = doc.goals[1], doc.goals[0].children[0]
    direct = top.children[0]
    md = _export(shaped, tmp_path, "report", "--format", "md").read_text(encoding="utf-8")
    level = {line.partition(" ")[2]: line.partition(" ")[0] for line in md.splitlines()}
    assert len(level[goal_heading(direct)]) == len(level[goal_heading(area)])
    assert len(level[goal_heading(direct)]) == len(level[goal_heading(top)]) + 1
    assert md.index(goal_heading(top)) < md.index(goal_heading(direct))
    assert md.index("| Utsläpp ") > md.index(goal_heading(direct))

    import docx

    d = docx.Document(str(_export(shaped, tmp_path, "report", "--format", "docx")))
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles[goal_heading(direct)] == styles[goal_heading(area)]

    import openpyxl

    wb = openpyxl.load_workbook(_export(shaped, tmp_path, "goals", "--format", "xlsx"))
    rows = [[c.value for c in r] for r in wb.active.iter_rows()]
    assert ["Nämndmål", None, DIRECT, None, "2. Ett grönt Stockholm"] in rows


def test_indicator_order_is_the_trees_in_one_report_and_across_all(
    shaped: Path, tmp_path: Path
) -> None:
    one = _export(shaped, tmp_path, "indicators", "--format", "csv", "--report", "1")
    every = _export(shaped, tmp_path, "indicators", "--format", "csv", "--report", "all")
    names = [line.split(",")[1] for line in one.read_text(encoding="utf-8").splitlines()[1:]]
    across = [line.split(",")[3] for line in every.read_text(encoding="utf-8").splitlines()[1:]]
    assert names == across and names[-1] == "Utsläpp"


def test_check_finds_what_a_direct_namndmal_lacks(
    shaped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    main(["check", "--db", str(shaped), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    mine = [f for f in findings if DIRECT in str(f.get("goal"))]
    assert {f["rule"] for f in mine} >= {"saknar-bedomning"}
    with Store(shaped) as store:
        assert store.goal(store.goal_tree(1)[1].children[0].id or 0).level == Level.NAMNDMAL
