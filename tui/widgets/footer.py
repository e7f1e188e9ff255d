"""The footer: the keys that matter most here, as many as fit, and `?` for all of them.

Textual's footer shows every shown binding in one row and cuts the last at the edge
(at 80 columns in the middle of a word). This one takes the bindings in the action
table's order (tui.actions.ranked: the focused widget's own keys first), keeps those
that fit whole, and always keeps `? Hjälp`, where every key of the context is listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

HELP_ACTION = "help"
# Cells around a key and its words (a space before, between and after them).
_PADDING = 3
# The command palette's key at the right edge, with its separator.
_PALETTE = 15


class FittingFooter(Footer):
    _composed: tuple[object, ...] | None = None  # what the keys shown were built from

    def _width(self, binding: Binding) -> int:
        return len(self.app.get_key_display(binding)) + len(binding.description) + _PADDING

    def _keys(self) -> list[tuple[Binding, bool, str, str]]:
        """(binding, enabled, tooltip, classes) of each key to show, in order."""
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip, "")
        keep = first.pop(HELP_ACTION, None)
        room = self.size.width or self.app.size.width
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        if palette:
            room -= _PALETTE
        if keep is not None:
            room -= self._width(keep[0])
        shown = []
        for entry in first.values():
            width = self._width(entry[0])
            if width > room:
                break  # the rest are less important: none jumps ahead of a hidden one
            shown.append(entry)
            room -= width
        if keep is not None:
            shown.append(keep)
        if palette and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            tooltip = binding.tooltip or binding.description
            shown.append((binding, enabled, tooltip, "-command-palette"))
        return shown

    def _signature(self, keys: list[tuple[Binding, bool, str, str]]) -> tuple[object, ...]:
        return tuple(
            (b.key, self.app.get_key_display(b), b.description, b.action, *rest)
            for b, *rest in keys
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys = self._keys()
        self._composed = self._signature(keys)
        self.styles.grid_size_columns = sum(1 for *_, classes in keys if not classes)
        for binding, enabled, tooltip, classes in keys:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes=classes,
                disabled=not enabled,
                tooltip=tooltip,
            )
            yield key if classes else key.data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen) -> None:
        # As Footer's, but built again only when the keys to show differ: the screen
        # settling at start (mount, focus, the first goal shown) sends five changes.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def on_resize(self) -> None:
        self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        # Every change asks (none waits on another's callback, which a screen closed
        # before its next refresh would drop); the first with new keys builds them.
        if not self.is_attached:
            return
        keys = self._signature(self._keys())
        if keys != self._composed:
            self._composed = keys  # the others of this frame see them as built
            await self.recompose()
