"""Stored text made safe for the terminal: plain Python, so commands can use it cheaply.

tui.labels re-exports it for the app (it also imports Rich and the models).
"""

from __future__ import annotations

import codecs
import io
import re
from typing import Any, TextIO

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


# What a format needs to lay out its text: line breaks (CSV's are CRLF) and tabs.
_LAYOUT = re.compile("(\r\n|\n|\t)")


def printable_output(text: str) -> str:
    """A command's output for a terminal (an export to no file): every line break (CRLF
    shown as LF, a terminal's line break) and tab a format needs stays; any other
    control, in the data, shows as in `printable`."""
    parts = _LAYOUT.split(text)
    # split() with a group: the layout characters are at the odd places.
    return "".join(
        ("\n" if part == "\r\n" else part) if i % 2 else printable(part, prose=True)
        for i, part in enumerate(parts)
    )


class PrintableWriter(io.RawIOBase):
    """A binary stream (UTF-8) a format writes to, shown on `out`, a terminal, printable.

    It goes as it is written: an archive's export starts at once and needs no memory.
    Call `finish` at the end (a last character may wait for the next write).
    """

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._held = ""  # a CR whose LF may come with the next write

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._show(self._decoder.decode(chunk))
        return len(chunk)

    def finish(self) -> None:
        self._show(self._decoder.decode(b"", final=True), final=True)
        self.out.flush()

    def _show(self, text: str, *, final: bool = False) -> None:
        text, self._held = self._held + text, ""
        if text.endswith("\r") and not final:
            text, self._held = text[:-1], "\r"
        if text:
            self.out.write(printable_output(text))
