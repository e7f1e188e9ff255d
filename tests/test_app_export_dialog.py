# ruff: noqa: F811 - the fixtures imported are redefined as arguments
"""The workbench's export dialog (`x`): format, then what, then where; the files it
writes read back with openpyxl and python-docx; the folder kept between sessions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from exports.tables import economy_tables, selected
from store import locations, settings
from store.store import Store
from tests.test_app_support import (  # noqa: F401 - fixtures
    _sample_master,
    make_app,
    sample_db,
    sync,
)
from tui.export_choices import choices, file_name, file_part, report_stem
from tui.widgets.cursor import ExportTarget

SIZE = (100, 35)


def _goal(db: Path, code: str) -> int:
    with Store(db) as s:
        doc = s.document(s.reports()[0].id)
    return next(g.id for g, _ in selected(doc, None) if g.code == code)


def _document(db: Path):  # noqa: ANN202
    with Store(db) as s:
        return s.document(s.reports()[0].id)


async def _open_dialog(app, pilot, goal: int | None = None):  # noqa: ANN001, ANN202
    from tui.dialogs.export import ExportDialog

    await pilot.pause()
    if goal is not None:
        app.screen.jump_to_goal(goal)
        await pilot.pause()
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


async def _export_to(app, pilot, folder: Path) -> None:  # noqa: ANN001
    """Where: the folder typed, the name as offered; enter in the name writes."""
    app.screen.query_one("#export-folder").value = str(folder)
    app.screen.query_one("#export-name").focus()
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@sync
async def test_indicators_of_a_goal_and_below_to_excel(sample_db: Path, tmp_path: Path) -> None:
    import openpyxl

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot, _goal(sample_db, "1.3"))
        assert dialog.fmt == "docx"  # a goal: Word first
        await pilot.press("right", "enter")  # Format: Excel, as a user picks it
        await pilot.press("tab", "down", "enter")  # Vad: the indicators of 1.3 and below
        await pilot.pause()
        assert dialog.fmt == "xlsx" and dialog.choice.key == "indicators"
        await _export_to(app, pilot, tmp_path)
    out = tmp_path / "servicenamnden-t2-2023-indikatorer-1-3.xlsx"
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0])
    assert headers[:3] == ["Mål", "Indikator", "Periodens utfall"]
    doc = _document(sample_db)
    below = [(g, i) for g, _ in selected(doc, _goal(sample_db, "1.3")) for i in g.indicators]
    assert len(below) == 2 and len(rows) == 1 + len(below)  # 1.3 has none of its own
    for row, (goal, ind) in zip(rows[1:], below, strict=True):
        assert row[0] == goal.label and row[1] == ind.name
    outcome = headers.index("Periodens utfall")
    assert [r[outcome] for r in rows[1:]] == [77, 2]  # numbers, not text
    assert rows[1][headers.index("Årsmål")] == pytest.approx(0.85)  # "85 %"


@sync
async def test_whole_report_to_word(sample_db: Path, tmp_path: Path) -> None:
    import docx

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot)
        dialog.pick("report")
        await pilot.pause()
        assert dialog.query_one("#export-name").value == "servicenamnden-t2-2023.docx"
        await _export_to(app, pilot, tmp_path)
    document = docx.Document(str(tmp_path / "servicenamnden-t2-2023.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    doc = _document(sample_db)
    assert "Uppföljning av Kommunfullmäktiges inriktningsmål" in headings
    assert "Sammanfattande analys" in headings
    for goal, _ in selected(doc, None):
        if goal.code:
            assert any(goal.title in h for h in headings), goal.label
    assert len(document.tables) > 10  # indicators, activities and economy as Word tables


@sync
async def test_export_folder_is_remembered_across_a_restart(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "Dokument"
    docs.mkdir()
    monkeypatch.setattr(locations, "user_documents_path", lambda: docs)
    chosen = tmp_path / "rapporter"
    chosen.mkdir()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot)
        assert dialog.query_one("#export-folder").value == str(docs)  # Documents at first
        await _export_to(app, pilot, chosen)
    assert len(list(chosen.iterdir())) == 1
    app = make_app(sample_db)  # a new session
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot)
        assert dialog.query_one("#export-folder").value == str(chosen)
    assert settings.load()[settings.EXPORT_FOLDER] == str(chosen)


def test_default_folder_is_documents_where_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locations, "user_documents_path", lambda: tmp_path / "Documents")
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert settings.export_folder() == tmp_path  # no Documents folder: home
    (tmp_path / "Documents").mkdir()
    assert settings.export_folder() == tmp_path / "Documents"
    gone = tmp_path / "network-drive"
    settings.remember_export_folder(gone)  # a folder not there today: Documents again
    assert settings.export_folder() == tmp_path / "Documents"
    locations.settings_file().write_text("{not json", encoding="utf-8")
    assert settings.export_folder() == tmp_path / "Documents"  # a damaged file: no settings


@sync
async def test_csv_from_the_workbench_opens_in_swedish_excel(
    sample_db: Path, tmp_path: Path
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_dialog(app, pilot, _goal(sample_db, "3.1"))
        app.screen.query_one("#csv").value = True
        await pilot.pause()
        assert app.screen.choice.key == "indicators"  # Word's goal is no CSV: first table
        await _export_to(app, pilot, tmp_path)
        await _open_dialog(app, pilot)
        app.screen.query_one("#csv").value = True
        app.screen.query_one("#export-excel-sv").value = False  # the plain dialect, asked for
        app.screen.query_one("#export-name").value = "rfc.csv"
        await _export_to(app, pilot, tmp_path)
    data = (tmp_path / "servicenamnden-t2-2023-indikatorer-3-1.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert data.count(b"\r\n") == data.count(b"\n") > 10  # CRLF, every line
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:3] == ["Mål", "Indikator", "Periodens utfall"]
    assert {len(r) for r in rows} == {len(rows[0])}  # columns, not one garbled column
    assert len(rows) == 1 + sum(
        len(g.indicators) for g, _ in selected(_document(sample_db), _goal(sample_db, "3.1"))
    )
    plain = (tmp_path / "rfc.csv").read_bytes()
    assert plain.startswith("Mål,Indikator".encode())


@sync
async def test_overwrite_asks_and_no_keeps_the_file(sample_db: Path, tmp_path: Path) -> None:
    from tui.dialogs.confirm import ConfirmDialog

    out = tmp_path / "servicenamnden-t2-2023-1-3.docx"
    out.write_bytes(b"the city's own document")
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot, _goal(sample_db, "1.3"))
        await _export_to(app, pilot, tmp_path)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen is dialog and out.read_bytes() == b"the city's own document"
        assert "skrevs inte över" in str(dialog.query_one("#export-error").render())
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert out.read_bytes().startswith(b"PK")  # a Word file now


@sync
async def test_a_missing_folder_is_refused_beside_the_fields(
    sample_db: Path, tmp_path: Path
) -> None:
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_dialog(app, pilot)
        await _export_to(app, pilot, tmp_path / "saknas")
        assert app.screen is dialog
        assert "finns inte" in str(dialog.query_one("#export-error").render())
    assert not (tmp_path / "saknas").exists()


@sync
async def test_a_table_in_focus_goes_to_excel_and_word_takes_its_goal(
    sample_db: Path, tmp_path: Path
) -> None:
    from textual.widgets.option_list import OptionDoesNotExist

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Sjukfrånvaro dag 1-14", "enter")
        await pilot.pause()
        dialog = await _open_dialog(app, pilot)
        assert (dialog.fmt, dialog.choice.key) == ("xlsx", "indicators")
        dialog.query_one("#docx").value = True
        await pilot.pause()
        assert dialog.choice.key == "goal" and dialog.query_one("#export-note").display
        offered = dialog.query_one("#export-what")
        assert offered.get_option_index("goal") == 0
        with pytest.raises(OptionDoesNotExist):  # not offered with Word
            offered.get_option_index("indicators")
        dialog.query_one("#xlsx").value = True
        await pilot.pause()
        assert dialog.choice.key == "goal" and offered.get_option_index("indicators") == 1


def test_choices_from_any_goal_level(sample_db: Path) -> None:
    doc = _document(sample_db)
    top = _goal(sample_db, "3")
    found = {c.key: c for c in choices(doc, ExportTarget(top))}
    assert list(found) == ["goal", "indicators", "activities", "goals", "report"]
    count = sum(len(g.indicators) for g, _ in selected(doc, top))
    assert f"({count} st)" in found["indicators"].label and found["indicators"].goal == top
    key = economy_tables(doc)[0].key
    econ = choices(doc, ExportTarget(table="economy", economy=key))
    assert [c.key for c in econ] == ["economy", "report"]
    assert file_name(doc.report, econ[0], ".xlsx") == "servicenamnden-t2-2023-periodens-utfall.xlsx"


def test_file_names_are_plain_letters() -> None:
    from store.models import Report

    vb = Report(organisation="Östermalms stadsdelsnämnd", kind="VB", year=2024)
    assert report_stem(vb) == "ostermalms-stadsdelsnamnd-vb-2024"
    assert file_part('Årsprognos / per verksamhet: "Ä"') == "arsprognos-per-verksamhet-a"


@pytest.mark.parametrize("size", [(80, 24)])
def test_export_dialog_snapshot(  # noqa: ANN001
    snap_compare, sample_db: Path, size, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample_db.parent)  # the header shows the file relative to here
    monkeypatch.setattr(settings, "export_folder", lambda: Path("Dokument"))
    goal = _goal(sample_db, "1.3")
    app = make_app(Path(sample_db.name))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await _open_dialog(app, pilot, goal)
        await pilot.press("right", "enter", "tab", "down", "enter")
        await pilot.pause()
        for widget in app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@sync
async def test_success_and_failure_are_one_line_with_the_path(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exports.writers

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_dialog(app, pilot)
        await _export_to(app, pilot, tmp_path)
        written = tmp_path / "servicenamnden-t2-2023-1.docx"
        assert [n.message for n in app._notifications] == [f"Skrev {written}"]

        def broken(what, stream) -> None:  # noqa: ANN001
            stream.write(b"half")
            raise RuntimeError("trasig\nrad")

        monkeypatch.setattr(exports.writers, "write_excel", broken)
        app._notifications.clear()
        dialog = await _open_dialog(app, pilot)
        dialog.query_one("#xlsx").value = True
        await pilot.pause()
        await _export_to(app, pilot, tmp_path)
        failed = tmp_path / "servicenamnden-t2-2023-1.xlsx"
        [note] = list(app._notifications)
        assert note.message == f"Kunde inte skriva {failed}: trasig rad"
        assert note.severity == "error" and app.is_running
    left = [p.name for p in tmp_path.iterdir() if not p.name.startswith("sample.db")]
    assert not failed.exists() and left == [written.name]  # no half file, no temporary


@sync
async def test_economy_table_in_focus_and_a_section(sample_db: Path, tmp_path: Path) -> None:
    from tui.widgets.report_tree import Ref

    doc = _document(sample_db)
    table = economy_tables(doc)[0]
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.go_to(Ref("table", table.id), focus_tree=True)
        dialog = await _open_dialog(app, pilot)
        assert (dialog.fmt, dialog.choice.key) == ("xlsx", "economy")
        dialog.query_one("#csv").value = True
        await pilot.pause()
        await _export_to(app, pilot, tmp_path)
        section = next(s for s in doc.sections if not s.tables and s.body)
        assert app.screen.go_to(Ref("section", section.id), focus_tree=True)
        dialog = await _open_dialog(app, pilot)
        assert [c.key for c in dialog.choices.values()] == ["report"]
    data = (tmp_path / "servicenamnden-t2-2023-periodens-utfall.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == [table.label_heading, *table.columns]
    assert [r[0] for r in rows[1:]] == [r.label for r in table.rows]
