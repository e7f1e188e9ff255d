"""The `tertial` command: picks the subcommand and turns every failure into one line.

Each subcommand family lives in its own module (tui/*_cli.py), imported only when used,
and shares what it needs through tui.cli_common; none imports this module. Only
`tertial [PATH]` imports Textual.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from collections.abc import Callable, Sequence

from store.errors import NewerSchema, NotATertialFile, StoreError
from tui.cli_common import EXIT_BAD_INPUT, CliError, fail

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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _command(*SUBCOMMANDS[argv[0]])(argv[1:])
        return _command(*APP)(argv)
    except CliError as exc:
        return fail(str(exc), exc.code)
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
