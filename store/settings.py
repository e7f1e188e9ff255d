"""The author's own settings, kept between sessions in a small JSON file per user
(store.locations.settings_file), not in a report's file: the export folder is the
author's, whichever file they have open, and a read-only file remembers nothing.

Reading never fails (a missing or damaged file is no settings); writing is one
os.replace, so a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from store.locations import documents_dir, settings_file

EXPORT_FOLDER = "export_folder"


def load() -> dict[str, Any]:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(key: str, value: Any) -> None:
    """Set one setting; OSError when the file cannot be written (the caller says so)."""
    path = settings_file()
    data = load()
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def export_folder() -> Path:
    """The folder of the last export, while it still exists; else Documents (or home)."""
    saved = load().get(EXPORT_FOLDER)
    if isinstance(saved, str) and saved:
        folder = Path(saved)
        try:
            if folder.is_dir():
                return folder
        except OSError:  # a network drive that is not there today
            pass
    return documents_dir()


def remember_export_folder(folder: Path) -> None:
    save(EXPORT_FOLDER, str(folder))
