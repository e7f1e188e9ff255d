"""An economy table in the grid: a cell (a Swedish number, store/values.py), a row's label,
rows added, removed and marked as a total, columns added, renamed and removed. Each is
one step of the Editor; a refused value is said beside the cell it was typed for."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.editor import Refused
from tui.verbs.workbench import Workbench
from tui.verbs.writing import add_after, write

if TYPE_CHECKING:
    from textual.geometry import Region

    from tui.widgets.shaping import Shaped
    from tui.widgets.value_table import EconomyGrid


def _grid(wb: Workbench, table_id: int) -> EconomyGrid | None:
    from tui.widgets.value_table import EconomyGrid

    # The newest: a grid drawn anew is mounted after the old one, which may still be
    # on its way out when the next frame has been drawn.
    grids = [g for g in wb.app.screen.query(EconomyGrid) if g.table.id == table_id]
    return grids[-1] if grids else None


def focus_grid(wb: Workbench, table_id: int, row_id: int | None, column: int | None) -> None:
    """After the table is drawn anew: the cursor on the row (and column) again."""

    def now(tries: int = 3) -> None:
        grid = _grid(wb, table_id)
        if grid is None:
            return
        if not grid.is_mounted and tries:  # mounted by a later frame
            wb.app.call_after_refresh(now, tries - 1)
            return
        ids = [r.id for r in grid.table.rows]
        row = ids.index(row_id) if row_id in ids else max(0, len(ids) - 1)
        col = 0 if column is None else min(column + 1, len(grid.table.columns))
        if ids:
            grid.move_cursor(row=row, column=col, animate=False)
        grid.focus()

    wb.app.call_after_refresh(now)


def _region(wb: Workbench, table_id: int) -> Region | None:
    grid = _grid(wb, table_id)
    return grid.cell_screen_region() if grid is not None else None


def _ask(
    wb: Workbench, target: Shaped, label: str, value: str, save: Callable[[str, Any], Any]
) -> None:
    """A one-line editor beside the cell; `save` writes (Refused: said under the value)."""
    from tui.dialogs.cell_editor import CellEditor

    table_id = target.table_id or 0

    def commit(text: str, shown: str) -> str | None:
        try:
            wb.editor.apply(lambda s: save(text, shown))  # type: ignore[arg-type,return-value]
        except Refused as exc:
            return exc.reason
        return None

    def done(saved: str | None) -> None:
        if saved is not None:
            focus_grid(wb, table_id, target.entity_id, target.column)

    wb.app.push_screen(CellEditor(label, value, commit, _region(wb, table_id)), done)


def _rows_only(wb: Workbench, target: Shaped) -> bool:
    if target.entity != "economy_row":
        wb.notify("Tabellen har inga rader ännu: n lägger till en.", severity="warning")
        return False
    return True


def edit_cell(wb: Workbench, target: Shaped) -> None:
    if not _rows_only(wb, target):
        return
    store = wb.editor.store
    table = store.economy_table(target.table_id or 0)
    row = store.get("economy_row", target.entity_id)
    if target.column is None:
        _ask(
            wb,
            target,
            "Rad",
            row.label,
            lambda text, shown: store.update("economy_row", row.id, "label", text, expected=shown),
        )
        return
    col = target.column
    cells = row.cells or [""] * len(table.columns)
    _ask(
        wb,
        target,
        f"{table.columns[col]} – {row.label}",
        cells[col],
        lambda text, shown: store.set_cell(row.id, col, text, shown),
    )


def add_row(wb: Workbench, target: Shaped) -> None:
    from tui.dialogs.cell_editor import CellEditor

    table_id = target.table_id or 0
    added: list[int] = []

    def commit(text: str, shown: str) -> str | None:
        try:
            changes = wb.editor.apply(lambda s: s.add_economy_row(table_id, text))
        except Refused as exc:
            return exc.reason
        added.append(changes[0].entity_id)
        return None

    def done(saved: str | None) -> None:
        if added:
            focus_grid(wb, table_id, added[0], 0)

    wb.app.push_screen(CellEditor("Ny rad: radens namn", "", commit, _region(wb, table_id)), done)


def remove_row(wb: Workbench, target: Shaped) -> None:
    if not _rows_only(wb, target):
        return
    from tui.dialogs.confirm import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            wb.editor.delete("economy_row", target.entity_id)
        except Refused as exc:
            wb.notify(exc.message, title="Togs inte bort", severity="error")
            return
        focus_grid(wb, target.table_id or 0, None, target.column)
        wb.notify(f"Tog bort raden {target.name!r} (ctrl+z ångrar).")

    question = f"Ta bort raden\n{target.name!r} med dess belopp?"
    wb.app.push_screen(ConfirmDialog(question, "Ta bort", "Behåll"), answered)


def toggle_total(wb: Workbench, target: Shaped) -> None:
    if not _rows_only(wb, target):
        return
    row = wb.editor.store.get("economy_row", target.entity_id)
    if write(wb, "economy_row", target.entity_id, "is_total", not row.is_total, row.is_total):
        focus_grid(wb, target.table_id or 0, target.entity_id, target.column)


def add_column(wb: Workbench, target: Shaped) -> None:
    at = None if target.column is None else target.column + 1
    table_id = target.table_id or 0
    _ask(
        wb,
        target._replace(column=at),
        "Ny kolumn: rubrik",
        "",
        lambda text, shown: wb.editor.store.add_column(table_id, text, at),
    )


def rename_column(wb: Workbench, target: Shaped) -> None:
    if target.column is None:
        wb.notify("Ställ markören i en kolumn med belopp.", severity="warning")
        return
    table_id, col = target.table_id or 0, target.column
    table = wb.editor.store.economy_table(table_id)
    _ask(
        wb,
        target,
        "Kolumnens rubrik",
        table.columns[col],
        lambda text, shown: wb.editor.store.rename_column(table_id, col, text),
    )


def remove_column(wb: Workbench, target: Shaped) -> None:
    if target.column is None:
        wb.notify("Ställ markören i en kolumn med belopp.", severity="warning")
        return
    from tui.dialogs.confirm import ConfirmDialog

    table_id, col = target.table_id or 0, target.column
    heading = wb.editor.store.economy_table(table_id).columns[col]

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            wb.editor.apply(lambda s: s.remove_column(table_id, col))
        except Refused as exc:
            wb.notify(exc.message, title="Togs inte bort", severity="error")
            return
        focus_grid(wb, table_id, target.entity_id, max(0, col - 1))
        wb.notify(f"Tog bort kolumnen {heading!r} (ctrl+z ångrar).")

    question = f"Ta bort kolumnen\n{heading!r} med dess belopp i alla rader?"
    wb.app.push_screen(ConfirmDialog(question, "Ta bort", "Behåll"), answered)


def add_table(wb: Workbench, target: Shaped) -> None:
    """A new economy table after the one under the cursor, in the same section, with the
    columns typed (separated by ;) and no rows yet."""
    from tui.dialogs.heading import HeadingDialog
    from tui.widgets.report_tree import Ref

    store = wb.editor.store
    table = store.economy_table(target.entity_id)
    added: list[int] = []

    def commit(values: dict[str, str]) -> tuple[str, str] | None:
        columns = [c.strip() for c in values["columns"].split(";") if c.strip()]
        if not columns:
            return "columns", "skriv minst en kolumnrubrik (flera skiljs med ;)"
        fields = {
            "section_id": table.section_id,
            "key": table_key(values["title"], {t.key for t in store.economy_tables(wb.report_id)}),
            "title": values["title"].strip(),
            "unit": table.unit,
            "columns": columns,
        }
        if not fields["title"]:
            return "title", "tabellen behöver en rubrik"
        try:
            added.append(add_after(wb, "economy_table", fields, table.id or 0))
        except Refused as exc:
            return "title", exc.reason
        return None

    def done(saved: bool | None) -> None:
        if added:
            wb.go_to(Ref("table", added[0]), focus_tree=True)

    fields = [("title", "Tabellrubrik", ""), ("columns", "Kolumner (skilj med ;)", "")]
    wb.app.push_screen(HeadingDialog("Ny ekonomitabell", fields, commit), done)


def table_key(title: str, taken: set[str]) -> str:
    """A table's key (`export economy --table KEY`) from its title, unique in the report."""
    plain = title.lower().translate(str.maketrans("åäöé", "aaoe"))
    key = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].rstrip("-") or "tabell"
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    return candidate


HANDLERS: dict[str, Callable[[Workbench, Shaped], None]] = {
    "edit_grid_cell": edit_cell,
    "add_economy_row": add_row,
    "remove_economy_row": remove_row,
    "toggle_total": toggle_total,
    "add_column": add_column,
    "rename_column": rename_column,
    "remove_column": remove_column,
}
