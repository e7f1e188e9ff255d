"""The `tertial` command: picks the subcommand and turns every failure into one line.

Each subcommand family lives in its own module (tui/*_cli.py), imported only when used,
and shares what it needs through tui.cli_common; none imports this module. Only
`tertial [PATH]` imports Textual.
"""

from __future__ import annotations

import importlib
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence

from store.errors import NewerSchema, NotATertialFile, StoreError
from tui.cli_common import EXIT_BAD_INPUT, CliError, fail, run
from tui.startup import hold_gc, release_gc

# name → (module, function); a new subcommand is one more line here (and the README).
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "init": ("tui.file_cli", "cmd_init"),
    "reports": ("tui.file_cli", "cmd_reports"),
    "new": ("tui.report_cli", "cmd_new"),
    "export": ("tui.export_cli", "cmd_export"),
    "import": ("tui.import_cli", "cmd_import"),
    "history": ("tui.file_cli", "cmd_history"),
    "backup": ("tui.file_cli", "cmd_backup"),
    "check": ("tui.check_cli", "cmd_check"),
}
# `tertial [PATH]`: the workbench.
APP = ("tui.file_cli", "cmd_app")


def _command(module: str, func: str) -> Callable[[Sequence[str]], int]:
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def _terminated(signum: int, frame: object) -> None:
    # Unwinds like ctrl+c, so every `finally` runs: an export's temporary file is removed.
    raise SystemExit(128 + signum)


def _with_cleanup_on_sigterm(call: Callable[[], int]) -> int:
    """SIGINT already raises KeyboardInterrupt; SIGTERM would end without any cleanup."""
    if threading.current_thread() is not threading.main_thread():
        return call()  # signals reach only the main thread (an embedding program)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return call()
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            command = _command(*SUBCOMMANDS[argv[0]])
            return _with_cleanup_on_sigterm(lambda: run(lambda: command(argv[1:])))
        hold_gc()  # until the first frame (tui.startup)
        try:
            return _command(*APP)(argv)
        finally:
            release_gc()
    except CliError as exc:
        return fail(str(exc), exc.code, exc.prog)
    except (NotATertialFile, NewerSchema) as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    except StoreError as exc:
        return fail(str(exc), 1)
    except sqlite3.DatabaseError as exc:
        # A damaged page in a large file, found where it was read.
        return fail(f"filen är skadad och kan inte läsas ({exc})", EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
