"""Snapshots of every dialog and of a goal's whole indicator table.

Each opens the sample report as an author would, with the keys the README lists, so
that moving code between modules changes no picture. The recorded times are fixed and
the clock is UTC: the pictures hold no moment of the run. The Textual that drew them
is pinned for CI in .ci/constraints.txt.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from store.store import Store
from tests.test_app_snapshots import _settle
from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
)

DIALOG = (80, 24)  # the smallest terminal the README supports: where a dialog is tightest
WIDE = (260, 60)
FIRST_GOAL = "Ett Stockholm som håller samman med en stark och jämlik välfärd i hela staden"
MANY_INDICATORS = "Antal moderbolag som köper tilläggstjänster av verksamhetsområde ekonomi"


def _fixed_times(db: Path) -> None:
    """Every recorded moment the same, as a dialog shows it (the clock is UTC here)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE changes SET at = '2023-09-14T08:30:00+00:00'")
        conn.execute("UPDATE drafts SET at = '2023-09-14T09:15:00+00:00'")
    conn.close()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def snap_dialog(sample_db: Path, monkeypatch: pytest.MonkeyPatch, utc: None):  # noqa: ANN201, F811
    """`snap_dialog(prepare)`: the app on the sample after `prepare(store)` has run."""
    monkeypatch.chdir(sample_db.parent)  # the header shows the file relative to here

    def app(prepare: Callable[[Store], object] = lambda store: None):  # noqa: ANN202
        with Store(sample_db) as store:
            prepare(store)
        _fixed_times(sample_db)
        return make_app(Path(sample_db.name))

    return app


def _first_goal(store: Store) -> int:
    return store.goal_tree(store.reports()[0].id)[0].id  # type: ignore[return-value]


def _pressing(*keys: str):  # noqa: ANN202
    async def run_before(pilot) -> None:  # noqa: ANN001
        await _settle(pilot)
        await pilot.press(*keys)
        await _settle(pilot)

    return run_before


def test_field_history_dialog(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    def prepare(store: Store) -> None:
        gid = _first_goal(store)
        store.update("goal", gid, "assessment", "delvis")
        store.update("goal", gid, "assessment", "ej")
        store.update("goal", gid, "assessment", "helt", source="import")

    assert snap_compare(snap_dialog(prepare), terminal_size=DIALOG, run_before=_pressing("H"))


def test_deletions_dialog(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    def prepare(store: Store) -> None:
        report = store.reports()[0].id
        area = store.goal_tree(report)[0].children[0]
        store.delete("activity", store.activities(area.id)[0].id)  # type: ignore[arg-type]
        hit = next(h for h in store.search(MANY_INDICATORS, report) if h.kind == "indicator")
        store.delete("indicator", hit.id)
        store.delete("goal", store.goal_tree(report)[2].children[0].children[-1].id)  # type: ignore[arg-type]

    assert snap_compare(snap_dialog(prepare), terminal_size=DIALOG, run_before=_pressing("U"))


# The export dialog's snapshot is tests/test_app_export_dialog.py::test_export_dialog_snapshot.


def test_help_dialog(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    assert snap_compare(snap_dialog(), terminal_size=DIALOG, run_before=_pressing("question_mark"))


def test_assessment_dialog(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    assert snap_compare(snap_dialog(), terminal_size=DIALOG, run_before=_pressing("a"))


def test_draft_dialog(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    def prepare(store: Store) -> None:
        gid = _first_goal(store)
        saved = store.goal(gid).analys
        store.save_draft("goal", gid, "analys", "Utkast som inte hann sparas.\n" + saved, saved)

    assert snap_compare(snap_dialog(prepare), terminal_size=DIALOG, run_before=_settle)


def test_conflict_dialog(snap_compare, snap_dialog, sample_db: Path) -> None:  # noqa: ANN001, F811
    app = snap_dialog()

    async def run_before(pilot) -> None:  # noqa: ANN001
        await _settle(pilot)
        with Store(sample_db) as other:  # another window changes it meanwhile
            other.update("goal", _first_goal(other), "assessment", "ej")
        await pilot.press("a", "d")  # shown: helt; the file says ej now
        await _settle(pilot)

    assert snap_compare(app, terminal_size=DIALOG, run_before=run_before)


def test_reports_dialog(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    def prepare(store: Store) -> None:
        first = store.reports()[0].id
        store.new_report("Servicenämnden", "VB", 2023, from_report=first)
        store.new_report("Kulturnämnden", "T1", 2024)

    assert snap_compare(snap_dialog(prepare), terminal_size=DIALOG, run_before=_pressing("r"))


def test_a_goals_whole_indicator_table(snap_compare, snap_dialog) -> None:  # noqa: ANN001
    """The nämndmål with the most indicators (ten), every column, the cursor on a row."""
    keys = ("slash", *MANY_INDICATORS, "enter")
    assert snap_compare(snap_dialog(), terminal_size=WIDE, run_before=_pressing(*keys))
