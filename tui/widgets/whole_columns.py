"""Columns shown whole or not at all: a DataTable whose view cuts a column at either edge
of its scrolled part (beside the fixed name, or at the right) leaves that column out.

A heading cut in a word ("Prognos he") reads as another word, and a value cut in its
digits ("8" of "87") as another value. The row view (`o`) shows every field whole, and
the arrow keys bring a column left out here into view (the table scrolls to it).
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.strip import Strip


class WholeColumns:
    """Mixin for a DataTable (listed before it): partly visible columns are left blank."""

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        strip: Strip = super()._render_line(y, x1, x2, base_style)  # type: ignore[misc]
        width = strip.cell_length
        for start, end in self.cut_columns(x1, x2):
            strip = Strip.join(
                [strip.crop(0, start), Strip.blank(end - start, base_style), strip.crop(end, width)]
            )
        return strip

    def cut_columns(self, x1: int, x2: int) -> list[tuple[int, int]]:
        """The on-screen spans of the scrolled columns the view [x1, x2) shows only in
        part. A column wider than the whole scrolled view is shown as far as it goes:
        it can never be whole."""
        table: Any = self
        fixed = sum(c.get_render_width(table) for c in table.ordered_columns[: table.fixed_columns])
        left, right = x1 + fixed, x2  # the scrolled part, in the row's own columns
        spans = []
        at = fixed
        for column in table.ordered_columns[table.fixed_columns :]:
            start, at = at, at + column.get_render_width(table)
            if at - start > right - left:
                continue
            if start < left < at or start < right < at:
                lo, hi = max(start, left), min(at, right)
                spans.append((lo - x1, hi - x1))
        return spans
