"""The footer: the keys that matter most here, as many as fit, and `?` for all of them.

Textual's footer shows every shown binding in one row and cuts the last at the edge
(at 80 columns in the middle of a word). This one takes the bindings in the action
table's order (tui.actions.ranked: the focused widget's own keys first), keeps those
that fit whole, and always keeps `? Hjälp`, where every key of the context is listed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"
# Cells around a key and its words (a space before, between and after them).
_PADDING = 3
# The command palette's key at the right edge, with its separator.
_PALETTE = 15


class FittingFooter(Footer):
    def _width(self, binding: Binding) -> int:
        return len(self.app.get_key_display(binding)) + len(binding.description) + _PADDING

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        keep = first.pop(HELP_ACTION, None)
        room = self.size.width or self.app.size.width
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
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
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip in shown:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            try:
                _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                return
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
