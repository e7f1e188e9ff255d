"""The tree and the detail pane side by side, and room for the pane on a small terminal:
the tree normal, wide or hidden (`w`).

The container owns the tree's width (its classes say it to place.tcss). The screen gives
it the width the file remembers and how to remember a new one (the file's app state,
like the cursor's place), so the choice comes back when the file opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.containers import Horizontal

from tui.widgets.goal_detail import DetailPane
from tui.widgets.report_tree import ReportTree

STATE_TREE = "tui.tree_width"
# The cycle of `w`, and what the author is told at each step.
TREE_WIDTHS = {
    "normal": "Trädet i normal bredd.",
    "wide": "Trädet brett.",
    "hidden": "Trädet dolt.",
}
_CLASSES = {"wide": "-tree-wide", "hidden": "-tree-hidden"}


def next_width(width: str) -> str:
    order = list(TREE_WIDTHS)
    return order[(order.index(width) + 1) % len(order)] if width in order else order[1]


class Panes(Horizontal):
    """The report tree and the detail pane; `w`: normal → wide → hidden → normal."""

    def __init__(
        self,
        tree: ReportTree,
        detail: DetailPane,
        width: str | None,
        remember: Callable[[str], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(tree, detail, **kwargs)
        self.report_tree, self.detail = tree, detail
        self.remember = remember
        self.tree_width = width if width in TREE_WIDTHS else "normal"

    def on_mount(self) -> None:
        self.set_tree_width(self.tree_width)
        # The screen puts the focus on the tree as the report opens, after this.
        self.call_after_refresh(self._leave_hidden_tree)

    def set_tree_width(self, width: str) -> None:
        self.tree_width = width
        for name, css in _CLASSES.items():
            self.set_class(name == width, css)
        self._leave_hidden_tree()

    def _leave_hidden_tree(self) -> None:
        if self.tree_width == "hidden" and self.report_tree.has_focus:
            self.detail.focus_first() or self.detail.focus()

    def cycle_tree_width(self) -> None:
        """`w` (the screen's key: it works from the check view too)."""
        width = next_width(self.tree_width)
        self.set_tree_width(width)
        if width != "hidden" and not self.detail.has_focus_within:
            self.report_tree.focus()
        self.remember(width)
        self.app.clear_notifications()  # one word on the width, not one per press
        self.notify(f"{TREE_WIDTHS[width]} (w byter)")
