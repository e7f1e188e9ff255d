"""The workbench's verbs: what happens after a key, from the question to the write.

Each module holds one family of verbs as functions over a `Workbench` (the screen, seen
through a small protocol: tui/verbs/workbench.py). A verb opens its dialog, writes
through the screen's Editor, and shows where the change went; the Editor announces
what it touched and the screen updates the widgets that show it. The dialogs and the
export code are imported where a verb opens them: the first frame needs none of them.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def __getattr__(name: str) -> ModuleType:
    """`verbs.editing` imports tui.verbs.editing when first used (PEP 562): the screen
    names its verbs without importing them before its first frame (issue 15, item 10)."""
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(name) from None
