"""Cyclic garbage collection held off while the workbench starts (issue 15, item 10).

Starting allocates a great many long-lived objects (modules, records, Textual's
styles and widgets) and frees few, so each collection on the way to the first frame
scans a growing heap for nothing: about 180 of them, 40-60 ms on 2 cores. `tertial
FIL` holds collection from its start; the first screen releases it once it is drawn,
and the command in any case when the workbench ends. Reference counting frees
everything else as always; only cycles wait those few hundred milliseconds.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from functools import partial

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


# What the first write validates with (store/validation.py): pydantic, then the twins
# of what an author edits. Each step is its own callback, so a key pressed meanwhile
# waits for one step at most.
_WARM_STEPS = (
    "pydantic",
    "store.validation",
)


def warm_validation(later: Callable[[Callable[[], object]], object]) -> None:
    """Import and build, once the workbench is drawn and idle, what the first write
    would otherwise pay for (about 80 ms): a refused or saved value then answers as
    quickly as every later one. `later` runs a callback on the next turn of the loop."""
    steps: list[Callable[[], object]] = [
        partial(importlib.import_module, name) for name in _WARM_STEPS
    ]
    steps.append(_build_twins)

    def step() -> None:
        steps.pop(0)()
        if steps:
            later(step)

    later(step)


def _build_twins() -> None:
    from store.entities import ENTITIES
    from store.models import Change
    from store.validation import twin_of

    # What a write validates: the edited row's model, and the change it records.
    for record in (*(e.model for e in ENTITIES.values()), Change):
        twin_of(record)
