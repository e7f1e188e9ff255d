"""The Editor: every change the author makes, through the store, and undo and redo.

A plain class (no Textual): it owns the store and the undo stack. The stack holds
steps, each a list of changes, so a compound edit (several writes made inside
`compound()`, in one transaction) is undone and redone with one ctrl+z. Here, and only
here, a store error becomes the author's words (`Refused`), and the read-only file is
refused. After every write, undo or redo the editor says what it touched (`on_change`)
so the workbench shows it anew.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

from store.entities import ENTITIES
from store.errors import Conflict, InvalidValue, NotFound, ReadOnlyFile, StoreError
from store.models import Change
from tui.labels import value_text

if TYPE_CHECKING:
    from store.store import Store

READ_ONLY = "Filen är skrivskyddad: ändringen sparades inte."


class Refused(Exception):
    """A write the editor did not make: nothing changed. `reason` is said where the value
    was typed (the field is known there); `message` stands alone, in a notice."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or message


def refusal(exc: StoreError) -> Refused:
    """The one place a store error becomes the author's words."""
    if isinstance(exc, ReadOnlyFile):
        return Refused(READ_ONLY)
    if isinstance(exc, InvalidValue):
        return Refused(str(exc), exc.reason)
    return Refused(str(exc))


class Touched(NamedTuple):
    """Where the file changed (or was found changed): what the workbench shows anew."""

    entity: str
    entity_id: int
    field: str
    goal_id: int | None = None

    @property
    def structure(self) -> bool:
        """A row came, went or moved: the tree or a table has another shape."""
        return self.field in ("created", "deleted", "position", "parent_id")

    @classmethod
    def of(cls, change: Change) -> Touched:
        return cls(change.entity, change.entity_id, change.field, change.goal_id)


class Stepped(NamedTuple):
    """What an undo or redo did. `done`: the step's changes are undone (redone). Else
    `message` says why not; `dropped`: never possible (the file moved on), so the step
    left the stack and the next ctrl+z takes the one before."""

    changes: tuple[Change, ...] = ()
    done: bool = False
    message: str = ""
    title: str = ""
    dropped: bool = False


Write = Callable[["Store"], Change | Sequence[Change] | None]


