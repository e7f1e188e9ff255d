"""Edit a text (Analys, Förväntat resultat, Beskrivning, a section's text) in a TextArea.

While the author types, a draft is written every few seconds to the store's drafts
(never to the saved text): after a crash the next start offers it back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from store.errors import StoreError
from tui.dialogs.confirm import ConfirmDialog
from tui.labels import printable

if TYPE_CHECKING:
    from store.store import Store

# The clock drafts are timed by; a test puts its own here to step through the interval.
clock = time.monotonic


@dataclass(frozen=True)
class DraftTarget:
    """Where an editor's drafts go: one field of one row, and the saved text it opened with."""

    store: Store
    entity: str
    entity_id: int
    field: str
    saved: str

    def save(self, text: str) -> None:
        self.store.save_draft(self.entity, self.entity_id, self.field, text, saved=self.saved)

    def discard(self) -> None:
        self.store.discard_draft(self.entity, self.entity_id, self.field)


class TextEditor(ModalScreen[str | None]):
    """Dismisses with the new text (ctrl+s) or None (escape, after asking if changed)."""

    DRAFT_INTERVAL = 3.0  # seconds between drafts (only when the text changed)
    DRAFT_CHECK = 0.5  # how often the clock is looked at

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", priority=True),
        Binding("escape", "cancel", "Avbryt", priority=True),
    ]

    def __init__(
        self,
        title: str,
        text: str,
        *,
        saved: str | None = None,
        draft: DraftTarget | None = None,
        draft_interval: float | None = None,
    ) -> None:
        """`text` is put in the editor; `saved` (default `text`) is what "changed" means.

        A restored draft opens with the draft as `text` and the saved text as `saved`;
        a draft exists already then, and is discarded when the editor closes.
        """
        super().__init__()
        self.title_text = title
        self.start_text = text
        self.original = text if saved is None else saved
        self.draft = draft
        self.draft_interval = draft_interval or self.DRAFT_INTERVAL
        self._last_draft = text
        self._next_draft = 0.0
        self._has_draft = saved is not None and draft is not None
        self._draft_failed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Label(printable(self.title_text), classes="dialog-title", markup=False)
            yield TextArea(self.start_text, id="editor", soft_wrap=True, show_line_numbers=False)
            yield Label("ctrl+s sparar · escape avbryter", classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        if self.draft is not None:
            self._next_draft = clock() + self.draft_interval
            self.set_interval(self.DRAFT_CHECK, self.draft_due, name="draft")

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    # -- drafts -------------------------------------------------------------------

    def draft_due(self) -> None:
        """Every DRAFT_INTERVAL seconds by `clock`: a draft, if the text changed."""
        now = clock()
        if now < self._next_draft:
            return
        self._next_draft = now + self.draft_interval
        self.write_draft()

    def write_draft(self) -> None:
        """Keep what is typed in the drafts, when it changed since the last draft."""
        if self.draft is None or not self.is_attached:
            return
        text = self.text
        if text == self._last_draft:
            return
        try:
            self.draft.save(text)
        except StoreError as exc:
            if not self._draft_failed:  # say it once, not every few seconds
                self._draft_failed = True
                self.notify(
                    printable(f"Utkastet sparades inte: {exc}"), severity="warning", markup=False
                )
            return
        self._last_draft = text
        self._has_draft = True

    def _discard_draft(self) -> None:
        if self.draft is None or not self._has_draft:
            return
        try:
            self.draft.discard()
        except StoreError as exc:
            self.notify(
                printable(f"Utkastet kunde inte tas bort: {exc}"),
                severity="warning",
                markup=False,
            )
            return
        self._has_draft = False

    # -- closing ------------------------------------------------------------------

    def action_save(self) -> None:
        text = self.text
        self._discard_draft()
        self.dismiss(text)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self._discard_draft()
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._discard_draft()
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Texten är ändrad. Kasta ändringarna?", "Kasta", "Fortsätt skriva"),
            answered,
        )
