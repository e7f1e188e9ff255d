"""Cyclic garbage collection held off while the workbench starts (issue 15, item 10).

Starting allocates a great many long-lived objects (modules, pydantic models, Textual's
styles and widgets) and frees few, so each collection on the way to the first frame
scans a growing heap for nothing: about 180 of them, 40-60 ms on 2 cores. `tertial
FIL` holds collection from its start; the first screen releases it once it is drawn,
and the command in any case when the workbench ends. Reference counting frees
everything else as always; only cycles wait those few hundred milliseconds.
"""

from __future__ import annotations

import gc

_held = False


def hold_gc() -> None:
    """Off until `release_gc`; a program that already turned it off keeps it off."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_gc() -> None:
    """On again if `hold_gc` turned it off; otherwise nothing.

    What starting built (modules, classes, styles, the screen) is frozen first: it
    lives as long as the program, and scanning it once turned on would cost the first
    key press the collections the start skipped (a generation of all of it, 30 ms).
    """
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
