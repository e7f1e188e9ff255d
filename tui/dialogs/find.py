"""Find: titles, names and every text; results as you type, `enter` jumps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.search import KIND_LABELS, SearchHit
from tui.labels import shorten

if TYPE_CHECKING:
    from store.search_reader import SearchReader


def hit_prompt(hit: SearchHit, width: int = 70, goal: str = "") -> Text:
    """Kind, title and, for a hit in the text, where it was found; a row names its goal.

    Two indicators may share a name ("Antal ärenden"): the goal under each tells them apart.
    """
    room = max(10, width - 10)
    text = Text(f"{KIND_LABELS[hit.kind]:<10}", style="italic cyan")
    if goal:
        text.append(shorten(goal, room), style="dim")
        text.append("\n" + " " * 10)
    if not hit.snippet:
        text.append(shorten(hit.title, room), style="bold")
        return text
    title = shorten(hit.title, min(24, room // 3))
    text.append(title)
    text.append(" · ", style="dim")
    snippet = hit.snippet
    first = snippet.find("[")
    if first > 12:  # start just before the first match, so it is in view
        snippet = "…" + snippet[first - 10 :].lstrip("…")
    snippet = shorten(snippet, room - len(title) - 3)
    for i, part in enumerate(snippet.replace("]", "[").split("[")):
        text.append(part, style="reverse" if i % 2 else "")
    return text


class FindDialog(ModalScreen[SearchHit | None]):
    """Results as you type. With a `reader` (its own connection to the file) each query is
    searched in a thread worker, the latest one winning, so typing never waits for a
    search; `search` (on the store's connection) is for `enter` before the answer came,
    and for files where no second connection can be had."""

    BINDINGS = [
        Binding("escape", "cancel", "Stäng"),
        Binding("down", "to_list", "Till resultaten", show=False),
    ]

    @dataclass
    class Found(Message):
        """A worker's answer for `query`."""

        query: str
        hits: list[SearchHit]

    def __init__(
        self,
        search: Callable[[str], list[SearchHit]],
        query: str = "",
        goal_label: Callable[[int], str] | None = None,
        reader: SearchReader | None = None,
    ) -> None:
        super().__init__()
        self.search = search
        self.reader = reader
        self.goal_label = goal_label
        self.query_text = query
        self.hits: list[SearchHit] = []
        self.shown_query = ""  # the query `hits` answer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog find"):
            yield Label("Sök i rapporten", classes="dialog-title")
            yield Input(
                self.query_text, placeholder="mål, indikator, aktivitet, text…", id="find-input"
            )
            yield OptionList(id="find-results")
            yield Label("", id="find-status", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self._update(self.query_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, text: str) -> None:
        self.query_text = text
        if self.reader is None or not text.strip():
            self._show(text, self.search(text) if text.strip() else [])
            return
        self.reader.interrupt()  # the search under way answers an older query
        self.run_worker(
            lambda: self._search_in_thread(text), thread=True, exclusive=True, group="find"
        )

    def _search_in_thread(self, text: str) -> None:
        assert self.reader is not None
        hits = self.reader(text)
        if hits is not None and not get_current_worker().is_cancelled:
            self.post_message(self.Found(text, hits))

    def on_find_dialog_found(self, message: FindDialog.Found) -> None:
        message.stop()
        if message.query == self.query_text:  # an older answer arriving late is dropped
            self._show(message.query, message.hits)

    def on_unmount(self) -> None:
        if self.reader is not None:
            self.reader.close()

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        self.hits, self.shown_query = hits, text
        results = self.query_one(OptionList)
        results.clear_options()
        # The dialog is 70 wide (or 95 % of the terminal); borders and scrollbar take 8.
        width = max(20, min(70, int(self.app.size.width * 0.95)) - 8)
        results.add_options([Option(hit_prompt(h, width, self._goal(h))) for h in self.hits])
        if self.hits:
            results.highlighted = 0
        n = len(self.hits)
        status = f"{n} träffar · enter går dit · ↓ välj" if n else ("Inga träffar" if text else "")
        self.query_one("#find-status", Label).update(status)

    def _goal(self, hit: SearchHit) -> str:
        if hit.kind not in ("indicator", "activity") or hit.goal_id is None:
            return ""
        return self.goal_label(hit.goal_id) if self.goal_label else ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown_query != self.query_text and self.query_text.strip():
            # Enter before the worker answered: what was typed, found now.
            self._show(self.query_text, self.search(self.query_text))
        self._go(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._go(event.option_index)

    def _go(self, index: int | None) -> None:
        if self.hits:
            self.dismiss(self.hits[index or 0])

    def action_to_list(self) -> None:
        if self.hits:
            self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
