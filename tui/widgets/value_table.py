"""The indicator and activity tables: a cell cursor, `e`/`enter` edits, `space` toggles Avvikelse."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.message import Message
from textual.widgets import DataTable

from store.models import (
    ACTIVITY_FIELDS,
    INDICATOR_VALUE_FIELDS,
    Activity,
    EconomyTable,
    Goal,
    Indicator,
)
from tui.actions import bindings
from tui.labels import plain, printable, shorten
from tui.widgets import carried
from tui.widgets.cursor import Addition, CursorVerbs, ExportTarget, FieldRef, Removal, Review
from tui.widgets.report_tree import goal_addition
from tui.widgets.shaping import GridVerbs, Shaped, ShapeVerbs, grid_target
from tui.widgets.whole_columns import WholeColumns

NAME_WIDTH = 34


def indicator_columns(year: int) -> dict[str, str]:
    """Indikator and the eight value columns; `previous` is headed 'Utfall VB <year-1>'."""
    cols = {"name": "Indikator"}
    for field, label in INDICATOR_VALUE_FIELDS.items():
        cols[field] = f"Utfall VB {year - 1}" if field == "previous" else label
    return cols


ACTIVITY_COLUMNS = {f: ACTIVITY_FIELDS[f] for f in ("text", "start_date", "end_date", "deviation")}


def cell_text(model: Any, field: str) -> str:
    """A field's value as the author types it."""
    value = getattr(model, field)
    if field == "deviation":
        return "Avvikelse" if value else ""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class ValueTable(WholeColumns, DataTable[Any], CursorVerbs, ShapeVerbs):
    """A table of indicators or activities. The screen edits; this posts what was asked."""

    VERB_SCOPE = "table"
    BINDINGS = bindings(VERB_SCOPE)

    @dataclass
    class EditCell(Message):
        table: ValueTable
        entity: str  # indicator, activity
        id: int
        field: str
        label: str
        value: str
        region: Region  # where the cell is on screen, to put the editor beside it

    @dataclass
    class EditAnalys(Message):
        """Edit the Analys of the row under the cursor (None: the table has no rows)."""

        table: ValueTable
        id: int | None

    @dataclass
    class ToggleFlag(Message):
        table: ValueTable
        id: int

    def __init__(self, entity: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, fixed_columns=1, **kwargs)
        self.entity = entity
        self.goal: Goal | None = None  # whose rows these are
        self.year = 0
        self.models: dict[int, Indicator | Activity] = {}
        self.columns_by_field: dict[str, str] = {}
        self.name_width = NAME_WIDTH
        self.narrow = False  # headings on two lines (load)

    def load(self, goal: Goal, year: int) -> None:
        """The goal's indicators or activities, keeping the cursor where it was."""
        models: list[Any] = goal.indicators if self.entity == "indicator" else goal.activities
        coord = self.cursor_coordinate
        self.clear(columns=True)
        self.goal, self.year = goal, year
        self.models = {m.id: m for m in models}
        self.columns_by_field = (
            indicator_columns(year) if self.entity == "indicator" else dict(ACTIVITY_COLUMNS)
        )
        # The name stays in view (fixed column); narrower on a small terminal.
        self.name_width = label_width(self.app.size.width, NAME_WIDTH)
        # Where the columns do not all fit on one line of headings, a heading goes on
        # two lines, so each column is about as wide as its values and more of them
        # fit; a word is never cut (_two_lines), a column shown in part is left out
        # (WholeColumns). Before the first layout the pane's share of the terminal.
        room = self.size.width or pane_width(self.app.size.width)
        one_line = self.name_width + sum(
            len(label) + 2
            for f, label in self.columns_by_field.items()
            if f not in ("name", "text")
        )
        self.narrow = narrow = one_line > room
        self.header_height = 2 if narrow else 1
        for field, label in self.columns_by_field.items():
            width = self.name_width if field in ("name", "text") else None
            self.add_column(_two_lines(label) if narrow else label, key=field, width=width)
        for m in models:
            self.add_row(*[self._cell(m, f) for f in self.columns_by_field], key=str(m.id))
        if models:
            self.cursor_coordinate = Coordinate(
                min(coord.row, len(models) - 1), min(coord.column, len(self.columns) - 1)
            )

    def _cell(self, m: Any, field: str) -> Text | str:
        text = cell_text(m, field)
        if field in ("name", "text"):
            flag = "⚠ " if getattr(m, "to_check", "") else ""
            cell = Text(flag, style="bold yellow")
            if m.unreviewed:  # carried, not yet reviewed
                flag += f"{carried.MARK} "
                cell.append_text(carried.mark())
            cell.append(shorten(text, self.name_width - len(flag)))
            return cell
        if field == "deviation" and text:
            return Text("⚑ Avvikelse", style="bold red")
        return plain(text)  # a Text: a value is never read as markup

    def update_model(self, model: Any) -> None:
        """One row's new values, in place (the cursor stays)."""
        self.models[model.id] = model
        for field in self.columns_by_field:
            self.update_cell(str(model.id), field, self._cell(model, field))

    @property
    def rows_in_order(self) -> list[Any]:
        return list(self.models.values())

    # -- where the cursor is ------------------------------------------------

    @property
    def current(self) -> tuple[int, str] | None:
        if not self.models or self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(key.row_key.value or 0), str(key.column_key.value)

    def row_name(self, entity_id: int) -> str:
        model = self.models[entity_id]
        return shorten(model.name if isinstance(model, Indicator) else model.text, 40)

    def move_to(self, entity_id: int, field: str) -> None:
        try:
            row = self.get_row_index(str(entity_id))
            column = self.get_column_index(field)
        except Exception:  # noqa: BLE001 - the row is gone; leave the cursor
            return
        self.move_cursor(row=row, column=column, animate=False)

    def cursor_screen_row(self) -> Region:
        """The cursor's row on screen (clipped to the table's own view)."""
        row = self.region.y + self.header_height + self.cursor_row - round(self.scroll_y)
        return Region(self.region.x, row, self.region.width, 1).intersection(self.region)

    def _update_dimensions(self, new_rows: Any) -> None:
        """Room after the last column on a small terminal, so that every column's start
        can be scrolled to the fixed name's edge (the snap below)."""
        super()._update_dimensions(new_rows)
        if self.narrow and len(self.ordered_columns) > 1:
            slack = max(c.get_render_width(self) for c in self.ordered_columns[1:])
            self.virtual_size = Size(self.virtual_size.width + slack, self.virtual_size.height)

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        """As DataTable does, then sideways to a column's start: the first column beside
        the fixed name is shown whole, its heading never cut in the middle of a word."""
        super()._scroll_cursor_into_view(animate)
        left = self._get_fixed_offset().left
        cell = self._get_cell_region(self.cursor_coordinate)
        view = self.scrollable_content_region.width
        if view <= left or self.max_scroll_x <= 0:
            return  # not laid out yet, or every column shows: nothing to snap
        x = int(self.scroll_x)
        if cell.x < x + left:
            x = cell.x - left
        elif cell.right > x + view:
            x = cell.right - view
        starts, at = [], 0
        for column in self.ordered_columns:
            starts.append(at)
            at += column.get_render_width(self)
        snapped = min((s - left for s in starts if s - left >= x), default=x)
        if snapped != int(self.scroll_x):
            self.scroll_to(x=snapped, animate=False, force=True)

    def cell_screen_region(self) -> Region:
        region = self._get_cell_region(self.cursor_coordinate)
        return region.translate(self.content_region.offset - self.scroll_offset)

    # -- actions -----------------------------------------------------------

    def action_edit(self) -> None:
        cur = self.current
        if cur is None:
            return
        entity_id, field = cur
        model = self.models[entity_id]
        self.post_message(
            self.EditCell(
                self,
                self.entity,
                entity_id,
                field,
                f"{self.columns_by_field[field]} – {self.row_name(entity_id)}",
                cell_text(model, field),
                self.cell_screen_region(),
            )
        )

    def action_row_analys(self) -> None:
        cur = self.current
        self.post_message(self.EditAnalys(self, cur[0] if cur is not None else None))

    def action_row_view(self) -> None:
        self.post_message(CursorVerbs.Asked("row_view", self.current_field()))

    def action_toggle_flag(self) -> None:
        cur = self.current
        if cur is not None and self.entity == "activity":
            self.post_message(self.ToggleFlag(self, cur[0]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "toggle_flag" and self.entity != "activity")

    # -- what is under the cursor (tui.widgets.cursor.Cursor) ---------------------------

    def current_field(self) -> FieldRef | None:
        cur = self.current
        if cur is None:
            return None
        entity_id, field = cur
        model = self.models[entity_id]
        shown = model.deviation if field == "deviation" else cell_text(model, field)
        return FieldRef(self.entity, entity_id, field, shown)

    def review(self) -> Review | None:
        """The row under the cursor: all its marks (targets, Analys)."""
        cur = self.current
        return None if cur is None else Review(self.entity, cur[0])

    def removal(self) -> Removal | None:
        cur = self.current
        if cur is None:  # no rows: what the pane has (its goal)
            return None
        model = self.models[cur[0]]
        name = model.name if isinstance(model, Indicator) else model.text
        return Removal(self.entity, cur[0], name)

    def export_target(self) -> ExportTarget | None:
        """This table of the goal and the goals below it, offered first."""
        if self.goal is None:
            return None
        return ExportTarget(
            self.goal.id, "indicators" if self.entity == "indicator" else "activities"
        )

    def addition(self) -> Addition | None:
        return goal_addition(self.goal, self.entity)

    def shaped(self) -> Shaped | None:
        cur = self.current
        return None if cur is None else Shaped(self.entity, cur[0], self.row_name(cur[0]))


class EconomyGrid(WholeColumns, DataTable[Any], CursorVerbs, GridVerbs):
    """An economy table as printed (mnkr, one decimal); totals in bold."""

    VERB_SCOPE = "grid"
    BINDINGS = bindings(VERB_SCOPE)

    def export_target(self) -> ExportTarget | None:
        return ExportTarget(table="economy", economy=self.table.key)

    def __init__(self, table: EconomyTable, **kwargs: Any) -> None:
        # A cell cursor: each value is edited where it stands (tui/verbs/structure.py).
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)
        self.table = table

    def shaped(self) -> Shaped | None:
        return grid_target(self.table, self.cursor_row, self.cursor_column)

    def cell_screen_region(self) -> Region:
        region = self._get_cell_region(self.cursor_coordinate)
        return region.translate(self.content_region.offset - self.scroll_offset)

    def on_mount(self) -> None:
        t = self.table
        # Long row labels ("Budget och resultat efter resultatdisposition") would push
        # every number out of a narrow pane: cap the label column and keep it in view.
        heading = t.label_heading or t.unit
        longest = max([len(heading), *(len(r.label) for r in t.rows)])
        label_w = min(longest, label_width(self.app.size.width, 24))
        self.fixed_columns = 1
        self.add_column(plain(heading), key="label", width=label_w)
        # Headings such as "Budget 2023 Intäkter" go on two lines, so each column is
        # about as wide as its numbers and more of them fit beside the labels. The
        # header is as high as the label column's heading needs, wrapped at its width.
        headings = [_two_lines(col) for col in t.columns]
        lines = [h.count("\n") + 1 for h in headings]
        self.header_height = max([*lines, len(textwrap.wrap(heading, label_w)) or 1])
        for i, heading in enumerate(headings):
            values = [len(r.cells[i]) for r in t.rows if r.cells]
            width = max([*(len(line) for line in heading.split("\n")), *values])
            self.add_column(
                Text(printable(heading, prose=True), justify="right"), key=f"c{i}", width=width
            )
        for row in t.rows:
            style = "bold" if row.is_total else ""
            cells = row.cells or [""] * len(t.columns)
            self.add_row(
                Text(shorten(row.label, label_w), style=style),
                *[Text(printable(c), style=style, justify="right") for c in cells],
            )


def pane_width(terminal: int) -> int:
    """About the detail pane's room for a table beside the tree in its normal width
    (app.tcss: #tree 42 %, 30 to 70 columns; borders, padding and a scroll bar)."""
    return terminal - min(max(terminal * 42 // 100, 30), 70) - 7


def label_width(terminal: int, widest: int) -> int:
    """The fixed name (or label) column's width: narrower on a small terminal, so a
    value column fits whole beside it."""
    return max(14, min(widest, (terminal - 40) // 2))


def _two_lines(heading: str) -> str:
    """Break a long heading at the space nearest its middle."""
    words = heading.split()
    if len(heading) <= 10 or len(words) < 2:
        return heading
    best = min(
        range(1, len(words)),
        key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
    )
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])