class Editor:
    def __init__(
        self, store: Store, on_change: Callable[[list[Touched]], None] | None = None
    ) -> None:
        self.store = store
        self.on_change = on_change or (lambda touched: None)
        self.steps: list[list[Change]] = []
        self.position = 0  # how many of `steps` are applied; the rest can be redone
        self._open: list[Change] | None = None  # the step a compound edit is filling
        self._stale: list[Touched] = []  # found changed during it: shown anew after it
        self._session: str | None = None  # the app state key to move at the first write

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def check_writable(self) -> None:
        """The read-only guard: raises Refused before a dialog asks for anything."""
        if self.store.read_only:
            raise Refused(READ_ONLY)

    def clear(self) -> None:
        """Another report: nothing of this one to undo or redo."""
        self.steps.clear()
        self.position = 0
        self._session: str | None = None

    def resume(self, report_id: int) -> None:
        """A report opened: undo reaches back into the last session that changed it.

        Its changes come from the history, in the steps they were made in (a compound
        edit is one: its changes share a `step`), so ctrl+z after a restart takes them
        back as it would have then, with the same conflict rules. The file's app state
        keeps where that session began; this session's first write moves it.
        """
        self.clear()
        key = f"tui.session.{report_id}"
        since = self.store.state(key) or "0"
        begun = int(since) if since.isdigit() else 0
        for c in self.store.history(report_id, since=begun):
            # A report's creation is history, not an undo step (there is no deleting a report).
            if c.source != "app" or (c.entity, c.field) == ("report", "created"):
                continue
            if c.step is not None and self.steps and self.steps[-1][0].step == c.step:
                self.steps[-1].append(c)
            else:
                self.steps.append([c])
        self.position = len(self.steps)
        self._session = key

    # -- writes -----------------------------------------------------------------

    def apply(self, write: Write) -> list[Change]:
        """Run one store write (its changes one undo step, or part of the open compound).

        Raises Refused, or Conflict when the file holds another value than the one
        shown (nothing written: the caller asks the author).
        """
        self.check_writable()
        try:
            with self.store.batch():  # one transaction: one step in the history too
                result = write(self.store)
        except Conflict:
            raise
        except StoreError as exc:
            raise refusal(exc) from None
        changes = [] if result is None else [result] if isinstance(result, Change) else list(result)
        if changes:
            self._record(changes)
        return changes

    def edit(
        self,
        entity: str,
        entity_id: int,
        field: str,
        value: Any,
        shown: Any,
        *,
        as_was: bool = False,
    ) -> Change | None:
        """Set one field against the value the author was shown (None: it had that value).

        `as_was`: a value picked from the field's history, put back as the file held it.
        """
        try:
            changes = self.apply(
                lambda s: s.update(entity, entity_id, field, value, expected=shown, as_was=as_was)
            )
        except Conflict:
            self._announce([Touched(entity, entity_id, field)])  # show what the file holds
            raise
        return changes[0] if changes else None

    def add(self, entity: str, fields: dict[str, Any]) -> Change:
        """A new row from plain fields, validated by its model; returns the change."""
        from pydantic import ValidationError  # validated: pydantic at the boundary

        e = ENTITIES[entity]
        try:
            model = e.model.model_validate(fields)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = e.labels.get(str(err["loc"][0]), "") if err["loc"] else ""
            reason = str(err["msg"]).removeprefix("Value error, ")
            raise refusal(InvalidValue(where, reason)) from None
        return self.apply(lambda s: s.add(entity, model))[0]

    def delete(self, entity: str, entity_id: int) -> Change:
        return self.apply(lambda s: s.delete(entity, entity_id))[0]

    def restore(self, deletion: Change) -> Change:
        return self.apply(lambda s: s.restore(deletion))[0]

    @contextmanager
    def compound(self) -> Iterator[None]:
        """Several writes as one step: one transaction, one ctrl+z. If one raises, none
        is written and nothing is recorded."""
        if self._open is not None:  # inside another: part of its step
            yield
            return
        self._open, self._stale = [], []
        try:
            with self.store.batch():
                yield
        except BaseException:
            # Rolled back: what the writes before it showed is as it was again.
            touched = [*(Touched.of(c) for c in self._open), *self._stale]
            self._open = None
            if touched:
                self.on_change(touched)
            raise
        step, self._open = self._open, None
        if step:
            self._push(step)

    def _announce(self, touched: list[Touched]) -> None:
        """Say what to show anew; inside a compound edit, once it is over."""
        if self._open is not None:
            self._stale.extend(touched)
        else:
            self.on_change(touched)

    def _record(self, changes: list[Change]) -> None:
        if self._open is not None:
            self._open.extend(changes)
        else:
            self._push(changes)

    def _push(self, step: list[Change]) -> None:
        if self._session is not None:  # this session's first write: it is the last one now
            self.store.set_state(self._session, str((step[0].id or 1) - 1))
            self._session = None
        del self.steps[self.position :]
        self.steps.append(step)
        self.position = len(self.steps)
        self.on_change([Touched.of(c) for c in step])

    # -- undo and redo ------------------------------------------------------------

    def undo(self) -> Stepped:
        if self.position == 0:
            return Stepped(message="Det finns inget att ångra.")
        index = self.position - 1
        step = self.steps[index]
        result = self._step(step, reverse=True)
        if result.done:
            self.position -= 1
        elif result.dropped:
            del self.steps[index]  # never possible now: the older steps stay reachable
            self.position -= 1
        return result

    def redo(self) -> Stepped:
        if self.position >= len(self.steps):
            return Stepped(message="Det finns inget att göra om.")
        step = self.steps[self.position]
        result = self._step(step, reverse=False)
        if result.done:
            self.position += 1
        elif result.dropped:
            del self.steps[self.position]
        return result

    def _step(self, step: list[Change], *, reverse: bool) -> Stepped:
        """Undo (reverse) or redo one step, all its changes in one transaction."""
        verb, infinitive = ("Ångrade", "ångra") if reverse else ("Gjorde om", "göra om")
        title = f"Kunde inte {infinitive}"
        current = step[0]
        try:
            self.check_writable()
            with self.store.batch():
                for current in reversed(step) if reverse else step:
                    (self.store.revert if reverse else self.store.reapply)(current)
        except (Conflict, NotFound, InvalidValue) as exc:
            if isinstance(exc, Conflict):
                now = value_text(current.field, exc.on_disk)
                was = value_text(current.field, exc.shown)
                why = f"{exc.field} har ändrats sedan dess: i filen nu {now!r}, väntat {was!r}."
            else:
                why = f"{exc}."
            key = "ctrl+z ångrar det som kom före" if reverse else "ctrl+y tar nästa"
            self.on_change([Touched.of(c) for c in step])  # show what the file holds
            message = f"{why} Inget ändrades, och steget hoppas över: {key}."
            return Stepped(tuple(step), message=message, title=title, dropped=True)
        except (StoreError, Refused) as exc:  # not now (a lock, a full disk): may be tried again
            return Stepped(tuple(step), message=str(exc), title=title)
        self.on_change([Touched.of(c) for c in step])
        first = step[0]
        more = f" (och {len(step) - 1} ändringar till)" if len(step) > 1 else ""
        return Stepped(tuple(step), True, f"{verb}: {first.subject} – {first.field_label}{more}")
