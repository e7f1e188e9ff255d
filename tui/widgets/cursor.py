"""What is under a widget's cursor, asked through a protocol, and the verbs that act on it.

Each widget that shows something the author can act on implements `Cursor` (the tree, the
value tables, the economy grids, the text blocks, the pane for the goal it shows): it
says which field is under its cursor, what `delete` would remove, what `x` would export
and where `n` would add. The verbs themselves (`CursorVerbs`) only post that target in
a small message; the screen routes it to a dialog and the editor. A new view implements
the same methods and gets the same verbs, with no change to the screen's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, runtime_checkable

from textual.message import Message

from store.rows import db_value

if TYPE_CHECKING:
    from store.models import Goal


class FieldRef(NamedTuple):
    """One field under the cursor, with the value the author sees (the write's `expected`)."""

    entity: str
    entity_id: int
    field: str
    shown: Any

    @property
    def stored(self) -> str | None:
        """The shown value as history records it."""
        value = db_value(self.shown)
        return None if value is None else str(value)


class Removal(NamedTuple):
    """What `delete` removes; `then` is the goal to show afterwards (None: stay)."""

    entity: str  # goal, indicator, activity
    entity_id: int
    name: str
    then: int | None = None


class Addition(NamedTuple):
    """Where `n` adds: under `goal` (None: at the top of the report), one of `kinds`,
    `first` offered first."""

    goal: Goal | None
    kinds: tuple[str, ...] = ()
    first: str = ""


class ExportTarget(NamedTuple):
    """What `x` offers first (tui.export_choices): a goal and everything below it, one of
    its tables (`table`: indicators, activities), an economy table (`economy`: its key)."""

    goal_id: int | None = None
    table: str = "report"  # a name in exports.TABLES
    economy: str | None = None


class Review(NamedTuple):
    """What `g` confirms as reviewed: the item's marks in `fields` (None: all of them)."""

    entity: str  # goal, indicator, activity, section
    entity_id: int
    fields: frozenset[str] | None = None


@runtime_checkable
class Cursor(Protocol):
    """What any widget with a cursor answers; None: nothing of that kind there."""

    def current_field(self) -> FieldRef | None: ...

    def removal(self) -> Removal | None: ...

    def export_target(self) -> ExportTarget | None: ...

    def addition(self) -> Addition | None: ...


class CursorVerbs:
    """The verbs on what is under the cursor, for a widget that implements `Cursor`.

    The widget binds the keys (tui.actions, its VERB_SCOPE); each verb posts `Asked`
    with the widget's target, or None when there is nothing there (the screen says so).
    """

    VERB_SCOPE: ClassVar[str] = ""

    @dataclass
    class Asked(Message):
        action: str  # field_history, remove, export, add, review, previous_text
        target: Any  # FieldRef, Removal, ExportTarget, Addition, Review, or None

    def current_field(self) -> FieldRef | None:
        return None

    def removal(self) -> Removal | None:
        return None

    def export_target(self) -> ExportTarget | None:
        return None

    def addition(self) -> Addition | None:
        return None

    def review(self) -> Review | None:
        return None

    if TYPE_CHECKING:

        def post_message(self, message: Message) -> bool: ...  # the widget's own

    def action_field_history(self) -> None:
        self.post_message(CursorVerbs.Asked("field_history", self.current_field()))

    def action_remove(self) -> None:
        self.post_message(CursorVerbs.Asked("remove", self.removal()))

    def action_export(self) -> None:
        self.post_message(CursorVerbs.Asked("export", self.export_target()))

    def action_add(self) -> None:
        self.post_message(CursorVerbs.Asked("add", self.addition()))

    # -- carried items (issue 12): confirm as reviewed, the previous text --

    def action_review(self) -> None:
        self.post_message(CursorVerbs.Asked("review", self.review()))

    def action_previous_text(self) -> None:
        self.post_message(CursorVerbs.Asked("previous_text", self.current_field()))
