"""Textual's command palette in Swedish: its prompt, its keys and its "no matches" line.

Textual writes these in English and offers no setting for them; the palette is otherwise
Textual's own. `_start_no_matches_countdown` is private in Textual 8: a test opens the
palette with a query that matches nothing and reads the screen, so an upgrade that changes
it fails a test instead of showing English.
"""

from __future__ import annotations

from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Sök kommandon och mål…"
THEME_PLACEHOLDER = "Sök färgtema…"
NO_MATCHES = "Inga träffar"


class Palette(CommandPalette):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", "Till slutet", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "Till början", show=False),
        Binding("down", "cursor_down", "Nästa kommando", show=False),
        Binding("escape", "escape", "Stäng kommandolistan"),
        Binding("pagedown", "command_list('page_down')", "Nästa sida", show=False),
        Binding("pageup", "command_list('page_up')", "Föregående sida", show=False),
        Binding("up", "command_list('cursor_up')", "Föregående kommando", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("placeholder", PLACEHOLDER)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
