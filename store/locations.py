"""Every path tertial uses by default, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "tertial"


def data_dir() -> Path:
    # TERTIAL_DATA_DIR lets tests (and careful users) keep the real data directory untouched.
    override = os.environ.get("TERTIAL_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_dir() / "tertial.db"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-backups"


def checked_files() -> Path:
    """Large files found sound, by identity (store.integrity): spares a check per write."""
    return data_dir() / "checked-files.json"
