"""Stored text made safe for the terminal: plain Python, so commands can use it cheaply.

tui.labels re-exports it for the app (it also imports Rich and the models).
"""

from __future__ import annotations

import re

# Bidi embeddings, overrides and isolates: shown by name, never passed to the terminal.
BIDI_NAMES = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
# C0 and C1 controls, DEL, the line/paragraph separators and the bidi characters above.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(char: str, prose: bool) -> str:
    if char in "\n\u2028\u2029":
        return "\n" if prose else " "
    if char == "\t":
        return "    " if prose else " "
    if char in BIDI_NAMES:
        return f"⟨{BIDI_NAMES[char]}⟩"
    return f"\\x{ord(char):02x}"


def printable(text: str, *, prose: bool = False) -> str:
    """A stored text as it may go to the terminal: no control character reaches it raw.

    C0/C1 controls show as a visible escape (\\x9b), bidi overrides and isolates by name
    (⟨RLO⟩); a tab shows as spaces. Prose keeps its line breaks; a one-line text (a title,
    a cell) shows them as spaces. The store keeps the real text; editors edit that.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: _visible(m.group(), prose), text)
