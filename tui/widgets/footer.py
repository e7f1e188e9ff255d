"""The footer: the keys that matter most here, as many as fit, and `?` for all of them.

Textual's footer shows every shown binding in one row and cuts the last at the edge
(at 80 columns in the middle of a word). This one takes the bindings in the action
table's order (tui.actions.ranked: the focused widget's own keys first), keeps those
that fit whole, and always keeps `? Hjälp`, where every key of the context is listed.

It is one widget drawing one line, with the look of Textual's footer (its component
classes' colours), not a widget per key: those were styled and restyled a few hundred
times on the way to the first frame (issue 15, item 10). It is drawn again when the
screen's bindings change and when its width does; a click on a key presses the key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

HELP_ACTION = "help"
# Cells around a key and its words (a space before, between and after them).
_PADDING = 3
# The command palette's key at the right edge, drawn compact ("^p Kommandon"): a
# separator before it, a space after it, and a column of air left of the separator.
_PALETTE_EDGE = 3


class Key(NamedTuple):
    """A key as drawn: columns [x, right) of the footer."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    x: int
    right: int


class FittingFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--separator",
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.keys: list[Key] = []  # as last drawn
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _width(self, binding: Binding) -> int:
        return len(self.app.get_key_display(binding)) + len(binding.description) + _PADDING

    def _palette_width(self, binding: Binding) -> int:
        return len(self.app.get_key_display(binding)) + 1 + len(binding.description)

    def _layout(self, width: int) -> list[Key]:
        """The keys to draw at this width, placed: the most important that fit whole,
        `? Hjälp` after them, the palette's key at the right edge."""
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        keep = first.pop(HELP_ACTION, None)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        room = width
        if palette is not None:
            room -= self._palette_width(palette.binding) + _PALETTE_EDGE
        if keep is not None:
            room -= self._width(keep[0])
        shown = []
        for entry in first.values():
            entry_width = self._width(entry[0])
            if entry_width > room:
                break  # the rest are less important: none jumps ahead of a hidden one
            shown.append(entry)
            room -= entry_width
        if keep is not None:
            shown.append(keep)
        keys = []
        x = 0
        for binding, enabled, tooltip in shown:
            right = x + self._width(binding)
            keys.append(self._key(binding, enabled, tooltip, x, right))
            x = right
        if palette is not None:
            b = palette.binding
            right = width - 1
            x = right - self._palette_width(b)
            keys.append(self._key(b, palette.enabled, b.tooltip or b.description, x, right))
        return keys

    def _key(self, binding: Binding, enabled: bool, tooltip: str, x: int, right: int) -> Key:
        display = self.app.get_key_display(binding)
        return Key(binding.key, display, binding.description, binding.action, enabled, tooltip, x, right)  # fmt: skip

    def render(self) -> Text:
        width = self.size.width
        self.keys = keys = self._layout(width)
        key_style = self.get_component_rich_style("footer-key--key")
        words_style = self.get_component_rich_style("footer-key--description")
        hover = self.get_component_rich_style("footer-key--hover")
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, key in enumerate(keys):
            palette = key is keys[-1] and key.action == "command_palette"
            if palette:
                line.append(" " * (key.x - 1 - line.cell_len))
                line.append("▏", self.get_component_rich_style("footer-key--separator"))
            start = len(line)
            shown = (key.key_display, f" {key.description}") if palette else (f" {key.key_display} ", f"{key.description} ")  # fmt: skip
            if index == self._hover and key.enabled:
                # Textual's hover: the key's colour on the hover background, for the whole key.
                line.append(shown[0], hover + Style(bold=key_style.bold))
                line.append(shown[1], hover)
            else:
                line.append(shown[0], key_style)
                line.append(shown[1], words_style)
            if not key.enabled:
                line.stylize(Style(dim=True), start)
        line.append(" " * (width - line.cell_len))
        return line

    def _at(self, x: int) -> int | None:
        return next((i for i, k in enumerate(self.keys) if k.x <= x < k.right), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = self.keys[index].tooltip or None if index is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._at(event.x)
        if index is None:
            return
        key = self.keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
