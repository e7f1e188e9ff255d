"""Goal numbers that follow the order (issue 12 §4): when a goal moves, its number and its
siblings' numbers follow the new order, and the numbers below them follow theirs.

Only automatic numbers are rewritten: the siblings' numbers are renumbered when, before
the move, they were exactly the regular sequence under their parent ("1", "2", "3" at
the top; "2.1", "2.2" under "2"). A sequence the author typed otherwise ("1.1", "1.5",
or numbers out of order) is left as it is. A goal's own number is followed below it only
where the numbers below started with it ("1.3" under "1" becomes "2.3" when "1" becomes
"2"); nämndmål have no numbers. Every rewrite is an ordinary `code` change through
`update`, so it is recorded and undone with the move, in the caller's `batch()`.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from store import rows
from store.entities import row
from store.models import Change, Goal, Level


def regular(codes: list[str | None], prefix: str) -> bool:
    """Whether `codes` are prefix1, prefix2, ... in this order."""
    return codes == [f"{prefix}{n}" for n in range(1, len(codes) + 1)]


class NumberingMixin:
    conn: sqlite3.Connection

    if TYPE_CHECKING:  # the Store's own (store/edits.py)

        def update(
            self, entity: str, entity_id: int, field: str, value: Any, **kw: Any
        ) -> Change | None: ...

    def _goal(self, goal_id: int) -> Goal:
        return rows.goal(row(self.conn, "goals", goal_id, "mål"))

    def number_prefix(self, parent_id: int | None) -> str | None:
        """What the numbers directly under a parent start with ("" at the top, "2." under
        "2"); None when the parent has no number to build on."""
        if parent_id is None:
            return ""
        parent = self._goal(parent_id)
        if parent.level != Level.INRIKTNINGSMAL or not parent.code:
            return None
        return f"{parent.code}."

    def _codes(self, ids: list[int]) -> list[str | None]:
        return [self._goal(i).code for i in ids]

    def follow_order(
        self, before: list[int], after: list[int], parent_id: int | None
    ) -> list[Change]:
        """Siblings numbered in their new order (`after`), where their numbers in the old
        order (`before`) were the regular sequence; the numbers below follow."""
        prefix = self.number_prefix(parent_id)
        if prefix is None or not before or not regular(self._codes(before), prefix):
            return []
        if self._goal(before[0]).level == Level.NAMNDMAL:
            return []
        changes: list[Change] = []
        for n, goal_id in enumerate(after, 1):
            changes += self.renumber_goal(goal_id, f"{prefix}{n}")
        return changes

    def number_under(self, goal_id: int, parent_id: int, siblings: list[int]) -> str | None:
        """The number a goal gets when it moves last under `parent_id` among `siblings`
        (the goals of its level there, without it): the next of a regular sequence; its
        own when that fits and is free; else one after the highest plain number."""
        goal = self._goal(goal_id)
        prefix = self.number_prefix(parent_id)
        if goal.level == Level.NAMNDMAL or prefix is None:
            return goal.code
        codes = self._codes(siblings)
        if regular(codes, prefix):
            return f"{prefix}{len(codes) + 1}"
        own = (goal.code or "").removeprefix(prefix)
        if goal.code and goal.code.startswith(prefix) and own.isdigit() and goal.code not in codes:
            return goal.code
        tails = [(c or "").removeprefix(prefix) for c in codes if (c or "").startswith(prefix)]
        return f"{prefix}{max((int(t) for t in tails if t.isdigit()), default=0) + 1}"

    def renumber_goal(self, goal_id: int, code: str | None) -> list[Change]:
        """A goal's new number; the numbers directly below it that started with its old
        number follow it ("1.3" → "2.3" when "1" becomes "2")."""
        goal = self._goal(goal_id)
        if goal.code == code:
            return []
        change = self.update("goal", goal_id, "code", code)
        changes = [change] if change is not None else []
        if not goal.code or not code:
            return changes
        old = f"{goal.code}."
        for child_id, child_code in self.conn.execute(
            "SELECT id, code FROM goals WHERE parent_id = ? ORDER BY level, position, id",
            (goal_id,),
        ).fetchall():
            if child_code and child_code.startswith(old):
                changes += self.renumber_goal(child_id, f"{code}.{child_code[len(old) :]}")
        return changes
