"""Room for the detail pane on a small terminal: the tree normal, wide or hidden (`w`).

A mixin of the main screen, so the screen module stays small. The choice is kept in
the file's app state, like the cursor's place, and comes back when the file opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from store.store import Store
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


class TreePlace:
    """`w`: normal → wide → hidden → normal. The screen gives it the tree and the pane."""

    tree: ReportTree
    detail: DetailPane
    tree_width = "normal"

    if TYPE_CHECKING:

        @property
        def store(self) -> Store: ...

        def notify(self, message: str, **kwargs: object) -> None: ...

        def set_class(self, add: bool, *names: str) -> object: ...

        @property
        def app(self) -> App[object]: ...

    def on_mount(self) -> None:
        saved = self.store.state(STATE_TREE)
        self.set_tree_width(saved if saved in TREE_WIDTHS else "normal")

    def set_tree_width(self, width: str) -> None:
        self.tree_width = width
        for name, css in _CLASSES.items():
            self.set_class(name == width, css)
        if width == "hidden" and self.tree.has_focus:
            self.detail.focus_first() or self.detail.focus()

    def action_tree_width(self) -> None:
        width = next_width(self.tree_width)
        self.set_tree_width(width)
        if width != "hidden" and not self.detail.has_focus_within:
            self.tree.focus()
        self.store.set_state(STATE_TREE, width)
        self.app.clear_notifications()  # one word on the width, not one per press
        self.notify(f"{TREE_WIDTHS[width]} (w byter)")
