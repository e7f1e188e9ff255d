"""The verbs that shape a report (issue 12 §4), for any widget with a cursor on a row:
move it up or down among its siblings (K/J), a goal under another parent (M), a goal's
number and title (t), and inside an economy grid its cells, rows and columns.

A widget says what is under its cursor (`shaped`); the verbs post it in `Shape`, and the
screen routes that to tui/verbs/structure.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.message import Message


class Shaped(NamedTuple):
    """A row under the cursor that can be moved or reshaped."""

    entity: str  # goal, section, indicator, activity, economy_row, economy_table
    entity_id: int
    name: str
    column: int | None = None  # in an economy grid: the value column (None: the label)
    table_id: int | None = None  # in an economy grid: its table


class ShapeVerbs:
    """move_up, move_down, move_under, edit_heading: each posts `Shape` with `shaped()`."""

    @dataclass
    class Shape(Message):
        action: str
        target: Shaped | None

    def shaped(self) -> Shaped | None:
        return None

    if TYPE_CHECKING:

        def post_message(self, message: Message) -> bool: ...

    def _shape(self, action: str) -> None:
        self.post_message(ShapeVerbs.Shape(action, self.shaped()))

    def action_move_up(self) -> None:
        self._shape("move_up")

    def action_move_down(self) -> None:
        self._shape("move_down")

    def action_move_under(self) -> None:
        self._shape("move_under")

    def action_edit_heading(self) -> None:
        self._shape("edit_heading")

    def action_edit_report(self) -> None:
        """The report's own fields (from the palette): the same wherever the cursor is."""
        self.post_message(ShapeVerbs.Shape("edit_report", Shaped("report", 0, "")))


class GridVerbs(ShapeVerbs):
    """An economy grid's own keys: a cell, a row's label, rows, columns, a total row."""

    def action_edit_grid_cell(self) -> None:
        self._shape("edit_grid_cell")

    def action_add_economy_row(self) -> None:
        self._shape("add_economy_row")

    def action_remove_economy_row(self) -> None:
        self._shape("remove_economy_row")

    def action_toggle_total(self) -> None:
        self._shape("toggle_total")

    def action_add_column(self) -> None:
        self._shape("add_column")

    def action_rename_column(self) -> None:
        self._shape("rename_column")

    def action_remove_column(self) -> None:
        self._shape("remove_column")


def grid_target(table: Any, row_index: int, column_index: int) -> Shaped | None:
    """What is under an economy grid's cursor: the row, and the value column (or None)."""
    if not table.rows:  # an empty table: only rows and columns can be added
        return Shaped("economy_table", table.id or 0, table.title, None, table.id)
    if not 0 <= row_index < len(table.rows):
        return None
    r = table.rows[row_index]
    column = column_index - 1 if column_index >= 1 else None
    return Shaped("economy_row", r.id or 0, r.label, column, table.id)
