"""Edit a text (Analys, Förväntat resultat, Beskrivning, a section's text) in a TextArea.

While the author types, a draft is written every few seconds to the store's drafts
(never to the saved text): after a crash the next start offers it back.

ctrl+s saves from here, and the editor closes only once the text is in the file: a
refused save (the file locked by another program, a value the model refuses) keeps the
editor open with the text and the reason, and the draft is thrown away only after the
text is saved, or when the author discards it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from store.errors import Conflict, StoreError
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.conflict import Commit, ConflictDialog
from tui.labels import printable

if TYPE_CHECKING:
    from store.store import Store

# What a report's prose never holds (the model refuses it): C0 controls but tab and
# newline, and DEL. Text copied from a terminal brings whole escape sequences (colours,
# titles): those go as one, so no "[31m" is left behind.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, links
    r"|[\x00-\x08\x0b-\x1f\x7f]"
)


def without_controls(text: str) -> tuple[str, int]:
    """Text as prose: Windows line ends made newlines, other controls removed (and counted)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.subn("", text)


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


class ProseArea(TextArea):
    """A TextArea that takes pasted text as prose: control characters never get in."""

    @dataclass
    class Cleaned(Message):
        """Pasted text had `removed` control characters, left out."""

        removed: int

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the text as it came
        self.insert_pasted(event.text)
        self.focus()

    def action_paste(self) -> None:
        self.insert_pasted(self.app.clipboard)

    def insert_pasted(self, text: str) -> None:
        if self.read_only:
            return
        clean, removed = without_controls(text)
        if removed:
            self.post_message(self.Cleaned(removed))
        result = self.replace(clean, *self.selection, maintain_selection_offset=False)
        self.move_cursor(result.end_location)


class TextEditor(ModalScreen[str | None]):
    """Dismisses with the saved text (ctrl+s) or None (escape, after asking if changed)."""

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
        commit: Commit,
        *,
        saved: str | None = None,
        draft: DraftTarget | None = None,
        draft_interval: float | None = None,
    ) -> None:
        """`text` is put in the editor; `saved` (default `text`) is what "changed" means.

        `commit` saves the text against the saved text the author began from.
        A restored draft opens with the draft as `text` and the saved text as `saved`;
        a draft exists already then, and is discarded once the text is saved.
        """
        super().__init__()
        self.title_text = title
        self.start_text = text
        self.original = text if saved is None else saved
        self.shown = self.original  # what the file held as far as the author knows
        self.commit = commit
        self.draft = draft
        self.draft_interval = draft_interval or self.DRAFT_INTERVAL
        self._last_draft = text
        self._next_draft = 0.0
        self._has_draft = saved is not None and draft is not None
        self._draft_failed = False
        self._done = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Label(printable(self.title_text), classes="dialog-title", markup=False)
            yield ProseArea(self.start_text, id="editor", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="editor-error")
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

    def show_error(self, message: str) -> None:
        error = self.query_one("#editor-error", Static)
        error.update(Text(printable(f"✗ {message}", prose=True), style="bold red"))
        error.add_class("shown")

    def on_prose_area_cleaned(self, event: ProseArea.Cleaned) -> None:
        event.stop()
        self._say_cleaned(event.removed, "det inklistrade")

    def _say_cleaned(self, removed: int, where: str) -> None:
        what = "Ett styrtecken" if removed == 1 else f"{removed} styrtecken"
        self.notify(f"{what} i {where} togs bort.", title="Styrtecken", markup=False)

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
        if self.draft is None or self._done or not self.is_attached:
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

    def _finish(self, result: str | None) -> None:
        """The text is in the file, or the author let it go: the draft goes too."""
        self._done = True  # no draft after this, whatever the timer says
        self._discard_draft()
        self.dismiss(result)

    def action_save(self) -> None:
        text, removed = without_controls(self.text)
        if removed:  # not pasted (the area cleans that): came with the text itself
            area = self.query_one(TextArea)
            area.replace(text, (0, 0), area.document.end)
            self._say_cleaned(removed, "texten")
        if text == self.original:
            self._finish(None)  # nothing changed: nothing to write
            return
        self.save(text)

    def save(self, text: str) -> None:
        self.query_one("#editor-error", Static).remove_class("shown")
        try:
            reason = self.commit(text, self.shown)
        except Conflict as exc:
            self.ask(exc, text)
            return
        if reason is not None:
            self.show_error(f"Sparades inte: {reason}")
            return
        self._finish(text)

    def ask(self, exc: Conflict, text: str) -> None:
        """Pushed from here, so the answer comes back to this editor, which still holds the text."""

        def answered(choice: str | None) -> None:
            if choice == "mine":
                self.shown = exc.on_disk
                self.save(text)
            elif choice == "theirs":
                self._finish(None)

        dialog = ConflictDialog(exc.field, exc.on_disk, text, back="texten")
        self.app.push_screen(dialog, answered)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self._finish(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._finish(None)

        self.app.push_screen(
            ConfirmDialog("Texten är ändrad. Kasta ändringarna?", "Kasta", "Fortsätt skriva"),
            answered,
        )
