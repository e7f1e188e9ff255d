"""What a verb may ask of the screen it runs on. MainScreen implements it; nothing else
of the screen is reached from tui/verbs/."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from textual.app import App

    from store.models import Goal, Report
    from tui.editor import Editor
    from tui.widgets.report_tree import Ref


class Workbench(Protocol):
    editor: Editor
    report_id: int
    report: Report

    @property
    def app(self) -> App[Any]: ...

    @property
    def goal(self) -> Goal | None:
        """The goal shown in the pane, with its indicators and activities."""
        ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def call_later(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> bool: ...

    def writable(self) -> bool:
        """The read-only guard before a dialog asks anything: False (and said) when not."""
        ...

    def go_to(self, ref: Ref, *, focus_tree: bool = False) -> bool:
        """Put the tree's cursor on `ref` and show it; False when it is not in the tree."""
        ...

    def goal_in_tree(self, goal_id: int) -> Goal | None:
        """A goal of the report as the tree has it (no indicators or activities)."""
        ...

    def focus_text(self, field: str) -> None:
        """Focus one of the pane's texts (a goal's analys, a section's body)."""
        ...

    def focus_row(self, entity: str, entity_id: int, field: str) -> None:
        """The cursor on a row of the shown goal's table, the table focused and in view."""
        ...

    def open_report(self, report_id: int) -> None: ...
